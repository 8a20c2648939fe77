/* Wizard: show/hide conditional fields (the server decides again on save) and autosave the draft. */
(function () {
  "use strict";
  var form = document.getElementById("lk-wizard-form");
  if (!form) return;

  function currentValues(name) {
    var inputs = form.querySelectorAll('[name="' + name + '"]');
    if (!inputs.length) return null; // a field of another step: the server has decided already
    var values = [];
    inputs.forEach(function (el) {
      if (el.type === "checkbox" || el.type === "radio") {
        if (el.checked) values.push(el.type === "checkbox" && el.value === "on" ? "True" : el.value);
      } else {
        values.push(el.value);
      }
    });
    return values;
  }

  function applyConditions() {
    form.querySelectorAll("[data-lk-field][data-lk-condition]").forEach(function (box) {
      var values = currentValues(box.getAttribute("data-lk-condition"));
      if (values === null) return;
      var show = values.indexOf(box.getAttribute("data-lk-equals")) !== -1;
      if (show) box.removeAttribute("data-lk-hidden");
      else box.setAttribute("data-lk-hidden", "");
    });
  }
  form.addEventListener("change", applyConditions);
  form.addEventListener("input", applyConditions);
  applyConditions();

  // After a failed step: bring the first field with an error into view.
  var firstError = form.querySelector(".lk-field--error input, .lk-field--error select, .lk-field--error textarea");
  if (firstError) firstError.focus();

  // Autosave: a quiet POST of the step's fields a moment after typing stops.
  var saved = document.querySelector("[data-lk-saved]");
  var timer = null;
  function autosave() {
    var data = new FormData(form);
    data.set("action", "autosave");
    form.querySelectorAll("input[type=file]").forEach(function (el) { data.delete(el.name); });
    // Not form.action: the buttons named "action" shadow that property (it would post to
    // «[object RadioNodeList]»).
    fetch(form.getAttribute("action") || window.location.pathname, { method: "POST", body: data, credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
      .then(function (r) {
        if (r.status === 409) { window.location.reload(); return; }  // submitted from another tab
        if (r.ok && saved) { saved.hidden = false; }
      })
      .catch(function () {});
  }
  form.addEventListener("input", function (event) {
    if (event.target.type === "file") return;
    if (saved) saved.hidden = true;
    clearTimeout(timer);
    timer = setTimeout(autosave, 1500);
  });
  // Submitting the application: one request only, and the page says it is on its way. The button is
  // not disabled (a disabled submitter would drop its name/value from the request): a flag stops a
  // second click or Enter.
  var sending = false;
  form.addEventListener("submit", function (event) {
    clearTimeout(timer);
    var submitter = event.submitter;
    if (!submitter || !submitter.hasAttribute("data-lk-submit")) return;
    if (sending) { event.preventDefault(); return; }
    sending = true;
    form.setAttribute("aria-busy", "true");
    form.querySelectorAll("[data-lk-submit]").forEach(function (button) {
      button.setAttribute("aria-disabled", "true");
      button.classList.add("is-busy");
      var busyText = button.getAttribute("data-lk-busy-text");
      if (busyText) { button.setAttribute("data-lk-label", button.textContent); button.textContent = busyText; }
    });
  });
  // Back from the confirmation (bfcache): the buttons work again.
  window.addEventListener("pageshow", function () {
    if (!sending) return;
    sending = false;
    form.removeAttribute("aria-busy");
    form.querySelectorAll("[data-lk-submit]").forEach(function (button) {
      button.removeAttribute("aria-disabled");
      button.classList.remove("is-busy");
      if (button.hasAttribute("data-lk-label")) button.textContent = button.getAttribute("data-lk-label");
    });
  });
})();
