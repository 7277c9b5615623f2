"""Reads for credit: the score facts counted in SQL, loans, products, the loan book.

`score_facts_for_users` runs four queries whatever the number of users or orders (GROUP BY, no loop
over orders): the nightly batch and the on-the-spot score at an application share it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import (
    Count,
    DecimalField,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast, Coalesce, Round
from django.utils import timezone

from credit.models import (
    OPEN_LOAN_STATUSES,
    Account,
    CollectionContact,
    EntryKind,
    IdentityVerification,
    InstalmentAllocation,
    LedgerEntry,
    LedgerTransaction,
    Loan,
    LoanApplication,
    LoanInstalment,
    LoanPayment,
    LoanProduct,
    LoanProductLimit,
    LoanStatus,
    PortfolioMonth,
    ProviderStatus,
    Repayment,
    ScoreSnapshot,
    StationCashDay,
    StationCashReceipt,
)
from credit.scorecard import ScoreFacts
from credit.trading import trading_facts_for_users
from orders.models import DisputeStatus, Order, OrderStatus, TrustReview
from orders.presale_selectors import presale_late_refunds_subquery
from training.models import Certificate

User = get_user_model()

SHIPPING_PROMISE = datetime.timedelta(hours=48)


def months_between(start: datetime.date, end: datetime.date) -> int:
    """Whole calendar months from start to end (0 when end is before start)."""
    months = (end.year - start.year) * 12 + end.month - start.month - (1 if end.day < start.day else 0)
    return max(0, months)


def loan_days_late(*, due_on: datetime.date, closed_on: datetime.date | None, today: datetime.date) -> int:
    end = closed_on or today
    return max(0, (end - due_on).days)


def score_facts_for_users(*, user_ids: list[int], today: datetime.date | None = None) -> dict[int, ScoreFacts]:
    """The facts behind the score of each user, in four queries (users, orders as seller, trading, loans)."""
    today = today or timezone.localdate()
    certificates = certificate_courses_subquery()
    users = (
        User.objects.filter(pk__in=user_ids)
        .annotate(
            certificate_count=Coalesce(Subquery(certificates, output_field=IntegerField()), Value(0)),
            verified=Exists(IdentityVerification.objects.filter(user=OuterRef("pk"))),
            # pre-sale orders refunded because the farmer did not ship by the last shipping date: late shipments
            presale_late=Coalesce(Subquery(presale_late_refunds_subquery(), output_field=IntegerField()), Value(0)),
        )
        .values_list("pk", "date_joined", "certificate_count", "verified", "presale_late")
    )
    late_cutoff = F("paid_at") + Value(SHIPPING_PROMISE)
    orders = (
        Order.objects.filter(shop__owner_id__in=user_ids)
        .values("shop__owner_id")
        .annotate(
            completed=Count("pk", filter=Q(status=OrderStatus.COMPLETED)),
            on_time=Count("pk", filter=Q(shipped_at__isnull=False, paid_at__isnull=False, shipped_at__lte=late_cutoff)),
            late=Count("pk", filter=Q(shipped_at__isnull=False, paid_at__isnull=False, shipped_at__gt=late_cutoff)),
            lost=Count("pk", filter=Q(dispute__status=DisputeStatus.REFUNDED)),
            won=Count("pk", filter=Q(dispute__status=DisputeStatus.REJECTED)),
            cancelled=Count("pk", filter=Q(status=OrderStatus.CANCELLED, cancelled_by_id=F("shop__owner_id"))),
        )
        .order_by()
    )
    by_seller = {row["shop__owner_id"]: row for row in orders}
    # Orders completed, shipped on time and disputes won count only for arm's-length trading (credit.trading).
    trading = trading_facts_for_users(user_ids=list(user_ids))
    loans: dict[int, list[tuple]] = {}
    loan_rows = (
        Loan.objects.filter(borrower_id__in=user_ids)
        .annotate(interest_paid=_money_sum("repayments__interest_part"))
        .values_list(
            "borrower_id",
            "status",
            "due_on",
            "closed_on",
            "disbursed_on",
            "product__min_days_for_points",
            "interest_paid",
            "days_past_due",
            "written_off_amount",
            "recovered",
        )
        .order_by("borrower_id", "closed_on", "pk")
    )
    for borrower_id, status, due_on, closed_on, _disbursed, _min, _paid, past_due, lost, recovered in loan_rows:
        loans.setdefault(borrower_id, []).append((status, due_on, closed_on, past_due, lost, recovered))
    on_time = on_time_repayments(loan_rows)

    facts = {}
    for user_id, date_joined, certificate_count, verified, presale_late in users:
        seller = by_seller.get(user_id, {})
        own_loans = loans.get(user_id, [])
        sold = trading[user_id]
        facts[user_id] = ScoreFacts(
            orders_completed=sold.orders,
            shipped_on_time=sold.on_time,
            shipped_late=seller.get("late", 0) + presale_late,
            disputes_lost=seller.get("lost", 0),
            disputes_won=sold.disputes_won,
            good_reviews=sold.good_reviews,
            trading_notes=sold.notes,
            seller_cancellations=seller.get("cancelled", 0),
            loans_repaid_on_time=on_time.get(user_id, OnTimeRepayments()).counted,
            loans_repaid_too_soon=on_time.get(user_id, OnTimeRepayments()).too_soon,
            loans_repaid_over_quarter_limit=on_time.get(user_id, OnTimeRepayments()).over_quarter_limit,
            # An instalment loan is late from its oldest late instalment (nightly days past due), not only its end.
            days_late=sum(
                max(
                    loan_days_late(due_on=due_on, closed_on=closed_on, today=today),
                    past_due if status in OPEN_LOAN_STATUSES else 0,
                )
                for status, due_on, closed_on, past_due, _lost, _recovered in own_loans
            ),
            loans_defaulted=sum(1 for status, *_rest in own_loans if status == LoanStatus.WRITTEN_OFF),
            loans_recovered=sum(
                1
                for status, _due, _closed, _past, lost, recovered in own_loans
                if status == LoanStatus.WRITTEN_OFF and lost > 0 and recovered >= lost
            ),
            certificates=certificate_count,
            account_months=months_between(timezone.localtime(date_joined).date(), today),
            identity_verified=bool(verified),
        )
    return facts


def certificate_courses_subquery() -> Subquery:
    """The number of distinct courses a user holds a certificate of, a language version counting as its original:
    a certificate earns points once per course, however many versions of it were taken."""
    return (
        Certificate.objects.filter(user=OuterRef("pk"))
        .order_by()
        .values("user")
        .annotate(n=Count(Coalesce("course__translation_of_id", "course_id"), distinct=True))
        .values("n")[:1]
    )


@dataclass(frozen=True)
class OnTimeRepayments:
    """Loans repaid on time: those that earn points, and those that did not, and why."""

    counted: int = 0
    too_soon: int = 0  # held less than the product's minimum days and no interest paid: borrow-and-repay churn
    over_quarter_limit: int = 0  # beyond CREDIT_ON_TIME_LOANS_PER_QUARTER in the quarter they closed


def quarter_of(day: datetime.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3


def on_time_repayments(loan_rows) -> dict[int, OnTimeRepayments]:
    """Which on-time repayments earn points: a loan held at least its product's `min_days_for_points`, or on
    which interest was paid, and at most CREDIT_ON_TIME_LOANS_PER_QUARTER loans per quarter, the earliest closed
    first. `loan_rows`: (borrower, status, due_on, closed_on, disbursed_on, min days, interest paid) ordered by
    borrower and closing day (see score_facts_for_users)."""
    limit = settings.CREDIT_ON_TIME_LOANS_PER_QUARTER
    tallies: dict[int, dict[str, int]] = {}
    per_quarter: dict[tuple[int, tuple[int, int]], int] = {}
    for borrower_id, status, due_on, closed_on, disbursed_on, min_days, interest_paid, *_rest in loan_rows:
        if status != LoanStatus.REPAID or closed_on > due_on:
            continue
        tally = tallies.setdefault(borrower_id, {"counted": 0, "too_soon": 0, "over_quarter_limit": 0})
        if (closed_on - disbursed_on).days < min_days and interest_paid <= 0:
            tally["too_soon"] += 1
            continue
        quarter = (borrower_id, quarter_of(closed_on))
        if per_quarter.get(quarter, 0) >= limit:
            tally["over_quarter_limit"] += 1
            continue
        per_quarter[quarter] = per_quarter.get(quarter, 0) + 1
        tally["counted"] += 1
    return {borrower_id: OnTimeRepayments(**tally) for borrower_id, tally in tallies.items()}


def villager_ids() -> QuerySet:
    """Every villager (farmer) id, in pk order: the population the nightly snapshot covers."""
    return User.objects.filter(role="farmer", is_active=True).order_by("pk").values_list("pk", flat=True)


def score_history(*, user, limit: int = 30) -> list[ScoreSnapshot]:
    """The latest snapshots, oldest first (for the chart)."""
    snapshots = list(ScoreSnapshot.objects.filter(user=user).order_by("-computed_at", "-pk")[:limit])
    snapshots.reverse()
    return snapshots


def latest_snapshot(*, user) -> ScoreSnapshot | None:
    return ScoreSnapshot.objects.filter(user=user).order_by("-computed_at", "-pk").first()


def loan_product_list(*, active_only: bool = True) -> QuerySet[LoanProduct]:
    qs = LoanProduct.objects.prefetch_related(
        Prefetch("limits", queryset=LoanProductLimit.objects.order_by("max_amount"))
    ).order_by("name", "pk")
    return qs.filter(is_active=True) if active_only else qs


def loan_list(*, user=None) -> QuerySet[Loan]:
    """Loans with their product and borrower in one query; a user's own when given."""
    qs = Loan.objects.select_related("product", "borrower__home_village", "payout").order_by("-created_at", "-pk")
    if user is not None:
        qs = qs.filter(borrower=user)
    return qs


