"""REST resources: certification/policy, certification/runs, certification/villages (+ grant / revoke)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from certification import selectors, services
from certification.models import (
    AssessmentRun,
    CertificationDecision,
    CertificationPolicy,
    RunTrigger,
    VillageCertification,
    VillageEvidence,
)
from core.api import display_of
from core.permissions import IsAdminOrReadOnly, IsAdminRole


class PolicySerializer(serializers.ModelSerializer):
    class Meta:
        model = CertificationPolicy
        fields = ["id", "version", "created_at", *services.POLICY_FIELDS]
        read_only_fields = ["id", "version", "created_at"]
        # The table's check constraints, as field rules: a 400 with messages rather than an IntegrityError.
        extra_kwargs = {
            "window_months": {"min_value": 1},
            "active_lookback_months": {"min_value": 1},
            "min_sales_volume": {"min_value": 0},
            "town_min_sales_volume": {"min_value": 0},
            "households_share_percent": {"min_value": 0, "max_value": 100},
        }

    def validate(self, attrs):
        lookback = attrs.get("active_lookback_months", 3)
        if lookback > attrs.get("window_months", 12):
            raise serializers.ValidationError(
                {"active_lookback_months": [_("The look-back cannot be longer than the window.")]}
            )
        return attrs


class RunSerializer(serializers.ModelSerializer):
    policy_version = serializers.IntegerField(source="policy.version", read_only=True)
    percent = serializers.IntegerField(read_only=True)
    started_by = serializers.CharField(source="started_by.username", read_only=True, default=None, allow_null=True)

    class Meta:
        model = AssessmentRun
        fields = [
            "id",
            "status",
            "trigger",
            "started_by",
            "policy",
            "policy_version",
            "cutoff",
            "window_start",
            "window_end",
            "villages_done",
            "villages_total",
            "percent",
            "error",
            "created_at",
            "heartbeat_at",
            "finished_at",
        ]
        read_only_fields = fields


class RunStartSerializer(serializers.Serializer):
    cutoff = serializers.DateField(required=False, help_text="Cut-off date (default: today in Asia/Shanghai).")


class EvidenceSerializer(serializers.ModelSerializer):
    class Meta:
        model = VillageEvidence
        fields = [
            "id",
            "run",
            "policy_version",
            "cutoff",
            "window_start",
            "window_end",
            "shops_total",
            "active_shops",
            "required_active_shops",
            "sales_volume",
            "required_sales_volume",
            "order_count",
            "households",
            "shops_rule",
            "eligible",
            "shops_shortfall",
            "sales_shortfall",
            "held_orders",
            "held_volume",
            "fraud_orders",
            "fraud_volume",
            "computed_at",
        ]
        read_only_fields = fields


class DecisionSerializer(serializers.ModelSerializer):
    decided_by = serializers.CharField(source="decided_by.username", read_only=True)
    action_display = display_of("action")

    class Meta:
        model = CertificationDecision
        fields = [
            "id",
            "action",
            "action_display",
            "evidence",
            "note",
            "override_reason",
            "decided_by",
            "decided_at",
            "valid_until",
        ]
        read_only_fields = fields


class CertificationSerializer(serializers.ModelSerializer):
    is_valid = serializers.SerializerMethodField()
    status_display = display_of("status")

    class Meta:
        model = VillageCertification
        fields = ["status", "status_display", "certified_on", "valid_until", "is_valid"]

    def get_is_valid(self, obj) -> bool:
        return obj.is_valid()


class VillageCertificationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    township = serializers.IntegerField(source="township_id")
    county = serializers.IntegerField(source="township.county_id")
    households = serializers.IntegerField()
    certification = serializers.SerializerMethodField()
    latest_evidence = serializers.SerializerMethodField()

    def get_certification(self, village) -> dict | None:
        current = getattr(village, "certification", None)
        return CertificationSerializer(current).data if current else None

    def get_latest_evidence(self, village) -> dict | None:
        evidence = getattr(village, "latest_evidence", None)
        return EvidenceSerializer(evidence).data if evidence else None


class VillageCertificationDetailSerializer(VillageCertificationSerializer):
    evidence = serializers.SerializerMethodField()
    decisions = serializers.SerializerMethodField()

    def get_evidence(self, village) -> list[dict]:
        return EvidenceSerializer(selectors.village_evidence_history(village_id=village.pk)[:24], many=True).data

    def get_decisions(self, village) -> list[dict]:
        return DecisionSerializer(selectors.village_decisions(village_id=village.pk), many=True).data


class GrantSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=2000)
    override_reason = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    evidence = serializers.IntegerField(required=False, help_text="Evidence id (default: the latest completed run's).")


class RevokeSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


class PolicyViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    """Policy versions. Anyone may read; admins add a version (POST). Versions are never edited."""

    serializer_class = PolicySerializer
    permission_classes = [IsAdminOrReadOnly]
    queryset = selectors.policy_list()
    ordering_fields = ["version", "effective_from"]
    pagination_class = None

    def perform_create(self, serializer):
        serializer.instance = services.policy_create(created_by=self.request.user, **serializer.validated_data)

    @action(detail=False)
    def current(self, request):
        """The version in force today."""
        policy = selectors.policy_in_force()
        return Response(PolicySerializer(policy).data if policy else None)


class RunViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Assessment runs with their progress. Admins start one (POST: 202, or the running one)."""

    serializer_class = RunSerializer
    queryset = selectors.run_list()
    lookup_value_regex = r"\d+"
    permission_classes = [IsAuthenticated]
    filterset_fields = ["status", "trigger"]
    ordering_fields = ["created_at", "finished_at", "status"]

    def get_permissions(self):
        if self.action in ("create", "resume", "restart"):
            return [IsAdminRole()]
        return super().get_permissions()

    @extend_schema(request=RunStartSerializer, responses={202: RunSerializer, 200: RunSerializer})
    def create(self, request):
        """Start a run (202 with its id and progress); if one is running, it is returned (200)."""
        start = RunStartSerializer(data=request.data)
        start.is_valid(raise_exception=True)
        run, created = services.assessment_run_start(
            started_by=request.user, trigger=RunTrigger.ADMIN, cutoff=start.validated_data.get("cutoff")
        )
        run = self.get_queryset().get(pk=run.pk)
        return Response(RunSerializer(run).data, status=status.HTTP_202_ACCEPTED if created else status.HTTP_200_OK)

    @extend_schema(request=None, responses={202: RunSerializer})
    @action(detail=True, methods=["post"])
    def resume(self, request, pk=None):
        """Continue a failed or stalled run from where it stopped."""
        run = services.assessment_run_resume(run_id=int(pk), resumed_by=request.user)
        return Response(RunSerializer(self.get_queryset().get(pk=run.pk)).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(request=None, responses={202: RunSerializer})
    @action(detail=True, methods=["post"])
    def restart(self, request, pk=None):
        """Start a failed or stalled run over from the first village (its evidence is rewritten, not doubled)."""
        run = services.assessment_run_restart(run_id=int(pk), restarted_by=request.user)
        return Response(RunSerializer(self.get_queryset().get(pk=run.pk)).data, status=status.HTTP_202_ACCEPTED)


class VillageCertificationViewSet(viewsets.ReadOnlyModelViewSet):
    """Every village's label and latest evidence; the detail adds the evidence history and decisions."""

    permission_classes = [IsAuthenticated]
    lookup_value_regex = r"\d+"
    ordering_fields = ["name", "households"]

    def get_queryset(self):
        return selectors.village_certification_list(search=self.request.query_params.get("q", ""))

    def get_serializer_class(self):
        if self.action == "retrieve":
            return VillageCertificationDetailSerializer
        return VillageCertificationSerializer

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        if page is not None:
            selectors.attach_latest_evidence(page)
        return page

    def get_object(self):
        village = super().get_object()
        selectors.attach_latest_evidence([village])
        return village

    def get_permissions(self):
        if self.action in ("grant", "revoke"):
            return [IsAdminRole()]
        return super().get_permissions()

    @extend_schema(request=GrantSerializer, responses={201: DecisionSerializer})
    @action(detail=True, methods=["post"])
    def grant(self, request, pk=None):
        """Grant the label (a note; an override reason if the village is not eligible)."""
        data = GrantSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        decision = services.certification_grant(
            village_id=int(pk),
            decided_by=request.user,
            note=data.validated_data["note"],
            override_reason=data.validated_data["override_reason"],
            evidence_id=data.validated_data.get("evidence"),
        )
        return Response(DecisionSerializer(decision).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=RevokeSerializer, responses={201: DecisionSerializer})
    @action(detail=True, methods=["post"])
    def revoke(self, request, pk=None):
        """Revoke the label, with a reason."""
        data = RevokeSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        decision = services.certification_revoke(
            village_id=int(pk), decided_by=request.user, reason=data.validated_data["reason"]
        )
        return Response(DecisionSerializer(decision).data, status=status.HTTP_201_CREATED)


def register_routes(router) -> None:
    """Register this app's API resources on the shared router (config/api_urls.py)."""
    router.register("certification/policy", PolicyViewSet, basename="certification-policy")
    router.register("certification/runs", RunViewSet, basename="certification-run")
    router.register("certification/villages", VillageCertificationViewSet, basename="certification-village")
