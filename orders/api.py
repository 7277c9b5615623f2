"""REST adapters for orders: serializers validate input, one service call per action, selectors for reads."""

from __future__ import annotations

import json
import uuid
from decimal import Decimal

from django.http import Http404, HttpResponse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import mixins, permissions, renderers, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from core.api import OptionalURLField, display_of, label_of
from core.errors import NotFound, NotPermitted, ValidationFailed
from core.payments import provider_get
from core.permissions import IsAdminRole
from core.sms import phone_normalise
from logistics.models import TrackingEvent
from orders import printing, selectors, services
from orders.cart import cart_stale_lines
from orders.models import (
    AssistedPurchase,
    CartItem,
    CheckoutPayment,
    Dispute,
    Order,
    OrderCoupon,
    OrderEvent,
    OrderLine,
    Payment,
    PayoutAccount,
    PayoutAccountKind,
    ShopLedgerEntry,
    TrustReview,
    Withdrawal,
)
from orders.services import coupons as coupon_checkout
from orders.services.line_refunds import order_line_refund
from shops import review_selectors
from shops import reviews as shop_reviews
from shops.models import Review
from villages import selectors as village_selectors
from villages import services as village_services


class PdfRenderer(renderers.BaseRenderer):
    """Lets a client ask for `Accept: application/pdf`; the printing actions answer the PDF's bytes themselves."""

    media_type = "application/pdf"
    format = "pdf"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data if isinstance(data, bytes) else json.dumps(data).encode()


PDF_RESPONSE = {(200, "application/pdf"): OpenApiTypes.BINARY}
PRINT_RENDERERS = [renderers.JSONRenderer, PdfRenderer]


class PrintErrorsAsJson:
    """A printing action asked for a PDF (`Accept: application/pdf` or `?format=pdf`) that fails (401, 404 ...)
    answers its error as JSON, with a JSON content type: only a PDF is sent as application/pdf."""

    def finalize_response(self, request, response, *args, **kwargs):
        if response.status_code >= 400 and isinstance(getattr(request, "accepted_renderer", None), PdfRenderer):
            request.accepted_renderer = renderers.JSONRenderer()
            request.accepted_media_type = request.accepted_renderer.media_type
        return super().finalize_response(request, response, *args, **kwargs)


def _pdf(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


# --- serializers


class OrderLineSerializer(serializers.ModelSerializer):
    class Meta:
        model = OrderLine
        fields = [
            "id",
            "product",
            "product_name",
            "variant",
            "variant_name",
            "unit",
            "unit_price",
            "quantity",
            "shipped_quantity",
            "line_total",
            "discount",
        ]


class OrderEventSerializer(serializers.ModelSerializer):
    actor = serializers.CharField(source="actor.username", default=None, read_only=True, allow_null=True)

    class Meta:
        model = OrderEvent
        fields = ["from_status", "to_status", "actor", "note", "created_at"]


class OrderSerializer(serializers.ModelSerializer):
    """The recipient's phone and street are masked (138****1111) for everyone but the buyer once the order no
    longer awaits shipment, unless a dispute about it is open (`contact_masked`)."""

    recipient_phone = serializers.SerializerMethodField()
    ship_address = serializers.SerializerMethodField()
    contact_masked = serializers.SerializerMethodField()
    pickup_code = serializers.SerializerMethodField()
    shop_name = serializers.CharField(source="shop.name", read_only=True)
    buyer = serializers.CharField(source="buyer.username", read_only=True)
    ship_province_name = label_of("ship_province")
    status_display = display_of("status")
    lines = OrderLineSerializer(many=True, read_only=True)

    class Meta:
        model = Order
        fields = [
            "id",
            "number",
            "checkout_id",
            "status",
            "status_display",
            "shop",
            "shop_name",
            "buyer",
            "recipient_name",
            "recipient_phone",
            "ship_province",
            "ship_province_name",
            "ship_city",
            "ship_county",
            "ship_address",
            "contact_masked",
            "subtotal",
            "shipping_fee",
            "shop_discount",
            "platform_discount",
            "total",
            "refunded_amount",
            "carrier",
            "tracking_number",
            "pickup_station",
            "pickup_code",
            "station_arrived_at",
            "station_collected_at",
            "placed_at",
            "paid_at",
            "shipped_at",
            "delivered_at",
            "completed_at",
            "cancelled_at",
            "refunded_at",
            "lines",
        ]
        read_only_fields = fields

    def _contact(self, order) -> tuple[str, str, bool]:
        request = self.context.get("request")
        return selectors.order_contact_for(user=request.user if request else None, order=order)

    def get_recipient_phone(self, order) -> str:
        return self._contact(order)[0]

    def get_ship_address(self, order) -> str:
        return self._contact(order)[1]

    def get_contact_masked(self, order) -> bool:
        return self._contact(order)[2]

    def get_pickup_code(self, order) -> str:
        """Only the buyer sees the code (the operator asks for it at the counter)."""
        request = self.context.get("request")
        mine = request is not None and request.user.pk == order.buyer_id and order.station_collected_at is None
        return order.pickup_code if mine else ""


class TrackingEventSerializer(serializers.ModelSerializer):
    status_display = display_of("status")

    class Meta:
        model = TrackingEvent
        fields = ["status", "status_display", "occurred_at", "place", "description"]


class OrderCouponSerializer(serializers.ModelSerializer):
    class Meta:
        model = OrderCoupon
        fields = ["claim", "label", "funded_by", "amount"]
        read_only_fields = fields


class OrderDetailSerializer(OrderSerializer):
    events = OrderEventSerializer(many=True, read_only=True)
    tracking = serializers.SerializerMethodField(help_text=_("The parcel's events, in the order they happened."))
    coupons = OrderCouponSerializer(many=True, read_only=True, help_text=_("The coupons applied, and who funds them."))

    class Meta(OrderSerializer.Meta):
        fields = [*OrderSerializer.Meta.fields, "freight_detail", "coupons", "events", "tracking"]
        read_only_fields = fields

    @extend_schema_field(TrackingEventSerializer(many=True))
    def get_tracking(self, order) -> list:
        return TrackingEventSerializer(selectors.order_tracking_events(order=order), many=True).data


def COUPONS_FIELD():  # noqa: N802 - a field factory, read as a field
    return serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**63 - 1),
        required=False,
        allow_null=True,
        max_length=50,
        help_text=_(
            "Coupon claims to apply (ids of GET /api/my-coupons/): at most one per shop and one platform coupon. "
            "Omitted or null: the best valid combination (as the quote proposes); []: none. Amounts are always "
            "computed by the server."
        ),
    )


def coupons_choice(data) -> list[int] | str:
    chosen = data.get("coupons")
    return coupon_checkout.BEST if chosen is None else chosen


