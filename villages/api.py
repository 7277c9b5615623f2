import django_filters
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts.models import Role, User
from accounts.services import client_ip_of, login_recent_failures
from core.api import display_of, label_of
from villages import selectors, services
from villages.filters import CountyFilter, StationFilter, VillageFilter
from villages.models import Address, City, County, District, Province, ServiceStation, Village


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


class ResidentSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="display_name", read_only=True)
    role_display = display_of("role")
    home_village_name = label_of("home_village")
    home_village_confirmed = serializers.BooleanField(read_only=True)
    recent_failed_logins = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = [
            "id",
            "username",
            "name",
            "role",
            "role_display",
            "phone",
            "home_village",
            "home_village_name",
            "home_village_confirmed",
            "home_village_confirmed_at",
            "recent_failed_logins",
        ]
        read_only_fields = fields

    def get_recent_failed_logins(self, user) -> int:
        """Failed or refused logins in the current lockout window (LOGIN_LOCKOUT_SECONDS)."""
        return self.context.get("failures", {}).get(user.pk, 0)


class ResidentRegisterSerializer(serializers.Serializer):
    first_name = serializers.CharField(max_length=150, required=False, allow_blank=True, default="")
    last_name = serializers.CharField(max_length=150, required=False, allow_blank=True, default="")
    phone = serializers.CharField(max_length=32, required=False, allow_blank=True, default="")
    role = serializers.ChoiceField(choices=[Role.BUYER, Role.FARMER], default=Role.BUYER)


class IsOperatorOrAdmin(permissions.BasePermission):
    message = "Only station operators and admins may do this."

    def has_permission(self, request, view) -> bool:
        user = request.user
        return bool(user and user.is_authenticated and (user.is_admin or user.is_operator))


class ResidentFilter(django_filters.FilterSet):
    confirmed = django_filters.BooleanFilter(
        field_name="home_village_confirmed_at", lookup_expr="isnull", exclude=True, label="Home village confirmed"
    )

    class Meta:
        model = User
        fields = ["confirmed", "home_village", "role"]


class ResidentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The villagers of the caller's station (admins: every villager): their claimed home village and whether it is
    confirmed, and their failed logins. `confirm` confirms the home village; `unlock` lifts a login lockout."""

    serializer_class = ResidentSerializer
    permission_classes = [IsOperatorOrAdmin]
    filterset_class = ResidentFilter
    search_fields = ["username", "first_name", "last_name"]
    ordering_fields = ["username", "date_joined", "home_village_confirmed_at"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return User.objects.none()
        return selectors.residents_managed_by(user=self.request.user)

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "failures": getattr(self, "_failures", {})}

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        self._failures = login_recent_failures(users=page)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request, *args, **kwargs):
        return self._reply(self.get_object())

    def _reply(self, villager) -> Response:
        self._failures = login_recent_failures(users=[villager])
        villager = self.get_queryset().get(pk=villager.pk)
        return Response(self.get_serializer(villager).data)

    @extend_schema(request=None, responses=ResidentSerializer)
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        """Confirm that the villager lives in the home village they chose (operators: their own village)."""
        return self._reply(services.resident_confirm(actor=request.user, villager_id=self._villager_id()))

    @extend_schema(request=None, responses=ResidentSerializer)
    @action(detail=True, methods=["post"])
    def unlock(self, request, pk=None):
        """Lift the villager's login lockout, from every address."""
        return self._reply(services.resident_login_unlock(actor=request.user, villager_id=self._villager_id()))

    @extend_schema(request=ResidentRegisterSerializer, responses={201: ResidentSerializer})
    @action(detail=False, methods=["post"])
    def register(self, request):
        """Register a villager in person (station operators, for their own village): a name, and a mobile number or
        none. No password: with a number, a log-in code is texted to it; without, their texts go to the station."""
        serializer = ResidentRegisterSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        villager = services.resident_register(
            actor=request.user, client_ip=client_ip_of(request), **serializer.validated_data
        )
        self._failures = {}
        return Response(self.get_serializer(villager).data, status=201)

    def _villager_id(self) -> int:
        pk = str(self.kwargs["pk"])
        return int(pk) if pk.isdigit() and len(pk) < 19 else 0


# --- the national divisions and the address book


class CitySerializer(serializers.ModelSerializer):
    class Meta:
        model = City
        fields = ["id", "code", "name_zh", "province"]


class DistrictSerializer(serializers.ModelSerializer):
    class Meta:
        model = District
        fields = ["id", "code", "name_zh", "city"]


class CityFilter(django_filters.FilterSet):
    class Meta:
        model = City
        fields = ["province"]


