import uuid
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from credit.models import ContactKind, LoanProduct, RepaymentType


class ApplyForm(forms.Form):
    """The browser's application; the hidden key makes a double submit (or a reload) act once."""

    product = forms.ModelChoiceField(
        label=_("Loan"), queryset=LoanProduct.objects.filter(is_active=True).prefetch_related("limits")
    )
    amount = forms.DecimalField(
        label=_("Amount (yuan)"), max_digits=14, decimal_places=2, min_value=Decimal("0.01"), localize=False
    )
    term_days = forms.IntegerField(
        label=_("Term (days)"),
        min_value=1,
        max_value=3650,
        required=False,
        help_text=_("For a loan repaid at once, at the end."),
    )
    instalments = forms.IntegerField(
        label=_("Number of instalments"),
        min_value=1,
        max_value=120,
        required=False,
        help_text=_("For a loan repaid in instalments (monthly or weekly)."),
    )
    purpose = forms.CharField(label=_("What is it for?"), max_length=255)
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=64, initial=lambda: str(uuid.uuid4()))
    # Set by the confirmation step: the first submit only shows the cost (rate, interest, total) to confirm.
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        products = list(self.fields["product"].queryset)
        if len(products) == 1:
            self.fields["product"].initial = products[0].pk
            self.fields["term_days"].initial = min(30, products[0].max_term_days)
        self.fields["product"].label_from_instance = lambda product: (
            product.name
            if product.repayment_type == RepaymentType.SINGLE
            else f"{product.name} ({product.get_repayment_type_display()}, {product.get_period_display()})"
        )

    def clean(self):
        data = super().clean()
        product = data.get("product")
        if product is None:
            return data
        if product.repayment_type == RepaymentType.SINGLE:
            if not data.get("term_days"):
                self.add_error("term_days", _("Say for how many days you borrow."))
            data["instalments"] = None
        else:
            if not data.get("instalments"):
                self.add_error("instalments", _("Say in how many instalments you repay."))
            data["term_days"] = None
        return data


class RepayForm(forms.Form):
    amount = forms.DecimalField(
        label=_("Amount to repay (yuan)"), max_digits=14, decimal_places=2, min_value=Decimal("0.01")
    )
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=64, initial=lambda: str(uuid.uuid4()))


class VerifyIdentityForm(forms.Form):
    note = forms.CharField(
        label=_("Note (document checked)"), max_length=255, required=False, widget=forms.TextInput(attrs={"size": 24})
    )


class StationCashForm(forms.Form):
    """Cash a villager handed over at the station, for their running loan (the operator's village only)."""

    loan = forms.ModelChoiceField(label=_("Villager's loan"), queryset=None)
    amount = forms.DecimalField(
        label=_("Cash received (yuan)"), max_digits=14, decimal_places=2, min_value=Decimal("0.01"), localize=False
    )
    note = forms.CharField(label=_("Note"), max_length=255, required=False)
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=64, initial=lambda: str(uuid.uuid4()))

    def __init__(self, *args, loans, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["loan"].queryset = loans
        self.fields["loan"].label_from_instance = lambda loan: (
            _("%(name)s: loan #%(id)s")
            % {
                "name": loan.borrower.display_name,
                "id": loan.pk,
            }
        )


class WriteOffForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=255,
        widget=forms.TextInput(attrs={"size": 24}),
        help_text=_("Kept with the loan."),
    )


class CollectionContactForm(forms.Form):
    """The operator's note on following a loan up: what happened and, for a promise, the day."""

    loan = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    kind = forms.ChoiceField(label=_("What happened"), choices=ContactKind.choices)
    promised_on = forms.DateField(
        label=_("Promised to pay on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    note = forms.CharField(label=_("Note"), max_length=255, required=False)
