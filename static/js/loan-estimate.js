// The loan form's cost as the borrower types (amount, term, product): interest and total to repay, in whole
// fen (integers, rounded half up like credit.services.interest_for), so it matches the confirmation page.
// Without JavaScript the confirmation step shows the same figures before anything is lent.
(function () {
  "use strict";
  var box = document.getElementById("loan-estimate");
  if (!box) return;
  var form = box.closest("form");
  var rates = {};  // product id -> daily rate in millionths (0.000500 -> 500)
  box.getAttribute("data-rates").split(",").forEach(function (pair) {
    var parts = pair.split(":");
    if (parts.length === 2) rates[parts[0]] = parseInt(parts[1], 10);
  });
  var french = (document.documentElement.lang || "").indexOf("fr") === 0;

  function group(digits, separator) {
    return digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
  }

  function yuan(fen) {
    var whole = group(String(Math.floor(fen / 100)), french ? "\u202f" : ",");
    var cents = String(fen % 100).padStart(2, "0");
    return french ? whole + "," + cents + "\u00a0¥" : "¥" + whole + "." + cents;
  }

  function fenOf(text) {
    var match = /^\s*(\d{1,9})(?:[.,](\d{1,2}))?\s*$/.exec(text || "");
    if (!match) return null;
    return parseInt(match[1], 10) * 100 + parseInt((match[2] || "0").padEnd(2, "0"), 10);
  }

  function update() {
    var product = form.elements.product ? form.elements.product.value : "";
    var rate = rates[product];
    var fen = fenOf(form.elements.amount.value);
    var days = parseInt(form.elements.term_days.value, 10);
    if (rate === undefined || !fen || !(days > 0)) {
      box.hidden = true;
      return;
    }
    var interest = Math.floor((fen * rate * days + 500000) / 1000000);  // half up to the fen
    var annual = String(Math.round(rate * 365) / 10000);
    box.textContent = box.getAttribute("data-text")
      .replace("{amount}", yuan(fen)).replace("{days}", String(days))
      .replace("{interest}", yuan(interest)).replace("{total}", yuan(fen + interest))
      .replace("{annual}", french ? annual.replace(".", ",") + "\u00a0%" : annual + "%");
    box.hidden = false;
  }

  form.addEventListener("input", update);
  form.addEventListener("change", update);
  update();
})();
