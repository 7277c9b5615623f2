"""Write use cases for credit. Every function is one transaction and raises core.errors types.

Locks: an application locks the borrower's user row (so one borrower's applications run one at a time,
whatever their keys); a repayment, an accrual and a write-off lock the loan row. The partial unique
constraint `loan_one_open_per_borrower` backs the first lock up in the database.
"""

from __future__ import annotations

import datetime
import logging
from decimal import Decimal, InvalidOperation

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.audit import audit_record
from core.errors import Conflict, InvalidTransition, NotFound, NotPermitted, ValidationFailed
from core.money import MONEY_MAX, ZERO, format_yuan, quantize_yuan
from credit import instalments as instalments_db
from credit import schedules, selectors
from credit.models import (
    BLOCKING_LOAN_STATUSES,
    LOAN_TRANSITIONS,
    Account,
    Decision,
    EntryKind,
    IdentityVerification,
    LedgerEntry,
    LedgerTransaction,
    Loan,
    LoanApplication,
    LoanInstalment,
    LoanPayout,
    LoanProduct,
    LoanStatus,
    Repayment,
    RepaymentPeriod,
    RepaymentType,
    ScoreSnapshot,
    SnapshotTrigger,
)
from credit.scorecard import Scorecard, scorecard_compute, tier_rank
from notifications.services import notify
from villages.selectors import user_operates_village

User = get_user_model()
logger = logging.getLogger(__name__)

# Reason codes of a declined application, with the sentence shown to the villager.
DECLINE_REASONS = {
    "product_unavailable": gettext_lazy("This loan product is not open to applications."),
    "overdue_outstanding": gettext_lazy("You have an overdue loan: repay it first."),
    "active_loan_exists": gettext_lazy("You already have a loan running: repay it before borrowing again."),
    "score_too_low": gettext_lazy("Your trust score is below what this product asks."),
    "amount_above_limit": gettext_lazy("The amount is above the limit for your tier."),
    "amount_below_minimum": gettext_lazy("The amount is below the product's minimum."),
    "term_too_long": gettext_lazy("The term is longer than the product allows."),
    "borrowing_frozen": gettext_lazy("Your borrowing is frozen: an admin confirmed fraudulent trading."),
    "too_many_instalments": gettext_lazy("This loan allows fewer instalments."),
}


def today_local() -> datetime.date:
    return timezone.localdate()


def interest_for(*, principal: Decimal, daily_rate: Decimal, days: int) -> Decimal:
    """Simple daily interest on a principal, rounded once to the fen (10,000 x 0.0005 x 30 = 150.00)."""
    if days <= 0:
        return ZERO
    return quantize_yuan(principal * daily_rate * days)


def loan_amount_due(*, loan: Loan, on: datetime.date) -> tuple[Decimal, Decimal]:
    """(interest, principal) owed on a day, counting interest not yet posted; writes nothing."""
    if not loan.is_open or on <= loan.interest_accrued_through:
        return loan.outstanding_interest, loan.outstanding_principal
    stretch = interest_for(
        principal=loan.outstanding_principal,
        daily_rate=loan.daily_interest_rate,
        days=(on - loan.principal_changed_on).days,
    )
    return loan.outstanding_interest + (stretch - loan.interest_in_stretch), loan.outstanding_principal


# --- identity


@transaction.atomic
def identity_verify(*, operator, villager, note: str = "") -> IdentityVerification:
    """Record that the station operator of the villager's home village checked their identity (idempotent).

    The home village must be confirmed first: a village chosen at sign-up is only the farmer's word, and the check
    is worth points of the score."""
    if not (
        operator.is_operator
        and villager.is_farmer
        and villager.home_village_id
        and user_operates_village(user=operator, village_id=villager.home_village_id)
    ):
        raise NotPermitted(_("Only the station operator of the villager's village may verify their identity."))
    if not villager.home_village_confirmed:
        raise ValidationFailed(
            _("Confirm that %(name)s lives in the village first (My station).") % {"name": villager.display_name},
            code="home_village_unconfirmed",
        )
    verification, _created = IdentityVerification.objects.get_or_create(
        user=villager, defaults={"verified_by": operator, "note": note[:255]}
    )
    return verification


# --- score


def score_compute(*, user, today: datetime.date | None = None) -> Scorecard:
    """The user's score now, from the facts (three queries); writes nothing."""
    today = today or today_local()
    facts = selectors.score_facts_for_users(user_ids=[user.pk], today=today)[user.pk]
    return scorecard_compute(facts)