def with_money_moves(loans: QuerySet[Loan]) -> QuerySet[Loan]:
    """What the borrower sees on a loan besides its balances, in one query each: the provider payments still
    waiting for a confirmation (`pending_payments`), the cash taken at the station (`cash_receipts`) and the
    repayment schedule (`schedule`)."""
    return loans.prefetch_related(
        Prefetch(
            "payments",
            queryset=LoanPayment.objects.filter(status=ProviderStatus.PENDING).order_by("-created_at", "-pk"),
            to_attr="pending_payments",
        ),
        Prefetch("cash_receipts", queryset=StationCashReceipt.objects.select_related("operator")),
        Prefetch("instalments", queryset=LoanInstalment.objects.order_by("number"), to_attr="schedule"),
    )


def open_loan_for(*, user) -> Loan | None:
    return Loan.objects.filter(borrower=user, status__in=OPEN_LOAN_STATUSES).first()


def application_list(*, user) -> QuerySet[LoanApplication]:
    return (
        LoanApplication.objects.filter(borrower=user).select_related("product", "loan").order_by("-created_at", "-pk")
    )


def station_villagers(*, village_id: int) -> QuerySet:
    """A village's villagers with their latest score and tier, and the identity check (one query)."""
    latest = ScoreSnapshot.objects.filter(user=OuterRef("pk")).order_by("-computed_at", "-pk")
    return (
        User.objects.filter(home_village_id=village_id, role="farmer")
        .select_related("identity_verification__verified_by")
        .annotate(
            latest_score=Subquery(latest.values("score")[:1]),
            latest_tier=Subquery(latest.values("tier")[:1]),
            latest_score_on=Subquery(latest.values("taken_on")[:1]),
        )
        .order_by("last_name", "first_name", "username", "pk")
    )


