// Address form: when the province or the city changes, press "Update the lists" (the page works without this).
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
