// Shared behaviour of the practice Visma Connect pages: cookie banner, language menu,
// client-side email check, passkey note, "I have stored this code" gating.
(function () {
  "use strict";
  var year = 60 * 60 * 24 * 365;

  function setCookie(name, value, extra) {
    document.cookie = name + "=" + value + "; path=/; max-age=" + year + "; secure; samesite=lax" + (extra || "");
  }

  var hide = document.getElementById("CookieHideButton");
  if (hide) {
    hide.addEventListener("click", function () {
      setCookie(".cookieInformation", "true");
      var overlay = document.getElementById("cookie-overlay");
      if (overlay) { overlay.remove(); }
    });
  }

  var toggle = document.getElementById("language-dropdown-toggle");
  var menu = document.getElementById("language-dropdown-menu");
  if (toggle && menu) {
    toggle.addEventListener("click", function (event) {
      event.preventDefault();
      var open = menu.hidden;
      menu.hidden = !open;
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      if (open) {
        var first = menu.querySelector("[role=menuitem]");
        if (first) { first.focus(); }
      }
    });
    menu.addEventListener("click", function (event) {
      var item = event.target.closest("[data-footer-lang-code]");
      if (!item) { return; }
      event.preventDefault();
      var code = item.getAttribute("data-footer-lang-code");
      // The choice is kept in .AspNetCore.Culture (REAL); shared by every *.visma.com host.
      setCookie(".AspNetCore.Culture", "c=" + code + "|uic=" + code, "; domain=visma.com");
      var url = new URL(window.location.href);
      url.searchParams.delete("ui_locales");
      if (url.pathname === "/login/password") { url.pathname = "/password"; }
      if (url.pathname === "/totp/auth") { url.pathname = "/totp"; }
      window.location.replace(url.toString());
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && !menu.hidden) {
        menu.hidden = true;
        toggle.setAttribute("aria-expanded", "false");
        toggle.focus();
      }
    });
  }

  var username = document.getElementById("Username");
  var error = document.getElementById("ErrorMessage");
  if (username && error) {
    username.addEventListener("invalid", function () { error.classList.remove("hidden"); error.hidden = false; });
    username.addEventListener("input", function () { error.classList.add("hidden"); error.hidden = true; });
  }

  var passkey = document.getElementById("passkey-login-button");
  var passkeyNote = document.getElementById("passkey-note");
  if (passkey && passkeyNote) {
    passkey.addEventListener("click", function () {
      passkeyNote.classList.remove("hidden");
      passkeyNote.hidden = false;
    });
  }

  document.querySelectorAll("input[data-enables]").forEach(function (box) {
    var target = document.getElementById(box.getAttribute("data-enables"));
    if (!target) { return; }
    var sync = function () { target.disabled = !box.checked; };
    box.addEventListener("change", sync);
    sync();
  });
})();