def _snapshot_create(*, user, trigger: str, today: datetime.date) -> ScoreSnapshot:
    card = score_compute(user=user, today=today)
    return ScoreSnapshot.objects.create(
        user=user, score=card.score, tier=card.tier, breakdown=card.lines, trigger=trigger, taken_on=today
    )


@transaction.atomic
def score_snapshot_take(
    *, user, trigger: str = SnapshotTrigger.MANUAL, today: datetime.date | None = None
) -> ScoreSnapshot:
    """Compute the user's score and keep it in the history."""
    return _snapshot_create(user=user, trigger=trigger, today=today or today_local())


@transaction.atomic
def score_snapshot_batch(*, user_ids: list[int], today: datetime.date | None = None) -> int:
    """Nightly snapshots for a chunk of villagers in a few queries; users already done today are skipped."""
    today = today or today_local()
    done = set(
        ScoreSnapshot.objects.filter(user_id__in=user_ids, taken_on=today, trigger=SnapshotTrigger.NIGHTLY).values_list(
            "user_id", flat=True
        )
    )
    todo = [user_id for user_id in user_ids if user_id not in done]
    if not todo:
        return 0
    facts = selectors.score_facts_for_users(user_ids=todo, today=today)
    snapshots = []
    for user_id, user_facts in facts.items():
        card = scorecard_compute(user_facts)
        snapshots.append(
            ScoreSnapshot(
                user_id=user_id,
                score=card.score,
                tier=card.tier,
                breakdown=card.lines,
                trigger=SnapshotTrigger.NIGHTLY,
                taken_on=today,
            )
        )
    # A concurrent retry of the same chunk inserts nothing twice (partial unique constraint).
    ScoreSnapshot.objects.bulk_create(snapshots, ignore_conflicts=True)
    return len(snapshots)


# --- ledger


def _post(*, loan: Loan, kind: str, on: datetime.date, lines: list[tuple[str, Decimal]], repayment=None) -> None:
    """Write one balanced ledger transaction; zero lines are left out."""
    lines = [(account, amount) for account, amount in lines if amount != ZERO]
    if sum((amount for _account, amount in lines), ZERO) != ZERO:
        raise AssertionError(f"unbalanced {kind} posting for loan {loan.pk}: {lines}")
    if not lines:
        return
    ledger_transaction = LedgerTransaction.objects.create(loan=loan, kind=kind, posted_on=on, repayment=repayment)
    LedgerEntry.objects.bulk_create(
        [
            LedgerEntry(transaction=ledger_transaction, loan=loan, account=account, amount=amount)
            for account, amount in lines
        ]
    )


def _accrue(*, loan: Loan, through: datetime.date) -> Decimal:
    """Post the interest of the days since the last accrual (caller holds the loan lock)."""
    if not loan.is_open or through <= loan.interest_accrued_through:
        return ZERO
    stretch = interest_for(
        principal=loan.outstanding_principal,
        daily_rate=loan.daily_interest_rate,
        days=(through - loan.principal_changed_on).days,
    )
    accrued = stretch - loan.interest_in_stretch
    _post(
        loan=loan,
        kind=EntryKind.INTEREST,
        on=through,
        lines=[(Account.INTEREST_RECEIVABLE, accrued), (Account.INTEREST_INCOME, -accrued)],
    )
    loan.outstanding_interest += accrued
    loan.interest_in_stretch = stretch
    loan.interest_accrued_through = through
    loan.save(update_fields=["outstanding_interest", "interest_in_stretch", "interest_accrued_through"])
    return accrued


def _lock_loan(loan_id: int) -> Loan:
    loan = Loan.objects.select_for_update().filter(pk=loan_id).first()
    if loan is None:
        raise NotFound(_("No such loan."))
    return loan


# --- applying


def _parse_amount(amount) -> Decimal:
    try:
        value = Decimal(str(amount)) if not isinstance(amount, Decimal) else amount
    except (InvalidOperation, ValueError, TypeError):
        raise ValidationFailed(fields={"amount": [_("Enter an amount in yuan, such as 5000.00.")]}) from None
    if not value.is_finite() or value <= 0:
        raise ValidationFailed(fields={"amount": [_("The amount must be more than zero.")]})
    if value != quantize_yuan(value):
        raise ValidationFailed(fields={"amount": [_("Amounts are in yuan and fen: at most two decimals.")]})
    if value > MONEY_MAX:
        raise ValidationFailed(fields={"amount": [_("The amount is too large.")]})
    return quantize_yuan(value)


