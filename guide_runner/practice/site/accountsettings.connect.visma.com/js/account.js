// Account Settings: remove the linked electronic ID (trash -> Ja/Nei -> password).
(function () {
  "use strict";
  var trash = document.getElementById("remove-eid-button");
  var confirmDialog = document.getElementById("confirm-dialog");
  var pwDialog = document.getElementById("password-dialog");
  var pwForm = document.getElementById("password-form");
  var pwInput = document.getElementById("confirm-password");
  var pwError = document.getElementById("pw-error");
  var status = document.getElementById("eid-status");
  if (!trash || !confirmDialog || !pwDialog) { return; }

  trash.addEventListener("click", function () { confirmDialog.showModal(); });
  document.getElementById("confirm-no").addEventListener("click", function () { confirmDialog.close(); });
  document.getElementById("confirm-yes").addEventListener("click", function () {
    confirmDialog.close();
    pwInput.value = "";
    pwError.hidden = true;
    pwDialog.showModal();
    pwInput.focus();
  });
  document.getElementById("pw-cancel").addEventListener("click", function () { pwDialog.close(); });
  pwForm.addEventListener("submit", function (event) {
    event.preventDefault();
    fetch("/api/eid/remove", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ password: pwInput.value })
    }).then(function (response) {
      return response.json().then(function (data) { return { ok: response.ok, data: data }; });
    }).then(function (result) {
      if (!result.ok) {
        pwError.hidden = false;
        pwInput.setAttribute("aria-invalid", "true");
        pwInput.select();
        return;
      }
      pwDialog.close();
      var row = document.getElementById("eid-row");
      if (row) { row.remove(); }
      document.getElementById("no-eid-after").hidden = false;
      status.textContent = result.data.message;
    });
  });
})();