MONEY = DecimalField(max_digits=14, decimal_places=2)
MONEY_WIDE = DecimalField(max_digits=18, decimal_places=2)
# Loans whose payout the provider confirmed.
PAID_OUT_LOAN_STATUSES = (LoanStatus.ACTIVE, LoanStatus.OVERDUE, LoanStatus.REPAID, LoanStatus.WRITTEN_OFF)


def _money_sum(expression, **filters) -> Coalesce:
    # Rounded to the fen in SQL: exact anyway on PostgreSQL (numeric); SQLite sums floats and needs it.
    return Coalesce(
        Round(Sum(expression, filter=Q(**filters) if filters else None), 2),
        Value(Decimal("0.00")),
        output_field=MONEY,
    )


def loan_book_totals() -> dict:
    """Whole-book figures in one query: outstanding, overdue, written off, repaid."""
    outstanding = F("outstanding_principal") + F("outstanding_interest")
    return Loan.objects.aggregate(
        loans=Count("pk"),
        open_count=Count("pk", filter=Q(status__in=OPEN_LOAN_STATUSES)),
        outstanding=_money_sum(outstanding, status__in=OPEN_LOAN_STATUSES),
        overdue_count=Count("pk", filter=Q(status=LoanStatus.OVERDUE)),
        overdue=_money_sum(outstanding, status=LoanStatus.OVERDUE),
        defaults_count=Count("pk", filter=Q(status=LoanStatus.WRITTEN_OFF)),
        defaults=_money_sum("principal", status=LoanStatus.WRITTEN_OFF),
        disbursed=_money_sum("principal", status__in=PAID_OUT_LOAN_STATUSES),
    )