def decline_reasons(
    *, product: LoanProduct, card: Scorecard, amount: Decimal, term_days: int, open_loans: list[Loan]
) -> list[str]:
    """Every reason to decline, in a fixed order (empty: approve)."""
    reasons = []
    if not product.is_active:
        reasons.append("product_unavailable")
    if any(loan.status == LoanStatus.OVERDUE for loan in open_loans):
        reasons.append("overdue_outstanding")
    elif open_loans:
        reasons.append("active_loan_exists")
    if card.score < product.min_score or tier_rank(card.tier) < tier_rank(product.min_tier):
        reasons.append("score_too_low")
    else:
        limit = product_limit_for(product=product, tier=card.tier)
        if amount > limit:
            reasons.append("amount_above_limit")
    if amount < product.min_amount:
        reasons.append("amount_below_minimum")
    if term_days > product.max_term_days:
        reasons.append("term_too_long")
    return reasons


def product_limit_for(*, product: LoanProduct, tier: str) -> Decimal:
    """The product's maximum for a tier (0 when the tier has none); uses prefetched limits when present."""
    for limit in product.limits.all():
        if limit.tier == tier:
            return limit.max_amount
    return ZERO


def loan_apply(
    *,
    borrower,
    product: LoanProduct,
    amount,
    term_days: int,
    purpose: str,
    idempotency_key: str,
    instalments: int | None = None,
    today: datetime.date | None = None,
) -> tuple[LoanApplication, bool]:
    """Decide an application at once: approve and disburse, or decline with reason codes.

    Returns (application, created). A replay with the same Idempotency-Key returns the first
    application unchanged (created=False); the same key with other terms is a 409.

    The decision, the loan and its payout are committed first; only then is the provider asked to pay (the
    simulated one confirms at once, so the loan comes back active). A rollback after the provider's answer would
    have left it paying a reference we no longer have: money out, no loan.
    """
    today = today or today_local()
    # durable: an outer transaction would keep the loan uncommitted while the provider pays it out.
    with transaction.atomic(durable=True):
        application, created, payout = _application_decide(
            borrower=borrower,
            product=product,
            amount=amount,
            term_days=term_days,
            purpose=purpose,
            idempotency_key=idempotency_key,
            instalments=instalments,
            today=today,
        )
    if payout is not None:
        from credit.repayments import loan_payout_send  # the payout module builds on this one

        try:
            loan_payout_send(payout_id=payout.pk, on=today)
        except Exception:  # the loan is committed: loan_payouts_resume sends it again, same reference
            logger.exception("loan %s: payout not sent", payout.loan_id)
        application.loan.refresh_from_db()  # the confirmation (if already in) changed it through its own copy
    return application, created