class ShipToSerializer(serializers.Serializer):
    """Where to ship: a saved `address` of the caller (villages' address book), the fields themselves, or
    `collect_at_station` (the address is then the buyer's village station)."""

    address = serializers.IntegerField(
        required=False, help_text="A saved address of the caller (GET /api/addresses/); replaces the fields below."
    )
    recipient_name = serializers.CharField(max_length=100, required=False)
    recipient_phone = serializers.CharField(max_length=32, required=False, help_text="A valid mobile number.")
    collect_at_station = serializers.BooleanField(
        default=False,
        help_text=_("Collect at my village station: the address fields are then taken from the station."),
    )
    ship_province = serializers.IntegerField(required=False)
    ship_city = serializers.CharField(max_length=64, required=False)
    ship_county = serializers.CharField(max_length=64, required=False)
    ship_address = serializers.CharField(max_length=255, required=False)

    RECIPIENT = ("recipient_name", "recipient_phone")
    ADDRESS = ("ship_province", "ship_city", "ship_county", "ship_address")

    def validate(self, data):
        if data.get("address") is not None and not data.get("collect_at_station"):
            user = getattr(self.context.get("request"), "user", None)
            try:
                address = village_selectors.address_get(user=user, address_id=data["address"])
            except NotFound as error:
                raise serializers.ValidationError({"address": [_("No such address.")]}) from error
            return {**data, "saved": village_services.address_ship_to_fields(address)}
        required = self.RECIPIENT if data.get("collect_at_station") else self.RECIPIENT + self.ADDRESS
        missing = {name: [_("This field is required.")] for name in required if not data.get(name)}
        if missing:
            raise serializers.ValidationError(missing)
        phone = phone_normalise(data["recipient_phone"])
        if phone is None:
            raise serializers.ValidationError({"recipient_phone": [_("Enter a valid mobile number.")]})
        return data

    def ship_to(self) -> services.ShipTo:
        data = self.validated_data
        if "saved" in data:
            return services.ShipTo(**data["saved"])
        return services.ShipTo(
            recipient_name=data["recipient_name"],
            recipient_phone=data["recipient_phone"],
            province_id=data["ship_province"],
            city=data["ship_city"],
            county=data["ship_county"],
            address=data["ship_address"],
        )

    def place(self, *, user, place) -> list[Order]:
        """Run the checkout `place(ship_to)` to the address given, or to the buyer's village station."""
        data = self.validated_data
        if data.get("collect_at_station"):
            return services.checkout_to_station(
                buyer=user, recipient_name=data["recipient_name"], recipient_phone=data["recipient_phone"], place=place
            )
        return place(self.ship_to())


class ItemSerializer(serializers.Serializer):
    product = serializers.IntegerField(min_value=1, max_value=2**63 - 1)
    variant = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        max_value=2**63 - 1,
        help_text="The product's option (an id of its `variants`); may be left out for a product with one option.",
    )
    quantity = serializers.DecimalField(max_digits=12, decimal_places=3)

    @staticmethod
    def resolved(items) -> list[tuple[int, Decimal]]:
        """(option id, quantity) of validated items: the option named, else the product's only option (400 on
        `variant` when it has several)."""
        return services.variants_resolve((item["product"], item.get("variant"), item["quantity"]) for item in items)


class CheckoutSerializer(ShipToSerializer):
    """Items are (product, option, quantity) only: prices always come from the catalogue."""

    items = ItemSerializer(many=True, allow_empty=False)
    coupons = COUPONS_FIELD()


class PaymentSerializer(serializers.ModelSerializer):
    order = serializers.CharField(source="order.number", read_only=True)
    pay_url = serializers.SerializerMethodField()
    status_display = display_of("status")

    class Meta:
        model = Payment
        fields = [
            "id",
            "order",
            "provider",
            "reference",
            "amount",
            "status",
            "status_display",
            "created_at",
            "confirmed_at",
            "pay_url",
        ]

    def get_pay_url(self, payment) -> str:
        url = provider_get(payment.provider).checkout_url(
            reference=payment.reference, simulated_page="orders:simulated_pay"
        )
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url


class ShipSerializer(serializers.Serializer):
    carrier = serializers.CharField(
        max_length=64, help_text=_("A carrier code of GET /api/carriers/ (SF, ZTO, YTO, STO, YD, JD, EMS, YZPY, HTKY).")
    )
    tracking_number = serializers.CharField(max_length=64, help_text=_("In the carrier's format."))
    weighed = serializers.DictField(
        child=serializers.DecimalField(max_digits=12, decimal_places=3),
        required=False,
        help_text=_("Order line id -> weighed quantity, for produce sold by weight."),
    )
    refund_freight = serializers.BooleanField(
        required=False,
        default=False,
        help_text=_("Weighed lighter: also refund the freight the lighter parcel would have cost less."),
    )


class QuoteShipToSerializer(serializers.Serializer):
    ship_province = serializers.IntegerField(min_value=1, max_value=2**31 - 1)


class CartQuoteShipToSerializer(QuoteShipToSerializer):
    coupons = COUPONS_FIELD()


class CartCheckoutSerializer(ShipToSerializer):
    coupons = COUPONS_FIELD()


class QuoteSerializer(QuoteShipToSerializer):
    items = ItemSerializer(many=True, allow_empty=False)
    coupons = COUPONS_FIELD()


class ShopQuoteSerializer(serializers.Serializer):
    shop = serializers.IntegerField(source="shop_id")
    subtotal = serializers.DecimalField(max_digits=14, decimal_places=2)
    shipping_fee = serializers.DecimalField(max_digits=14, decimal_places=2)
    total = serializers.DecimalField(max_digits=14, decimal_places=2)


class CouponPickSerializer(serializers.Serializer):
    claim = serializers.IntegerField(source="claim_id")
    coupon = serializers.IntegerField(source="coupon.pk")
    label = serializers.CharField(source="coupon.label")
    funded_by = serializers.CharField()
    shop = serializers.IntegerField(source="shop_id", allow_null=True)
    discount = serializers.DecimalField(max_digits=14, decimal_places=2)
    explanation = serializers.CharField(help_text=_("满 99 减 10: −¥10.00"))


class CouponPlanSerializer(serializers.Serializer):
    """The coupons checkout would apply (the best valid combination, or the buyer's choice) and every other
    valid one the buyer may choose instead."""

    applied = CouponPickSerializer(many=True, source="picks")
    options = serializers.SerializerMethodField()
    notes = serializers.ListField(child=serializers.CharField())
    discount = serializers.DecimalField(max_digits=14, decimal_places=2, source="total_discount")

    @extend_schema_field(CouponPickSerializer(many=True))
    def get_options(self, plan) -> list:
        return CouponPickSerializer([pick for picks in plan.options.values() for pick in picks], many=True).data