def loan_book_by_county() -> QuerySet:
    """The same figures per county of the borrower's home village (one GROUP BY query)."""
    outstanding = F("outstanding_principal") + F("outstanding_interest")
    county = "borrower__home_village__township__county"
    return (
        Loan.objects.values(
            f"{county}__id",
            f"{county}__name",
            f"{county}__name_zh",
            f"{county}__province__name",
            f"{county}__province__name_zh",
        )
        .annotate(
            loans=Count("pk"),
            open_count=Count("pk", filter=Q(status__in=OPEN_LOAN_STATUSES)),
            outstanding=_money_sum(outstanding, status__in=OPEN_LOAN_STATUSES),
            overdue_count=Count("pk", filter=Q(status=LoanStatus.OVERDUE)),
            overdue=_money_sum(outstanding, status=LoanStatus.OVERDUE),
            defaults_count=Count("pk", filter=Q(status=LoanStatus.WRITTEN_OFF)),
            defaults=_money_sum("principal", status=LoanStatus.WRITTEN_OFF),
        )
        .order_by(f"{county}__province__name", f"{county}__name")
    )


def overdue_loans() -> QuerySet[Loan]:
    """Overdue loans, the most days past due first (partial index loan_overdue_by_days_late)."""
    return loan_list().filter(status=LoanStatus.OVERDUE).order_by("-days_past_due", "pk")


