// Forgot password: both buttons stay disabled until the human check in the iframe passes.
(function () {
  "use strict";
  var buttons = ["ResetPasswordButton", "OneTimeLinkButton"].map(function (id) {
    return document.getElementById(id);
  });
  var token = document.getElementById("HumanToken");
  window.addEventListener("message", function (event) {
    if (event.origin !== window.location.origin) { return; }
    var data = event.data || {};
    if (data.type !== "practice-human-check") { return; }
    if (token) { token.value = data.token || ""; }
    buttons.forEach(function (button) { if (button) { button.disabled = !data.token; } });
  });
})();
