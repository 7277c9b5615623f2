"""REST adapters for credit: own score, loan products, loans (apply with Idempotency-Key, repay)."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, extend_schema_serializer
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core.api import display_of
from core.errors import ValidationFailed
from credit import repayments, selectors, services
from credit.models import Decision, Loan, LoanProduct, LoanProductLimit, Tier
from credit.scorecard import breakdown_with_reasons


class ScoreLineSerializer(serializers.Serializer):
    factor = serializers.CharField()
    count = serializers.IntegerField()
    points = serializers.IntegerField()
    capped = serializers.BooleanField()
    reason = serializers.CharField()


class ScoreHistorySerializer(serializers.Serializer):
    taken_on = serializers.DateField()
    score = serializers.IntegerField()
    tier = serializers.CharField()
    tier_display = display_of("tier")
    trigger = serializers.CharField()


class BorrowingLimitSerializer(serializers.Serializer):
    product = serializers.IntegerField()
    product_name = serializers.CharField()
    max_amount = serializers.DecimalField(max_digits=14, decimal_places=2)


@extend_schema_serializer(many=False)  # one object, although the route is the viewset's `list`
class ScoreSerializer(serializers.Serializer):
    score = serializers.IntegerField()
    tier = serializers.CharField()
    tier_display = serializers.CharField()
    breakdown = ScoreLineSerializer(many=True)
    history = ScoreHistorySerializer(many=True)
    borrowing_limits = BorrowingLimitSerializer(many=True)


class LoanProductLimitSerializer(serializers.ModelSerializer):
    class Meta:
        model = LoanProductLimit
        fields = ["tier", "max_amount"]


class LoanProductSerializer(serializers.ModelSerializer):
    limits = LoanProductLimitSerializer(many=True, read_only=True)
    # A plain string: the tier enum is documented once, on the limits (one schema name per choice set).
    min_tier = serializers.CharField(read_only=True, help_text="bronze, silver, gold or diamond")

    class Meta:
        model = LoanProduct
        fields = [
            "id",
            "name",
            "description",
            "is_active",
            "min_tier",
            "min_score",
            "daily_interest_rate",
            "max_term_days",
            "min_amount",
            "repayment_type",
            "period",
            "max_instalments",
            "limits",
        ]


# Amounts leave as strings ("12.50"), like DecimalField's: document them so.
MONEY = serializers.DecimalField(max_digits=14, decimal_places=2, read_only=True)


class LoanPaymentSerializer(serializers.Serializer):
    reference = serializers.CharField()
    amount = serializers.DecimalField(max_digits=14, decimal_places=2)
    status = serializers.CharField()
    status_display = display_of("status")
    failure_reason = serializers.CharField()
    created_at = serializers.DateTimeField()
    pay_url = serializers.SerializerMethodField(help_text="The provider's page where the borrower pays.")

    def get_pay_url(self, payment) -> str:
        return repayments.loan_payment_url(payment)


class CashReceiptSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    loan = serializers.IntegerField(source="loan_id")
    amount = serializers.DecimalField(max_digits=14, decimal_places=2)
    received_on = serializers.DateField()
    station = serializers.IntegerField(source="station_id")
    operator = serializers.IntegerField(source="operator_id")
    operator_name = serializers.CharField(source="operator.display_name")
    note = serializers.CharField()
    created_at = serializers.DateTimeField()


class InstalmentSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    due_on = serializers.DateField()
    principal = serializers.DecimalField(source="principal_due", max_digits=14, decimal_places=2)
    interest = serializers.DecimalField(
        source="interest_due", max_digits=14, decimal_places=2, help_text="Projected until paid, then charged."
    )
    total = serializers.DecimalField(source="total_due", max_digits=14, decimal_places=2)
    principal_paid = serializers.DecimalField(max_digits=14, decimal_places=2)
    interest_paid = serializers.DecimalField(max_digits=14, decimal_places=2)
    paid_on = serializers.DateField(allow_null=True)


class LoanSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    product = serializers.IntegerField(source="product_id")
    product_name = serializers.CharField(source="product.name")
    borrower = serializers.IntegerField(source="borrower_id")
    principal = serializers.DecimalField(max_digits=14, decimal_places=2)
    daily_interest_rate = serializers.DecimalField(max_digits=8, decimal_places=6)
    term_days = serializers.IntegerField()
    repayment_type = serializers.CharField(help_text="single, equal_instalment or equal_principal")
    period = serializers.CharField(help_text="month or week (instalment loans)")
    instalment_count = serializers.IntegerField()
    days_past_due = serializers.IntegerField(help_text="From the last nightly classification.")
    schedule = serializers.SerializerMethodField(help_text="The repayment plan, instalment by instalment.")
    purpose = serializers.CharField()
    status = serializers.CharField()
    status_display = display_of("status")
    disbursed_on = serializers.DateField()
    due_on = serializers.DateField()
    closed_on = serializers.DateField(allow_null=True)
    outstanding_principal = serializers.DecimalField(max_digits=14, decimal_places=2)
    outstanding_interest = serializers.DecimalField(max_digits=14, decimal_places=2)
    interest_due_today = serializers.SerializerMethodField()
    amount_due_today = serializers.SerializerMethodField()
    days_late = serializers.SerializerMethodField()
    payout_status = serializers.CharField(
        source="payout.status",
        default=None,
        allow_null=True,
        help_text="requested, confirmed, failed or review (paid another amount: an admin settles it)",
    )
    pending_payments = LoanPaymentSerializer(many=True, read_only=True, help_text="Started, not yet confirmed.")
    cash_receipts = CashReceiptSerializer(many=True, read_only=True, source="cash_receipts.all")

    @extend_schema_field(InstalmentSerializer(many=True))
    def get_schedule(self, loan) -> list[dict]:
        rows = loan.schedule if hasattr(loan, "schedule") else loan.instalments.order_by("number")
        return InstalmentSerializer(rows, many=True).data

    def _due(self, loan):
        cache = self.context.setdefault("_due", {})
        if loan.pk not in cache:
            cache[loan.pk] = services.loan_amount_due(loan=loan, on=services.today_local())
        return cache[loan.pk]

    @extend_schema_field(MONEY)
    def get_interest_due_today(self, loan) -> str:
        return str(self._due(loan)[0])

    @extend_schema_field(MONEY)
    def get_amount_due_today(self, loan) -> str:
        interest, principal = self._due(loan)
        return str(interest + principal)

    def get_days_late(self, loan) -> int:
        return selectors.loan_days_late(due_on=loan.due_on, closed_on=loan.closed_on, today=services.today_local())


class ReasonSerializer(serializers.Serializer):
    code = serializers.CharField()
    detail = serializers.CharField()


class ApplicationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    decision = serializers.CharField()
    decision_display = display_of("decision")
    reasons = serializers.SerializerMethodField()
    score = serializers.IntegerField()
    tier = serializers.CharField()
    product = serializers.IntegerField(source="product_id")
    amount = serializers.DecimalField(max_digits=14, decimal_places=2)
    term_days = serializers.IntegerField()
    instalments = serializers.IntegerField()
    purpose = serializers.CharField()
    created_at = serializers.DateTimeField()
    loan = serializers.SerializerMethodField()

    @extend_schema_field(ReasonSerializer(many=True))
    def get_reasons(self, application) -> list[dict]:
        return [
            {"code": code, "detail": str(services.DECLINE_REASONS.get(code, code))} for code in application.reason_codes
        ]

    @extend_schema_field(LoanSerializer(allow_null=True))
    def get_loan(self, application) -> dict | None:
        if application.decision != Decision.APPROVED:
            return None
        loan = application.loan
        return LoanSerializer(loan, context=self.context).data if loan is not None else None


class ApplySerializer(serializers.Serializer):
    product = serializers.PrimaryKeyRelatedField(queryset=LoanProduct.objects.prefetch_related("limits"))
    amount = serializers.DecimalField(max_digits=14, decimal_places=2, min_value=Decimal("0.01"))
    term_days = serializers.IntegerField(
        min_value=1, max_value=3650, required=False, help_text="Single-repayment products: the term in days."
    )
    instalments = serializers.IntegerField(
        min_value=1, max_value=120, required=False, help_text="Instalment products: the number of instalments."
    )
    purpose = serializers.CharField(max_length=255)

    def validate(self, data):
        product = data["product"]
        if product.repayment_type == "single" and not data.get("term_days"):
            raise serializers.ValidationError({"term_days": [_("Say for how many days you borrow.")]})
        if product.repayment_type != "single" and not data.get("instalments") and not data.get("term_days"):
            raise serializers.ValidationError({"instalments": [_("Say in how many instalments you repay.")]})
        data.setdefault("term_days", None)
        return data


class RepaySerializer(serializers.Serializer):
    amount = serializers.DecimalField(max_digits=14, decimal_places=2, min_value=Decimal("0.01"))


class RepayResponseSerializer(serializers.Serializer):
    payment = LoanPaymentSerializer()
    loan = LoanSerializer()


class StationCashSerializer(serializers.Serializer):
    loan = serializers.IntegerField(min_value=1)
    amount = serializers.DecimalField(max_digits=14, decimal_places=2, min_value=Decimal("0.01"))
    note = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")


IDEMPOTENCY_KEY = OpenApiParameter(
    "Idempotency-Key",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description="A key of your choice (1-64 characters, e.g. a UUID): a replay returns the first result.",
)


class CreditScoreViewSet(viewsets.ViewSet):
    """Your own trust score now, with its breakdown, history and what you can borrow."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(responses=ScoreSerializer)
    def list(self, request):
        card = services.score_compute(user=request.user)
        products = selectors.loan_product_list()
        data = {
            "score": card.score,
            "tier": card.tier,
            "tier_display": Tier(card.tier).label,
            "breakdown": breakdown_with_reasons(card.lines),
            "history": selectors.score_history(user=request.user),
            "borrowing_limits": [
                {
                    "product": product.pk,
                    "product_name": product.name,
                    "max_amount": services.borrowing_limit(product=product, score=card.score, tier=card.tier),
                }
                for product in products
            ],
        }
        return Response(ScoreSerializer(data).data)