def ledger_audit() -> dict[str, list]:
    """Check the whole book in SQL; every list is empty when the book is sound.

    - unbalanced: ledger transactions whose entries do not sum to zero (or have none);
    - misfiled: entries whose loan is not their transaction's loan;
    - loan_mismatch: loans whose outstanding principal or interest differs from the sum of their
      receivable entries;
    - repayment_mismatch: repayments whose cash entry differs from the amount paid;
    - book_total: the sum of every entry, when it is not zero.
    """
    zero = Value(Decimal("0.00"))
    unbalanced = list(
        LedgerTransaction.objects.annotate(
            total=Coalesce(Round(Sum("entries__amount"), 2), zero, output_field=MONEY), lines=Count("entries")
        )
        .filter(Q(total__gt=0) | Q(total__lt=0) | Q(lines=0))
        .values_list("pk", "loan_id", "kind", "total")
        .order_by("pk")
    )
    misfiled = list(
        LedgerEntry.objects.exclude(loan_id=F("transaction__loan_id")).values_list("pk", "loan_id").order_by("pk")
    )
    loan_mismatch = list(
        Loan.objects.annotate(
            ledger_principal=_money_sum("ledger_entries__amount", ledger_entries__account=Account.PRINCIPAL_RECEIVABLE),
            ledger_interest=_money_sum("ledger_entries__amount", ledger_entries__account=Account.INTEREST_RECEIVABLE),
        )
        .exclude(ledger_principal=F("outstanding_principal"), ledger_interest=F("outstanding_interest"))
        .values_list("pk", "outstanding_principal", "ledger_principal", "outstanding_interest", "ledger_interest")
        .order_by("pk")
    )
    repayment_mismatch = list(
        Repayment.objects.annotate(
            cash=_money_sum("ledger_transaction__entries__amount", ledger_transaction__entries__account=Account.CASH)
        )
        .exclude(cash=F("amount"))
        .values_list("pk", "loan_id", "amount", "cash")
        .order_by("pk")
    )
    total = LedgerEntry.objects.aggregate(total=_money_sum("amount"))["total"]
    schedule = schedule_audit()
    return {
        "unbalanced": unbalanced,
        "misfiled": misfiled,
        "loan_mismatch": loan_mismatch,
        "repayment_mismatch": repayment_mismatch,
        **schedule,
        "book_total": [total] if total != 0 else [],
    }


def _sum_subquery(queryset, field: str) -> Coalesce:
    """SUM(field) of a correlated queryset as a subquery (no join: the outer rows are not multiplied), rounded to
    the fen: SQLite (make run) sums decimals as floats, and 5999.999999 must still equal 6000.00."""
    total = (
        queryset.order_by()
        .annotate(_group=Value(1))
        .values("_group")
        .annotate(total=Round(Sum(field), 2))
        .values("total")
    )
    return Coalesce(Subquery(total[:1], output_field=MONEY), Value(Decimal("0.00")), output_field=MONEY)


def schedule_audit() -> dict[str, list]:
    """Schedules against the ledger, in SQL (one query each):

    - schedule_principal: loans whose instalments' principal does not sum to the amount lent;
    - schedule_paid: loans whose instalments' paid principal or interest differs from what their repayment
      transactions took off the receivable accounts;
    - allocation_mismatch: repayments (of loans with a schedule) whose shares among instalments do not sum to
      their interest and principal parts."""
    instalments = LoanInstalment.objects.filter(loan=OuterRef("pk"))
    repaid = LedgerEntry.objects.filter(loan=OuterRef("pk"), transaction__kind=EntryKind.REPAYMENT)
    with_schedule = Loan.objects.filter(Exists(instalments))
    schedule_principal = list(
        with_schedule.annotate(scheduled=_sum_subquery(instalments, "principal_due"))
        .exclude(scheduled=F("principal"))
        .values_list("pk", "principal", "scheduled")
        .order_by("pk")
    )
    schedule_paid = list(
        with_schedule.annotate(
            principal_paid=_sum_subquery(instalments, "principal_paid"),
            interest_paid=_sum_subquery(instalments, "interest_paid"),
            ledger_principal=-_sum_subquery(repaid.filter(account=Account.PRINCIPAL_RECEIVABLE), "amount"),
            ledger_interest=-_sum_subquery(repaid.filter(account=Account.INTEREST_RECEIVABLE), "amount"),
        )
        .exclude(principal_paid=F("ledger_principal"), interest_paid=F("ledger_interest"))
        .values_list("pk", "principal_paid", "ledger_principal", "interest_paid", "ledger_interest")
        .order_by("pk")
    )
    shares = InstalmentAllocation.objects.filter(repayment=OuterRef("pk"))
    allocation_mismatch = list(
        Repayment.objects.filter(Exists(LoanInstalment.objects.filter(loan=OuterRef("loan_id"))))
        .annotate(to_interest=_sum_subquery(shares, "interest"), to_principal=_sum_subquery(shares, "principal"))
        .exclude(to_interest=F("interest_part"), to_principal=F("principal_part"))
        .values_list("pk", "loan_id", "interest_part", "to_interest", "principal_part", "to_principal")
        .order_by("pk")
    )
    return {
        "schedule_principal": schedule_principal,
        "schedule_paid": schedule_paid,
        "allocation_mismatch": allocation_mismatch,
    }


