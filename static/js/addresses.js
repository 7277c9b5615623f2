// Address form: when the province or the city changes, press "Update the lists" (the page works without this).
// With this script the lists follow by themselves, so the button and its hint are only noise: hide them.
document.querySelectorAll("form.address-form .no-js-only").forEach(function (element) { element.hidden = true; });
document.addEventListener("change", function (event) {
  var select = event.target;
  if (!select.matches || !select.matches("form.address-form select[data-refresh]")) return;
  var form = select.form;
  if (select.name === "province" && form.elements.city) form.elements.city.value = "";
  if (select.name !== "district" && form.elements.district) form.elements.district.value = "";
  if (select.name === "district") return;
  var button = form.querySelector("button[name=refresh]");
  if (button) button.click();
});
