from django import forms
from django.utils.translation import gettext_lazy as _

from shops.batches.models import FarmerShown


class BatchForm(forms.Form):
    product = forms.ModelChoiceField(queryset=None, label=_("Product"))
    harvested_on = forms.DateField(label=_("Harvested or made on"), widget=forms.DateInput(attrs={"type": "date"}))
    quantity = forms.DecimalField(
        label=_("Quantity"), max_digits=12, decimal_places=3, widget=forms.NumberInput(attrs={"inputmode": "decimal"})
    )
    place = forms.CharField(
        label=_("Place"), max_length=120, required=False, help_text=_("The field, slope or workshop.")
    )
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: no pesticide after flowering."),
    )
    farmer_shown = forms.ChoiceField(
        label=_("What the buyer sees of you"), choices=FarmerShown.choices, initial=FarmerShown.FAMILY
    )

    def __init__(self, *args, products, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = products


class BatchPhotoForm(forms.Form):
    image = forms.ImageField(label=_("Photo"), widget=forms.ClearableFileInput(attrs={"accept": "image/*"}))


class RecallForm(forms.Form):
    code = forms.CharField(label=_("Batch code"), max_length=20)
