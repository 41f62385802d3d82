// Visma.net user menu: the person's name (top right) opens "My details" / "Sign out".
(function () {
  "use strict";
  var button = document.getElementById("user-menu-button");
  var menu = document.getElementById("user-menu");
  if (!button || !menu) { return; }
  function setOpen(open) {
    menu.hidden = !open;
    button.setAttribute("aria-expanded", open ? "true" : "false");
  }
  button.addEventListener("click", function (event) {
    event.stopPropagation();
    setOpen(menu.hidden);
    if (!menu.hidden) {
      var first = menu.querySelector("[role=menuitem]");
      if (first) { first.focus(); }
    }
  });
  document.addEventListener("click", function (event) {
    if (!menu.hidden && !menu.contains(event.target)) { setOpen(false); }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !menu.hidden) { setOpen(false); button.focus(); }
  });
})();
