// Practice "Verify you are human" widget: ticking the box verifies with the practice
// server, then tells the parent page (postMessage) so it can enable its buttons.
(function () {
  "use strict";
  var widget = document.getElementById("human-widget");
  var box = document.getElementById("human-checkbox");
  var ok = document.getElementById("human-ok");
  if (!widget || !box) { return; }
  box.addEventListener("change", function () {
    if (!box.checked) {
      window.parent.postMessage({ type: "practice-human-check", token: "" }, window.location.origin);
      if (ok) { ok.hidden = true; }
      return;
    }
    var token = widget.getAttribute("data-token");
    fetch("/challenge/human", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ token: token })
    }).then(function (response) {
      if (!response.ok) { box.checked = false; return; }
      box.disabled = true;
      if (ok) { ok.hidden = false; }
      window.parent.postMessage({ type: "practice-human-check", token: token }, window.location.origin);
    });
  });
})();
