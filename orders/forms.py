from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.errors import ValidationFailed
from core.money import format_yuan
from core.quantity import format_number, unit_name
from core.sms import phone_normalise
from logistics.carriers import carrier_choices, waybill_check
from orders.models import PayoutAccountKind
from shops.models import Product, ProductVariant
from shops.selectors import product_list
from villages.models import Province
from villages.selectors import village_residents

ID_MAX = 2**63 - 1  # a bigint: a larger id is a form error, not a database error


class AddToCartForm(forms.Form):
    product = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=ID_MAX)
    # The option picked (radio buttons on the product page); a product with one option needs none.
    variant = forms.IntegerField(required=False, min_value=1, max_value=ID_MAX)
    quantity = forms.DecimalField(label=_("Quantity"), max_digits=12, decimal_places=3, min_value=Decimal("0.001"))


class CartUpdateForm(forms.Form):
    variant = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=ID_MAX)
    quantity = forms.DecimalField(label=_("Quantity"), max_digits=12, decimal_places=3, min_value=Decimal("0"))


class ProvinceChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, province) -> str:
        """ "江苏省" on a Chinese page, "Jiangsu 江苏省" elsewhere (the Chinese name helps with addresses)."""
        if province.label == province.name_zh:
            return province.name_zh
        return f"{province.name} {province.name_zh}"


class CheckoutForm(forms.Form):
    recipient_name = forms.CharField(label=_("Recipient"), max_length=100)
    recipient_phone = forms.CharField(label=_("Phone"), max_length=32, widget=forms.TextInput(attrs={"type": "tel"}))
    collect_at_station = forms.BooleanField(
        label=_("Collect at my village station"),
        required=False,
        help_text=_("The parcel goes to your village's service station; you collect it with a code sent by SMS."),
    )
    ship_province = ProvinceChoiceField(label=_("Province"), queryset=Province.objects.order_by("code"), required=False)
    ship_city = forms.CharField(label=_("City"), max_length=64, required=False)
    ship_county = forms.CharField(label=_("County or district"), max_length=64, required=False)
    ship_address = forms.CharField(label=_("Street address"), max_length=255, required=False)

    def clean(self):
        data = super().clean()
        if not data.get("collect_at_station"):
            for name in ("ship_province", "ship_city", "ship_county", "ship_address"):
                if not data.get(name) and name not in self.errors:
                    self.add_error(name, _("This field is required."))
        return data

    def clean_recipient_phone(self):
        phone = self.cleaned_data["recipient_phone"]
        if phone_normalise(phone) is None:
            raise forms.ValidationError(_("Enter a valid mobile number."))
        return phone


class ShipForm(forms.Form):
    carrier = forms.ChoiceField(label=_("Carrier"), choices=carrier_choices)
    tracking_number = forms.CharField(
        label=_("Tracking number"),
        max_length=64,
        help_text=_("Scan the waybill's bar code or type its number."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )

    def clean(self):
        data = super().clean()
        if data.get("carrier") and data.get("tracking_number"):
            try:
                _carrier, data["tracking_number"] = waybill_check(
                    carrier=data["carrier"], tracking_number=data["tracking_number"]
                )
            except ValidationFailed as error:
                for name, errors in error.fields.items():
                    self.add_error(name, errors)
        return data

    def __init__(self, *args, order=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.weighed_fields = []
        for line in order.lines.all() if order else []:
            if line.unit in ("kg", "jin"):
                name = f"weighed_{line.pk}"
                self.fields[name] = forms.DecimalField(
                    label=_("Weighed %(name)s (%(unit)s), ordered %(quantity)s")
                    % {
                        "name": line.display_name,
                        "unit": line.unit_label,
                        "quantity": format_number(line.quantity),
                    },
                    required=False,
                    max_digits=12,
                    decimal_places=3,
                    min_value=Decimal("0.001"),
                    help_text=_("Optional: within 20 %; lighter is refunded at once."),
                )
                self.weighed_fields.append((line.pk, name))
        if self.weighed_fields and order is not None and order.shipping_fee > 0:
            self.fields["refund_freight"] = forms.BooleanField(
                label=_("Also refund the freight the lighter parcel costs less"),
                required=False,
                help_text=_("Freight paid: %(fee)s. Without this, only the goods are refunded.")
                % {"fee": format_yuan(order.shipping_fee)},
            )

    def weighed(self) -> dict:
        return {pk: self.cleaned_data[name] for pk, name in self.weighed_fields if self.cleaned_data.get(name)}


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=255, required=False)


class DisputeForm(forms.Form):
    reason = forms.CharField(label=_("What went wrong?"), widget=forms.Textarea(attrs={"rows": 3}))


class DisputeAnswerForm(forms.Form):
    answer = forms.CharField(label=_("Your answer"), widget=forms.Textarea(attrs={"rows": 3}))


class DisputeDecideForm(forms.Form):
    refund = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("1", _("Refund the buyer")), ("0", _("Reject the dispute"))],
        coerce=lambda value: value == "1",
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=500)


class ResidentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user) -> str:
        """ "李芳 · 13800000000": villagers are known at the counter by name and phone, not by username."""
        return f"{user.display_name} · {user.phone}" if user.phone else user.display_name


class ProductChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, product) -> str:
        """ "东北酸菜 · 李家酸菜坊 · ¥18.50 / 公斤" """
        return f"{product.name} · {product.shop.name} · {format_yuan(product.unit_price)} / {unit_name(product.unit)}"


class AssistedRequestForm(forms.Form):
    """A villager's request recorded by the operator: a resident of the station's village (never the operator),
    and either a Taocun product found by search (`product_query`) or an outside item with its link and price."""

    SEARCH_RESULTS = 10

    villager = ResidentChoiceField(
        label=_("Villager"), queryset=User.objects.none(), empty_label=_("Choose a villager")
    )
    product = ProductChoiceField(
        label=_("Taocun product"),
        queryset=Product.objects.none(),
        required=False,
        empty_label=_("None: an outside item (describe it below)"),
    )
    variant = forms.TypedChoiceField(
        label=_("Option"),
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("For a product sold in several options (5 斤装, 10 斤装...)."),
    )
    description = forms.CharField(label=_("Item"), max_length=200, required=False)
    link = forms.URLField(label=_("Link"), required=False, assume_scheme="https")
    quantity = forms.DecimalField(label=_("Quantity"), max_digits=12, decimal_places=3, initial=Decimal("1"))
    price = forms.DecimalField(
        label=_("Price (yuan)"), max_digits=14, decimal_places=2, required=False, help_text=_("For an outside item.")
    )
    deposit = forms.DecimalField(label=_("Deposit paid (yuan)"), max_digits=14, decimal_places=2, initial=Decimal("0"))

    def __init__(self, *args, station=None, operator=None, product_query: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if station is not None:
            residents = village_residents(village_id=station.village_id).exclude(pk=getattr(operator, "pk", None))
            self.fields["villager"].queryset = residents.order_by("last_name", "first_name", "pk")
        published = product_list(search=product_query) if product_query.strip() else product_list()
        chosen = (self.data.get(self.add_prefix("product")) or "").strip()
        if chosen.isdigit():  # a submitted choice: valid while the product is on sale
            products = published.filter(pk=int(chosen))
        elif product_query.strip():
            products = published[: self.SEARCH_RESULTS]
        else:
            products = Product.objects.none()
        self.fields["product"].queryset = products
        if product_query.strip():  # found by search: every match in view, one tap to choose (not a closed list)
            self.fields["product"].widget = forms.RadioSelect(choices=self.fields["product"].choices)
        self.found_products = products.count() if product_query.strip() else None
        # The options of the products in view that have several (one query); none: the field is not shown.
        options = ProductVariant.objects.filter(product__in=products, is_active=True).select_related("product")
        options = [option for option in options.order_by("product_id", "position", "pk") if option.name]
        if options:
            self.fields["variant"].choices = [("", "—")] + [
                (option.pk, f"{option.product.name} · {option.name} — {format_yuan(option.unit_price)}")
                for option in options
            ]
        else:
            self.fields["variant"].widget = forms.HiddenInput()


class PickupForm(forms.Form):
    code = forms.RegexField(
        label=_("Pickup code"), regex=r"^\d{6}$", max_length=6, error_messages={"invalid": _("Six digits.")}
    )


class ReviewNoteForm(forms.Form):
    note = forms.CharField(
        label=_("Why"),
        max_length=255,
        help_text=_("Kept in the audit log; a villager whose borrowing is frozen sees it."),
    )


class StationScanForm(forms.Form):
    tracking_number = forms.CharField(
        label=_("Scan or type the waybill number"),
        max_length=64,
        widget=forms.TextInput(
            attrs={"autofocus": True, "autocomplete": "off", "autocapitalize": "characters", "enterkeyhint": "done"}
        ),
    )


# --- withdrawals


class PayoutAccountForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=PayoutAccountKind.choices)
    holder_name = forms.CharField(label=_("Holder's name"), max_length=50)
    number = forms.CharField(
        label=_("Card number, or Alipay mobile or e-mail"),
        max_length=64,
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "text"}),
    )
    bank_name = forms.CharField(label=_("Bank (cards only)"), max_length=50, required=False)


class WithdrawalForm(forms.Form):
    shop = forms.TypedChoiceField(label=_("Shop"), coerce=int)
    account = forms.TypedChoiceField(label=_("Pay to"), coerce=int)
    amount = forms.DecimalField(label=_("Amount (yuan)"), max_digits=14, decimal_places=2, min_value=Decimal("0.01"))

    def __init__(self, *args, shops=(), accounts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["shop"].choices = [(shop.pk, shop.name) for shop in shops]
        self.fields["account"].choices = [(account.pk, str(account)) for account in accounts]


class WithdrawalRefuseForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=255)
