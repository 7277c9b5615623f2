import django_filters
from django.utils.translation import gettext_lazy as _

from villages.models import County, Province, ServiceStation, Village


class VillageFilter(django_filters.FilterSet):
    province = django_filters.ModelChoiceFilter(
        field_name="township__county__province", queryset=Province.objects.all(), label=_("Province")
    )
    county = django_filters.ModelChoiceFilter(
        field_name="township__county", queryset=County.objects.all(), label=_("County")
    )
    township = django_filters.NumberFilter(field_name="township", label=_("Township"))
    poverty_county = django_filters.BooleanFilter(
        field_name="township__county__is_poverty_county", label=_("In a poverty county")
    )
    poor_village = django_filters.BooleanFilter(field_name="is_poor_village", label=_("Poor village"))

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