def open_loan_ids() -> list[int]:
    return list(Loan.objects.filter(status__in=OPEN_LOAN_STATUSES).order_by("pk").values_list("pk", flat=True))


def borrowing_freeze(*, user) -> str | None:
    """Why the villager may not borrow: the note of the latest order an admin confirmed as fraud in which they
    were the seller or the buyer (a sybil account is frozen with its shop); None when nothing is frozen."""
    fraud = (
        Order.objects.filter(Q(shop__owner_id=user.pk) | Q(buyer_id=user.pk), trust_review=TrustReview.FRAUD)
        .order_by("-trust_reviewed_at", "-pk")
        .values_list("trust_review_note", flat=True)
        .first()
    )
    return fraud


def station_cash_days(*, station_ids=None, since: datetime.date) -> QuerySet[StationCashDay]:
    """Reconciled days, newest first, with the station's village (one query)."""
    qs = StationCashDay.objects.filter(day__gte=since).select_related("station__village").order_by("-day", "station_id")
    return qs if station_ids is None else qs.filter(station_id__in=station_ids)


def station_cash_receipts(*, station_id: int, day: datetime.date) -> QuerySet[StationCashReceipt]:
    return (
        StationCashReceipt.objects.filter(station_id=station_id, received_on=day)
        .select_related("operator", "loan__borrower")
        .order_by("created_at", "pk")
    )


def station_open_loans(*, village_id: int) -> QuerySet[Loan]:
    """Running loans of the village's confirmed villagers, and written-off ones not fully recovered: what the
    station may take cash for."""
    return (
        loan_list()
        .filter(
            Q(status__in=OPEN_LOAN_STATUSES) | Q(status=LoanStatus.WRITTEN_OFF, recovered__lt=F("written_off_amount")),
            borrower__home_village_id=village_id,
            borrower__home_village_confirmed_at__isnull=False,
        )
        .order_by("borrower__last_name", "borrower__first_name", "pk")
    )


# --- portfolio: the loan book per area and month (from the nightly PortfolioMonth rows)

PORTFOLIO_LEVELS = {
    "county": "station__village__township__county",
    "township": "station__village__township",
    "station": "station",
}


def portfolio_months(*, limit: int = 12) -> list[datetime.date]:
    """The months that have a classified loan book, newest first."""
    return list(PortfolioMonth.objects.order_by("-month").values_list("month", flat=True).distinct()[:limit])


def portfolio_by_area(*, month: datetime.date, level: str = "county") -> list[dict]:
    """Outstanding principal, principal per arrears bucket and PAR30 per county, township or station for a month,
    in one GROUP BY query whatever the number of stations."""
    from credit.arrears import bucket_bounds

    prefix = PORTFOLIO_LEVELS[level]
    names = (
        [f"{prefix}__name", f"{prefix}__name_zh", f"{prefix}__pk"]
        if level != "station"
        else ["station__name", "station__pk"]
    )
    buckets = {
        f"bucket_{index}": Coalesce(
            Sum(Cast(KeyTextTransform(label, "arrears"), MONEY_WIDE)), Value(Decimal("0.00")), output_field=MONEY_WIDE
        )
        for index, (label, _low, _high) in enumerate(bucket_bounds())
    }
    rows = list(
        PortfolioMonth.objects.filter(month=month)
        .values(*names)
        .annotate(
            loans_open=Sum("loans"),
            outstanding=Sum("outstanding_principal"),
            par30=Sum("par30_principal"),
            **buckets,
        )
        .order_by(*names[:2])
    )
    labels = [label for label, _low, _high in bucket_bounds()]
    for row in rows:
        if level == "station":
            row.update(pk=row["station__pk"], name=row["station__name"], name_zh="")
        else:
            row.update(pk=row[f"{prefix}__pk"], name=row[f"{prefix}__name"], name_zh=row[f"{prefix}__name_zh"])
        row["buckets"] = [(label, row.pop(f"bucket_{index}")) for index, label in enumerate(labels)]
        row["par30_ratio"] = (row["par30"] / row["outstanding"]) if row["outstanding"] else Decimal("0")
    return rows


