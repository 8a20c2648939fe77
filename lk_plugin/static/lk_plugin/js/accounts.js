// Signup: show the fields of the chosen legal form. Without JavaScript every field stays visible.
(function () {
  var form = document.querySelector("[data-lk-signup]");
  if (!form) return;
  var radios = form.querySelectorAll("input[name=legal_form]");
  function update() {
    var checked = form.querySelector("input[name=legal_form]:checked");
    var value = checked ? checked.value : "individual";
    form.querySelectorAll("[data-lk-group]").forEach(function (el) {
      var show = el.getAttribute("data-lk-group").split(" ").indexOf(value) !== -1;
      el.hidden = !show;
      el.querySelectorAll("input").forEach(function (input) { input.disabled = !show; });
    });
  }
  radios.forEach(function (r) { r.addEventListener("change", update); });
  update();
})();

// After a failed submit: focus the first field with an error (screen readers announce its message).
(function () {
  var first = document.querySelector(
    ".lk-auth .lk-field--error input:not([type=hidden]):not([disabled]), " +
    ".lk-auth .lk-field--error select:not([disabled]), .lk-auth .lk-field--error textarea:not([disabled])"
  );
  if (first) first.focus();
})();
