// Cabinet behaviour without inline scripts (the CSP forbids them): forms with data-lk-confirm ask first.
(function () {
  document.addEventListener("submit", function (event) {
    var question = event.target.getAttribute && event.target.getAttribute("data-lk-confirm");
    if (question && !window.confirm(question)) event.preventDefault();
  });
})();

// The cabinet menu folds on narrow screens (the CSS hides the list unless it is open).
(function () {
  document.querySelectorAll("[data-lk-menu]").forEach(function (nav) {
    var button = nav.querySelector(".lk-menu__toggle");
    if (!button) return;
    button.hidden = false;
    nav.classList.add("is-collapsible");
    button.addEventListener("click", function () {
      var open = nav.classList.toggle("is-open");
      button.setAttribute("aria-expanded", open ? "true" : "false");
    });
  });
})();