def portfolio_trend(*, months: list[datetime.date]) -> list[dict]:
    """PAR30 per county and month (one query): [{county, name, name_zh, cells: [ratio or None per month]}]."""
    prefix = PORTFOLIO_LEVELS["county"]
    rows = (
        PortfolioMonth.objects.filter(month__in=months)
        .values("month", f"{prefix}__pk", f"{prefix}__name", f"{prefix}__name_zh")
        .annotate(outstanding=Sum("outstanding_principal"), par30=Sum("par30_principal"))
        .order_by(f"{prefix}__name")
    )
    counties: dict = {}
    for row in rows:
        county = counties.setdefault(
            row[f"{prefix}__pk"],
            {"name": row[f"{prefix}__name"], "name_zh": row[f"{prefix}__name_zh"], "by_month": {}},
        )
        county["by_month"][row["month"]] = (row["par30"] / row["outstanding"]) if row["outstanding"] else Decimal("0")
    for county in counties.values():
        county["cells"] = [county["by_month"].get(month) for month in months]
    return list(counties.values())


def write_off_proposals() -> QuerySet[Loan]:
    """Overdue loans past their product's write-off threshold (days past due), oldest arrears first."""
    return (
        loan_list()
        .filter(status=LoanStatus.OVERDUE, days_past_due__gte=F("product__write_off_after_days"))
        .order_by("-days_past_due", "pk")
    )


# --- collections at the station

COLLECTION_WINDOW_DAYS = 7


def _instalment_left() -> F:
    return F("principal_due") - F("principal_paid") + F("interest_due") - F("interest_paid")


def station_collections(*, village_id: int, today: datetime.date) -> QuerySet[LoanInstalment]:
    """The village's unpaid instalments late or due within the week, oldest first, each with its borrower and the
    loan's last contact (kind, day, promise, note) in one query."""
    last = CollectionContact.objects.filter(loan=OuterRef("loan_id")).order_by("-created_at", "-pk")
    return (
        LoanInstalment.objects.filter(
            paid_on__isnull=True,
            due_on__lt=today + datetime.timedelta(days=COLLECTION_WINDOW_DAYS),
            loan__status__in=OPEN_LOAN_STATUSES,
            loan__borrower__home_village_id=village_id,
        )
        .select_related("loan__borrower")
        .annotate(
            amount_left=ExpressionWrapper(_instalment_left(), output_field=MONEY),
            last_contact_kind=Subquery(last.values("kind")[:1]),
            last_contact_at=Subquery(last.values("created_at")[:1]),
            last_contact_promised_on=Subquery(last.values("promised_on")[:1]),
            last_contact_note=Subquery(last.values("note")[:1]),
        )
        .order_by("due_on", "loan_id", "number")
    )


