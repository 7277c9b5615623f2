"""The catalogue filters, shared by the catalogue page and the products endpoint."""

from urllib.parse import quote

import django_filters
from django import forms
from django.core.cache import cache
from django.db.models import Exists, OuterRef
from django.utils.choices import BaseChoiceIterator
from django.utils.translation import get_language
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
    ("rating", _("Best rated")),
]


# How long a drawn drop-down (categories, provinces, counties) is reused: a new county shows within this.
CHOICES_CACHE_SECONDS = 300


class _LazyChoices(BaseChoiceIterator):
    """A select's choices from a queryset, run only if the select is drawn (with an empty label first)."""

    def __init__(self, field, queryset):
        self.field, self.queryset = field, queryset

    def __iter__(self):
        yield "", self.field.empty_label
        for place in self.queryset:
            yield place.pk, self.field.label_from_instance(place)


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
    # Any place validates (a shared link with ?village= works); the page lists fewer (selects).
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

    def selects(self) -> dict[str, str]:
        """The catalogue page's drop-downs, drawn. Category, province and county come from tables that hardly
        change, so each drawing is cached for CHOICES_CACHE_SECONDS per language and chosen value (issue 25:
        querying and drawing them was a third of the page's time); an invalid value is drawn, not cached.
        Counties are those of the chosen province; villages (with shops) are listed only once a county is
        chosen: listing all of them (10,000 at the issue's scale) made each page hundreds of kilobytes and
        300 ms slower. The API still accepts any place."""
        data = self.data or {}
        errors = self.form.errors
        drawn = {}
        for name in ("category", "province", "county"):
            if name == "county":
                self._counties_narrow()
            chosen = [str(data.get(name) or ""), str(data.get("province") or "") if name == "county" else ""]
            if errors.get(name) or (name == "county" and errors.get("province")):
                drawn[name] = str(self.form[name])
                continue
            key = "shops:select:" + ":".join([name, get_language() or "", *(quote(value) for value in chosen)])
            drawn[name] = cache.get(key)
            if drawn[name] is None:
                drawn[name] = str(self.form[name])
                cache.set(key, drawn[name], CHOICES_CACHE_SECONDS)
        self._villages_narrow()
        drawn["village"] = str(self.form["village"])
        return drawn

    def _chosen(self, name: str) -> int | None:
        value = str((self.data or {}).get(name) or "")
        return int(value) if value.isdigit() else None

    def _counties_narrow(self) -> None:
        # A lazy list: drawn (and queried) only when the cache has no drawing.
        field = self.form.fields["county"]
        counties = County.objects.order_by("name")
        if self._chosen("province"):
            counties = counties.filter(province_id=self._chosen("province"))
        field.widget.choices = _LazyChoices(field, counties)

    def _villages_narrow(self) -> None:
        field = self.form.fields["village"]
        villages = Village.objects.filter(Exists(Shop.objects.filter(village_id=OuterRef("pk")))).order_by("name")
        if self._chosen("county"):
            villages = villages.filter(township__county_id=self._chosen("county"))
        elif self._chosen("village"):
            villages = villages.filter(pk=self._chosen("village"))
        else:
            villages = villages.none()
            field.help_text = _("Choose a county first.")
        field.widget.choices = _LazyChoices(field, villages)

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
