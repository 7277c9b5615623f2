"""REST for group buys (issue 23): offers (sellers create and end them, everyone reads the live ones), groups
(open ones with places and time left, one by its share code), and the two ways in: open a group on an offer, join
one by its code. Either answers the member's order, paid like any order (POST /api/orders/{number}/pay/)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from orders import group_buy_selectors, services
from orders.api import ShipToSerializer
from promotions import selectors as offer_selectors
from promotions import services as offer_services
from promotions.models import GroupBuy, GroupBuyOffer


class GroupBuyOfferSerializer(serializers.ModelSerializer):
    product = serializers.IntegerField(source="variant.product_id", read_only=True)
    product_name = serializers.CharField(source="variant.product.name", read_only=True)
    variant_name = serializers.CharField(source="variant.name", read_only=True)
    regular_price = serializers.DecimalField(
        source="variant.unit_price", max_digits=14, decimal_places=2, read_only=True
    )
    label = serializers.CharField(read_only=True, help_text="“3 人团 ¥25” in the request's language.")

    class Meta:
        model = GroupBuyOffer
        fields = [
            "id",
            "shop",
            "product",
            "product_name",
            "variant",
            "variant_name",
            "regular_price",
            "group_price",
            "group_size",
            "quantity",
            "fill_hours",
            "max_groups",
            "max_quantity",
            "starts_at",
            "ends_at",
            "is_active",
            "label",
        ]


class GroupBuyOfferCreateSerializer(serializers.Serializer):
    variant = serializers.IntegerField(min_value=1, max_value=2**63 - 1)
    group_price = serializers.DecimalField(max_digits=14, decimal_places=2)
    group_size = serializers.IntegerField()
    fill_hours = serializers.IntegerField(default=24)
    quantity = serializers.DecimalField(max_digits=10, decimal_places=3, default="1")
    max_groups = serializers.IntegerField(required=False, allow_null=True)
    max_quantity = serializers.DecimalField(max_digits=12, decimal_places=3, required=False, allow_null=True)
    starts_at = serializers.DateTimeField(required=False, allow_null=True)
    ends_at = serializers.DateTimeField(required=False, allow_null=True)


class GroupBuySerializer(serializers.ModelSerializer):
    offer = GroupBuyOfferSerializer(read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    places_held = serializers.IntegerField(read_only=True)
    places_left = serializers.SerializerMethodField()
    members_paid = serializers.IntegerField(read_only=True)
    seconds_left = serializers.SerializerMethodField()
    share_url = serializers.SerializerMethodField()

    class Meta:
        model = GroupBuy
        fields = [
            "code",
            "offer",
            "status",
            "status_display",
            "size",
            "price",
            "quantity",
            "deadline",
            "seconds_left",
            "places_held",
            "places_left",
            "members_paid",
            "share_url",
        ]

    def get_places_left(self, group) -> int:
        return max(0, group.size - getattr(group, "places_held", 0))

    def get_seconds_left(self, group) -> int:
        return max(0, int((group.deadline - timezone.now()).total_seconds()))

    def get_share_url(self, group) -> str:
        request = self.context.get("request")
        url = group.get_absolute_url()
        return request.build_absolute_uri(url) if request else url


class GroupBuyMemberSerializer(serializers.Serializer):
    """The member's place: their group and the order to pay."""

    group = serializers.SerializerMethodField()
    order = serializers.CharField(source="order.number")
    order_status = serializers.CharField(source="order.status")
    total = serializers.DecimalField(source="order.total", max_digits=14, decimal_places=2)

    def get_group(self, member) -> dict:
        group = group_buy_selectors.group_buy_get(code=member.group.code)
        return GroupBuySerializer(group, context=self.context).data


def _ship_to(request):
    serializer = ShipToSerializer(data=request.data, context={"request": request})
    serializer.is_valid(raise_exception=True)
    if serializer.validated_data.get("collect_at_station"):
        raise serializers.ValidationError({"collect_at_station": [_("Group-buy orders are shipped to an address.")]})
    return serializer.ship_to()


class GroupBuyOfferViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Live offers for everyone (`?product=`), or every offer of the shops one manages (`?managed=true`)."""

    serializer_class = GroupBuyOfferSerializer
    permission_classes = [permissions.IsAuthenticatedOrReadOnly]
    ordering_fields = ["group_price", "group_size", "starts_at", "created_at"]

    def get_queryset(self):
        if (
            self.request.query_params.get("managed") in ("1", "true")
            and self.request.user.is_authenticated
            or self.action == "end"
            and self.request.user.is_authenticated
        ):
            offers = offer_selectors.group_buy_offers_managed(user=self.request.user)
        elif self.action in ("retrieve", "open_group"):  # an ended offer: the service says so (400), not a 404
            offers = GroupBuyOffer.objects.select_related("variant__product", "shop")
        else:
            offers = offer_selectors.group_buy_offers_live()
        product = self.request.query_params.get("product", "")
        if product.isdigit() and len(product) < 19:
            offers = offers.filter(variant__product_id=int(product))
        return offers

    @extend_schema(
        parameters=[
            OpenApiParameter("product", int, description="Offers on this product."),
            OpenApiParameter("managed", bool, description="Every offer of the shops I manage, ended ones too."),
        ]
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(request=GroupBuyOfferCreateSerializer, responses={201: GroupBuyOfferSerializer})
    def create(self, request):
        """A farmer (or the village's station operator) offers a group price on one of the shop's options."""
        serializer = GroupBuyOfferCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        offer = offer_services.group_buy_offer_create(
            actor=request.user,
            variant_id=data["variant"],
            group_price=data["group_price"],
            group_size=data["group_size"],
            fill_hours=data["fill_hours"],
            quantity=data["quantity"],
            max_groups=data.get("max_groups"),
            max_quantity=data.get("max_quantity"),
            starts_at=data.get("starts_at"),
            ends_at=data.get("ends_at"),
        )
        return Response(GroupBuyOfferSerializer(offer).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=GroupBuyOfferSerializer)
    @action(detail=True, methods=["post"])
    def end(self, request, pk=None):
        """No new group on this offer; open groups run to their deadline."""
        offer = offer_services.group_buy_offer_end(actor=request.user, offer_id=self.get_object().pk)
        return Response(GroupBuyOfferSerializer(offer).data)

    @extend_schema(request=ShipToSerializer, responses={201: GroupBuyMemberSerializer})
    @action(detail=True, methods=["post"], url_path="open-group")
    def open_group(self, request, pk=None):
        """Open a group: the caller is its first member, with an order at the group price to pay."""
        ship_to = _ship_to(request)
        member = services.group_buy_open(buyer=request.user, offer_id=self.get_object().pk, ship_to=ship_to)
        data = GroupBuyMemberSerializer(member, context={"request": request}).data
        return Response(data, status=status.HTTP_201_CREATED)


class GroupBuyViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Groups one may join (`?product=`, `?offer=`), soonest deadline first; one group by its share code."""

    serializer_class = GroupBuySerializer
    permission_classes = [permissions.IsAuthenticatedOrReadOnly]
    ordering_fields = ["deadline", "created_at"]
    lookup_field = "code"
    lookup_value_regex = "[A-Za-z0-9_-]{1,16}"

    def get_queryset(self):
        if self.action == "list":
            params = self.request.query_params
            product, offer = params.get("product", ""), params.get("offer", "")
            return group_buy_selectors.group_buys_open(
                product_id=int(product) if product.isdigit() and len(product) < 19 else None,
                offer_ids=[int(offer)] if offer.isdigit() and len(offer) < 19 else None,
            )
        return group_buy_selectors._with_places(GroupBuy.objects.all())

    @extend_schema(
        parameters=[
            OpenApiParameter("product", int, description="Groups on this product."),
            OpenApiParameter("offer", int, description="Groups of this offer."),
        ]
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(request=ShipToSerializer, responses={201: GroupBuyMemberSerializer})
    @action(detail=True, methods=["post"])
    def join(self, request, code=None):
        """Join this group: refused (400, field `group`) when it is full, has succeeded or is past its deadline,
        or when the caller already holds a place in it."""
        ship_to = _ship_to(request)
        member = services.group_buy_join(buyer=request.user, code=code, ship_to=ship_to)
        data = GroupBuyMemberSerializer(member, context={"request": request}).data
        return Response(data, status=status.HTTP_201_CREATED)


def register_routes(router) -> None:
    router.register("group-buy-offers", GroupBuyOfferViewSet, basename="group-buy-offer")
    router.register("group-buys", GroupBuyViewSet, basename="group-buy")
