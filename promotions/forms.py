from django import forms
from django.utils.translation import gettext_lazy as _

from promotions.models import CouponKind
from promotions.services import MAX_PER_USER, MAX_QUANTITY


class CouponForm(forms.Form):
    """A new coupon: amount off above a minimum spend, or a percentage with a cap. Values are checked again by
    the service (coupon_create), whose field messages come back onto this form."""

    name = forms.CharField(label=_("Name (optional)"), max_length=60, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=CouponKind.choices, initial=CouponKind.AMOUNT)
    threshold = forms.DecimalField(
        label=_("Minimum spend (¥)"), max_digits=14, decimal_places=2, min_value=0, initial=0
    )
    amount_off = forms.DecimalField(label=_("Amount off (¥)"), max_digits=14, decimal_places=2, required=False)
    percent_off = forms.DecimalField(label=_("Percent off"), max_digits=5, decimal_places=2, required=False)
    cap = forms.DecimalField(label=_("At most (¥)"), max_digits=14, decimal_places=2, required=False)
    valid_from = forms.DateTimeField(
        label=_("Valid from"), required=False, widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    valid_until = forms.DateTimeField(
        label=_("Valid until"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    total_quantity = forms.IntegerField(label=_("Quantity"), min_value=1, max_value=MAX_QUANTITY, initial=100)
    per_user_limit = forms.IntegerField(label=_("Per person"), min_value=1, max_value=MAX_PER_USER, initial=1)