class CartQuoteSerializer(serializers.Serializer):
    """Per shop goods, freight and total, exactly as checkout will charge them; then the sums. `coupons`: the
    signed-in buyer's coupons for these goods, `total` after them."""

    shops = ShopQuoteSerializer(many=True)
    subtotal = serializers.DecimalField(max_digits=14, decimal_places=2)
    shipping_fee = serializers.DecimalField(max_digits=14, decimal_places=2)
    coupons = CouponPlanSerializer(allow_null=True)
    total = serializers.DecimalField(max_digits=14, decimal_places=2)


def _quote_reply(quotes: dict, *, user=None, coupons=coupon_checkout.BEST) -> Response:
    shops = list(quotes.values())
    plan = None
    if user is not None and user.is_authenticated:
        plan = coupon_checkout.checkout_plan(
            buyer=user, subtotals={q.shop_id: q.subtotal for q in shops}, choice=coupons
        )
    data = {
        "shops": shops,
        "subtotal": sum((q.subtotal for q in shops), Decimal("0.00")),
        "shipping_fee": sum((q.shipping_fee for q in shops), Decimal("0.00")),
        "coupons": plan,
        "total": sum((q.total for q in shops), Decimal("0.00")) - (plan.total_discount if plan else Decimal("0.00")),
    }
    return Response(CartQuoteSerializer(data).data)


class CheckoutPaymentSerializer(serializers.ModelSerializer):
    orders = serializers.SerializerMethodField()
    pay_url = serializers.SerializerMethodField()
    status_display = display_of("status")

    class Meta:
        model = CheckoutPayment
        fields = [
            "id",
            "checkout_id",
            "orders",
            "provider",
            "reference",
            "amount",
            "status",
            "status_display",
            "failure_reason",
            "created_at",
            "confirmed_at",
            "pay_url",
        ]

    def get_orders(self, checkout_payment) -> list[str]:
        return [part.order.number for part in checkout_payment.parts.select_related("order").order_by("order_id")]

    def get_pay_url(self, checkout_payment) -> str:
        url = provider_get(checkout_payment.provider).checkout_url(
            reference=checkout_payment.reference, simulated_page="orders:simulated_checkout_pay"
        )
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url


class LineRefundSerializer(serializers.Serializer):
    line = serializers.IntegerField(min_value=1, max_value=2**63 - 1, help_text=_("An order line id."))
    reason = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")


class CartItemSerializer(serializers.ModelSerializer):
    product_name = serializers.CharField(source="product.name", read_only=True)
    variant_name = serializers.CharField(source="variant.name", read_only=True)
    unit = serializers.CharField(source="product.unit", read_only=True)
    unit_price = serializers.DecimalField(source="variant.unit_price", max_digits=14, decimal_places=2, read_only=True)
    shop = serializers.IntegerField(source="product.shop_id", read_only=True)
    unit_price_seen = serializers.DecimalField(max_digits=14, decimal_places=2, read_only=True, allow_null=True)
    stale = serializers.SerializerMethodField(
        help_text="What changed since the line was put in the cart (price, stock, withdrawn); empty when nothing."
    )

    class Meta:
        model = CartItem
        fields = [
            "product",
            "product_name",
            "variant",
            "variant_name",
            "unit",
            "unit_price",
            "unit_price_seen",
            "shop",
            "quantity",
            "stale",
        ]

    def get_stale(self, item) -> list[str]:
        return self.context.get("stale", {}).get(item.variant_id, [])


class DisputeSerializer(serializers.ModelSerializer):
    order_number = serializers.CharField(source="order.number", read_only=True)
    status_display = display_of("status")

    class Meta:
        model = Dispute
        fields = [
            "id",
            "order",
            "order_number",
            "reason",
            "seller_answer",
            "status",
            "status_display",
            "decision_note",
            "opened_at",
            "answered_at",
            "decided_at",
        ]
        read_only_fields = [f for f in fields if f not in ("order", "reason")]


class DisputeAnswerSerializer(serializers.Serializer):
    answer = serializers.CharField()


class DisputeDecideSerializer(serializers.Serializer):
    refund = serializers.BooleanField()
    note = serializers.CharField(required=False, allow_blank=True, default="")


class AssistedPurchaseSerializer(serializers.ModelSerializer):
    link = OptionalURLField(max_length=500)
    # An id, checked by the service against the station's village (a related field would tell apart the ids
    # that exist from those that do not).
    villager = serializers.IntegerField(source="villager_id", help_text="A villager of the station's village.")
    villager_name = serializers.CharField(source="villager.username", read_only=True)
    variant = serializers.IntegerField(
        source="variant_id",
        required=False,
        allow_null=True,
        min_value=1,
        max_value=2**63 - 1,
        help_text="The option of `product` (one of its `variants`); may be left out when it has one.",
    )
    pickup_code = serializers.SerializerMethodField()
    status_display = display_of("status")

    class Meta:
        model = AssistedPurchase
        fields = [
            "id",
            "station",
            "villager",
            "villager_name",
            "product",
            "variant",
            "description",
            "link",
            "quantity",
            "price",
            "deposit",
            "status",
            "status_display",
            "pickup_code",
            "requested_at",
            "ordered_at",
            "arrived_at",
            "collected_at",
            "cancelled_at",
        ]
        read_only_fields = ["status", "requested_at", "ordered_at", "arrived_at", "collected_at", "cancelled_at"]
        extra_kwargs = {
            "description": {"required": False},
            "price": {"required": False},
            "station": {"required": False},
        }

    def get_pickup_code(self, purchase) -> str | None:
        """Only the villager sees the code (and only while it is waiting): the operator must ask for it."""
        request = self.context.get("request")
        if purchase.status == "arrived" and request and request.user.pk == purchase.villager_id:
            return purchase.pickup_code
        return None


class CollectSerializer(serializers.Serializer):
    code = serializers.RegexField(r"^\d{6}$", error_messages={"invalid": _("Six digits.")})


class LedgerEntrySerializer(serializers.ModelSerializer):
    order_number = serializers.CharField(source="order.number", default=None, read_only=True, allow_null=True)
    kind_display = display_of("kind")

    class Meta:
        model = ShopLedgerEntry
        fields = [
            "id",
            "shop",
            "kind",
            "kind_display",
            "order_number",
            "amount",
            "commission",
            "commission_rate",
            "note",
            "created_at",
        ]


class PayoutSerializer(serializers.Serializer):
    shop = serializers.IntegerField()
    amount = serializers.DecimalField(max_digits=14, decimal_places=2)
    note = serializers.CharField(required=False, allow_blank=True, default="")


# --- viewsets

IDEMPOTENCY = OpenApiParameter(
    "Idempotency-Key", str, OpenApiParameter.HEADER, required=True, description="Replays with this key pay once."
)


