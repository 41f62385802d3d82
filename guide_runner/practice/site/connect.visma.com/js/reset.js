// New password: each rule turns green while typing; mismatch and rule errors.
(function () {
  "use strict";
  var rules = {
    length: function (p) { return p.length >= 8; },
    upper: function (p) { return /\p{Lu}/u.test(p); },
    lower: function (p) { return /\p{Ll}/u.test(p); },
    digit: function (p) { return /\p{Nd}/u.test(p); },
    special: function (p) { return /[^\p{L}\p{N}\s]/u.test(p); }
  };
  var form = document.getElementById("reset-form");
  var pw = document.getElementById("NewPassword");
  var confirm = document.getElementById("ConfirmPassword");
  var mismatch = document.getElementById("mismatch-error");
  var rulesError = document.getElementById("rules-error");
  if (!form || !pw || !confirm) { return; }

  function allMet() {
    var met = true;
    document.querySelectorAll("#password-rules .rule").forEach(function (item) {
      var check = rules[item.getAttribute("data-rule")];
      var ok = check ? check(pw.value) : true;
      met = met && ok;
      item.classList.toggle("met", ok);
      item.setAttribute("data-met", ok ? "true" : "false");
      var state = item.querySelector(".rule-state");
      if (state) {
        state.textContent = state.getAttribute(ok ? "data-met-text" : "data-unmet-text");
      }
    });
    return met;
  }

  function showMismatch() {
    var differ = confirm.value.length > 0 && confirm.value !== pw.value;
    if (mismatch) { mismatch.hidden = !differ; }
    confirm.setAttribute("aria-invalid", differ ? "true" : "false");
    return differ;
  }

  pw.addEventListener("input", function () {
    if (allMet() && rulesError) { rulesError.hidden = true; }
    showMismatch();
  });
  confirm.addEventListener("input", showMismatch);
  form.addEventListener("submit", function (event) {
    var met = allMet();
    var differ = confirm.value !== pw.value;
    if (rulesError) { rulesError.hidden = met; }
    if (mismatch) { mismatch.hidden = !differ || !met; }
    if (!met || differ) { event.preventDefault(); }
  });
  allMet();
})();
