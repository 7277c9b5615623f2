// Suggestions while a buyer types in the catalogue's search box (pinyin, initials, 香菇 ...): asks
// /api/products/suggest/ and lists the best matching products as links under the box. Without JavaScript
// the box is a plain search form that works the same; arrows move through the list, Escape closes it.
(function () {
  "use strict";
  var DELAY_MS = 150;

  document.querySelectorAll("[data-suggest-url]").forEach(function (input) {
    var list = document.getElementById(input.getAttribute("aria-controls"));
    var timer = null;
    var asked = "";

    function close() {
      list.hidden = true;
      list.textContent = "";
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function show(rows) {
      list.textContent = "";
      rows.forEach(function (row, index) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        item.setAttribute("role", "option");
        item.id = list.id + "-" + index;
        link.href = row.url;
        link.textContent = row.name;
        item.appendChild(link);
        list.appendChild(item);
      });
      list.hidden = rows.length === 0;
      input.setAttribute("aria-expanded", rows.length ? "true" : "false");
    }

    function ask() {
      var text = input.value.trim();
      if (text === asked) { return; }
      asked = text;
      if (!text) { close(); return; }
      fetch(input.dataset.suggestUrl + "?q=" + encodeURIComponent(text), { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
        .then(function (body) { if (body.q === input.value.trim().slice(0, 100)) { show(body.results); } })
        .catch(close);
    }

    function move(step) {
      var items = list.querySelectorAll("li");
      if (!items.length) { return; }
      var current = list.querySelector("[aria-selected=true]");
      var index = current ? Array.prototype.indexOf.call(items, current) + step : (step > 0 ? 0 : items.length - 1);
      if (current) { current.removeAttribute("aria-selected"); }
      if (index < 0 || index >= items.length) { input.removeAttribute("aria-activedescendant"); return; }
      items[index].setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", items[index].id);
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(ask, DELAY_MS);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        move(event.key === "ArrowDown" ? 1 : -1);
      } else if (event.key === "Escape") {
        close();
      } else if (event.key === "Enter") {
        var chosen = list.querySelector("[aria-selected=true] a");
        if (chosen) { event.preventDefault(); window.location.href = chosen.href; }
      }
    });
    input.addEventListener("blur", function () { window.setTimeout(close, 200); });
  });
})();
