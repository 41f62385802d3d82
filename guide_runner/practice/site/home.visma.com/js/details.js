// My details: disable two-step (password -> code or one-time code) and enable it (wizard).
(function () {
  "use strict";
  function $(id) { return document.getElementById(id); }
  function post(url, data) {
    return fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(data || {})
    }).then(function (response) {
      return response.json().then(function (body) { return { ok: response.ok, data: body }; });
    });
  }
  function show(view, views) {
    views.forEach(function (id) { $(id).hidden = id !== view; });
  }

  var status = $("two-step-status");
  var disableButton = $("disable-2sv-button");
  var enableButton = $("enable-2sv-button");
  function setState(on) {
    disableButton.hidden = !on;
    enableButton.hidden = on;
    status.textContent = status.getAttribute(on ? "data-on-text" : "data-off-text");
  }

  document.querySelectorAll("[data-close]").forEach(function (button) {
    button.addEventListener("click", function () { $(button.getAttribute("data-close")).close(); });
  });
  document.querySelectorAll("input[data-enables]").forEach(function (box) {
    box.addEventListener("change", function () { $(box.getAttribute("data-enables")).disabled = !box.checked; });
  });

  // Disable: password first.
  disableButton.addEventListener("click", function () {
    $("home-password").value = "";
    $("pw-error").hidden = true;
    $("pw-dialog").showModal();
  });
  $("pw-form").addEventListener("submit", function (event) {
    event.preventDefault();
    post("/api/2sv/password", { password: $("home-password").value }).then(function (result) {
      if (!result.ok) { $("pw-error").hidden = false; return; }
      $("pw-dialog").close();
      $("app-code").value = "";
      $("one-time-code").value = "";
      $("code-error").hidden = true;
      show("app-code-form", ["app-code-form", "method-view", "one-time-form"]);
      $("code-dialog").showModal();
    });
  });
  $("lost-phone-button").addEventListener("click", function () {
    $("code-error").hidden = true;
    show("method-view", ["app-code-form", "method-view", "one-time-form"]);
  });
  $("one-time-method-button").addEventListener("click", function () {
    show("one-time-form", ["app-code-form", "method-view", "one-time-form"]);
    $("one-time-code").focus();
  });
  function disableWith(method, code) {
    post("/api/2sv/disable", { method: method, code: code }).then(function (result) {
      if (!result.ok) { $("code-error").hidden = false; return; }
      $("code-dialog").close();
      setState(false);
    });
  }
  $("app-code-form").addEventListener("submit", function (event) {
    event.preventDefault();
    disableWith("app", $("app-code").value);
  });
  $("one-time-form").addEventListener("submit", function (event) {
    event.preventDefault();
    disableWith("one_time", $("one-time-code").value);
  });

  // Enable: intro -> QR + setup code -> 6-digit code -> new one-time code -> done.
  var steps = ["wizard-intro", "wizard-qr", "wizard-newcode"];
  enableButton.addEventListener("click", function () {
    show("wizard-intro", steps);
    $("wizard-code").value = "";
    $("wizard-error").hidden = true;
    $("wizard-stored").checked = false;
    $("wizard-finish").disabled = true;
    $("wizard-dialog").showModal();
  });
  $("wizard-next").addEventListener("click", function () {
    post("/api/2sv/enable/start").then(function (result) {
      if (!result.ok) { return; }
      $("qr-image").src = result.data.qr;
      $("setup-code").textContent = result.data.setup_code;
      show("wizard-qr", steps);
      $("wizard-code").focus();
    });
  });
  $("wizard-qr").addEventListener("submit", function (event) {
    event.preventDefault();
    post("/api/2sv/enable/verify", { code: $("wizard-code").value }).then(function (result) {
      if (!result.ok) { $("wizard-error").hidden = false; return; }
      $("wizard-one-time-code").textContent = result.data.one_time_code;
      show("wizard-newcode", steps);
    });
  });
  $("wizard-newcode").addEventListener("submit", function (event) {
    event.preventDefault();
    post("/api/2sv/enable/finish").then(function (result) {
      if (!result.ok) { return; }
      $("wizard-dialog").close();
      setState(true);
    });
  });
})();
