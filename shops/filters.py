"""The catalogue filters, shared by the catalogue page and the products endpoint."""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from shops import selectors
from shops.models import Product, ProductStatus, Shop
from villages.models import County, Province, Village

SORT_CHOICES = [
    ("relevance", _("Best match")),  # with a search: relevance, then best selling; without: newest
    ("newest", _("Newest")),
    ("price_asc", _("Price: low to high")),
    ("price_desc", _("Price: high to low")),
    ("best_selling", _("Best selling")),
]


class CategoryChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"— {obj}" if obj.parent_id else str(obj)


class CategoryFilter(django_filters.ModelChoiceFilter):
    field_class = CategoryChoiceField


class ProductFilter(django_filters.FilterSet):
    """Search, filters and sort of the catalogue; the work is done by selectors.product_list."""

    q = django_filters.CharFilter(label=_("Search"), method="noop")
    category = CategoryFilter(
        # Each top-level category followed by its children.
        queryset=selectors.category_choices(),
        to_field_name="slug",
        label=_("Category"),
        method="noop",
        empty_label=_("All"),
    )
    province = django_filters.ModelChoiceFilter(
        queryset=Province.objects.all(),
        field_name="shop__village__township__county__province",  # for the API schema; the selector filters
        label=_("Province"),
        method="noop",
        empty_label=_("All"),
    )
    # Any place validates (a shared link with ?village= works); the page lists fewer (narrow_place_choices).
    county = django_filters.ModelChoiceFilter(
        queryset=County.objects.order_by("name"),
        field_name="shop__village__township__county",
        label=_("County"),
        method="noop",
        empty_label=_("All"),
    )
    village = django_filters.ModelChoiceFilter(
        queryset=Village.objects.order_by("name"),
        field_name="shop__village",
        label=_("Village"),
        method="noop",
        empty_label=_("All"),
    )
    shop = django_filters.NumberFilter(label=_("Shop"), method="noop")
    price_min = django_filters.NumberFilter(label=_("From ¥"), method="noop", min_value=0)
    price_max = django_filters.NumberFilter(label=_("To ¥"), method="noop", min_value=0)
    specialty = django_filters.BooleanFilter(
        label=_("Local specialties only"), method="noop", widget=forms.CheckboxInput
    )
    in_stock = django_filters.BooleanFilter(label=_("In stock only"), method="noop", widget=forms.CheckboxInput)
    status = django_filters.ChoiceFilter(choices=ProductStatus.choices, label=_("Status"), field_name="status")
    sort = django_filters.ChoiceFilter(choices=SORT_CHOICES, label=_("Sort by"), method="noop", empty_label=None)

    class Meta:
        model = Product
        fields = []

    def noop(self, queryset, name, value):
        return queryset

    def narrow_place_choices(self) -> None:
        """The catalogue page's place lists: counties of the chosen province, and villages with shops only once
        a county is chosen. Listing every village with shops (10,000 at the issue's scale) made each catalogue
        page hundreds of kilobytes and 300 ms slower; the API still accepts any place."""
        data = self.data or {}

        def chosen(name: str) -> int | None:
            value = str(data.get(name) or "")
            return int(value) if value.isdigit() else None

        counties = County.objects.order_by("name")
        if chosen("province"):
            counties = counties.filter(province_id=chosen("province"))
        villages = Village.objects.filter(Exists(Shop.objects.filter(village_id=OuterRef("pk")))).order_by("name")
        if chosen("county"):
            villages = villages.filter(township__county_id=chosen("county"))
        elif chosen("village"):
            villages = villages.filter(pk=chosen("village"))
        else:
            villages = villages.none()
        for name, places in (("county", counties), ("village", villages)):
            field = self.form.fields[name]
            field.widget.choices = [("", field.empty_label), *((p.pk, field.label_from_instance(p)) for p in places)]
        if not chosen("county") and not chosen("village"):
            self.form.fields["village"].help_text = _("Choose a county first.")

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)  # only `status` filters here; the rest goes to the selector
        data = self.form.cleaned_data
        return selectors.product_list(
            queryset=queryset,
            search=data.get("q") or "",
            category=data.get("category"),
            province_id=data["province"].pk if data.get("province") else None,
            county_id=data["county"].pk if data.get("county") else None,
            village_id=data["village"].pk if data.get("village") else None,
            shop_id=int(data["shop"]) if data.get("shop") else None,
            price_min=data.get("price_min"),
            price_max=data.get("price_max"),
            # An unticked box means "do not filter", not "only the others".
            local_specialty=True if data.get("specialty") else None,
            in_stock=True if data.get("in_stock") else None,
            sort=data.get("sort") or selectors.DEFAULT_SORT,
        )