class OrderTabCountsSerializer(serializers.Serializer):
    all = serializers.IntegerField()
    to_pay = serializers.IntegerField()
    to_ship = serializers.IntegerField()
    to_receive = serializers.IntegerField()
    to_review = serializers.IntegerField()
    completed = serializers.IntegerField()
    after_sales = serializers.IntegerField()


class OrderViewSet(PrintErrorsAsJson, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Orders the user may see; POST checks out items (one order per shop); lifecycle moves are actions."""

    permission_classes = [permissions.IsAuthenticated]
    lookup_field = "number"
    filterset_fields = ["status", "shop", "checkout_id"]
    ordering_fields = ["placed_at", "total"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Order.objects.none()
        qs = selectors.order_list_for(user=self.request.user)
        if self.action == "retrieve":
            qs = qs.prefetch_related("events__actor")
        if self.action == "list":
            params = self.request.query_params
            if params.get("mine") in ("1", "true"):
                qs = qs.filter(buyer=self.request.user)
            tab = params.get("tab", "")
            if tab not in ("", "all", *selectors.ORDER_TABS):
                message = _("Choose one of: %(tabs)s.") % {"tabs": ", ".join(("all", *selectors.ORDER_TABS))}
                raise ValidationFailed(message, fields={"tab": [message]})
            qs = selectors.orders_in_tab(qs, tab=tab)
        return qs

    @extend_schema(
        parameters=[
            OpenApiParameter("tab", str, enum=["all", *selectors.ORDER_TABS], description="My orders' tabs"),
            OpenApiParameter("mine", bool, description="Only the orders the user bought"),
        ]
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(request=None, responses={200: OrderTabCountsSerializer})
    @action(detail=False, methods=["get"], url_path="tab-counts", filter_backends=[], pagination_class=None)
    def tab_counts(self, request):
        """How many of the user's purchases each "My orders" tab holds (one query)."""
        return Response(selectors.buyer_tab_counts(buyer=request.user))

    def get_serializer_class(self):
        return OrderDetailSerializer if self.action == "retrieve" else OrderSerializer

    def _order_id(self) -> int:
        order_id = self.get_queryset().filter(number=self.kwargs["number"]).values_list("pk", flat=True).first()
        if order_id is None:
            raise Http404
        return order_id

    def _reply(self, order_id: int, code=status.HTTP_200_OK) -> Response:
        order = selectors.order_list_for(user=self.request.user).prefetch_related("events__actor").get(pk=order_id)
        return Response(OrderDetailSerializer(order, context={"request": self.request}).data, status=code)

    @extend_schema(request=CheckoutSerializer, responses={201: OrderSerializer(many=True)})
    def create(self, request):
        serializer = CheckoutSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        variants = ItemSerializer.resolved(serializer.validated_data["items"])
        coupons = coupons_choice(serializer.validated_data)
        orders = serializer.place(
            user=request.user,
            place=lambda ship_to: services.order_place(
                buyer=request.user,
                variants=variants,
                ship_to=ship_to,
                coupons=coupons,
            ),
        )
        return Response(
            OrderSerializer(orders, many=True, context={"request": request}).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(request=QuoteSerializer, responses=CartQuoteSerializer)
    @action(detail=False, methods=["post"])
    def quote(self, request):
        """What these items would cost shipped to a province: goods and freight per shop (no order is placed).
        A province a product's freight template does not deliver to: 400 `undeliverable` naming the product."""
        serializer = QuoteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        variants = ItemSerializer.resolved(serializer.validated_data["items"])
        quotes = services.cart_quote(variants=variants, province_id=serializer.validated_data["ship_province"])
        return _quote_reply(quotes, user=request.user, coupons=coupons_choice(serializer.validated_data))

    @extend_schema(request=None, parameters=[IDEMPOTENCY], responses={201: PaymentSerializer})
    @action(detail=True, methods=["post"])
    def pay(self, request, number=None):
        """Start paying with the configured provider. The order becomes paid when the provider's signed
        callback arrives (the simulated provider's page is at `pay_url`)."""
        payment = services.payment_start(
            order_id=self._order_id(), payer=request.user, idempotency_key=request.headers.get("Idempotency-Key", "")
        )
        return Response(PaymentSerializer(payment, context={"request": request}).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ShipSerializer, responses=OrderDetailSerializer)
    @action(detail=True, methods=["post"])
    def ship(self, request, number=None):
        serializer = ShipSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        weighed = {}
        for key, value in serializer.validated_data.get("weighed", {}).items():
            if not str(key).isdigit():
                raise serializers.ValidationError({"weighed": [_("Keys are order line ids.")]})
            weighed[int(key)] = value
        order_id = self._order_id()
        services.order_ship(
            order_id=order_id,
            actor=request.user,
            carrier=serializer.validated_data["carrier"],
            tracking_number=serializer.validated_data["tracking_number"],
            weighed=weighed,
            refund_freight=serializer.validated_data["refund_freight"],
        )
        return self._reply(order_id)

    def _printable(self):
        order = self.get_queryset().filter(number=self.kwargs["number"]).first()
        if order is None:
            raise Http404
        if not services.is_seller(self.request.user, order):
            raise NotPermitted(_("Only the seller may do this."))
        return order

    @extend_schema(request=None, responses=PDF_RESPONSE)
    @action(detail=True, methods=["get"], renderer_classes=PRINT_RENDERERS)
    def label(self, request, number=None):
        """The 100 x 150 mm waybill-style label (PDF, in Chinese); the seller's side only."""
        order = self._printable()
        return _pdf(printing.order_label_pdf(order=order, user=request.user), f"label-{order.number}.pdf")

    @extend_schema(request=None, responses=PDF_RESPONSE)
    @action(detail=True, methods=["get"], url_path="packing-list", renderer_classes=PRINT_RENDERERS)
    def packing_list(self, request, number=None):
        """The A4 packing list (PDF); the seller's side only."""
        order = self._printable()
        return _pdf(printing.packing_list_pdf(order=order), f"packing-list-{order.number}.pdf")

    @extend_schema(request=None, responses=OrderDetailSerializer)
    @action(detail=True, methods=["post"])
    def deliver(self, request, number=None):
        order_id = self._order_id()
        services.order_deliver(order_id=order_id, actor=request.user)
        return self._reply(order_id)

    @extend_schema(request=None, responses=OrderDetailSerializer)
    @action(detail=True, methods=["post"])
    def complete(self, request, number=None):
        order_id = self._order_id()
        services.order_complete(order_id=order_id, actor=request.user)
        return self._reply(order_id)

    @extend_schema(request=ReasonSerializer, responses=OrderDetailSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, number=None):
        serializer = ReasonSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        order_id = self._order_id()
        services.order_cancel(order_id=order_id, actor=request.user, reason=serializer.validated_data["reason"])
        return self._reply(order_id)

    @extend_schema(request=ReasonSerializer, responses=OrderDetailSerializer)
    @action(detail=True, methods=["post"])
    def refund(self, request, number=None):
        serializer = ReasonSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        order_id = self._order_id()
        services.order_refund(order_id=order_id, actor=request.user, reason=serializer.validated_data["reason"])
        return self._reply(order_id)

    @extend_schema(request=LineRefundSerializer, responses=OrderDetailSerializer)
    @action(detail=True, methods=["post"], url_path="refund-line")
    def refund_line(self, request, number=None):
        """The seller refunds one line, once: the buyer gets back what they paid for it (its share of the coupons
        deducted)."""
        order_id = self._order_id()
        serializer = LineRefundSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        order_line_refund(
            order_id=order_id,
            line_id=serializer.validated_data["line"],
            actor=request.user,
            reason=serializer.validated_data["reason"],
        )
        return self._reply(order_id)


class CartViewSet(viewsets.GenericViewSet):
    """The signed-in user's cart, the same as on the pages: GET it (each line with `stale`: what changed since it
    was added), POST {product, variant, quantity} to set a line (`variant` may be left out for a product with one
    option), DELETE /cart/{product}/ (every option of it; `?variant=` for one), POST /cart/checkout/ with the
    ship-to address or a saved `address`."""

    permission_classes = [permissions.IsAuthenticated]
    serializer_class = CartItemSerializer
    pagination_class = None
    filter_backends: list = []  # the whole cart, in the order it was filled

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return CartItem.objects.none()
        return (
            CartItem.objects.select_related("product", "variant__product")
            .filter(cart__user=self.request.user)
            .order_by("pk")
        )

    @extend_schema(responses=CartItemSerializer(many=True))
    def list(self, request):
        items = list(self.get_queryset())
        stale = cart_stale_lines(
            user=request.user,
            variants={item.variant_id: item.variant for item in items},
            quantities={item.variant_id: item.quantity for item in items},
        )
        return Response(CartItemSerializer(items, many=True, context={"stale": stale}).data)

    @extend_schema(request=ItemSerializer, responses={201: CartItemSerializer})
    def create(self, request):
        serializer = ItemSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        item = services.cart_item_set(
            user=request.user,
            product_id=serializer.validated_data["product"],
            variant_id=serializer.validated_data.get("variant"),
            quantity=serializer.validated_data["quantity"],
        )
        return Response(CartItemSerializer(item).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        responses={204: None},
        parameters=[
            OpenApiParameter("id", int, OpenApiParameter.PATH),
            OpenApiParameter("variant", int, description="Only this option of the product."),
        ],
    )
    def destroy(self, request, pk=None):
        variant = request.query_params.get("variant", "")
        services.cart_item_remove(
            user=request.user,
            product_id=int(pk) if str(pk).isdigit() else 0,
            variant_id=int(variant) if variant.isdigit() and len(variant) < 19 else None,
        )
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=CartQuoteShipToSerializer, responses=CartQuoteSerializer)
    @action(detail=False, methods=["post"])
    def quote(self, request):
        """The cart's goods and freight per shop to a province, and the coupons, before checking out."""
        serializer = CartQuoteShipToSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        variants = list(self.get_queryset().values_list("variant_id", "quantity"))
        quotes = services.cart_quote(variants=variants, province_id=serializer.validated_data["ship_province"])
        return _quote_reply(quotes, user=request.user, coupons=coupons_choice(serializer.validated_data))

    @extend_schema(request=CartCheckoutSerializer, responses={201: OrderSerializer(many=True)})
    @action(detail=False, methods=["post"])
    def checkout(self, request):
        serializer = CartCheckoutSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        coupons = coupons_choice(serializer.validated_data)
        orders = serializer.place(
            user=request.user,
            place=lambda ship_to: services.cart_checkout(user=request.user, ship_to=ship_to, coupons=coupons),
        )
        return Response(
            OrderSerializer(orders, many=True, context={"request": request}).data, status=status.HTTP_201_CREATED
        )


class DisputeViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Disputes: the buyer opens (POST), the seller answers, an admin decides (refund or reject)."""

    permission_classes = [permissions.IsAuthenticated]
    serializer_class = DisputeSerializer
    filterset_fields = ["status"]
    ordering_fields = ["opened_at", "status"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Dispute.objects.none()
        visible = selectors.order_list_for(user=self.request.user).values("pk")
        return Dispute.objects.select_related("order").filter(order__in=visible)

    def create(self, request):
        serializer = DisputeSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        order = serializer.validated_data["order"]
        dispute = services.dispute_open(
            order_id=order.pk, buyer=request.user, reason=serializer.validated_data["reason"]
        )
        return Response(DisputeSerializer(dispute).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=DisputeAnswerSerializer, responses=DisputeSerializer)
    @action(detail=True, methods=["post"])
    def answer(self, request, pk=None):
        serializer = DisputeAnswerSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        dispute = services.dispute_answer(
            dispute_id=self.get_object().pk, seller=request.user, answer=serializer.validated_data["answer"]
        )
        return Response(DisputeSerializer(dispute).data)

    @extend_schema(request=DisputeDecideSerializer, responses=DisputeSerializer)
    @action(detail=True, methods=["post"], permission_classes=[IsAdminRole])
    def decide(self, request, pk=None):
        serializer = DisputeDecideSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        dispute = services.dispute_decide(
            dispute_id=self.get_object().pk,
            admin=request.user,
            refund=serializer.validated_data["refund"],
            note=serializer.validated_data["note"],
        )
        return Response(DisputeSerializer(dispute).data)


class AssistedPurchaseViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Purchases the station makes for villagers: the operator records, orders, marks arrived (a pickup
    code is issued to the villager) and collects with the code."""

    permission_classes = [permissions.IsAuthenticated]
    serializer_class = AssistedPurchaseSerializer
    filterset_fields = ["status", "station"]
    ordering_fields = ["requested_at", "status", "price"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return AssistedPurchase.objects.none()
        return selectors.assisted_list_for(user=self.request.user)

    def create(self, request):
        from villages.selectors import station_for_operator

        serializer = AssistedPurchaseSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        station = data.get("station") or station_for_operator(user=request.user)
        if station is None:
            raise NotPermitted(_("Only a station operator records assisted purchases."))
        purchase = services.assisted_request(
            operator=request.user,
            station_id=station.pk,
            villager_id=data["villager_id"],
            product_id=data["product"].pk if data.get("product") else None,
            variant_id=data.get("variant_id"),
            quantity=data.get("quantity", Decimal("1")),
            description=data.get("description", ""),
            link=data.get("link", ""),
            price=data.get("price"),
            deposit=data.get("deposit", Decimal("0")),
        )
        return Response(self.get_serializer(purchase).data, status=status.HTTP_201_CREATED)

    def _move(self, service, **kwargs) -> Response:
        purchase = service(purchase_id=self.get_object().pk, operator=self.request.user, **kwargs)
        return Response(self.get_serializer(purchase).data)

    @extend_schema(request=None, responses=AssistedPurchaseSerializer)
    @action(detail=True, methods=["post"], url_path="order")
    def mark_ordered(self, request, pk=None):
        return self._move(services.assisted_order)

    @extend_schema(request=None, responses=AssistedPurchaseSerializer)
    @action(detail=True, methods=["post"])
    def arrive(self, request, pk=None):
        return self._move(services.assisted_arrive)

    @extend_schema(request=CollectSerializer, responses=AssistedPurchaseSerializer)
    @action(detail=True, methods=["post"])
    def collect(self, request, pk=None):
        serializer = CollectSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return self._move(services.assisted_collect, code=serializer.validated_data["code"])

    @extend_schema(request=None, responses=AssistedPurchaseSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        return self._move(services.assisted_cancel)


class ShopLedgerViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """The statement of the user's shops (admins: every shop; filter ?shop=). POST /payouts/ (admins)."""

    permission_classes = [permissions.IsAuthenticated]
    serializer_class = LedgerEntrySerializer
    filterset_fields = ["shop", "kind"]
    ordering_fields = ["created_at", "amount", "kind"]

    def get_queryset(self):
        from shops.models import Shop

        if getattr(self, "swagger_fake_view", False):
            return ShopLedgerEntry.objects.none()
        user = self.request.user
        shops = Shop.objects.all() if user.is_admin else Shop.objects.filter(owner=user)
        return selectors.shop_statement(shop_ids=shops.values("pk"))


class PayoutViewSet(viewsets.GenericViewSet):
    permission_classes = [IsAdminRole]
    filter_backends: list = []  # writes only
    serializer_class = PayoutSerializer

    @extend_schema(request=PayoutSerializer, responses={201: LedgerEntrySerializer})
    def create(self, request):
        serializer = PayoutSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        entry = services.payout_record(
            admin=request.user,
            shop_id=serializer.validated_data["shop"],
            amount=serializer.validated_data["amount"],
            note=serializer.validated_data["note"],
        )
        return Response(LedgerEntrySerializer(entry).data, status=status.HTTP_201_CREATED)


class ReviewOrderSerializer(serializers.ModelSerializer):
    shop_name = serializers.CharField(source="shop.name", read_only=True)
    seller = serializers.CharField(source="shop.owner.username", read_only=True)
    buyer = serializers.CharField(source="buyer.username", read_only=True)
    trust_review_display = display_of("trust_review")
    suspect_reason_labels = serializers.ListField(child=serializers.CharField(), read_only=True)
    reviewed_by = serializers.CharField(source="trust_reviewed_by.username", read_only=True, default=None)

    class Meta:
        model = Order
        fields = [
            "number",
            "status",
            "shop_name",
            "seller",
            "buyer",
            "total",
            "placed_at",
            "trust_review",
            "trust_review_display",
            "suspect_reasons",
            "suspect_reason_labels",
            "reviewed_by",
            "trust_reviewed_at",
            "trust_review_note",
        ]
        read_only_fields = fields


class ReviewNoteSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=255)


class IsReviewer(permissions.BasePermission):
    """Admins and station operators (each sees and clears only what review_queue_for gives them)."""

    def has_permission(self, request, view):
        user = request.user
        return bool(user and user.is_authenticated and (user.is_admin or user.is_operator))


class OrderReviewViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Orders held by the anti-fraud rules (?review=held|cleared|fraud). Admins see all, station operators their
    villages'. `clear` (admins, operators) lets the order count; `fraud` (admins) confirms self-dealing and freezes
    the villager's borrowing. Both need a note and are kept in the audit log."""

    permission_classes = [IsReviewer]
    serializer_class = ReviewOrderSerializer
    lookup_field = "number"
    filter_backends: list = []

    def get_queryset(self):
        user = self.request.user
        if getattr(self, "swagger_fake_view", False):
            return Order.objects.none()
        wanted = self.request.query_params.get("review", TrustReview.HELD)
        reviews = (wanted,) if wanted in (TrustReview.HELD, TrustReview.CLEARED, TrustReview.FRAUD) else ()
        return selectors.review_queue_for(user=user, reviews=reviews)

    def _act(self, request, service, number):
        order_id = selectors.reviewable_order_id(user=request.user, number=number)
        if order_id is None:
            raise Http404
        serializer = ReviewNoteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        order = service(order_id=order_id, reviewer=request.user, note=serializer.validated_data["note"])
        return Response(ReviewOrderSerializer(order).data)

    @extend_schema(request=ReviewNoteSerializer, responses=ReviewOrderSerializer)
    @action(detail=True, methods=["post"])
    def clear(self, request, number=None):
        return self._act(request, services.order_review_clear, number)

    @extend_schema(request=ReviewNoteSerializer, responses=ReviewOrderSerializer)
    @action(detail=True, methods=["post"])
    def fraud(self, request, number=None):
        return self._act(request, services.order_review_confirm_fraud, number)


class CheckoutViewSet(viewsets.GenericViewSet):
    """A checkout's orders paid at once (合并付款): POST /checkouts/{checkout_id}/pay/ with an Idempotency-Key
    starts one provider payment for every order of the checkout still waiting for payment."""

    permission_classes = [permissions.IsAuthenticated]
    lookup_field = "checkout_id"
    lookup_value_regex = "[0-9a-fA-F-]{32,36}"
    serializer_class = CheckoutPaymentSerializer
    queryset = CheckoutPayment.objects.none()
    filter_backends: list = []  # no list: one action on one checkout

    @extend_schema(
        request=None,
        parameters=[IDEMPOTENCY, OpenApiParameter("checkout_id", str, OpenApiParameter.PATH)],
        responses={201: CheckoutPaymentSerializer},
    )
    @action(detail=True, methods=["post"])
    def pay(self, request, checkout_id=None):
        """One payment for the checkout's waiting orders; each becomes paid when the provider's signed callback
        for this payment arrives, all of them or none."""
        try:
            checkout = uuid.UUID(str(checkout_id))
        except ValueError:
            raise Http404 from None
        checkout_payment = services.checkout_payment_start(
            checkout_id=checkout, payer=request.user, idempotency_key=request.headers.get("Idempotency-Key", "")
        )
        return Response(
            CheckoutPaymentSerializer(checkout_payment, context={"request": request}).data,
            status=status.HTTP_201_CREATED,
        )


# --- Parcels at the village station


class StationParcelSerializer(serializers.ModelSerializer):
    buyer = serializers.CharField(source="buyer.username", read_only=True)
    shop_name = serializers.CharField(source="shop.name", read_only=True)
    recipient_phone = serializers.SerializerMethodField()
    tracking_status = serializers.CharField(read_only=True, allow_null=True, default=None)
    status_display = display_of("status")

    class Meta:
        model = Order
        fields = [
            "number",
            "buyer",
            "recipient_name",
            "recipient_phone",
            "shop_name",
            "status",
            "status_display",
            "carrier",
            "tracking_number",
            "tracking_status",
            "pickup_station",
            "shipped_at",
            "station_arrived_at",
            "station_collected_at",
            "station_reminded_at",
        ]
        read_only_fields = fields

    def get_recipient_phone(self, order) -> str:
        return selectors.phone_masked(order.recipient_phone)


class StationScanSerializer(serializers.Serializer):
    tracking_number = serializers.CharField(max_length=64)


class PickupCodeSerializer(serializers.Serializer):
    code = serializers.CharField(max_length=12)


class IsOperator(permissions.BasePermission):
    def has_permission(self, request, view):
        user = request.user
        return bool(user and user.is_authenticated and (user.is_admin or user.is_operator))


class StationParcelViewSet(PrintErrorsAsJson, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Orders the buyers collect at the operator's station (?state=expected|waiting|unclaimed|collected).
    `scan` records a parcel's arrival by its waybill number (the buyer gets the pickup code by SMS); `collect`
    hands it over against the code (the order becomes delivered); `remind` sends the code again."""

    permission_classes = [IsOperator]
    serializer_class = StationParcelSerializer
    lookup_field = "number"
    filter_backends: list = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Order.objects.none()
        state = self.request.query_params.get("state", "waiting")
        return selectors.station_parcels_for(user=self.request.user, state=state)

    def _order_id(self) -> int:
        order_id = (
            selectors.station_parcels_for(user=self.request.user, state="all")
            .filter(number=self.kwargs["number"])
            .values_list("pk", flat=True)
            .first()
        )
        if order_id is None:
            raise Http404
        return order_id

    def _reply(self, order_id: int) -> Response:
        order = selectors.station_parcels_for(user=self.request.user, state="all").get(pk=order_id)
        return Response(StationParcelSerializer(order).data)

    @extend_schema(
        parameters=[OpenApiParameter("state", str, enum=["expected", "waiting", "unclaimed", "collected", "all"])]
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(request=StationScanSerializer, responses=StationParcelSerializer)
    @action(detail=False, methods=["post"])
    def scan(self, request):
        from villages.selectors import station_for_operator

        serializer = StationScanSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        station = station_for_operator(user=request.user)
        if station is None:
            raise NotPermitted(_("Only a station operator scans parcels in."))
        order = services.station_parcel_scan(
            operator=request.user, station_id=station.pk, tracking_number=serializer.validated_data["tracking_number"]
        )
        return self._reply(order.pk)

    @extend_schema(request=None, responses=PDF_RESPONSE)
    @action(detail=False, methods=["get"], url_path="pick-list", renderer_classes=PRINT_RENDERERS)
    def pick_list(self, request):
        """Today's pick list of the operator's station (PDF): parcels to hand over, orders for the courier."""
        from villages.selectors import station_for_operator

        station = station_for_operator(user=request.user)
        if station is None:
            raise Http404
        content = printing.station_pick_list_pdf(
            station=station,
            waiting=list(selectors.station_parcels_waiting(station=station)[:500]),
            outgoing=list(selectors.station_outgoing(station=station)[:500]),
        )
        return _pdf(content, "pick-list.pdf")

    @extend_schema(request=PickupCodeSerializer, responses=StationParcelSerializer)
    @action(detail=True, methods=["post"])
    def collect(self, request, number=None):
        order_id = self._order_id()
        serializer = PickupCodeSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.station_parcel_collect(
            operator=request.user, order_id=order_id, code=serializer.validated_data["code"]
        )
        return self._reply(order_id)

    @extend_schema(request=None, responses=StationParcelSerializer)
    @action(detail=True, methods=["post"])
    def remind(self, request, number=None):
        order_id = self._order_id()
        services.station_parcel_remind(operator=request.user, order_id=order_id)
        return self._reply(order_id)


# --- withdrawals


class PayoutAccountSerializer(serializers.ModelSerializer):
    """The number is write-only: answers carry it masked (`masked_number`)."""

    kind = serializers.ChoiceField(choices=PayoutAccountKind.choices)
    kind_display = display_of("kind")
    number = serializers.CharField(write_only=True, max_length=64)
    bank_name = serializers.CharField(required=False, allow_blank=True, default="", max_length=50)
    masked_number = serializers.CharField(read_only=True)

    class Meta:
        model = PayoutAccount
        fields = ["id", "kind", "kind_display", "holder_name", "number", "masked_number", "bank_name", "created_at"]
        read_only_fields = ["created_at"]


class PayoutAccountViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet
):
    """The signed-in shop owner's payout accounts (bank cards, Alipay). POST registers one (validated: a card number
    passes the Luhn check, Alipay is a mainland mobile number or an e-mail); DELETE hides it from new withdrawals."""

    permission_classes = [permissions.IsAuthenticated]
    serializer_class = PayoutAccountSerializer
    filter_backends: list = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return PayoutAccount.objects.none()
        return selectors.payout_accounts_of(owner=self.request.user)

    def create(self, request):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        account = services.payout_account_add(owner=request.user, **serializer.validated_data)
        return Response(self.get_serializer(account).data, status=status.HTTP_201_CREATED)

    def destroy(self, request, pk=None):
        services.payout_account_remove(owner=request.user, account_id=self.get_object().pk)
        return Response(status=status.HTTP_204_NO_CONTENT)


class WithdrawalSerializer(serializers.ModelSerializer):
    shop_name = serializers.CharField(source="shop.name", read_only=True)
    status_display = display_of("status")
    account = serializers.PrimaryKeyRelatedField(read_only=True)
    account_display = serializers.CharField(source="account.__str__", read_only=True)
    holder_name = serializers.CharField(source="account.holder_name", read_only=True)

    class Meta:
        model = Withdrawal
        fields = [
            "id",
            "shop",
            "shop_name",
            "account",
            "account_display",
            "holder_name",
            "amount",
            "status",
            "status_display",
            "requested_at",
            "decided_at",
            "refusal_reason",
            "failure_reason",
            "reported_amount",
            "review_reason",
            "reference",
            "confirmed_at",
        ]
        read_only_fields = fields


class WithdrawalRequestSerializer(serializers.Serializer):
    shop = serializers.IntegerField()
    account = serializers.IntegerField()
    amount = serializers.DecimalField(max_digits=14, decimal_places=2)


class WithdrawalRefuseSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=255)


class WithdrawalViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Withdrawals of the user's shops (admins: all, the approval queue; filter ?status=). POST asks for part or all
    of a shop's balance to be paid to one of the user's payout accounts (never more than the balance: 409
    `over_balance`). Admins `approve` (the payment provider pays; only its signed confirmation books the payout)
    or `refuse` with a reason."""

    permission_classes = [permissions.IsAuthenticated]
    serializer_class = WithdrawalSerializer
    filterset_fields = ["status", "shop"]
    ordering_fields = ["requested_at", "amount", "status"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Withdrawal.objects.none()
        return selectors.withdrawals_for(user=self.request.user)

    @extend_schema(request=WithdrawalRequestSerializer, responses={201: WithdrawalSerializer})
    def create(self, request):
        serializer = WithdrawalRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        withdrawal = services.withdrawal_request(
            farmer=request.user, shop_id=data["shop"], account_id=data["account"], amount=data["amount"]
        )
        return Response(self.get_serializer(withdrawal).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=WithdrawalSerializer)
    @action(detail=True, methods=["post"], permission_classes=[IsAdminRole])
    def approve(self, request, pk=None):
        withdrawal = services.withdrawal_approve(admin=request.user, withdrawal_id=self.get_object().pk)
        return Response(self.get_serializer(withdrawal).data)

    @extend_schema(request=WithdrawalRefuseSerializer, responses=WithdrawalSerializer)
    @action(detail=True, methods=["post"], permission_classes=[IsAdminRole])
    def refuse(self, request, pk=None):
        serializer = WithdrawalRefuseSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        withdrawal = services.withdrawal_refuse(
            admin=request.user, withdrawal_id=self.get_object().pk, reason=serializer.validated_data["reason"]
        )
        return Response(self.get_serializer(withdrawal).data)


# --- product reviews (the purchase is checked here; the review lives in shops)


class ReviewPhotoOutSerializer(serializers.Serializer):
    image = serializers.SerializerMethodField()
    thumbnail_small = serializers.SerializerMethodField()

    def get_image(self, obj) -> str | None:
        return obj.image.url if obj.image else None

    def get_thumbnail_small(self, obj) -> str | None:
        return obj.thumbnail_small.url if obj.thumbnail_small else None


class ProductReviewSerializer(serializers.ModelSerializer):
    """`author` is masked (王***) or 匿名 for an anonymous review: other buyers never see who wrote it."""

    author = serializers.CharField(source="author_display", read_only=True)
    photos = ReviewPhotoOutSerializer(source="ready_photos", many=True, read_only=True)

    class Meta:
        model = Review
        fields = [
            "id",
            "product",
            "shop",
            "rating",
            "text",
            "anonymous",
            "author",
            "photos",
            "created_at",
            "reply",
            "replied_at",
        ]
        read_only_fields = fields


class ReviewPostSerializer(serializers.Serializer):
    line = serializers.IntegerField(help_text="The id of a line of one of your completed orders.")
    rating = serializers.IntegerField(min_value=1, max_value=5)
    text = serializers.CharField(required=False, allow_blank=True, default="", max_length=1000)
    anonymous = serializers.BooleanField(required=False, default=False)
    photos = serializers.ListField(
        child=serializers.FileField(allow_empty_file=False), required=False, default=list, max_length=3
    )


class ReviewReplySerializer(serializers.Serializer):
    text = serializers.CharField(max_length=1000)


class ReviewHideSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=255)


class ProductReviewViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Visible reviews, photos first then newest (filter ?product= or ?shop=; public). POST (the buyer, multipart
    for photos) reviews a line of a completed order, once; `reply` (the shop's owner, once); `hide` (admins, with
    a reason: the review leaves pages and averages)."""

    permission_classes = [permissions.IsAuthenticatedOrReadOnly]
    serializer_class = ProductReviewSerializer
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    filter_backends: list = []

    @extend_schema(
        parameters=[
            OpenApiParameter("product", int, description="Only this product's reviews"),
            OpenApiParameter("shop", int, description="Only this shop's reviews"),
        ]
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Review.objects.none()

        def as_id(name):
            value = self.request.query_params.get(name, "")
            return int(value) if value.isdigit() and len(value) < 18 else (None if value == "" else -1)

        return review_selectors.reviews_visible(product_id=as_id("product"), shop_id=as_id("shop"))

    @extend_schema(request=ReviewPostSerializer, responses={201: ProductReviewSerializer})
    def create(self, request):
        serializer = ReviewPostSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        review = services.review_post(
            buyer=request.user,
            line_id=data["line"],
            rating=data["rating"],
            text=data["text"],
            anonymous=data["anonymous"],
            photos=data["photos"],
        )
        review = review_selectors.reviews_visible().get(pk=review.pk)
        return Response(self.get_serializer(review).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ReviewReplySerializer, responses=ProductReviewSerializer)
    @action(detail=True, methods=["post"], permission_classes=[permissions.IsAuthenticated])
    def reply(self, request, pk=None):
        serializer = ReviewReplySerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        review = shop_reviews.review_reply(
            seller=request.user, review_id=self.get_object().pk, text=serializer.validated_data["text"]
        )
        return Response(self.get_serializer(review_selectors.reviews_visible().get(pk=review.pk)).data)

    @extend_schema(request=ReviewHideSerializer, responses=ProductReviewSerializer)
    @action(detail=True, methods=["post"], permission_classes=[IsAdminRole])
    def hide(self, request, pk=None):
        serializer = ReviewHideSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        review = shop_reviews.review_hide(
            admin=request.user, review_id=self.get_object().pk, reason=serializer.validated_data["reason"]
        )
        review.ready_photos = []  # hidden: its photos are no longer shown
        return Response(self.get_serializer(review).data)


def register_routes(router) -> None:
    """Register this app's API resources on the shared router (config/api_urls.py)."""
    router.register("orders", OrderViewSet, basename="order")
    router.register("checkouts", CheckoutViewSet, basename="checkout")
    router.register("cart", CartViewSet, basename="cart")
    router.register("disputes", DisputeViewSet, basename="dispute")
    router.register("assisted-purchases", AssistedPurchaseViewSet, basename="assisted-purchase")
    router.register("shop-ledger", ShopLedgerViewSet, basename="shop-ledger")
    router.register("payouts", PayoutViewSet, basename="payout")
    router.register("payout-accounts", PayoutAccountViewSet, basename="payout-account")
    router.register("withdrawals", WithdrawalViewSet, basename="withdrawal")
    router.register("product-reviews", ProductReviewViewSet, basename="product-review")
    router.register("order-reviews", OrderReviewViewSet, basename="order-review")
    router.register("station-parcels", StationParcelViewSet, basename="station-parcel")
    from orders.group_buy_api import register_routes as group_buy_routes  # issue 23: its own module

    group_buy_routes(router)