def _application_decide(
    *,
    borrower,
    product: LoanProduct,
    amount,
    term_days: int,
    purpose: str,
    idempotency_key: str,
    instalments: int | None,
    today: datetime.date,
) -> tuple[LoanApplication, bool, LoanPayout | None]:
    """loan_apply's transaction: (application, created, the payout to send when approved)."""
    amount = _parse_amount(amount)
    key = (idempotency_key or "").strip()
    if not key or len(key) > 64:
        raise ValidationFailed(
            _("An Idempotency-Key of 1 to 64 characters is required."),
            code="idempotency_key_required",
            fields={"idempotency_key": [_("An Idempotency-Key of 1 to 64 characters is required.")]},
        )
    if product.repayment_type == RepaymentType.SINGLE:
        instalments = 1
    else:
        # An instalment loan's term is its number of instalments; its days run to the last one.
        if instalments is None and isinstance(term_days, int) and term_days > 0:
            instalments = max(1, round(term_days / (7 if product.period == RepaymentPeriod.WEEK else 30)))
        if not isinstance(instalments, int) or not 1 <= instalments <= schedules.MAX_INSTALMENTS:
            raise ValidationFailed(
                fields={
                    "instalments": [
                        _("The number of instalments is from 1 to %(max)s.") % {"max": schedules.MAX_INSTALMENTS}
                    ]
                }
            )
        last = schedules.instalment_dates(start=today, count=instalments, period=product.period)[-1]
        term_days = (last - today).days
    if not isinstance(term_days, int) or term_days < 1 or term_days > 3650:
        raise ValidationFailed(fields={"term_days": [_("The term is a number of days from 1 to 3650.")]})
    purpose = (purpose or "").strip()
    if not purpose:
        raise ValidationFailed(fields={"purpose": [_("Say what the loan is for.")]})
    if not borrower.is_farmer or not borrower.home_village_id:
        raise NotPermitted(_("Only villagers with a home village can borrow."))

    # One borrower's applications run one at a time: replays wait here and then see the first one.
    User.objects.select_for_update().filter(pk=borrower.pk).values_list("pk", flat=True).get()
    existing = LoanApplication.objects.filter(borrower=borrower, idempotency_key=key).first()
    if existing is not None:
        same_term = (
            existing.term_days == term_days
            if product.repayment_type == RepaymentType.SINGLE
            else existing.instalments == instalments
        )
        if (existing.product_id, existing.amount) != (product.pk, amount) or not same_term:
            raise Conflict(
                _("This Idempotency-Key was already used for a different application."), code="idempotency_key_reused"
            )
        return existing, False, None

    # Inside this transaction without a savepoint of its own: the decision is latency-bound.
    snapshot = _snapshot_create(user=borrower, trigger=SnapshotTrigger.APPLICATION, today=today)
    card = Scorecard(score=snapshot.score, tier=snapshot.tier, lines=snapshot.breakdown)
    open_loans = list(Loan.objects.filter(borrower=borrower, status__in=BLOCKING_LOAN_STATUSES))
    reasons = decline_reasons(product=product, card=card, amount=amount, term_days=term_days, open_loans=open_loans)
    if instalments > product.max_instalments and product.repayment_type != RepaymentType.SINGLE:
        reasons.append("too_many_instalments")
    if selectors.borrowing_freeze(user=borrower) is not None:
        reasons.append("borrowing_frozen")
    application = LoanApplication.objects.create(
        borrower=borrower,
        product=product,
        idempotency_key=key,
        amount=amount,
        term_days=term_days,
        instalments=instalments,
        purpose=purpose[:255],
        decision=Decision.DECLINED if reasons else Decision.APPROVED,
        reason_codes=reasons,
        score=snapshot.score,
        tier=snapshot.tier,
        snapshot=snapshot,
    )
    audit_record(
        actor=borrower,
        action="loan_declined" if reasons else "loan_approved",
        target=application,
        summary=f"{borrower.username}: {amount} for {term_days} days " + ("declined" if reasons else "approved"),
        details={
            "product_id": product.pk,
            "amount": str(amount),
            "term_days": term_days,
            "score": snapshot.score,
            "tier": snapshot.tier,
            "reason_codes": list(reasons),
        },
    )
    if reasons:
        return application, True, None
    # No savepoint: the borrower lock makes the constraint a backstop; should it fire, the Conflict
    # leaves this transaction and rolls the whole application back. Nothing is owed until the payout is confirmed.
    try:
        loan = Loan.objects.create(
            application=application,
            borrower=borrower,
            product=product,
            principal=amount,
            daily_interest_rate=product.daily_interest_rate,
            term_days=term_days,
            repayment_type=product.repayment_type,
            period=product.period,
            instalment_count=instalments,
            purpose=application.purpose,
            status=LoanStatus.DISBURSING,
            disbursed_on=today,
            due_on=today + datetime.timedelta(days=term_days),
            outstanding_principal=ZERO,
            interest_accrued_through=today,
            principal_changed_on=today,
        )
    except IntegrityError:
        raise Conflict(_("You already have a loan running."), code="active_loan_exists") from None
    from credit.repayments import loan_payout_create  # the payout module builds on this one

    return application, True, loan_payout_create(loan=loan)


