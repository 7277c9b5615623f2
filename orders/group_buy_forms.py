"""Forms of the group-buy pages (issue 23)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from orders.forms import CheckoutForm
from shops.models import ProductVariant


class GroupBuyAddressForm(CheckoutForm):
    """Where to ship a member's order: an address (collecting at the station is for carts, not groups)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["collect_at_station"]


class VariantChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, variant) -> str:
        name = f"{variant.product.name} · {variant.name}" if variant.name else variant.product.name
        return f"{name} (¥{variant.unit_price})"


class GroupBuyOfferForm(forms.Form):
    variant = VariantChoiceField(label=_("Product option"), queryset=ProductVariant.objects.none())
    group_price = forms.DecimalField(label=_("Group price (yuan)"), max_digits=14, decimal_places=2, min_value=0)
    group_size = forms.IntegerField(label=_("Group size"), min_value=2, max_value=50, initial=3)
    fill_hours = forms.IntegerField(
        label=_("Hours to fill a group"),
        min_value=1,
        max_value=168,
        initial=24,
        help_text=_("A group not full by then is refunded automatically."),
    )
    quantity = forms.DecimalField(
        label=_("Quantity per member"), max_digits=10, decimal_places=3, min_value=0, initial=1
    )
    max_groups = forms.IntegerField(label=_("Groups at most"), min_value=1, required=False)
    max_quantity = forms.DecimalField(
        label=_("Stock for the offer"),
        max_digits=12,
        decimal_places=3,
        min_value=0,
        required=False,
        help_text=_("The most the offer may sell, all groups together (empty: the option's stock)."),
    )
    ends_at = forms.DateTimeField(
        label=_("Ends at"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text=_("No new group after this."),
    )

    def __init__(self, *args, variants=None, **kwargs):
        super().__init__(*args, **kwargs)
        if variants is not None:
            self.fields["variant"].queryset = variants
