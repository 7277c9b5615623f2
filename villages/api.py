from rest_framework import serializers, viewsets

from core.api import display_of, label_of
from villages import selectors
from villages.filters import CountyFilter, StationFilter, VillageFilter
from villages.models import County, Province, ServiceStation, Village


class ProvinceSerializer(serializers.ModelSerializer):
    county_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Province
        fields = ["id", "code", "name", "name_zh", "county_count"]


class CountySerializer(serializers.ModelSerializer):
    province_name = label_of("province")
    township_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = County
        fields = ["id", "name", "name_zh", "province", "province_name", "is_poverty_county", "township_count"]


class StationBriefSerializer(serializers.ModelSerializer):
    status_display = display_of("status")

    class Meta:
        model = ServiceStation
        fields = ["id", "name", "status", "status_display"]


class VillageSerializer(serializers.ModelSerializer):
    township_name = label_of("township")
    county = serializers.IntegerField(source="township.county_id", read_only=True)
    county_name = label_of("township.county")
    province = serializers.IntegerField(source="township.county.province_id", read_only=True)
    province_name = label_of("township.county.province")
    is_poverty_county = serializers.BooleanField(source="township.county.is_poverty_county", read_only=True)
    station = serializers.SerializerMethodField()

    class Meta:
        model = Village
        fields = [
            "id",
            "name",
            "name_zh",
            "township",
            "township_name",
            "county",
            "county_name",
            "province",
            "province_name",
            "is_poverty_county",
            "population",
            "households",
            "is_poor_village",
            "station",
        ]

    def get_station(self, village) -> dict | None:
        station = getattr(village, "station", None)
        return StationBriefSerializer(station).data if station else None


class StationSerializer(serializers.ModelSerializer):
    village_name = label_of("village")
    county_name = label_of("village.township.county")
    status_display = display_of("status")
    operator_name = serializers.CharField(source="operator.display_name", read_only=True, default=None, allow_null=True)

    class Meta:
        model = ServiceStation
        fields = [
            "id",
            "name",
            "village",
            "village_name",
            "county_name",
            "operator",
            "operator_name",
            "address",
            "phone",
            "opened_on",
            "status",
            "status_display",
        ]


class ProvinceViewSet(viewsets.ReadOnlyModelViewSet):
    """The 31 provincial-level divisions of mainland China."""

    serializer_class = ProvinceSerializer
    queryset = selectors.province_list()
    filterset_fields = ["code"]
    search_fields = ["name", "name_zh"]
    ordering_fields = ["code", "name", "county_count"]
    pagination_class = None


class CountyViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = CountySerializer
    queryset = selectors.county_list().order_by("province__code", "name")
    filterset_class = CountyFilter
    search_fields = ["name", "name_zh"]
    ordering_fields = ["name", "province", "township_count"]


class VillageViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = VillageSerializer
    queryset = selectors.village_list()
    filterset_class = VillageFilter
    search_fields = ["name", "name_zh", "township__name", "township__county__name"]
    ordering_fields = ["name", "population", "households"]


class StationViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = StationSerializer
    queryset = selectors.station_list()
    filterset_class = StationFilter
    search_fields = ["name", "village__name", "address"]
    ordering_fields = ["name", "village", "opened_on", "status"]


def register_routes(router) -> None:
    router.register("provinces", ProvinceViewSet, basename="province")
    router.register("counties", CountyViewSet, basename="county")
    router.register("villages", VillageViewSet, basename="village")
    router.register("stations", StationViewSet, basename="station")
