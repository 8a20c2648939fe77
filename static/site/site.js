// Collapsible main menu on narrow screens; without JavaScript the menu simply stays open.
(function () {
  var root = document.documentElement;
  root.classList.remove("no-js");
  root.classList.add("js");
  var nav = document.getElementById("site-menu");
  if (!nav) return;
  var button = nav.querySelector(".site-menu__toggle");
  button.addEventListener("click", function () {
    var open = nav.classList.toggle("is-open");
    button.setAttribute("aria-expanded", open ? "true" : "false");
  });
})();