def loan_disburse(*, loan: Loan, on: datetime.date) -> None:
    """The provider confirmed the payout: the loan starts today (caller holds the loan lock)."""
    if LoanStatus.ACTIVE not in LOAN_TRANSITIONS[loan.status]:
        raise InvalidTransition(_("This loan is not waiting for its payout."))
    loan.status = LoanStatus.ACTIVE
    loan.disbursed_on = loan.interest_accrued_through = loan.principal_changed_on = on
    instalments = instalments_db.schedule_create(loan=loan, on=on)
    # The schedule runs from the day the money arrived: the last instalment is the loan's due day.
    loan.due_on = instalments[-1].due_on
    loan.term_days = (loan.due_on - on).days or loan.term_days
    loan.outstanding_principal = loan.principal
    loan.save(
        update_fields=[
            "status",
            "disbursed_on",
            "interest_accrued_through",
            "principal_changed_on",
            "due_on",
            "term_days",
            "outstanding_principal",
        ]
    )
    _post(
        loan=loan,
        kind=EntryKind.DISBURSEMENT,
        on=on,
        lines=[(Account.PRINCIPAL_RECEIVABLE, loan.principal), (Account.CASH, -loan.principal)],
    )
    # The money reached the borrower: tell them the loan is theirs (when it was only approved, nothing was owed).
    notify(
        event="loan_approved",
        recipients=[loan.borrower_id],
        key=f"loan:{loan.pk}",
        params={"amount": loan.principal, "due_on": loan.due_on},
        url=reverse("credit:my_credit"),
    )


# --- repaying and the loan's life


def overpayment_check(*, owed: Decimal, amount: Decimal) -> None:
    """Refuse paying more than is owed (at the start of a provider payment and when it posts)."""
    if amount > owed:
        raise ValidationFailed(
            _("You owe %(owed)s today; you cannot pay %(amount)s. Pay at most %(owed)s.")
            % {"owed": format_yuan(owed), "amount": format_yuan(amount)},
            code="overpayment",
            fields={"amount": [_("At most %(owed)s.") % {"owed": format_yuan(owed)}]},
        )


@transaction.atomic
def loan_accrue(*, loan_id: int, through: datetime.date | None = None) -> Decimal:
    """Post the interest accrued up to a day (nightly; idempotent: a second run the same day posts nothing)."""
    loan = _lock_loan(loan_id)
    return _accrue(loan=loan, through=through or today_local())


def repayment_post(*, loan: Loan, amount: Decimal, on: datetime.date) -> Repayment:
    """Post money that really arrived (a provider's signed confirmation or the station's cash, see
    credit.repayments): interest up to the day first, then principal; never more than owed.

    The caller holds the loan lock. Nothing else creates a Repayment: a borrower's word posts nothing.
    On a written-off loan the money is a recovery (its own ledger entries, see recovery_post)."""
    if loan.status == LoanStatus.WRITTEN_OFF:
        return recovery_post(loan=loan, amount=amount, on=on)
    if not loan.is_open:
        raise InvalidTransition(_("This loan is %(status)s: nothing to repay.") % {"status": loan.get_status_display()})
    if on < loan.interest_accrued_through:
        raise ValidationFailed(_("A repayment cannot be dated before interest already counted."))
    _accrue(loan=loan, through=on)
    overpayment_check(owed=loan.outstanding, amount=amount)
    repayment = Repayment.objects.create(loan=loan, amount=amount, interest_part=ZERO, principal_part=ZERO, paid_on=on)
    if LoanInstalment.objects.filter(loan=loan).exists():
        allocation = instalments_db.repayment_allocate(
            loan=loan, repayment=repayment, interest_owed=loan.outstanding_interest
        )
        interest_part, principal_part = allocation.interest, allocation.principal
    else:  # a loan without a schedule (none is left after migration 0003; bench data): interest first
        interest_part = min(amount, loan.outstanding_interest)
        principal_part = amount - interest_part
    repayment.interest_part, repayment.principal_part = interest_part, principal_part
    repayment.save(update_fields=["interest_part", "principal_part"])
    _post(
        loan=loan,
        kind=EntryKind.REPAYMENT,
        on=on,
        lines=[
            (Account.CASH, amount),
            (Account.INTEREST_RECEIVABLE, -interest_part),
            (Account.PRINCIPAL_RECEIVABLE, -principal_part),
        ],
        repayment=repayment,
    )
    loan.outstanding_interest -= interest_part
    fields = ["outstanding_interest"]
    if principal_part:
        # A new stretch of days with a new principal starts today.
        loan.outstanding_principal -= principal_part
        loan.principal_changed_on = on
        loan.interest_in_stretch = ZERO
        fields += ["outstanding_principal", "principal_changed_on", "interest_in_stretch"]
    if loan.outstanding == ZERO:
        loan.status = LoanStatus.REPAID
        loan.closed_on = on
        loan.days_past_due = 0
        fields += ["status", "closed_on", "days_past_due"]
    elif loan.status == LoanStatus.OVERDUE or loan.days_past_due:
        # Arrears paid count at once (the nightly classification would see it tomorrow).
        loan.days_past_due = instalments_db.days_past_due(
            instalments=LoanInstalment.objects.filter(loan=loan), today=on, due_on=loan.due_on
        )
        if loan.days_past_due == 0 and loan.status == LoanStatus.OVERDUE:
            loan.status = LoanStatus.ACTIVE
            fields.append("status")
        fields.append("days_past_due")
    loan.save(update_fields=fields)
    return repayment


