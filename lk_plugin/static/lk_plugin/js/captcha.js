/* «Показать другой код»: a fresh captcha picture and key without reloading the page. */
(function () {
  "use strict";
  if (window.lkCaptcha) return;  // the widget may be on a page twice
  window.lkCaptcha = true;
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-lk-captcha-refresh]");
    if (!button) return;
    event.preventDefault();
    var field = button.closest(".lk-field") || button.parentNode.parentNode;
    fetch(button.getAttribute("data-lk-captcha-refresh"), {
      headers: { "X-Requested-With": "XMLHttpRequest" }, credentials: "same-origin"
    })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (!data) return;
        var img = field.querySelector("[data-lk-captcha-img]");
        var key = field.querySelector("input[type=hidden][name$='_0']");
        var answer = field.querySelector("input[type=text][name$='_1']");
        if (img) img.src = data.image_url;
        if (key) key.value = data.key;
        if (answer) { answer.value = ""; answer.focus(); }
      })
      .catch(function () {});
  });
})();
