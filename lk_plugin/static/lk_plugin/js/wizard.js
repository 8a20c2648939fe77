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
    fetch(form.action, { method: "POST", body: data, credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
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
  form.addEventListener("submit", function () { clearTimeout(timer); });
})();
