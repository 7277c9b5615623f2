"""The address book's form: province, city and county as dependent selects that work without JavaScript (the
"Update the lists" button re-renders the form with the cities of the chosen province, and so on down; with
JavaScript, static/js/addresses.js presses it when a select changes)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from villages.models import City, District, Province


class PlaceChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, place) -> str:
        return getattr(place, "name_zh", "") or str(place)


class AddressForm(forms.Form):
    recipient_name = forms.CharField(label=_("Recipient"), max_length=100)
    recipient_phone = forms.CharField(
        label=_("Mobile number"), max_length=32, widget=forms.TextInput(attrs={"inputmode": "tel", "type": "tel"})
    )
    province = PlaceChoiceField(label=_("Province"), queryset=Province.objects.order_by("code"))
    city = PlaceChoiceField(label=_("City"), queryset=City.objects.none())
    district = PlaceChoiceField(label=_("County or district"), queryset=District.objects.none())
    street = forms.CharField(label=_("Street address"), max_length=255)
    is_default = forms.BooleanField(label=_("Use as my default address"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("province", "city", "district"):
            self.fields[name].widget.attrs["data-refresh"] = "1"
        province_id = self._chosen("province")
        city_id = self._chosen("city")
        if province_id:
            self.fields["city"].queryset = City.objects.filter(province_id=province_id).order_by("code")
        if city_id and self.fields["city"].queryset.filter(pk=city_id).exists():
            self.fields["district"].queryset = District.objects.filter(city_id=city_id).order_by("code")

    def _chosen(self, name: str) -> str:
        value = self.data.get(name) if self.is_bound else self.initial.get(name)
        value = getattr(value, "pk", value)
        return str(value) if value and str(value).isdigit() and len(str(value)) < 10 else ""
