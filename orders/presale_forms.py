"""Page forms of the pre-sales (issue 23)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from orders.forms import CheckoutForm


class PreSaleReserveForm(CheckoutForm):
    field_order = ["quantity", "recipient_name", "recipient_phone"]
    quantity = forms.DecimalField(label=_("Quantity"), min_value=0, max_digits=12, decimal_places=3)
    accept_terms = forms.BooleanField(
        label=_("I have read the terms: the deposit is not returned if I do not pay the balance in time."),
        required=True,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["collect_at_station"]
        for name in ("ship_province", "ship_city", "ship_address"):
            self.fields[name].required = True


class PreSaleOpenForm(forms.Form):
    variant = forms.ChoiceField(label=_("Product option"))
    quantity_offered = forms.DecimalField(
        label=_("Quantity offered (the coming harvest)"), max_digits=12, decimal_places=3
    )
    deposit_per_unit = forms.DecimalField(
        label=_("Deposit per unit (yuan)"),
        max_digits=14,
        decimal_places=2,
        help_text=_("Equal to the final price to ask for the full price up front."),
    )
    final_price_per_unit = forms.DecimalField(label=_("Final price per unit (yuan)"), max_digits=14, decimal_places=2)
    harvest_from = forms.DateField(label=_("Harvest expected from"), widget=forms.DateInput(attrs={"type": "date"}))
    harvest_to = forms.DateField(label=_("Harvest expected until"), widget=forms.DateInput(attrs={"type": "date"}))
    balance_days = forms.IntegerField(label=_("Days to pay the balance"), min_value=1, max_value=30, initial=7)
    ship_by = forms.DateField(label=_("Last shipping date"), widget=forms.DateInput(attrs={"type": "date"}))
    terms = forms.CharField(
        label=_("Terms shown to the buyer"),
        widget=forms.Textarea(attrs={"rows": 3}),
        initial=_("The deposit is not returned if the balance is not paid within the window after the harvest call."),
    )

    def __init__(self, *args, variants=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["variant"].choices = [(v.pk, str(v)) for v in variants]