def collections_by_station(*, today: datetime.date) -> list[dict]:
    """Per station: late instalments (count, amount, oldest due day) and those due this week, stations furthest
    behind first (one GROUP BY query)."""
    late = Q(due_on__lt=today)
    rows = (
        LoanInstalment.objects.filter(
            paid_on__isnull=True,
            due_on__lt=today + datetime.timedelta(days=COLLECTION_WINDOW_DAYS),
            loan__status__in=OPEN_LOAN_STATUSES,
            loan__borrower__home_village__station__isnull=False,
        )
        .values(
            "loan__borrower__home_village__station__pk",
            "loan__borrower__home_village__station__name",
            "loan__borrower__home_village__name",
            "loan__borrower__home_village__name_zh",
        )
        .annotate(
            late_count=Count("pk", filter=late),
            late_amount=Coalesce(
                Sum(_instalment_left(), filter=late, output_field=MONEY), Value(Decimal("0.00")), output_field=MONEY
            ),
            oldest_due=Min("due_on", filter=late),
            week_count=Count("pk", filter=~late),
            week_amount=Coalesce(
                Sum(_instalment_left(), filter=~late, output_field=MONEY), Value(Decimal("0.00")), output_field=MONEY
            ),
        )
        .order_by("-late_amount", "loan__borrower__home_village__station__name")
    )
    result = []
    for row in rows:
        result.append(
            {
                "station_id": row["loan__borrower__home_village__station__pk"],
                "station": row["loan__borrower__home_village__station__name"],
                "village": row["loan__borrower__home_village__name"],
                "village_zh": row["loan__borrower__home_village__name_zh"],
                "late_count": row["late_count"],
                "late_amount": row["late_amount"],
                "days_behind": (today - row["oldest_due"]).days if row["oldest_due"] else 0,
                "week_count": row["week_count"],
                "week_amount": row["week_amount"],
            }
        )
    return result


def loan_book_totals_as_of(*, month: datetime.date) -> dict:
    """The whole-book figures of loan_book_totals, from a month's classified book (no loan row read)."""
    totals = PortfolioMonth.objects.filter(month=month).aggregate(
        all_loans=Coalesce(Sum("loans_all"), 0),
        open_count=Coalesce(Sum("loans"), 0),
        outstanding=Coalesce(Sum("outstanding_total"), Value(Decimal("0.00")), output_field=MONEY_WIDE),
        overdue_count=Coalesce(Sum("overdue_count"), 0),
        overdue=Coalesce(Sum("overdue_total"), Value(Decimal("0.00")), output_field=MONEY_WIDE),
        defaults_count=Coalesce(Sum("written_off_count"), 0),
        defaults=Coalesce(Sum("written_off_principal"), Value(Decimal("0.00")), output_field=MONEY_WIDE),
        disbursed=Coalesce(Sum("disbursed"), Value(Decimal("0.00")), output_field=MONEY_WIDE),
        computed_on=Max("computed_on"),
    )
    totals["loans"] = totals.pop("all_loans")
    return totals


def loan_book_by_county_as_of(*, month: datetime.date) -> list[dict]:
    """loan_book_by_county's rows (same keys), from a month's classified book: one GROUP BY over stations."""
    county = "station__village__township__county"
    rows = (
        PortfolioMonth.objects.filter(month=month)
        .values(f"{county}__id", f"{county}__name", f"{county}__name_zh", f"{county}__province__name")
        .annotate(
            province_zh=F(f"{county}__province__name_zh"),
            all_loans=Sum("loans_all"),
            open_loans=Sum("loans"),
            outstanding_sum=Sum("outstanding_total"),
            overdue_loans=Sum("overdue_count"),
            overdue_sum=Sum("overdue_total"),
            defaults_loans=Sum("written_off_count"),
            defaults_sum=Sum("written_off_principal"),
        )
        .order_by(f"{county}__province__name", f"{county}__name")
    )
    prefix = "borrower__home_village__township__county"
    return [
        {
            f"{prefix}__id": row[f"{county}__id"],
            f"{prefix}__name": row[f"{county}__name"],
            f"{prefix}__name_zh": row[f"{county}__name_zh"],
            f"{prefix}__province__name": row[f"{county}__province__name"],
            f"{prefix}__province__name_zh": row["province_zh"],
            "loans": row["all_loans"],
            "open_count": row["open_loans"],
            "outstanding": row["outstanding_sum"],
            "overdue_count": row["overdue_loans"],
            "overdue": row["overdue_sum"],
            "defaults_count": row["defaults_loans"],
            "defaults": row["defaults_sum"],
        }
        for row in rows
    ]
