// Live progress of a spreadsheet import: polls its JSON endpoint and updates the <progress>; reloads when done.
// Without JavaScript the page shows the progress of the moment and a "Refresh" link.
(function () {
  "use strict";
  var POLL_MS = 1500;

  function poll(box) {
    fetch(box.dataset.importProgress, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
      .then(function (run) {
        var bar = box.querySelector("progress");
        bar.value = run.percent;
        bar.textContent = run.percent + " %";
        ["rows_done", "status_display"].forEach(function (name) {
          var field = box.querySelector('[data-field="' + name + '"]');
          if (field) { field.textContent = run[name]; }
        });
        if (run.status === "queued" || run.status === "running") {
          window.setTimeout(function () { poll(box); }, POLL_MS);
        } else {
          window.location.reload();
        }
      })
      .catch(function () { window.setTimeout(function () { poll(box); }, POLL_MS * 5); });
  }

  document.querySelectorAll("[data-import-progress]").forEach(function (box) {
    if (box.dataset.status === "queued" || box.dataset.status === "running") { poll(box); }
  });
})();
