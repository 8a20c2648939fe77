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
