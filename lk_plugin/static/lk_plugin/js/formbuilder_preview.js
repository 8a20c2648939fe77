/* The page editor's preview of the wizard: nothing is saved; «Далее», «Назад» and the step tabs
   switch the preview panel's mode (one mode per step). Runs before the deferred wizard.js. */
(function () {
  "use strict";
  window.LK_WIZARD_PREVIEW = true;
  document.addEventListener("submit", function (event) {
    event.preventDefault();
    var form = event.target;
    var index = parseInt((form.querySelector('input[name="step"]') || {}).value || "0", 10);
    var action = event.submitter ? event.submitter.value : "next";
    var target = null;
    if (action === "next") target = index + 1;
    else if (action === "back") target = index - 1;
    else if (action.indexOf("goto:") === 0) target = parseInt(action.slice(5), 10);
    var select = null;
    try { select = window.parent.document.getElementById("id_preview_mode"); } catch (e) { select = null; }
    if (target !== null && select && select.querySelector('option[value="step-' + target + '"]')) {
      select.value = "step-" + target;
      select.dispatchEvent(new Event("change", { bubbles: true }));
      return;
    }
    var banner = document.querySelector(".lk-preview-banner");
    if (banner) {
      banner.textContent = "Предпросмотр: в нём заявку не подать и черновик не сохранить. Переключайте шаги кнопками или списком «Режим предпросмотра».";
      banner.classList.add("is-flash");
    }
  }, true);
})();
