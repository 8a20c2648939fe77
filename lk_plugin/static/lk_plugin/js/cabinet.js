// Cabinet behaviour without inline scripts (the CSP forbids them): forms with data-lk-confirm ask first.
(function () {
  document.addEventListener("submit", function (event) {
    var question = event.target.getAttribute && event.target.getAttribute("data-lk-confirm");
    if (question && !window.confirm(question)) event.preventDefault();
  });
})();
