/* Draws the insights dashboards' charts with the vendored Chart.js (static/vendor/chartjs).
   The figures come from the page (json_script "insights-charts"); the same figures are in the
   table under each chart, so the page says everything without JavaScript. */
(function () {
  "use strict";
  var source = document.getElementById("insights-charts");
  if (!source || typeof Chart === "undefined") { return; }
  var charts = JSON.parse(source.textContent);
  var colours = ["#c2410c", "#94a3b8", "#15803d", "#b45309"];
  var narrow = window.matchMedia("(max-width: 600px)").matches;
  var lang = document.documentElement.lang || "en";
  var money = new Intl.NumberFormat(lang, { maximumFractionDigits: 0 });
  var thousands = new Intl.NumberFormat(lang, { maximumFractionDigits: 1 });

  var chinese = lang.toLowerCase().indexOf("zh") === 0;
  var french = lang.toLowerCase().indexOf("fr") === 0;
  var wan = new Intl.NumberFormat(lang, { maximumFractionDigits: 2, useGrouping: false });  // 1400万, as the yuan filter

  // Axis ticks in yuan: Chinese readers count in 万 (12,000 -> 1.2万); elsewhere millions as M (12.5M, 12,5 M)
  // and, on phones, thousands as k.
  function amount(value) {
    if (chinese && Math.abs(value) >= 10000) { return wan.format(value / 10000) + "万"; }
    if (Math.abs(value) >= 1000000) { return thousands.format(value / 1000000) + (french ? "\u00a0M" : "M"); }
    if (narrow && Math.abs(value) >= 1000) { return thousands.format(value / 1000) + (french ? "\u00a0k" : "k"); }
    return money.format(value);
  }

  // An amount as the page's language writes it: ¥12,345 (en, zh-hans), 12 345 ¥ (fr).
  function yuan(value) {
    return french ? money.format(value) + "\u00a0¥" : "¥" + money.format(value);
  }

  charts.forEach(function (spec) {
    var canvas = document.getElementById("chart-" + spec.name);
    if (!canvas) { return; }
    var horizontal = spec.type === "hbar";
    var box = canvas.parentElement;
    if (horizontal) {
      // One bar needs about 26 px to stay readable on a phone.
      box.style.height = Math.max(160, spec.labels.length * 26 + 50) + "px";
    }
    box.hidden = false;
    new Chart(canvas, {
      type: "bar",
      data: {
        labels: spec.labels,
        datasets: spec.series.map(function (series, i) {
          return {
            label: series.label,
            data: series.data.map(Number),
            backgroundColor: colours[i % colours.length],
            borderRadius: 2,
          };
        }),
      },
      options: {
        indexAxis: horizontal ? "y" : "x",
        maintainAspectRatio: false,
        animation: false,
        plugins: {
          legend: { display: spec.series.length > 1, position: "bottom", labels: { boxWidth: 12 } },
          tooltip: {
            callbacks: {
              label: function (item) { return item.dataset.label + (french ? "\u00a0: " : chinese ? "：" : ": ") + yuan(item.raw); },
            },
          },
        },
        scales: horizontal ? {
          x: { ticks: { font: { size: narrow ? 10 : 12 }, callback: amount } },
          y: { ticks: { font: { size: narrow ? 11 : 12 }, autoSkip: false } },
        } : {
          x: { ticks: { maxRotation: narrow ? 90 : 45, autoSkip: true, font: { size: narrow ? 10 : 12 } } },
          y: { ticks: { font: { size: narrow ? 10 : 12 }, callback: amount } },
        },
      },
    });
  });
})();