@transaction.atomic
def loans_mark_overdue(*, today: datetime.date | None = None) -> int:
    """Active loans past their due day become overdue (one conditional UPDATE; safe to run twice)."""
    today = today or today_local()
    return Loan.objects.filter(status=LoanStatus.ACTIVE, due_on__lt=today).update(status=LoanStatus.OVERDUE)


def loan_recoverable(loan: Loan) -> Decimal:
    """What a written-off loan may still bring in: the amount written off less what was recovered."""
    return max(ZERO, loan.written_off_amount - loan.recovered) if loan.status == LoanStatus.WRITTEN_OFF else ZERO


def recovery_post(*, loan: Loan, amount: Decimal, on: datetime.date) -> Repayment:
    """Money paid on a written-off loan (the caller holds the loan lock): cash in, recovery income out; the loan
    stays written off, `recovered` grows, never beyond what was written off."""
    overpayment_check(owed=loan_recoverable(loan), amount=amount)
    repayment = Repayment.objects.create(loan=loan, amount=amount, interest_part=ZERO, principal_part=ZERO, paid_on=on)
    _post(
        loan=loan,
        kind=EntryKind.RECOVERY,
        on=on,
        lines=[(Account.CASH, amount), (Account.RECOVERY_INCOME, -amount)],
        repayment=repayment,
    )
    loan.recovered += amount
    loan.save(update_fields=["recovered"])
    return repayment


def loans_classify_arrears(*, today: datetime.date | None = None):
    """The nightly arrears classification (SQL, chunked, resumable: credit.arrears)."""
    from credit.arrears import arrears_classify

    return arrears_classify(today=today or today_local())


@transaction.atomic
def loan_write_off(*, loan_id: int, by, reason: str, today: datetime.date | None = None) -> Loan:
    """An admin gives up on an overdue loan, saying why: what is owed moves to losses and the loan closes.
    Money that still comes in afterwards is a recovery (repayment_post)."""
    if not by.is_admin:
        raise NotPermitted(_("Only admins may write a loan off."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(fields={"reason": [_("Say why the loan is written off.")]})
    today = today or today_local()
    loan = _lock_loan(loan_id)
    if LoanStatus.WRITTEN_OFF not in LOAN_TRANSITIONS[loan.status]:
        raise InvalidTransition(_("Only an overdue loan can be written off."))
    _accrue(loan=loan, through=today)
    _post(
        loan=loan,
        kind=EntryKind.WRITE_OFF,
        on=today,
        lines=[
            (Account.WRITE_OFF_LOSS, loan.outstanding),
            (Account.PRINCIPAL_RECEIVABLE, -loan.outstanding_principal),
            (Account.INTEREST_RECEIVABLE, -loan.outstanding_interest),
        ],
    )
    loan.written_off_amount = loan.outstanding
    loan.outstanding_principal = ZERO
    loan.outstanding_interest = ZERO
    loan.status = LoanStatus.WRITTEN_OFF
    loan.closed_on = today
    loan.written_off_by = by
    loan.write_off_reason = reason[:255]
    loan.save(
        update_fields=[
            "written_off_amount",
            "outstanding_principal",
            "outstanding_interest",
            "status",
            "closed_on",
            "written_off_by",
            "write_off_reason",
        ]
    )
    audit_record(
        actor=by,
        action="loan_write_off",
        target=loan,
        summary=f"loan {loan.pk} of {loan.borrower_id} written off",
        details={
            "borrower_id": loan.borrower_id,
            "principal": str(loan.principal),
            "written_off": str(loan.written_off_amount),
            "reason": loan.write_off_reason,
            "on": today.isoformat(),
        },
    )
    return loan


def borrowing_limit(*, product: LoanProduct, score: int, tier: str) -> Decimal:
    """What the villager may borrow under the product with this score (0 when the score falls short)."""
    if not product.is_active or score < product.min_score or tier_rank(tier) < tier_rank(product.min_tier):
        return ZERO
    return product_limit_for(product=product, tier=tier)
