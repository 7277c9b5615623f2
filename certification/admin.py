from django.contrib import admin

from certification import services
from certification.models import (
    AssessmentRun,
    CertificationDecision,
    CertificationPolicy,
    VillageCertification,
    VillageEvidence,
)


@admin.register(CertificationPolicy)
class CertificationPolicyAdmin(admin.ModelAdmin):
    """Admins add policy versions here; a version a run has used is read-only (past evidence must stay explainable)."""

    list_display = [
        "version",
        "name",
        "effective_from",
        "min_sales_volume",
        "min_active_shops",
        "window_months",
        "households_rule_enabled",
    ]
    readonly_fields = ["version", "created_by", "created_at"]

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.runs.exists():
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.runs.exists():
            return False
        return super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        values = {name: form.cleaned_data[name] for name in services.POLICY_FIELDS if name in form.cleaned_data}
        created = services.policy_create(created_by=request.user, **values)
        obj.pk, obj.version = created.pk, created.version


@admin.register(AssessmentRun)
class AssessmentRunAdmin(admin.ModelAdmin):
    list_display = ["pk", "status", "trigger", "cutoff", "villages_done", "villages_total", "created_at", "finished_at"]
    list_filter = ["status", "trigger"]
    list_select_related = ["policy", "started_by"]

    def has_add_permission(self, request):
        return False  # started from the certification dashboard, so that only one runs at a time

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(VillageEvidence)
class VillageEvidenceAdmin(admin.ModelAdmin):
    list_display = ["village", "run", "active_shops", "sales_volume", "order_count", "eligible", "policy_version"]
    list_filter = ["eligible", "policy_version"]
    search_fields = ["village__name"]
    list_select_related = ["village", "run"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(CertificationDecision)
class CertificationDecisionAdmin(admin.ModelAdmin):
    """Decisions are made on the certification pages (with locking and checks); here they are only read."""

    list_display = ["village", "action", "decided_by", "decided_at", "valid_until"]
    list_filter = ["action"]
    search_fields = ["village__name", "note"]
    list_select_related = ["village", "decided_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(VillageCertification)
class VillageCertificationAdmin(admin.ModelAdmin):
    list_display = ["village", "status", "certified_on", "valid_until"]
    list_filter = ["status"]
    list_select_related = ["village"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
