from decimal import Decimal

from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from accounts.models import Role, User
from core.quantity import plain_number
from shops.filters import CategoryChoiceField
from shops.models import Category, Product, SalesChannel
from shops.photos import ALLOWED_EXTENSIONS, MAX_PHOTOS_PER_PRODUCT
from shops.selectors import category_choices
from villages.selectors import operated_village_ids

PHOTO_ACCEPT = ",".join([*ALLOWED_EXTENSIONS, "image/jpeg", "image/png", "image/webp"])


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several photos in one input; each is checked by the photo service, not here."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": PHOTO_ACCEPT}))
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


def _photo_help() -> str:
    return gettext("JPEG, PNG or WebP, up to 10 MB each, at most %(max)s photos. The first one is the cover.") % {
        "max": MAX_PHOTOS_PER_PRODUCT
    }


# Formatted when shown, in the page's language: `_(...) % {...}` at import time froze it in the default one.
PHOTO_HELP = lazy(_photo_help, str)()


class ShopOpenForm(forms.Form):
    owner = forms.ModelChoiceField(
        queryset=User.objects.none(), label=_("Villager"), help_text=_("The farmer who will own the shop.")
    )
    name = forms.CharField(label=_("Shop name"), max_length=100)
    description = forms.CharField(label=_("About the shop"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    channels = forms.ModelMultipleChoiceField(
        queryset=SalesChannel.objects.order_by("pk"),
        to_field_name="code",
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=_("Also sells on"),
    )
    is_cooperative = forms.BooleanField(label=_("Cooperative shop (several farmers)"), required=False)

    def __init__(self, *args, user: User, village_id: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if user.is_farmer:
            del self.fields["owner"]
            return
        farmers = User.objects.filter(role=Role.FARMER).select_related("home_village").order_by("username")
        if user.is_admin:
            if village_id:
                farmers = farmers.filter(home_village_id=village_id)
        else:
            farmers = farmers.filter(home_village_id__in=list(operated_village_ids(user=user)))
        self.fields["owner"].queryset = farmers
        self.fields["owner"].label_from_instance = lambda farmer: f"{farmer.display_name} ({farmer.username})"


class ShopEditForm(forms.Form):
    name = forms.CharField(label=_("Shop name"), max_length=100)
    description = forms.CharField(label=_("About the shop"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    channels = forms.ModelMultipleChoiceField(
        queryset=SalesChannel.objects.order_by("pk"),
        to_field_name="code",
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=_("Also sells on"),
    )


class ProductForm(forms.ModelForm):
    """Product details; the rules (step, minimum, price) are checked again by the service."""

    category = CategoryChoiceField(queryset=Category.objects.none(), label=_("Category"))
    photos = MultipleFileField(label=_("Photos"), help_text=PHOTO_HELP)
    # Set by the button pressed ("Save as draft" / "Publish now"), not by a box to tick: see product_form.html.
    publish = forms.BooleanField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = Product
        fields = [
            "name",
            "category",
            "description",
            "unit",
            "unit_price",
            "stock",
            "order_step",
            "order_minimum",
            "is_local_specialty",
            "produced_on",
            "shelf_life_days",
            "shipping_weight_kg",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "produced_on": forms.DateInput(attrs={"type": "date"}),
        }
        help_texts = {
            "order_minimum": _("For example 1.5 (kg) for pickled cabbage, 1 (portion) for soup."),
            "stock": _("How much you have now. Later, change it with “Adjust stock”."),
        }

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = category_choices()
        if editing and self.instance.pk and len(self.instance.options) > 1:
            # Several options: price, step, minimum and weight are each option's (the "Options" form).
            for name in ("unit_price", "order_step", "order_minimum", "shipping_weight_kg"):
                del self.fields[name]
        for name in ("unit_price", "stock", "order_step", "order_minimum"):
            if name in self.fields:
                self.fields[name].widget.attrs.update({"inputmode": "decimal", "min": "0"})
                self.fields[name].widget.attrs["step"] = "0.01" if name == "unit_price" else "0.001"
        if "stock" in self.fields:
            self.fields["stock"].initial = Decimal("0")
        # Show 1.5, not 1.500: the farmer typed 1.5.
        for name in ("order_step", "order_minimum", "unit_price"):
            value = self.initial.get(name)
            if isinstance(value, Decimal):
                self.initial[name] = plain_number(value) if name != "unit_price" else value
        if editing:
            # Stock moves only through "Adjust stock" (never overwrites an order's decrement).
            for name in ("stock", "photos", "publish"):
                del self.fields[name]

    def _post_clean(self):
        # The service validates and writes; the ModelForm must not validate model constraints on its own.
        pass


class VariantForm(forms.Form):
    """One option of a product on its edit page (a row of VariantFormSet): an existing one (its id) or a new one
    (the last, empty row). Its stock is set only when it is added; later through "Adjust stock"."""

    id = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1, max_value=2**63 - 1)
    name = forms.CharField(label=_("Option"), max_length=60, required=False)
    unit_price = forms.DecimalField(label=_("Price (yuan)"), max_digits=14, decimal_places=2, required=False)
    stock = forms.DecimalField(label=_("Stock"), max_digits=12, decimal_places=3, required=False)
    order_step = forms.DecimalField(label=_("Step"), max_digits=10, decimal_places=3, required=False)
    order_minimum = forms.DecimalField(label=_("Minimum"), max_digits=10, decimal_places=3, required=False)
    shipping_weight_kg = forms.DecimalField(
        label=_("Packed weight (kg)"), max_digits=10, decimal_places=3, required=False
    )
    position = forms.IntegerField(
        label=pgettext_lazy("position of an option in a list", "Order"), min_value=0, max_value=999, required=False
    )
    is_active = forms.BooleanField(label=_("On sale"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("unit_price", "stock", "order_step", "order_minimum", "shipping_weight_kg"):
            self.fields[name].widget.attrs.update(
                {"inputmode": "decimal", "min": "0", "step": "0.01" if name == "unit_price" else "0.001"}
            )
        self.fields["position"].widget.attrs.update({"inputmode": "numeric", "min": "0"})
        for name in ("order_step", "order_minimum", "shipping_weight_kg", "stock"):
            value = self.initial.get(name)
            if isinstance(value, Decimal):
                self.initial[name] = plain_number(value)

    @property
    def is_new(self) -> bool:
        return not self.initial.get("id")

    def option(self) -> dict | None:
        """The row as the service takes it; None for the new row left empty."""
        data = self.cleaned_data
        if not data.get("id") and not data.get("name") and data.get("unit_price") is None:
            return None
        option = {"name": data.get("name") or "", "is_active": bool(data.get("is_active"))}
        if data.get("id"):
            option["id"] = data["id"]
        for name in ("unit_price", "order_step", "order_minimum", "shipping_weight_kg"):
            if data.get(name) is not None or name == "shipping_weight_kg":
                option[name] = data.get(name)
        if not data.get("id") and data.get("stock") is not None:
            option["stock"] = data["stock"]
        return option


VariantFormSet = forms.formset_factory(VariantForm, extra=0, max_num=21, absolute_max=40)


def variant_formset(product, data=None) -> forms.BaseFormSet:
    """The options of a product as rows (on sale first, then retired, each in their order), and an empty row."""
    rows = sorted(product.variants.all(), key=lambda option: (not option.is_active, option.position, option.pk))
    initial = [
        {
            "id": option.pk,
            "name": option.name,
            "unit_price": option.unit_price,
            "stock": option.stock,
            "order_step": option.order_step,
            "order_minimum": option.order_minimum,
            "shipping_weight_kg": option.shipping_weight_kg,
            "position": index + 1,
            "is_active": option.is_active,
        }
        for index, option in enumerate(rows)
    ]
    new_row = {"position": len(rows) + 1, "is_active": True, "order_step": "1", "order_minimum": "1"}
    return VariantFormSet(data, initial=[*initial, new_row], prefix="options")


class StockAdjustForm(forms.Form):
    """Add or remove stock by a positive amount: a phone's number keypad often has no minus key. A product with
    several options: of the option chosen."""

    ADD, REMOVE = "add", "remove"
    direction = forms.ChoiceField(
        label=_("Stock change"),
        choices=[(ADD, _("Add (harvest, new stock)")), (REMOVE, _("Remove (spoiled, sold at the market)"))],
        initial=ADD,
        widget=forms.RadioSelect,
    )
    amount = forms.DecimalField(
        label=_("How much"),
        max_digits=12,
        decimal_places=3,
        min_value=Decimal("0.001"),
        widget=forms.NumberInput(attrs={"step": "0.001", "min": "0", "inputmode": "decimal"}),
    )

    variant = forms.TypedChoiceField(label=_("Option"), coerce=int, empty_value=None, required=False)

    def __init__(self, *args, product=None, **kwargs):
        super().__init__(*args, **kwargs)
        options = product.options if product is not None else []
        if len(options) > 1:
            self.fields["variant"].required = True
            self.fields["variant"].choices = [
                (option.pk, f"{option.name} ({plain_number(option.stock)})") for option in options
            ]
        else:
            del self.fields["variant"]

    def clean(self):
        data = super().clean()
        if "amount" in data and "direction" in data:
            data["delta"] = -data["amount"] if data["direction"] == self.REMOVE else data["amount"]
        return data


class PhotoUploadForm(forms.Form):
    photos = MultipleFileField(label=_("Add photos"), help_text=PHOTO_HELP, required=True)
