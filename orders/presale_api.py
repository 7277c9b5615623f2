"""REST for the pre-sales (issue 23): /api/presales/ (offers: open, call, reserve) and /api/presale-orders/ (the
buyer's reservations: pay the deposit or the balance; the farmer's: ship). Adapters only: services decide."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core.api import display_of
from core.payments import provider_get
from orders import services
from orders.api import IDEMPOTENCY, OrderDetailSerializer, ShipSerializer, ShipToSerializer
from orders.models import PreSaleOrder, PreSalePayment
from promotions.models import PreSale, PreSaleStatus
from promotions.services import presale_open
from shops.selectors import shops_managed_by


class PreSaleSerializer(serializers.ModelSerializer):
    product_name = serializers.CharField(source="product.name", read_only=True)
    variant_name = serializers.CharField(source="variant.name", read_only=True)
    unit = serializers.CharField(source="product.unit", read_only=True)
    shop = serializers.IntegerField(source="product.shop_id", read_only=True)
    quantity_left = serializers.DecimalField(max_digits=12, decimal_places=3, read_only=True)
    balance_per_unit = serializers.DecimalField(max_digits=14, decimal_places=2, read_only=True)
    full_price_up_front = serializers.BooleanField(read_only=True)
    status_display = display_of("status")

    class Meta:
        model = PreSale
        fields = [
            "id",
            "product",
            "product_name",
            "variant",
            "variant_name",
            "unit",
            "shop",
            "quantity_offered",
            "quantity_reserved",
            "quantity_left",
            "deposit_per_unit",
            "final_price_per_unit",
            "balance_per_unit",
            "full_price_up_front",
            "harvest_from",
            "harvest_to",
            "balance_days",
            "ship_by",
            "terms",
            "status",
            "status_display",
            "called_at",
            "balance_due_at",
            "created_at",
        ]
        read_only_fields = fields


class PreSaleOpenSerializer(serializers.Serializer):
    """Decimal and date fields arrive as strings and are checked by the service (every bad field named)."""

    variant = serializers.IntegerField()
    quantity_offered = serializers.CharField(max_length=32)
    deposit_per_unit = serializers.CharField(
        max_length=32, help_text=_("Equal to the final price: full price up front.")
    )
    final_price_per_unit = serializers.CharField(max_length=32)
    harvest_from = serializers.CharField(max_length=10, help_text="YYYY-MM-DD")
    harvest_to = serializers.CharField(max_length=10, help_text="YYYY-MM-DD")
    ship_by = serializers.CharField(max_length=10, help_text="YYYY-MM-DD")
    balance_days = serializers.IntegerField(default=7, min_value=1, max_value=30)
    terms = serializers.CharField(max_length=4000)


class PreSaleReserveSerializer(ShipToSerializer):
    quantity = serializers.DecimalField(max_digits=12, decimal_places=3)
    accept_terms = serializers.BooleanField(
        help_text=_("The buyer read the pre-sale's terms (what happens to the deposit): must be true.")
    )


class PreSaleOrderSerializer(serializers.ModelSerializer):
    presale = PreSaleSerializer(read_only=True)
    order = serializers.CharField(source="order.number", read_only=True, default=None)
    status_display = display_of("status")

    class Meta:
        model = PreSaleOrder
        fields = [
            "id",
            "number",
            "presale",
            "shop",
            "quantity",
            "deposit_amount",
            "balance_amount",
            "total",
            "status",
            "status_display",
            "terms_accepted",
            "balance_due_at",
            "reserved_at",
            "deposit_paid_at",
            "paid_in_full_at",
            "shipped_at",
            "forfeited_at",
            "refunded_at",
            "refunded_late",
            "order",
        ]
        read_only_fields = fields


class PreSalePaymentSerializer(serializers.ModelSerializer):
    presale_order = serializers.CharField(source="presale_order.number", read_only=True)
    pay_url = serializers.SerializerMethodField()
    status_display = display_of("status")

    class Meta:
        model = PreSalePayment
        fields = [
            "id",
            "presale_order",
            "kind",
            "provider",
            "reference",
            "amount",
            "status",
            "status_display",
            "created_at",
            "confirmed_at",
            "pay_url",
        ]
        read_only_fields = fields

    def get_pay_url(self, payment) -> str:
        url = provider_get(payment.provider).checkout_url(
            reference=payment.reference, simulated_page="orders:presale_simulated_pay"
        )
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url


class PreSaleViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Pre-sales of coming harvests. Anyone lists the open ones; a farmer (operator, admin) also sees the ones of
    the shops they manage (`?mine=1`: only those), opens one (POST) and calls for the balance (`call`). A buyer
    reserves (`reserve`): the deposit is then paid through /api/presale-orders/{id}/pay/."""

    serializer_class = PreSaleSerializer
    filterset_fields = ["status", "product", "variant"]
    ordering_fields = ["created_at", "ship_by", "final_price_per_unit"]

    def get_permissions(self):
        if self.action in ("list", "retrieve"):
            return [permissions.AllowAny()]
        return [permissions.IsAuthenticated()]

    def get_queryset(self):
        queryset = PreSale.objects.select_related("product", "variant").order_by("-created_at", "-pk")
        user = self.request.user
        managed = shops_managed_by(user=user).values("pk") if user.is_authenticated else None
        if self.request.query_params.get("mine") and managed is not None:
            return queryset.filter(product__shop__in=managed)
        visible = Q(status=PreSaleStatus.OPEN, product__status="published")
        if managed is not None:
            visible |= Q(product__shop__in=managed)
        return queryset.filter(visible)

    @extend_schema(request=PreSaleOpenSerializer, responses={201: PreSaleSerializer})
    def create(self, request):
        serializer = PreSaleOpenSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        presale = presale_open(actor=request.user, variant_id=data.pop("variant"), **data)
        return Response(PreSaleSerializer(presale).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=PreSaleSerializer)
    @action(detail=True, methods=["post"])
    def call(self, request, pk=None):
        """At harvest: every buyer who paid a deposit owes the balance within the pre-sale's window (told by SMS);
        reservations without a deposit lapse."""
        presale = services.presale_call_balance(actor=request.user, presale_id=self.get_object().pk)
        return Response(PreSaleSerializer(presale).data)

    @extend_schema(request=PreSaleReserveSerializer, responses={201: PreSaleOrderSerializer})
    @action(detail=True, methods=["post"])
    def reserve(self, request, pk=None):
        """Reserve a quantity (terms accepted); then pay the deposit at /api/presale-orders/{id}/pay/."""
        serializer = PreSaleReserveSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        presale_order = services.presale_reserve(
            buyer=request.user,
            presale_id=self.get_object().pk,
            quantity=serializer.validated_data["quantity"],
            ship_to=serializer.ship_to(),
            accept_terms=serializer.validated_data["accept_terms"],
        )
        return Response(PreSaleOrderSerializer(presale_order).data, status=status.HTTP_201_CREATED)


class PreSaleOrderViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The caller's pre-sale orders as buyer, and those of the shops they manage (a pre-sale's reservations:
    `?presale=<id>`). `pay` pays what is due now (the
    deposit, or the balance once called: Idempotency-Key required); `ship` (the farmer) ships one paid in full."""

    permission_classes = [permissions.IsAuthenticated]
    serializer_class = PreSaleOrderSerializer
    filterset_fields = ["status", "presale", "shop"]
    ordering_fields = ["reserved_at", "total"]
    lookup_field = "number"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return PreSaleOrder.objects.none()
        user = self.request.user
        return (
            PreSaleOrder.objects.filter(Q(buyer=user) | Q(shop__in=shops_managed_by(user=user).values("pk")))
            .select_related("presale__product", "presale__variant", "order")
            .order_by("-reserved_at", "-pk")
        )

    @extend_schema(request=None, parameters=[IDEMPOTENCY], responses={201: PreSalePaymentSerializer})
    @action(detail=True, methods=["post"])
    def pay(self, request, number=None):
        """Start paying with the provider; the order moves on when its signed callback arrives (`pay_url`)."""
        payment = services.presale_payment_start(
            presale_order_id=self.get_object().pk,
            payer=request.user,
            idempotency_key=request.headers.get("Idempotency-Key", ""),
        )
        return Response(
            PreSalePaymentSerializer(payment, context={"request": request}).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(request=ShipSerializer, responses=OrderDetailSerializer)
    @action(detail=True, methods=["post"])
    def ship(self, request, number=None):
        """Ship an order paid in full by the last shipping date: an ordinary order is created, already shipped."""
        presale_order = self.get_object()  # 404 for whoever may not see it, before judging the body
        serializer = ShipSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        order = services.presale_order_ship(
            presale_order_id=presale_order.pk,
            actor=request.user,
            carrier=serializer.validated_data["carrier"],
            tracking_number=serializer.validated_data["tracking_number"],
        )
        return Response(OrderDetailSerializer(order, context={"request": request}).data)


def register_routes(router) -> None:
    router.register("presales", PreSaleViewSet, basename="presale")
    router.register("presale-orders", PreSaleOrderViewSet, basename="presale-order")
