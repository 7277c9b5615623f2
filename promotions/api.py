"""REST adapters for coupons: the coupons on offer and those one manages, create / claim / grant / end, and
the buyer's own coupons. Checkout takes coupons through the orders API (`coupons`: claim ids)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core.api import display_of
from core.errors import ValidationFailed
from promotions import selectors, services
from promotions.models import ClaimStatus, Coupon, CouponClaim, CouponKind, CouponScope


class CouponSerializer(serializers.ModelSerializer):
    label = serializers.CharField(read_only=True, help_text=_("How buyers read it, in their language."))
    remaining = serializers.IntegerField(read_only=True)
    scope_display = display_of("scope")
    shop_name = serializers.CharField(source="shop.name", read_only=True, default=None)

    class Meta:
        model = Coupon
        fields = [
            "id", "scope", "scope_display", "shop", "shop_name", "name", "label", "kind", "threshold", "amount_off",
            "percent_off", "cap", "valid_from", "valid_until", "total_quantity", "remaining", "per_user_limit",
            "active",
        ]  # fmt: skip
        read_only_fields = fields


class CouponCreateSerializer(serializers.Serializer):
    shop = serializers.IntegerField(
        required=False, allow_null=True, help_text=_("The shop (its coupon, funded by it). Omit for a platform coupon.")
    )
    name = serializers.CharField(max_length=60, required=False, allow_blank=True)
    kind = serializers.ChoiceField(choices=CouponKind.choices)
    threshold = serializers.DecimalField(max_digits=14, decimal_places=2, required=False, default="0")
    amount_off = serializers.DecimalField(max_digits=14, decimal_places=2, required=False, allow_null=True)
    percent_off = serializers.DecimalField(max_digits=5, decimal_places=2, required=False, allow_null=True)
    cap = serializers.DecimalField(max_digits=14, decimal_places=2, required=False, allow_null=True)
    valid_from = serializers.DateTimeField(required=False)
    valid_until = serializers.DateTimeField()
    total_quantity = serializers.IntegerField(min_value=1, max_value=services.MAX_QUANTITY)
    per_user_limit = serializers.IntegerField(min_value=1, max_value=services.MAX_PER_USER, default=1)


class ClaimSerializer(serializers.ModelSerializer):
    coupon = CouponSerializer(read_only=True)
    status_display = display_of("status")

    class Meta:
        model = CouponClaim
        fields = ["id", "coupon", "source", "status", "status_display", "claimed_at", "used_at", "checkout_id"]
        read_only_fields = fields


class CouponGrantSerializer(serializers.Serializer):
    users = serializers.ListField(child=serializers.IntegerField(min_value=1), allow_empty=False, max_length=1000)


class CouponViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Coupons on offer now (anyone may list them: a shop's with `?shop=<id>`, the platform's with
    `?scope=platform`); `?managed=1` lists the coupons one manages, ended ones included. POST creates a shop coupon
    (the shop's owner or members, its village's station operator, an admin) or a platform coupon (admins)."""

    serializer_class = CouponSerializer
    filter_backends: list = []

    def get_permissions(self):
        if self.action in ("list", "retrieve"):
            return [permissions.AllowAny()]
        return [permissions.IsAuthenticated()]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Coupon.objects.none()
        params = self.request.query_params
        if self.action != "list":
            return Coupon.objects.select_related("shop")
        if params.get("managed") in ("1", "true"):
            return selectors.coupons_managed_by(user=self.request.user)
        shop = params.get("shop")
        if shop not in (None, ""):
            if not shop.isdigit() or int(shop) > 2**63 - 1:
                raise ValidationFailed(_("A shop id."), fields={"shop": [_("A shop id.")]})
            return selectors.coupons_on_offer(shop_id=int(shop))
        if params.get("scope") == CouponScope.PLATFORM:
            return selectors.coupons_on_offer()
        return selectors.coupons_on_offer(shop_id=None, every_shop=True)

    @extend_schema(
        parameters=[
            OpenApiParameter("shop", int, description="Only this shop's coupons on offer"),
            OpenApiParameter("scope", str, enum=["platform"], description="Only the platform's coupons on offer"),
            OpenApiParameter("managed", bool, description="The coupons I manage (ended ones too)"),
        ]
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(request=CouponCreateSerializer, responses={201: CouponSerializer})
    def create(self, request):
        serializer = CouponCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        coupon = services.coupon_create(actor=request.user, shop_id=data.pop("shop", None), **data)
        return Response(CouponSerializer(coupon).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={201: ClaimSerializer})
    @action(detail=True, methods=["post"])
    def claim(self, request, pk=None):
        """Take this coupon (within its quantity and the per-person limit: 409 `coupon_limit`, `coupon_gone`)."""
        claim = services.coupon_claim(user=request.user, coupon_id=self.get_object().pk)
        return Response(ClaimSerializer(claim).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=CouponGrantSerializer, responses={200: ClaimSerializer(many=True)})
    @action(detail=True, methods=["post"])
    def grant(self, request, pk=None):
        """Give this coupon to these buyers (those over the per-person limit are skipped)."""
        coupon = self.get_object()
        services.coupon_manage_check(request.user, coupon)
        serializer = CouponGrantSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        claims = services.coupon_grant(
            admin=request.user, coupon_id=coupon.pk, user_ids=serializer.validated_data["users"]
        )
        return Response(ClaimSerializer(claims, many=True).data)

    @extend_schema(request=None, responses={200: CouponSerializer})
    @action(detail=True, methods=["post"])
    def end(self, request, pk=None):
        """Stop the coupon: no more claims; held ones no longer apply."""
        return Response(CouponSerializer(services.coupon_end(actor=request.user, coupon_id=self.get_object().pk)).data)


class MyCouponViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """The signed-in buyer's coupons (`?status=available|used|revoked`)."""

    permission_classes = [permissions.IsAuthenticated]
    serializer_class = ClaimSerializer
    filter_backends: list = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return CouponClaim.objects.none()
        qs = selectors.claims_of(user=self.request.user)
        wanted = self.request.query_params.get("status")
        if wanted:
            if wanted not in ClaimStatus.values:
                message = _("Choose one of: %(values)s.") % {"values": ", ".join(ClaimStatus.values)}
                raise ValidationFailed(message, fields={"status": [message]})
            qs = qs.filter(status=wanted)
        return qs

    @extend_schema(parameters=[OpenApiParameter("status", str, enum=ClaimStatus.values)])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)


def register_routes(router) -> None:
    """Register this app's API resources on the shared router (config/api_urls.py)."""
    router.register("coupons", CouponViewSet, basename="coupon")
    router.register("my-coupons", MyCouponViewSet, basename="my-coupon")
