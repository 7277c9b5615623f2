"""Trust score, loan products, loans and their double-entry ledger.

The score is derived from facts (orders, disputes, certificates, loans, identity checks), never typed in;
each snapshot keeps its breakdown so the villager can see why. Money is Decimal, rounded with
core.money.quantize_yuan. A loan's outstanding balances are a cache of its ledger entries, checked by
`manage.py credit_audit`.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.payments import ProviderPayment


class Tier(models.TextChoices):
    BRONZE = "bronze", _("Bronze")
    SILVER = "silver", _("Silver")
    GOLD = "gold", _("Gold")
    DIAMOND = "diamond", _("Diamond")


# Lowest tier first: a product's minimum tier is met by its tier and every later one.
TIER_ORDER: list[str] = [Tier.BRONZE, Tier.SILVER, Tier.GOLD, Tier.DIAMOND]


class IdentityVerification(models.Model):
    """The village's station operator checked this villager's identity card in person."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="identity_verification", verbose_name=_("user")
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("verified by"),
    )
    verified_at = models.DateTimeField(_("verified at"), auto_now_add=True)
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("identity verification")
        verbose_name_plural = _("identity verifications")

    def __str__(self):
        return f"{self.user} ✓"


class SnapshotTrigger(models.TextChoices):
    NIGHTLY = "nightly", _("Nightly")
    APPLICATION = "application", _("Loan application")
    MANUAL = "manual", _("On request")


class ScoreSnapshot(models.Model):
    """A villager's score at one moment, with its breakdown (factor codes, counts, points)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="score_snapshots", verbose_name=_("user")
    )
    score = models.PositiveSmallIntegerField(_("score"))
    tier = models.CharField(_("tier"), max_length=16, choices=Tier.choices)
    breakdown = models.JSONField(_("breakdown"), default=list)
    trigger = models.CharField(_("trigger"), max_length=16, choices=SnapshotTrigger.choices)
    taken_on = models.DateField(_("day"), help_text=_("Day of the snapshot (Asia/Shanghai)."))
    computed_at = models.DateTimeField(_("computed at"), auto_now_add=True)

    class Meta:
        ordering = ["-computed_at", "-pk"]
        verbose_name = _("score snapshot")
        verbose_name_plural = _("score snapshots")
        indexes = [models.Index(fields=["user", "-computed_at"])]
        constraints = [
            models.CheckConstraint(condition=Q(score__lte=1000), name="score_snapshot_within_1000"),
            # The nightly run may be retried: one nightly snapshot per villager and day.
            models.UniqueConstraint(
                fields=["user", "taken_on"], condition=Q(trigger="nightly"), name="score_snapshot_one_nightly_a_day"
            ),
        ]

    def __str__(self):
        return f"{self.user} {self.score} ({self.taken_on})"


class RepaymentType(models.TextChoices):
    SINGLE = "single", _("Single repayment at the end")
    EQUAL_INSTALMENT = "equal_instalment", _("Equal instalments (principal and interest)")
    EQUAL_PRINCIPAL = "equal_principal", _("Equal principal")


class RepaymentPeriod(models.TextChoices):
    MONTH = "month", _("Monthly")
    WEEK = "week", _("Weekly")


class LoanProduct(models.Model):
    """A loan offer managed by admins. No collateral: eligibility comes from the trust score."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(_("open to applications"), default=True)
    min_tier = models.CharField(_("minimum tier"), max_length=16, choices=Tier.choices, default=Tier.BRONZE)
    min_score = models.PositiveSmallIntegerField(_("minimum score"), default=0)
    daily_interest_rate = models.DecimalField(
        _("daily interest rate"),
        max_digits=8,
        decimal_places=6,
        help_text=_("For example 0.000500 = 0.05 % a day, counted on the outstanding principal."),
    )
    max_term_days = models.PositiveSmallIntegerField(_("maximum term (days)"))
    min_amount = models.DecimalField(_("minimum amount"), max_digits=14, decimal_places=2, default=Decimal("100.00"))
    min_days_for_points = models.PositiveSmallIntegerField(
        _("days held before on-time repayment earns points"),
        default=14,
        help_text=_(
            "A loan repaid sooner earns trust points only if interest was paid on it (stops borrow-and-repay churn)."
        ),
    )
    repayment_type = models.CharField(
        _("repayment type"), max_length=20, choices=RepaymentType.choices, default=RepaymentType.SINGLE
    )
    period = models.CharField(
        _("instalment period"),
        max_length=8,
        choices=RepaymentPeriod.choices,
        default=RepaymentPeriod.MONTH,
        help_text=_("For instalment loans: one instalment a month or a week."),
    )
    max_instalments = models.PositiveSmallIntegerField(_("maximum number of instalments"), default=12)
    write_off_after_days = models.PositiveSmallIntegerField(_("propose write-off after (days past due)"), default=180)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("loan product")
        verbose_name_plural = _("loan products")
        constraints = [
            models.CheckConstraint(condition=Q(daily_interest_rate__gte=0), name="loan_product_rate_not_negative"),
            models.CheckConstraint(condition=Q(daily_interest_rate__lt=1), name="loan_product_rate_below_one"),
            models.CheckConstraint(condition=Q(max_term_days__gte=1), name="loan_product_term_positive"),
            models.CheckConstraint(condition=Q(min_amount__gt=0), name="loan_product_min_amount_positive"),
        ]

    def __str__(self):
        return self.name