class LoanProductViewSet(viewsets.ReadOnlyModelViewSet):
    """Loan products open to applications, with the maximum amount per tier (admins manage them)."""

    serializer_class = LoanProductSerializer
    permission_classes = [permissions.IsAuthenticated]
    ordering_fields = ["name", "min_score"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return LoanProduct.objects.none()
        return selectors.loan_product_list(active_only=not self.request.user.is_admin)


class LoanViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Your loans (admins: every loan). POST applies and is decided at once; `repay` pays part or all."""

    serializer_class = LoanSerializer
    permission_classes = [permissions.IsAuthenticated]
    filterset_fields = ["status", "product"]
    ordering_fields = ["created_at", "due_on", "principal"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Loan.objects.none()
        user = self.request.user
        return selectors.with_money_moves(selectors.loan_list(user=None if user.is_admin else user))

    @extend_schema(
        request=ApplySerializer,
        parameters=[IDEMPOTENCY_KEY],
        responses={201: ApplicationSerializer, 200: ApplicationSerializer},
        description="Apply for a loan. 201 with the decision (approved: the loan is disbursed; declined: reason "
        "codes); 200 with the same body on a replay of the same Idempotency-Key.",
    )
    def create(self, request):
        key = request.headers.get("Idempotency-Key", "").strip()
        if not key:
            raise ValidationFailed(
                _("The Idempotency-Key header is required."),
                code="idempotency_key_required",
                fields={"Idempotency-Key": [_("The Idempotency-Key header is required.")]},
            )
        serializer = ApplySerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        application, created = services.loan_apply(
            borrower=request.user, idempotency_key=key, **serializer.validated_data
        )
        # A new application carries its loan already (set by loan_apply); a replay reads it once.
        body = ApplicationSerializer(application, context={"request": request}).data
        if created:
            return Response(body, status=status.HTTP_201_CREATED)
        return Response(body, status=status.HTTP_200_OK, headers={"Idempotent-Replayed": "true"})

    @extend_schema(
        request=RepaySerializer,
        parameters=[IDEMPOTENCY_KEY],
        responses={202: RepayResponseSerializer, 200: RepayResponseSerializer},
        description="Start repaying with the payment provider: 202 with the pending payment and its `pay_url`. "
        "Nothing is repaid until the provider's signed confirmation arrives; 200 on a replay of the same key.",
    )
    @action(detail=True, methods=["post"])
    def repay(self, request, pk=None):
        loan = self.get_object()
        serializer = RepaySerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        payment, created = repayments.loan_payment_start(
            loan_id=loan.pk,
            payer=request.user,
            amount=serializer.validated_data["amount"],
            idempotency_key=request.headers.get("Idempotency-Key"),
        )
        loan = selectors.with_money_moves(selectors.loan_list()).get(pk=loan.pk)
        body = {"payment": LoanPaymentSerializer(payment).data, "loan": LoanSerializer(loan).data}
        if created:
            return Response(body, status=status.HTTP_202_ACCEPTED)
        return Response(body, status=status.HTTP_200_OK, headers={"Idempotent-Replayed": "true"})


class StationCashViewSet(viewsets.GenericViewSet):
    """Cash a villager handed to their station operator for a loan: the operator records it (posted at once,
    audited, naming the operator); the villager sees it on their loan."""

    serializer_class = CashReceiptSerializer
    permission_classes = [permissions.IsAuthenticated]
    filter_backends = []  # create only: nothing is listed, so nothing is filtered or ordered

    @extend_schema(
        request=StationCashSerializer,
        parameters=[IDEMPOTENCY_KEY],
        responses={201: CashReceiptSerializer, 200: CashReceiptSerializer},
        description="Record cash received at the station (201); 200 with the same receipt on a replay of the key.",
    )
    def create(self, request):
        serializer = StationCashSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        receipt, created = repayments.station_cash_record(
            operator=request.user,
            loan_id=data["loan"],
            amount=data["amount"],
            note=data["note"],
            idempotency_key=request.headers.get("Idempotency-Key"),
        )
        return Response(
            CashReceiptSerializer(receipt).data, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK
        )


def register_routes(router) -> None:
    """Register this app's API resources on the shared router (config/api_urls.py)."""
    router.register("credit/score", CreditScoreViewSet, basename="credit-score")
    router.register("loan-products", LoanProductViewSet, basename="loan-product")
    router.register("loans", LoanViewSet, basename="loan")
    router.register("station-cash", StationCashViewSet, basename="station-cash")
