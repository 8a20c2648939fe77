// Background jobs (lk_plugin.core.jobs): poll each unfinished job's JSON status and update its
// progress bar, message and download link in place. Without JavaScript a reload shows the same.
(function () {
  function update(box, job) {
    var bar = box.querySelector("[role=progressbar]");
    var fill = box.querySelector(".lk-job__fill");
    var message = box.querySelector("[data-lk-job-message]");
    var percent = box.querySelector("[data-lk-job-percent]");
    var link = box.querySelector("[data-lk-job-download]");
    bar.setAttribute("aria-valuenow", job.progress);
    bar.setAttribute("aria-valuetext", job.progress + "%");
    fill.style.width = job.progress + "%";
    if (message.textContent !== job.message) message.textContent = job.message;
    percent.textContent = job.finished ? "" : job.progress + "%";
    box.className = "lk-job lk-job--" + job.status;
    if (job.download_url) {
      link.href = job.download_url;
      link.querySelector("[data-lk-job-link-text]").textContent =
        job.link_text + (job.filename ? " " + job.filename : "");
      link.hidden = false;
    }
  }
  function watch(box) {
    var url = box.getAttribute("data-lk-job");
    var delay = 700;
    function poll() {
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
        .then(function (job) {
          update(box, job);
          if (job.finished) {
            box.setAttribute("data-lk-job-finished", "");
            if (job.download_url) box.dispatchEvent(new CustomEvent("lk:job-done", { bubbles: true, detail: job }));
            return;
          }
          delay = Math.min(delay * 1.3, 4000);
          setTimeout(poll, delay);
        })
        .catch(function () { delay = Math.min(delay * 2, 10000); setTimeout(poll, delay); });
    }
    setTimeout(poll, 300);
  }
  document.querySelectorAll("[data-lk-job]:not([data-lk-job-finished])").forEach(watch);
})();