class DistrictFilter(django_filters.FilterSet):
    class Meta:
        model = District
        fields = ["city"]


class CityViewSet(viewsets.ReadOnlyModelViewSet):
    """Prefecture-level divisions (NBS 2023 codes), `?province=` for one province's (dependent selects)."""

    serializer_class = CitySerializer
    queryset = City.objects.order_by("code")
    filterset_class = CityFilter
    ordering_fields = ["code", "name_zh"]
    pagination_class = None


class DistrictViewSet(viewsets.ReadOnlyModelViewSet):
    """County-level divisions (districts, counties, county-level cities), `?city=` for one city's."""

    serializer_class = DistrictSerializer
    queryset = District.objects.order_by("code")
    filterset_class = DistrictFilter
    search_fields = ["name_zh", "code"]
    ordering_fields = ["code", "name_zh"]
    pagination_class = None


class AddressSerializer(serializers.ModelSerializer):
    recipient_phone = serializers.CharField(max_length=32, help_text="Validated with phonenumbers; stored E.164.")
    province = serializers.IntegerField(source="province_id")
    city = serializers.IntegerField(source="city_id")
    district = serializers.IntegerField(source="district_id")
    region = serializers.CharField(source="region_text", read_only=True, help_text="浙江省杭州市西湖区")
    is_default = serializers.BooleanField(required=False, default=False)

    class Meta:
        model = Address
        fields = [
            "id",
            "recipient_name",
            "recipient_phone",
            "province",
            "city",
            "district",
            "region",
            "street",
            "is_default",
            "updated_at",
        ]
        read_only_fields = ["id", "region", "updated_at"]

    def address_input(self) -> services.AddressInput:
        data = self.validated_data
        return services.AddressInput(
            recipient_name=data["recipient_name"],
            recipient_phone=data["recipient_phone"],
            province_id=data["province_id"],
            city_id=data["city_id"],
            district_id=data["district_id"],
            street=data["street"],
            is_default=data.get("is_default", False),
        )


ADDRESS_ID = OpenApiParameter("id", int, OpenApiParameter.PATH)


class AddressViewSet(viewsets.ViewSet):
    """The caller's saved addresses (default first). POST/PUT validate that the county lies in the city and the
    city in the province, and the phone number; `set-default` makes one the default."""

    permission_classes = [permissions.IsAuthenticated]
    serializer_class = AddressSerializer

    @extend_schema(responses=AddressSerializer(many=True))
    def list(self, request):
        return Response(AddressSerializer(selectors.address_list(user=request.user), many=True).data)

    @extend_schema(responses=AddressSerializer, parameters=[ADDRESS_ID])
    def retrieve(self, request, pk=None):
        return Response(AddressSerializer(selectors.address_get(user=request.user, address_id=pk)).data)

    @extend_schema(request=AddressSerializer, responses={201: AddressSerializer})
    def create(self, request):
        serializer = AddressSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        address = services.address_save(user=request.user, data=serializer.address_input())
        return Response(AddressSerializer(selectors.address_get(user=request.user, address_id=address.pk)).data, 201)

    @extend_schema(request=AddressSerializer, responses=AddressSerializer, parameters=[ADDRESS_ID])
    def update(self, request, pk=None):
        selectors.address_get(user=request.user, address_id=pk)
        serializer = AddressSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        address = services.address_save(user=request.user, data=serializer.address_input(), address_id=int(pk))
        return Response(AddressSerializer(selectors.address_get(user=request.user, address_id=address.pk)).data)

    @extend_schema(responses={204: None}, parameters=[ADDRESS_ID])
    def destroy(self, request, pk=None):
        services.address_delete(user=request.user, address_id=pk)
        return Response(status=204)

    @extend_schema(request=None, responses=AddressSerializer, parameters=[ADDRESS_ID])
    @action(detail=True, methods=["post"], url_path="set-default")
    def set_default(self, request, pk=None):
        address = services.address_default_set(user=request.user, address_id=pk)
        return Response(AddressSerializer(selectors.address_get(user=request.user, address_id=address.pk)).data)


def register_routes(router) -> None:
    router.register("provinces", ProvinceViewSet, basename="province")
    router.register("counties", CountyViewSet, basename="county")
    router.register("villages", VillageViewSet, basename="village")
    router.register("stations", StationViewSet, basename="station")
    router.register("residents", ResidentViewSet, basename="resident")
    router.register("cities", CityViewSet, basename="city")
    router.register("districts", DistrictViewSet, basename="district")
    router.register("addresses", AddressViewSet, basename="address")
