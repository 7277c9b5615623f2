from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from core.errors import DomainError
from credit import services
from credit.models import (
    IdentityVerification,
    LedgerEntry,
    LedgerTransaction,
    Loan,
    LoanApplication,
    LoanInstalment,
    LoanPayout,
    LoanProduct,
    LoanProductLimit,
    LoanStatus,
    Repayment,
    ScoreSnapshot,
)


class LoanProductLimitInline(admin.TabularInline):
    model = LoanProductLimit
    extra = 0


@admin.register(LoanProduct)
class LoanProductAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "is_active",
        "repayment_type",
        "period",
        "min_tier",
        "min_score",
        "daily_interest_rate",
        "max_term_days",
        "write_off_after_days",
    ]
    list_filter = ["is_active", "min_tier", "repayment_type"]
    inlines = [LoanProductLimitInline]


@admin.register(IdentityVerification)
class IdentityVerificationAdmin(admin.ModelAdmin):
    list_display = ["user", "verified_by", "verified_at"]
    list_select_related = ["user", "verified_by"]
    raw_id_fields = ["user", "verified_by"]
    search_fields = ["user__username", "user__last_name"]


@admin.register(ScoreSnapshot)
class ScoreSnapshotAdmin(admin.ModelAdmin):
    list_display = ["user", "score", "tier", "trigger", "taken_on", "computed_at"]
    list_filter = ["tier", "trigger"]
    list_select_related = ["user"]
    raw_id_fields = ["user"]
    search_fields = ["user__username"]
    date_hierarchy = "taken_on"

    def has_change_permission(self, request, obj=None):
        return False  # the history is derived from facts: never edited by hand


@admin.register(LoanApplication)
class LoanApplicationAdmin(admin.ModelAdmin):
    list_display = ["borrower", "product", "amount", "term_days", "decision", "score", "tier", "created_at"]
    list_filter = ["decision", "product"]
    list_select_related = ["borrower", "product"]
    raw_id_fields = ["borrower", "snapshot"]

    def has_change_permission(self, request, obj=None):
        return False


class RepaymentInline(admin.TabularInline):
    model = Repayment
    extra = 0
    can_delete = False
    readonly_fields = ["amount", "interest_part", "principal_part", "paid_on", "idempotency_key", "created_at"]

    def has_add_permission(self, request, obj=None):
        return False


class LoanInstalmentInline(admin.TabularInline):
    """The schedule, read only: it moves with repayments (credit.instalments)."""

    model = LoanInstalment
    extra = 0
    can_delete = False
    readonly_fields = [
        "number",
        "due_on",
        "principal_due",
        "interest_due",
        "principal_paid",
        "interest_paid",
        "paid_on",
    ]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Loan)
class LoanAdmin(admin.ModelAdmin):
    list_display = [
        "pk",
        "borrower",
        "product",
        "principal",
        "status",
        "days_past_due",
        "disbursed_on",
        "due_on",
        "outstanding_principal",
        "outstanding_interest",
    ]
    list_filter = ["status", "product", "repayment_type"]
    list_select_related = ["borrower", "product"]
    search_fields = ["borrower__username", "borrower__last_name"]
    inlines = [LoanInstalmentInline, RepaymentInline]
    actions = ["write_off"]

    def get_readonly_fields(self, request, obj=None):
        # Balances move only through the services (they post the ledger): never typed in here.
        return [field.name for field in self.model._meta.fields]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Write off the selected overdue loans"))
    def write_off(self, request, queryset):
        done = 0
        for loan in queryset.filter(status=LoanStatus.OVERDUE).order_by("pk"):
            try:
                services.loan_write_off(loan_id=loan.pk, by=request.user, reason="Django admin")
                done += 1
            except DomainError as error:
                self.message_user(request, f"#{loan.pk}: {error.detail}", messages.ERROR)
        self.message_user(request, _("%(count)d loans written off.") % {"count": done}, messages.SUCCESS)


class LedgerEntryInline(admin.TabularInline):
    model = LedgerEntry
    extra = 0
    can_delete = False
    readonly_fields = ["loan", "account", "amount"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(LedgerTransaction)
class LedgerTransactionAdmin(admin.ModelAdmin):
    list_display = ["pk", "loan", "kind", "posted_on", "created_at"]
    list_filter = ["kind"]
    readonly_fields = ["loan", "kind", "posted_on", "repayment", "created_at"]
    inlines = [LedgerEntryInline]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(LoanPayout)
class LoanPayoutAdmin(admin.ModelAdmin):
    """Read only: the provider's confirmation decides a payout. Filter on "under review" for the ones the provider
    says it paid for another amount: settle them with the provider (docs/credit.md, "Payouts")."""

    list_display = ["reference", "loan", "amount", "status", "reported_amount", "requested_at", "confirmed_at"]
    list_filter = ["status", "provider"]
    list_select_related = ["loan"]
    search_fields = ["reference", "loan__borrower__username"]

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
