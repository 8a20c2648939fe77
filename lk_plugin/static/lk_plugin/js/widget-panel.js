/* The header login panel (a <details>): closes with Esc, a tap outside and its close button; focus
   goes back to the toggle. On narrow screens the panel opens below its own toggle, never over it. */
(function () {
  "use strict";
  if (window.lkWidgetPanel) return;  // the script may be included once per widget
  window.lkWidgetPanel = true;

  function boxes() { return document.querySelectorAll(".lk-widget__box"); }

  function close(box, focus) {
    if (!box.open) return;
    box.open = false;
    if (focus) box.querySelector("summary").focus();
  }

  function place(box) {
    var summary = box.querySelector("summary");
    var panel = box.querySelector(".lk-widget__panel");
    if (!summary || !panel) return;
    panel.style.setProperty("--lk-panel-top", Math.round(summary.getBoundingClientRect().bottom + 8) + "px");
  }

  function init() {
    boxes().forEach(function (box) {
      box.addEventListener("toggle", function () {
        if (box.open) place(box);
      });
      var button = box.querySelector("[data-lk-widget-close]");
      if (button) button.addEventListener("click", function () { close(box, true); });
    });
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") return;
      boxes().forEach(function (box) { if (box.open) close(box, true); });
    });
    document.addEventListener("click", function (event) {
      boxes().forEach(function (box) {
        if (box.open && !box.contains(event.target)) close(box, false);
      });
    });
    window.addEventListener("resize", function () { boxes().forEach(function (box) { if (box.open) place(box); }); });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
