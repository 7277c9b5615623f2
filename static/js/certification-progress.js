// Live progress of certification runs: polls each running run's JSON endpoint and updates its <progress>.
// Without JavaScript the page shows the progress of the moment and a "Refresh" link.
(function () {
  "use strict";
  var POLL_MS = 2000;

  function poll(box) {
    fetch(box.dataset.runProgress, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
      .then(function (run) {
        box.querySelector("progress").value = run.percent;
        box.querySelector("progress").textContent = run.percent + " %";
        ["villages_done", "villages_total", "status_display"].forEach(function (name) {
          var field = box.querySelector('[data-field="' + name + '"]');
          if (field) { field.textContent = typeof run[name] === "number" ? run[name].toLocaleString() : run[name]; }
        });
        if (run.status === "running") {
          window.setTimeout(function () { poll(box); }, POLL_MS);
        } else if (box.dataset.status === "running") {
          // Finished while we watched: reload once so the evidence and the queue appear.
          window.location.reload();
        }
      })
      .catch(function () { window.setTimeout(function () { poll(box); }, POLL_MS * 5); });
  }

  document.querySelectorAll("[data-run-progress]").forEach(function (box) {
    if (box.dataset.status === "running") { poll(box); }
  });
})();
