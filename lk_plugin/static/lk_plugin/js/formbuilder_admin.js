/* Page editor of application forms: conditions picked from earlier fields (by label), service
   names made from labels, an «advanced» toggle for them, and field counts on collapsed steps.
   The server repeats every rule on save (formbuilder/checks.py, naming.py). */
(function () {
  "use strict";
  if (window.lkFormbuilderAdmin) return;
  window.lkFormbuilderAdmin = true;

  var TABLE = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "iu", "я": "ia"
  };
  var MAX = 40;
  var CHOICE_TYPES = ["choice", "multichoice"];
  var FLAG_TYPES = ["checkbox", "consent"];

  function slugify(label, fallback) {
    var text = Array.from((label || "").toLowerCase()).map(function (ch) {
      return Object.prototype.hasOwnProperty.call(TABLE, ch) ? TABLE[ch] : ch;
    }).join("");
    text = text.replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "");
    if (text.length > MAX) {
      var cut = text.slice(0, MAX);
      text = cut.lastIndexOf("_") > 0 ? cut.slice(0, cut.lastIndexOf("_")) : cut;
    }
    if (!text || !/^[a-z]/.test(text)) text = (fallback + "_" + text).replace(/_+$/, "");
    return text;
  }

  function byName(name) { return document.querySelector('[name="' + name + '"]'); }
  function isDeleted(prefix) { var d = byName(prefix + "-deleted"); return !d || d.value === "1"; }
  function order(prefix) { var o = byName(prefix + "-order"); return o ? parseInt(o.value, 10) || 0 : 0; }

  function parseChoices(text) {
    return (text || "").split("\n").map(function (line) { return line.trim(); }).filter(Boolean).map(function (line) {
      var i = line.indexOf("|");
      var value = (i === -1 ? line : line.slice(0, i)).trim();
      var label = (i === -1 ? line : line.slice(i + 1)).trim() || value;
      return [value, label];
    });
  }

  /* Every field block of the form, in the order the applicant sees them. */
  function formFields(root) {
    var fields = [];
    (root || document).querySelectorAll('input[name$="-type"]').forEach(function (typeInput) {
      var m = typeInput.name.match(/^(.+?-(\d+))-value-fields-(\d+)-type$/);
      if (!m) return;
      var stepPrefix = m[1], prefix = typeInput.name.slice(0, -"-type".length);
      if (isDeleted(stepPrefix) || isDeleted(prefix)) return;
      var label = byName(prefix + "-value-label"), name = byName(prefix + "-value-name");
      if (!label || !name) return;
      var choices = byName(prefix + "-value-choices");
      fields.push({
        prefix: prefix, type: typeInput.value, name: name.value, label: label.value || name.value,
        choices: choices ? parseChoices(choices.value) : [],
        pos: [order(stepPrefix), order(prefix)],
        stepTitle: (byName(stepPrefix + "-value-title") || {}).value || ""
      });
    });
    fields.sort(function (a, b) { return a.pos[0] - b.pos[0] || a.pos[1] - b.pos[1]; });
    return fields;
  }

  function pickable(field) { return CHOICE_TYPES.indexOf(field.type) !== -1 || FLAG_TYPES.indexOf(field.type) !== -1; }
  function optionsOf(field) {
    if (!field) return [];
    if (FLAG_TYPES.indexOf(field.type) !== -1) return [["True", "отмечен"], ["False", "не отмечен"]];
    return field.choices;
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text) node.textContent = text;
    return node;
  }

  /* The picker around the hidden JSON input of one field's «Показывать, когда…». */
  function Picker(input) {
    this.input = input;
    this.prefix = input.name.replace(/-value-show_when$/, "");
    this.box = el("div", { "class": "lk-cond" });
    input.insertAdjacentElement("afterend", this.box);
    this.state = this.read();
    this.render();
  }
  Picker.prototype.read = function () {
    try { var v = JSON.parse(this.input.value || "{}"); } catch (e) { v = {}; }
    return { mode: v.mode === "any" ? "any" : "all", rules: Array.isArray(v.rules) ? v.rules : [] };
  };
  Picker.prototype.write = function () {
    this.input.value = JSON.stringify(this.state);
    this.input.dispatchEvent(new Event("change", { bubbles: true }));
  };
  Picker.prototype.candidates = function () {
    var all = formFields(), mine = null;
    all.forEach(function (f) { if (f.prefix === this.prefix) mine = f; }, this);
    return all.filter(function (f) {
      if (!pickable(f) || f.prefix === this.prefix) return false;
      if (!mine) return true;
      return f.pos[0] < mine.pos[0] || (f.pos[0] === mine.pos[0] && f.pos[1] < mine.pos[1]);
    }, this);
  };
  Picker.prototype.render = function () {
    var self = this, fields = this.candidates();
    this.box.textContent = "";
    if (this.state.rules.length > 1) {
      var mode = el("select", { "class": "lk-cond__mode", "aria-label": "Как сочетать условия" });
      [["all", "Все условия выполнены"], ["any", "Выполнено любое из условий"]].forEach(function (o) {
        var opt = el("option", { value: o[0] }, o[1]);
        if (o[0] === self.state.mode) opt.selected = true;
        mode.appendChild(opt);
      });
      mode.addEventListener("change", function () { self.state.mode = mode.value; self.write(); });
      this.box.appendChild(mode);
    }
    this.state.rules.forEach(function (rule, index) {
      var row = el("div", { "class": "lk-cond__rule" });
      var fieldSelect = el("select", { "class": "lk-cond__field", "aria-label": "Поле" });
      self.fillFields(fieldSelect, rule, fields);
      var field = fields.filter(function (f) { return f.name === rule.field; })[0];
      var valueSelect = el("select", { "class": "lk-cond__value", "aria-label": "Значение" });
      valueSelect.appendChild(el("option", { value: "" }, "— выберите значение —"));
      var knownValue = false;
      optionsOf(field).forEach(function (o) {
        var opt = el("option", { value: o[0] }, o[1]);
        if (o[0] === rule.equals) { opt.selected = true; knownValue = true; }
        valueSelect.appendChild(opt);
      });
      if (rule.equals && !knownValue) {
        var gone = el("option", { value: rule.equals }, "⚠ нет такого варианта: " + rule.equals);
        gone.selected = true;
        valueSelect.appendChild(gone);
      }
      // Fields may have been added or renamed since: the list is rebuilt in place when opened.
      fieldSelect.addEventListener("focus", function () { self.fillFields(fieldSelect, rule, self.candidates()); });
      fieldSelect.addEventListener("change", function () {
        rule.field = fieldSelect.value; rule.equals = ""; self.write(); self.render();
        var again = self.box.querySelectorAll(".lk-cond__value")[index]; if (again) again.focus();
      });
      valueSelect.addEventListener("change", function () { rule.equals = valueSelect.value; self.write(); });
      var remove = el("button", { type: "button", "class": "button button-small button-secondary lk-cond__remove" }, "Убрать");
      remove.addEventListener("click", function () { self.state.rules.splice(index, 1); self.write(); self.render(); });
      row.appendChild(el("span", { "class": "lk-cond__word" }, index ? (self.state.mode === "any" ? "или" : "и") : "если"));
      row.appendChild(fieldSelect);
      row.appendChild(el("span", { "class": "lk-cond__word" }, "="));
      row.appendChild(valueSelect);
      row.appendChild(remove);
      self.box.appendChild(row);
    });
    if (!this.state.rules.length) {
      this.box.appendChild(el("p", { "class": "lk-cond__empty" },
        fields.length ? "Показывается всегда." : "Показывается всегда. Условие можно поставить на поле выбора или флажок выше этого поля."));
    }
    var add = el("button", { type: "button", "class": "button button-small button-secondary lk-cond__add" },
      this.state.rules.length ? "+ Ещё условие" : "+ Показывать при условии");
    add.addEventListener("click", function () {
      self.state.rules.push({ field: "", equals: "" }); self.write(); self.render();
      var selects = self.box.querySelectorAll(".lk-cond__field"); selects[selects.length - 1].focus();
    });
    this.box.appendChild(add);
  };
  Picker.prototype.fillFields = function (select, rule, fields) {
    select.textContent = "";
    select.appendChild(el("option", { value: "" }, "— выберите поле —"));
    var known = false;
    fields.forEach(function (f) {
      var opt = el("option", { value: f.name }, f.label + (f.stepTitle ? " (" + f.stepTitle + ")" : ""));
      if (f.name === rule.field) { opt.selected = true; known = true; }
      select.appendChild(opt);
    });
    if (rule.field && !known) {
      var missing = el("option", { value: rule.field }, "⚠ поле не найдено выше: " + rule.field);
      missing.selected = true;
      select.appendChild(missing);
    }
  };
  Picker.prototype.summary = function () {
    var parts = [];
    var req = byName(this.prefix + "-value-required");
    if (req && req.checked) parts.push("обязательное");
    var fields = formFields();
    var rules = this.state.rules.filter(function (r) { return r.field; }).map(function (r) {
      var f = fields.filter(function (x) { return x.name === r.field; })[0];
      var value = (optionsOf(f).filter(function (o) { return o[0] === r.equals; })[0] || [0, r.equals])[1];
      return "«" + (f ? f.label : r.field) + "» = «" + value + "»";
    });
    if (rules.length) parts.push("если " + rules.join(this.state.mode === "any" ? " или " : " и "));
    var SHORT = { individual: "ФЛ", entrepreneur: "ИП", legal_entity: "ЮЛ" };
    var forms = Array.from(document.querySelectorAll('input[name="' + this.prefix + '-value-legal_forms"]:checked'))
      .map(function (box) { return SHORT[box.value] || box.value; });
    if (forms.length) parts.push("только " + forms.join(", "));
    return parts.length ? " · " + parts.join(" · ") : "";
  };

  var Base = window.telepath && window.telepath.constructors["wagtail.widgets.Widget"];
  if (Base) {
    var BoundBase = new Base("").boundWidgetClass;
    class BoundCondition extends BoundBase {
      constructor(element, name, capabilities) {
        super(element, name, capabilities);
        this.picker = new Picker(this.input);
      }
      setState(state) { this.input.value = state; if (this.picker) { this.picker.state = this.picker.read(); this.picker.render(); } }
      getTextLabel() { return this.picker ? this.picker.summary() : ""; }
      focus() { var s = this.picker && this.picker.box.querySelector("select, button"); if (s) s.focus(); }
    }
    class ConditionWidget extends Base {
      constructor(html) { super(html); this.boundWidgetClass = BoundCondition; }
    }
    window.telepath.register("lk_plugin.formbuilder.ConditionWidget", ConditionWidget);
  }

  /* Names from labels: a field without a saved name follows its label; a saved one never changes. */
  function takenNames(except) {
    return formFields().filter(function (f) { return f.prefix !== except; }).map(function (f) { return f.name; });
  }
  function unique(base, taken) {
    var name = base, n = 2;
    while (taken.indexOf(name) !== -1) { name = base + "_" + n; n += 1; }
    return name;
  }
  document.addEventListener("input", function (event) {
    var target = event.target;
    if (!target.name) return;
    var m = target.name.match(/^(.+)-value-(label|title)$/);
    if (!m) return;
    var isStep = m[2] === "title";
    var nameInput = byName(m[1] + (isStep ? "-value-key" : "-value-name"));
    if (!nameInput) return;
    if (nameInput.value && nameInput.dataset.lkAuto !== "1") return;
    nameInput.dataset.lkAuto = "1";
    var base = slugify(target.value, isStep ? "step" : "field");
    nameInput.value = target.value ? (isStep ? base : unique(base, takenNames(m[1]))) : "";
  });

  /* Service names are read-only and hidden unless «Показать служебные имена» is on. */
  function decorate() {
    document.querySelectorAll(".lk-advanced input[type=text]").forEach(function (input) {
      if (!input.readOnly) input.readOnly = true;
    });
    var root = document.getElementById("steps-root");
    if (root && !document.getElementById("lk-advanced-toggle")) {
      var label = el("label", { "class": "lk-advanced-toggle" });
      var box = el("input", { type: "checkbox", id: "lk-advanced-toggle" });
      box.addEventListener("change", function () { document.body.classList.toggle("lk-show-advanced", box.checked); });
      label.appendChild(box);
      label.appendChild(document.createTextNode(" Показать служебные имена полей (для интеграций)"));
      root.insertAdjacentElement("beforebegin", label);
    }
    /* Steps: «Шаг · Заявитель — 9 полей» on the collapsed header. */
    document.querySelectorAll('input[name$="-type"]').forEach(function (typeInput) {
      var m = typeInput.name.match(/^steps-(\d+)-type$/);
      if (!m || typeInput.value !== "step") return;
      var prefix = "steps-" + m[1];
      var child = typeInput.closest("[data-streamfield-child]");
      var title = child && child.querySelector(".c-sf-block__title");
      if (!title) return;
      var count = 0;
      document.querySelectorAll('input[name^="' + prefix + '-value-fields-"][name$="-type"]').forEach(function (t) {
        var p = t.name.slice(0, -5);
        if (/^steps-\d+-value-fields-\d+$/.test(p) && !isDeleted(p)) count += 1;
      });
      var badge = title.parentNode.querySelector(":scope > .lk-count");
      if (!badge) { badge = el("span", { "class": "lk-count" }); title.insertAdjacentElement("afterend", badge); }
      var word = count % 10 === 1 && count % 100 !== 11 ? "поле" : (count % 10 >= 2 && count % 10 <= 4 && (count % 100 < 10 || count % 100 >= 20) ? "поля" : "полей");
      var text = " · " + count + " " + word;
      if (badge.textContent !== text) badge.textContent = text;
    });
    try { addMoveControls(); } catch (e) { /* the editor works without the move control */ }
  }
  /* «Перенести в шаг…»: a field moves to the end of another step with its settings and service
     name (Wagtail's own arrows and drag handle reorder within a step). */
  function stepsRoot() {
    var root = document.getElementById("steps-root");
    return root && root.rootBlock;
  }
  function stepTitle(stepChild, index) {
    var title = byName(stepChild.prefix + "-value-title");
    return (index + 1) + ". " + ((title && title.value) || "Шаг");
  }
  function moveField(fieldElement, targetIndex) {
    var root = stepsRoot();
    if (!root) return;
    root.children.forEach(function (stepChild, i) {
      var fields = stepChild.block && stepChild.block.childBlocks && stepChild.block.childBlocks.fields;
      if (!fields) return;
      fields.children.forEach(function (child, j) {
        if (child.element !== fieldElement) return;
        if (i === targetIndex) return;
        var target = root.children[targetIndex].block.childBlocks.fields;
        var state = child.getState();
        target.insert({ type: child.type, value: state.value, id: null }, target.children.length, { animate: false });
        fields.deleteBlock(j, { animate: false });
      });
    });
  }
  function addMoveControls() {
    var root = stepsRoot();
    if (!root) return;
    root.children.forEach(function (stepChild, i) {
      var fields = stepChild.block && stepChild.block.childBlocks && stepChild.block.childBlocks.fields;
      if (!fields) return;
      fields.children.forEach(function (child) {
        var box = child.element && child.element.querySelector(".lk-field-block");
        if (!box) return;
        var select = box.querySelector(":scope > .lk-move select");
        if (!select) {
          var wrap = el("label", { "class": "lk-move" });
          wrap.appendChild(document.createTextNode("Перенести в шаг "));
          select = el("select", { "aria-label": "Перенести поле в другой шаг" });
          select.addEventListener("change", function () {
            if (select.value !== "") moveField(child.element, parseInt(select.value, 10));
          });
          wrap.appendChild(select);
          box.appendChild(wrap);
        }
        var options = [["", "— выберите шаг —"]].concat(root.children.map(function (s, k) { return [String(k), stepTitle(s, k)]; }).filter(function (o) { return o[0] !== String(i); }));
        var signature = JSON.stringify(options);
        if (select.dataset.options === signature) return;
        select.dataset.options = signature;
        select.textContent = "";
        options.forEach(function (o) { select.appendChild(el("option", { value: o[0] }, o[1])); });
      });
    });
  }

  /* Blocks start collapsed (an outline), but the one the editor has just added opens for typing. */
  var pickedAt = 0;
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("[role=option]")) pickedAt = Date.now();
  }, true);
  function openNewBlocks(records) {
    if (Date.now() - pickedAt > 2000) return;
    records.forEach(function (record) {
      record.addedNodes.forEach(function (node) {
        if (node.nodeType !== 1 || !node.matches("[data-streamfield-child]")) return;
        var toggle = node.querySelector("[data-panel-toggle]");
        if (toggle && toggle.getAttribute("aria-expanded") === "false") toggle.click();
        var first = node.querySelector('input[name$="-value-label"], input[name$="-value-title"]');
        if (first) first.focus();
        pickedAt = 0;
      });
    });
  }
  var timer = null;
  function schedule(records) {
    openNewBlocks(records);
    clearTimeout(timer);
    timer = setTimeout(decorate, 50);
  }
  document.addEventListener("DOMContentLoaded", function () {
    decorate();
    new MutationObserver(schedule).observe(document.body, { childList: true, subtree: true });
  });
  if (document.readyState !== "loading") decorate();
  window.lkFormbuilderSlugify = slugify;
})();