class LoanProductLimit(models.Model):
    """The most a borrower of this tier may borrow under the product."""

    product = models.ForeignKey(
        LoanProduct, on_delete=models.CASCADE, related_name="limits", verbose_name=pgettext_lazy("loan", "product")
    )
    tier = models.CharField(_("tier"), max_length=16, choices=Tier.choices)
    max_amount = models.DecimalField(_("maximum amount"), max_digits=14, decimal_places=2)

    class Meta:
        ordering = ["product", "max_amount"]
        verbose_name = _("limit per tier")
        verbose_name_plural = _("limits per tier")
        constraints = [
            models.UniqueConstraint(fields=["product", "tier"], name="loan_product_limit_unique_tier"),
            models.CheckConstraint(condition=Q(max_amount__gt=0), name="loan_product_limit_positive"),
        ]

    def __str__(self):
        return f"{self.product} {self.tier}: {self.max_amount}"


class Decision(models.TextChoices):
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")


class LoanApplication(models.Model):
    """One application and its instant decision; the Idempotency-Key makes a replay return it unchanged."""

    borrower = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="loan_applications", verbose_name=_("borrower")
    )
    product = models.ForeignKey(
        LoanProduct,
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=pgettext_lazy("loan", "product"),
    )
    idempotency_key = models.CharField(_("idempotency key"), max_length=64)
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2)
    term_days = models.PositiveSmallIntegerField(_("term (days)"))
    instalments = models.PositiveSmallIntegerField(_("instalments"), default=1)
    purpose = models.CharField(_("purpose"), max_length=255)
    decision = models.CharField(_("decision"), max_length=16, choices=Decision.choices)
    reason_codes = models.JSONField(_("reasons"), default=list, blank=True)
    score = models.PositiveSmallIntegerField(_("score at decision"))
    tier = models.CharField(_("tier at decision"), max_length=16, choices=Tier.choices)
    snapshot = models.ForeignKey(
        ScoreSnapshot, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("score snapshot")
    )
    created_at = models.DateTimeField(_("applied at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("loan application")
        verbose_name_plural = _("loan applications")
        constraints = [
            models.UniqueConstraint(fields=["borrower", "idempotency_key"], name="loan_application_unique_key"),
        ]

    def __str__(self):
        return f"{self.borrower} {self.amount} {self.decision}"


class LoanStatus(models.TextChoices):
    DISBURSING = "disbursing", _("Being paid out")
    PAYOUT_FAILED = "payout_failed", _("Payout failed")
    ACTIVE = "active", pgettext_lazy("loan status", "Active")
    OVERDUE = "overdue", _("Overdue")
    REPAID = "repaid", _("Repaid")
    WRITTEN_OFF = "written_off", _("Written off")


OPEN_LOAN_STATUSES = (LoanStatus.ACTIVE, LoanStatus.OVERDUE)
# A loan approved but not yet paid out also stops the borrower from borrowing again.
BLOCKING_LOAN_STATUSES = (LoanStatus.DISBURSING, *OPEN_LOAN_STATUSES)

LOAN_TRANSITIONS: dict[str, set[str]] = {
    LoanStatus.DISBURSING: {LoanStatus.ACTIVE, LoanStatus.PAYOUT_FAILED},
    LoanStatus.PAYOUT_FAILED: set(),
    LoanStatus.ACTIVE: {LoanStatus.OVERDUE, LoanStatus.REPAID},
    # An instalment loan whose arrears are paid is current again (nightly classification).
    LoanStatus.OVERDUE: {LoanStatus.ACTIVE, LoanStatus.REPAID, LoanStatus.WRITTEN_OFF},
    LoanStatus.REPAID: set(),
    LoanStatus.WRITTEN_OFF: set(),
}


class Loan(models.Model):
    """A disbursed loan. Outstanding amounts mirror the ledger (see credit_audit).

    Interest for a stretch of days with an unchanged principal is rounded once for the whole stretch
    (`principal_changed_on` .. `interest_accrued_through`), so accruing nightly or only at repayment
    gives the same fen.
    """

    application = models.OneToOneField(
        LoanApplication, on_delete=models.PROTECT, related_name="loan", verbose_name=_("application")
    )
    borrower = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="loans", verbose_name=_("borrower")
    )
    product = models.ForeignKey(
        LoanProduct, on_delete=models.PROTECT, related_name="loans", verbose_name=pgettext_lazy("loan", "product")
    )
    principal = models.DecimalField(_("principal"), max_digits=14, decimal_places=2)
    daily_interest_rate = models.DecimalField(_("daily interest rate"), max_digits=8, decimal_places=6)
    term_days = models.PositiveSmallIntegerField(_("term (days)"))
    repayment_type = models.CharField(
        _("repayment type"), max_length=20, choices=RepaymentType.choices, default=RepaymentType.SINGLE
    )
    period = models.CharField(
        _("instalment period"), max_length=8, choices=RepaymentPeriod.choices, default=RepaymentPeriod.MONTH
    )
    instalment_count = models.PositiveSmallIntegerField(_("instalments"), default=1)
    days_past_due = models.PositiveIntegerField(
        _("days past due"), default=0, help_text=_("Days since the oldest unpaid instalment fell due (nightly).")
    )
    purpose = models.CharField(_("purpose"), max_length=255)
    status = models.CharField(
        _("status"), max_length=16, choices=LoanStatus.choices, default=LoanStatus.ACTIVE, db_index=True
    )
    disbursed_on = models.DateField(_("disbursed on"))
    due_on = models.DateField(_("due on"))
    outstanding_principal = models.DecimalField(_("outstanding principal"), max_digits=14, decimal_places=2)
    outstanding_interest = models.DecimalField(
        _("outstanding interest"), max_digits=14, decimal_places=2, default=Decimal("0.00")
    )
    interest_accrued_through = models.DateField(_("interest counted up to"))
    principal_changed_on = models.DateField(_("principal last changed on"))
    interest_in_stretch = models.DecimalField(
        _("interest posted since the principal changed"), max_digits=14, decimal_places=2, default=Decimal("0.00")
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    written_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    write_off_reason = models.CharField(_("write-off reason"), max_length=255, blank=True)
    written_off_amount = models.DecimalField(
        _("amount written off"), max_digits=14, decimal_places=2, default=Decimal("0.00")
    )
    recovered = models.DecimalField(
        _("recovered after write-off"), max_digits=14, decimal_places=2, default=Decimal("0.00")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("loan")
        verbose_name_plural = _("loans")
        constraints = [
            # With the borrower row lock in loan_apply: a borrower never has two open loans.
            models.UniqueConstraint(
                fields=["borrower"],
                condition=Q(status__in=["disbursing", "active", "overdue"]),
                name="loan_one_open_per_borrower",
            ),
            models.CheckConstraint(condition=Q(principal__gt=0), name="loan_principal_positive"),
            models.CheckConstraint(condition=Q(outstanding_principal__gte=0), name="loan_outstanding_not_negative"),
            models.CheckConstraint(
                condition=Q(outstanding_principal__lte=models.F("principal")), name="loan_outstanding_within_principal"
            ),
            models.CheckConstraint(condition=Q(outstanding_interest__gte=0), name="loan_interest_not_negative"),
        ]
        indexes = [
            models.Index(fields=["status", "due_on"]),
            models.Index(fields=["borrower", "status"]),
            # The loan book's overdue list and write-off proposals: the latest first, read 50 at a time.
            models.Index(
                fields=["-days_past_due", "id"], condition=Q(status="overdue"), name="loan_overdue_by_days_late"
            ),
        ]

    def __str__(self):
        return f"#{self.pk} {self.borrower} {self.principal}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_LOAN_STATUSES

    @property
    def outstanding(self) -> Decimal:
        return self.outstanding_principal + self.outstanding_interest


class LoanInstalment(models.Model):
    """One instalment of a loan's schedule: what falls due on a day and what was paid towards it.

    Principal due sums exactly to the loan's principal; paid amounts sum to the ledger's repayments (credit_audit).
    Interest due is projected for future instalments and becomes what was charged once paid."""

    loan = models.ForeignKey(Loan, on_delete=models.CASCADE, related_name="instalments", verbose_name=_("loan"))
    number = models.PositiveSmallIntegerField(_("number"))
    due_on = models.DateField(_("due on"))
    principal_due = models.DecimalField(_("principal"), max_digits=14, decimal_places=2)
    interest_due = models.DecimalField(_("interest"), max_digits=14, decimal_places=2)
    principal_paid = models.DecimalField(_("principal paid"), max_digits=14, decimal_places=2, default=Decimal("0.00"))
    interest_paid = models.DecimalField(_("interest paid"), max_digits=14, decimal_places=2, default=Decimal("0.00"))
    paid_on = models.DateField(_("paid on"), null=True, blank=True)

    class Meta:
        ordering = ["loan", "number"]
        verbose_name = _("instalment")
        verbose_name_plural = _("instalments")
        constraints = [
            models.UniqueConstraint(fields=["loan", "number"], name="loan_instalment_unique_number"),
            models.CheckConstraint(condition=Q(principal_due__gte=0), name="instalment_principal_not_negative"),
            models.CheckConstraint(
                condition=Q(principal_paid__gte=0, principal_paid__lte=models.F("principal_due")),
                name="instalment_principal_paid_within_due",
            ),
            models.CheckConstraint(condition=Q(interest_paid__gte=0), name="instalment_interest_paid_not_negative"),
        ]
        # The nightly arrears classification and the collections list look for unpaid instalments by day.
        indexes = [models.Index(fields=["due_on"], condition=Q(paid_on__isnull=True), name="instalment_unpaid_due")]

    def __str__(self):
        return f"{self.loan_id}/{self.number} {self.due_on}"

    @property
    def total_due(self) -> Decimal:
        return self.principal_due + self.interest_due

    @property
    def paid_amount(self) -> Decimal:
        return self.principal_paid + self.interest_paid

    @property
    def left(self) -> Decimal:
        return self.principal_due - self.principal_paid + max(Decimal("0.00"), self.interest_due - self.interest_paid)


class ScheduleRevision(models.Model):
    """A loan's schedule as it was before a payment recomputed it (the history of the plan)."""

    loan = models.ForeignKey(Loan, on_delete=models.CASCADE, related_name="schedule_revisions", verbose_name=_("loan"))
    made_on = models.DateField(_("day"))
    reason = models.CharField(_("reason"), max_length=32)
    rows = models.JSONField(_("schedule before"), default=list)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["loan", "pk"]
        verbose_name = _("schedule revision")
        verbose_name_plural = _("schedule revisions")

    def __str__(self):
        return f"{self.loan_id} {self.made_on} {self.reason}"


class Repayment(models.Model):
    """A payment, split interest first, then principal."""

    loan = models.ForeignKey(Loan, on_delete=models.PROTECT, related_name="repayments", verbose_name=_("loan"))
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2)
    interest_part = models.DecimalField(_("to interest"), max_digits=14, decimal_places=2)
    principal_part = models.DecimalField(_("to principal"), max_digits=14, decimal_places=2)
    paid_on = models.DateField(_("paid on"))
    idempotency_key = models.CharField(_("idempotency key"), max_length=64, null=True, blank=True)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["loan", "created_at", "pk"]
        verbose_name = _("repayment")
        verbose_name_plural = _("repayments")
        constraints = [
            models.UniqueConstraint(fields=["loan", "idempotency_key"], name="repayment_unique_key"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="repayment_positive"),
        ]

    def __str__(self):
        return f"{self.loan} {self.amount} on {self.paid_on}"


class ArrearsRun(models.Model):
    """The nightly arrears classification of one day: chunks of loans by id, resumable from `last_loan_id`."""

    day = models.DateField(_("day"), unique=True)
    last_loan_id = models.BigIntegerField(_("last loan classified"), default=0)
    loans = models.PositiveIntegerField(_("loans classified"), default=0)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-day"]
        verbose_name = _("arrears run")
        verbose_name_plural = _("arrears runs")

    def __str__(self):
        return f"{self.day} up to {self.last_loan_id}"


class PortfolioMonth(models.Model):
    """One station's loan book at the last classification of a month: outstanding principal, principal in
    arrears per bucket (by days past due), and the principal at risk over 30 days (PAR30)."""

    month = models.DateField(_("month"), help_text=_("First day of the month."))
    station = models.ForeignKey(
        "villages.ServiceStation", on_delete=models.CASCADE, related_name="+", verbose_name=_("station")
    )
    loans = models.PositiveIntegerField(_("open loans"), default=0)
    outstanding_principal = models.DecimalField(
        _("outstanding principal"), max_digits=16, decimal_places=2, default=Decimal("0.00")
    )
    arrears = models.JSONField(_("arrears by bucket"), default=dict)
    par30_principal = models.DecimalField(
        _("principal over 30 days late"), max_digits=16, decimal_places=2, default=Decimal("0.00")
    )
    computed_on = models.DateField(_("computed on"))
    # The whole book of the station (every status), so the loan book page reads no loan row: see credit.arrears.
    loans_all = models.PositiveIntegerField(_("loans"), default=0)
    disbursed = models.DecimalField(_("lent"), max_digits=16, decimal_places=2, default=Decimal("0.00"))
    outstanding_total = models.DecimalField(
        _("outstanding, interest included"), max_digits=16, decimal_places=2, default=Decimal("0.00")
    )
    overdue_count = models.PositiveIntegerField(_("overdue loans"), default=0)
    overdue_total = models.DecimalField(_("overdue"), max_digits=16, decimal_places=2, default=Decimal("0.00"))
    written_off_count = models.PositiveIntegerField(_("loans written off"), default=0)
    written_off_principal = models.DecimalField(
        _("principal written off"), max_digits=16, decimal_places=2, default=Decimal("0.00")
    )
    recovered = models.DecimalField(
        _("recovered after write-off"), max_digits=16, decimal_places=2, default=Decimal("0.00")
    )

    class Meta:
        ordering = ["-month", "station"]
        verbose_name = _("portfolio month")
        verbose_name_plural = _("portfolio months")
        constraints = [models.UniqueConstraint(fields=["month", "station"], name="portfolio_month_unique")]

    def __str__(self):
        return f"{self.station_id} {self.month}"


class InstalmentAllocation(models.Model):
    """The part of one repayment that went to one instalment."""

    repayment = models.ForeignKey(
        Repayment, on_delete=models.CASCADE, related_name="allocations", verbose_name=_("repayment")
    )
    instalment = models.ForeignKey(
        LoanInstalment, on_delete=models.CASCADE, related_name="allocations", verbose_name=_("instalment")
    )
    interest = models.DecimalField(_("to interest"), max_digits=14, decimal_places=2)
    principal = models.DecimalField(_("to principal"), max_digits=14, decimal_places=2)

    class Meta:
        ordering = ["repayment", "instalment"]
        verbose_name = _("instalment allocation")
        verbose_name_plural = _("instalment allocations")

    def __str__(self):
        return f"{self.repayment_id} -> {self.instalment_id}: {self.interest} + {self.principal}"


class Account(models.TextChoices):
    PRINCIPAL_RECEIVABLE = "principal_receivable", _("Principal receivable")
    INTEREST_RECEIVABLE = "interest_receivable", _("Interest receivable")
    CASH = "cash", _("Cash")
    INTEREST_INCOME = "interest_income", _("Interest income")
    WRITE_OFF_LOSS = "write_off_loss", _("Loan losses")
    RECOVERY_INCOME = "recovery_income", _("Recoveries of written-off loans")


# The accounts whose sum, for one loan, is what the borrower still owes.
RECEIVABLE_ACCOUNTS = (Account.PRINCIPAL_RECEIVABLE, Account.INTEREST_RECEIVABLE)


class EntryKind(models.TextChoices):
    DISBURSEMENT = "disbursement", _("Disbursement")
    INTEREST = "interest", _("Interest accrual")
    REPAYMENT = "repayment", _("Repayment")
    WRITE_OFF = "write_off", _("Write-off")
    RECOVERY = "recovery", _("Recovery")


class LedgerTransaction(models.Model):
    """One balanced posting: its entries sum to zero."""

    loan = models.ForeignKey(Loan, on_delete=models.PROTECT, related_name="ledger_transactions", verbose_name=_("loan"))
    kind = models.CharField(_("kind"), max_length=16, choices=EntryKind.choices)
    posted_on = models.DateField(_("posted on"))
    repayment = models.OneToOneField(
        Repayment, null=True, blank=True, on_delete=models.PROTECT, related_name="ledger_transaction"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["loan", "pk"]
        verbose_name = _("ledger transaction")
        verbose_name_plural = _("ledger transactions")

    def __str__(self):
        return f"{self.kind} {self.loan_id} {self.posted_on}"


class LedgerEntry(models.Model):
    """A signed amount on one account: positive is a debit, negative a credit."""

    transaction = models.ForeignKey(
        LedgerTransaction, on_delete=models.PROTECT, related_name="entries", verbose_name=_("transaction")
    )
    loan = models.ForeignKey(Loan, on_delete=models.PROTECT, related_name="ledger_entries", verbose_name=_("loan"))
    account = models.CharField(_("account"), max_length=24, choices=Account.choices)
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2)

    class Meta:
        ordering = ["transaction", "pk"]
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        indexes = [models.Index(fields=["loan", "account"])]

    def __str__(self):
        return f"{self.account} {self.amount}"


class ProviderStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for the payment provider")
    SUCCEEDED = "succeeded", _("Paid")
    FAILED = "failed", _("Failed")


class PayoutStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested from the payment provider")
    CONFIRMED = "confirmed", _("Paid out")
    FAILED = "failed", _("Failed")
    # The provider says it paid, but another amount: the loan stays disbursing until an admin settles it.
    REVIEW = "review", _("Another amount paid: under review")


class LoanPayout(ProviderPayment):
    """The provider paying an approved loan out to the borrower. Only its signed confirmation disburses the loan
    (posts the ledger entries and makes it active); a failure leaves nothing owed."""

    loan = models.OneToOneField(Loan, on_delete=models.PROTECT, related_name="payout", verbose_name=_("loan"))
    status = models.CharField(
        _("status"), max_length=16, choices=PayoutStatus.choices, default=PayoutStatus.REQUESTED, db_index=True
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    # When the provider took the request (after the loan was committed): null on a requested payout means not sent
    # yet, and loan_payouts_resume sends it, under the same reference.
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    # A confirmation that says paid, for another amount (status review): what the provider reported and why it
    # waits for an admin; confirmed_at is when it arrived.
    reported_amount = models.DecimalField(
        _("amount the provider reported"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    review_reason = models.CharField(_("reason for review"), max_length=255, blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("loan payout")
        verbose_name_plural = _("loan payouts")
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="loan_payout_amount_positive")]

    def __str__(self):
        return f"{self.reference} {self.amount} {self.status}"


class LoanPayment(ProviderPayment):
    """A repayment started with the payment provider. Only the provider's signed confirmation posts it."""

    loan = models.ForeignKey(Loan, on_delete=models.PROTECT, related_name="payments", verbose_name=_("loan"))
    payer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    idempotency_key = models.CharField(_("idempotency key"), max_length=64)
    status = models.CharField(
        _("status"), max_length=16, choices=ProviderStatus.choices, default=ProviderStatus.PENDING, db_index=True
    )
    repayment = models.OneToOneField(
        Repayment, null=True, blank=True, on_delete=models.PROTECT, related_name="payment", verbose_name=_("repayment")
    )
    created_at = models.DateTimeField(_("started at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("loan payment")
        verbose_name_plural = _("loan payments")
        constraints = [
            models.UniqueConstraint(fields=["payer", "idempotency_key"], name="loan_payment_idempotency_unique"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="loan_payment_amount_positive"),
            # Posted exactly when it succeeded.
            models.CheckConstraint(
                condition=Q(status="succeeded", repayment__isnull=False)
                | (~Q(status="succeeded") & Q(repayment__isnull=True)),
                name="loan_payment_posted_iff_succeeded",
            ),
        ]

    def __str__(self):
        return f"{self.reference} {self.amount} {self.status}"


class StationCashReceipt(models.Model):
    """Cash a station operator took at the station for a villager's loan: posted at once, names the operator."""

    loan = models.ForeignKey(Loan, on_delete=models.PROTECT, related_name="cash_receipts", verbose_name=_("loan"))
    station = models.ForeignKey(
        "villages.ServiceStation", on_delete=models.PROTECT, related_name="cash_receipts", verbose_name=_("station")
    )
    operator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("operator")
    )
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2)
    received_on = models.DateField(_("received on"))
    idempotency_key = models.CharField(_("idempotency key"), max_length=64)
    note = models.CharField(_("note"), max_length=255, blank=True)
    repayment = models.OneToOneField(
        Repayment, on_delete=models.PROTECT, related_name="cash_receipt", verbose_name=_("repayment")
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("cash received at the station")
        verbose_name_plural = _("cash received at stations")
        indexes = [models.Index(fields=["station", "received_on"])]
        constraints = [
            models.UniqueConstraint(fields=["operator", "idempotency_key"], name="cash_receipt_idempotency_unique"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="cash_receipt_amount_positive"),
        ]

    def __str__(self):
        return f"{self.station_id} {self.amount} on {self.received_on}"


class StationCashDay(models.Model):
    """One station's cash for one day, reconciled: what operators recorded against what the ledger posted."""

    station = models.ForeignKey(
        "villages.ServiceStation", on_delete=models.PROTECT, related_name="cash_days", verbose_name=_("station")
    )
    day = models.DateField(_("day"))
    receipts = models.PositiveIntegerField(_("cash entries"))
    recorded = models.DecimalField(_("cash recorded"), max_digits=14, decimal_places=2)
    posted = models.DecimalField(_("cash posted to the ledger"), max_digits=14, decimal_places=2)
    reconciled_at = models.DateTimeField(_("reconciled at"), auto_now=True)

    class Meta:
        ordering = ["-day", "station"]
        verbose_name = _("station cash day")
        verbose_name_plural = _("station cash days")
        constraints = [models.UniqueConstraint(fields=["station", "day"], name="station_cash_day_unique")]

    def __str__(self):
        return f"{self.station_id} {self.day}: {self.recorded} / {self.posted}"

    @property
    def matches(self) -> bool:
        return self.recorded == self.posted


class ContactKind(models.TextChoices):
    CALLED = "called", _("Called")
    VISITED = "visited", _("Visited")
    PROMISED = "promised", _("Promised to pay")
    NO_ANSWER = "no_answer", _("No answer")


class CollectionContact(models.Model):
    """The station operator following up a loan's instalments: a call, a visit, a promise to pay on a day."""

    loan = models.ForeignKey(Loan, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("loan"))
    operator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("operator")
    )
    kind = models.CharField(_("contact"), max_length=16, choices=ContactKind.choices)
    promised_on = models.DateField(_("promised to pay on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("collection contact")
        verbose_name_plural = _("collection contacts")
        indexes = [models.Index(fields=["loan", "-created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="promised") | Q(promised_on__isnull=False), name="collection_promise_has_a_day"
            )
        ]

    def __str__(self):
        return f"{self.loan_id} {self.kind} {self.created_at:%Y-%m-%d}"
