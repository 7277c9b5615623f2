import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from villages.models import County, Province, ServiceStation, Village


class AnyYesNoSelect(forms.Select):
    """A yes/no filter whose empty choice reads "Any" (django-filter's default says "Unknown")."""

    def __init__(self, attrs=None):
        super().__init__(attrs, choices=[("", _("Any")), ("true", _("Yes")), ("false", _("No"))])

    def value_from_datadict(self, data, files, name):
        value = data.get(name)
        return {"true": True, "false": False, "1": True, "0": False, "True": True, "False": False}.get(value)


class VillageFilter(django_filters.FilterSet):
    province = django_filters.ModelChoiceFilter(
        field_name="township__county__province",
        queryset=Province.objects.all(),
        label=_("Province"),
        empty_label=_("All provinces"),
    )
    county = django_filters.ModelChoiceFilter(
        field_name="township__county", queryset=County.objects.all(), label=_("County"), empty_label=_("All counties")
    )
    township = django_filters.NumberFilter(field_name="township", label=_("Township"))
    poverty_county = django_filters.BooleanFilter(
        field_name="township__county__is_poverty_county", label=_("In a poverty county"), widget=AnyYesNoSelect
    )
    poor_village = django_filters.BooleanFilter(
        field_name="is_poor_village", label=_("Poor village"), widget=AnyYesNoSelect
    )

    class Meta:
        model = Village
        fields = ["province", "county", "township", "poverty_county", "poor_village"]


class CountyFilter(django_filters.FilterSet):
    poverty_county = django_filters.BooleanFilter(field_name="is_poverty_county", label=_("Poverty county"))

    class Meta:
        model = County
        fields = ["province", "poverty_county"]


class StationFilter(django_filters.FilterSet):
    province = django_filters.ModelChoiceFilter(
        field_name="village__township__county__province", queryset=Province.objects.all(), label=_("Province")
    )
    county = django_filters.ModelChoiceFilter(
        field_name="village__township__county", queryset=County.objects.all(), label=_("County")
    )

    class Meta:
        model = ServiceStation
        fields = ["province", "county", "village", "status"]
