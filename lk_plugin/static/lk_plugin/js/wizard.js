/* Wizard: show/hide conditional fields (the server decides again on save) and autosave the draft. */
(function () {
  "use strict";
  var form = document.getElementById("lk-wizard-form");
  if (!form) return;

  // Values of fields on other steps (already saved in the draft): conditions may refer to them.
  var saved = {};
  var savedNode = document.getElementById("lk-wizard-data");
  if (savedNode) { try { saved = JSON.parse(savedNode.textContent) || {}; } catch (e) { saved = {}; } }

  function currentValues(name) {
    var inputs = form.querySelectorAll('[name="' + name + '"]');
    if (!inputs.length) {
      var value = saved[name];
      if (value === undefined || value === null) return [];
      return (Array.isArray(value) ? value : [value]).map(function (v) {
        return v === true ? "True" : v === false ? "False" : String(v);
      });
    }
    var values = [];
    inputs.forEach(function (el) {
      if (el.type === "checkbox" && el.value === "on") {
        values.push(el.checked ? "True" : "False");
      } else if (el.type === "checkbox" || el.type === "radio") {
        if (el.checked) values.push(el.value);
      } else {
        values.push(el.value);
      }
    });
    return values;
  }

  function holds(conditions) {
    var rules = conditions.rules || [];
    if (!rules.length) return true;
    var results = rules.map(function (rule) { return currentValues(rule.field).indexOf(rule.equals) !== -1; });
    return conditions.mode === "any" ? results.indexOf(true) !== -1 : results.indexOf(false) === -1;
  }

  function applyConditions() {
    form.querySelectorAll("[data-lk-field][data-lk-conditions]").forEach(function (box) {
      var conditions;
      try { conditions = JSON.parse(box.getAttribute("data-lk-conditions")); } catch (e) { return; }
      if (holds(conditions)) box.removeAttribute("data-lk-hidden");
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
  var savedBadge = document.querySelector("[data-lk-saved]");
  var timer = null;
  function autosave() {
    if (window.LK_WIZARD_PREVIEW) return;  // the page editor's preview saves nothing
    var data = new FormData(form);
    data.set("action", "autosave");
    form.querySelectorAll("input[type=file]").forEach(function (el) { data.delete(el.name); });
    // Not form.action: the buttons named "action" shadow that property (it would post to
    // «[object RadioNodeList]»).
    fetch(form.getAttribute("action") || window.location.pathname, { method: "POST", body: data, credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
      .then(function (r) {
        if (r.status === 409) { window.location.reload(); return; }  // submitted from another tab
        if (r.ok && savedBadge) { savedBadge.hidden = false; }
      })
      .catch(function () {});
  }
  form.addEventListener("input", function (event) {
    if (event.target.type === "file") return;
    if (savedBadge) savedBadge.hidden = true;
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
