"""Money in and out of a loan: only money that really moved is posted.

Out: an approved loan's payout is committed with it (`loan_payout_create`), then the provider is asked outside
any transaction (`loan_payout_send`; `loan_payouts_resume` resends one never sent, same reference); only its signed
confirmation (`loan_payout_confirm`) disburses it, a decline leaves the loan `payout_failed` with nothing owed, and
a success for another amount leaves it disbursing, its payout in `review` for an admin (money left: neither owed
as asked nor nothing).

Two ways in, both ending in `services.repayment_post` under the loan lock:
- through the payment provider (the same interface and signed callback as order payments, core.payments):
  `loan_payment_start` asks the provider (Idempotency-Key), and only `loan_payment_confirm`, reached from the
  provider's HMAC-signed callback, posts the ledger entries; a replayed or concurrent confirmation finds the
  payment already decided (row lock) and posts nothing;
- cash handed to the station operator: `station_cash_record`, a separate audited entry naming the operator,
  only for a villager of the operator's own village, posted at once and reconciled daily per station.
"""

from __future__ import annotations

import datetime
import functools
import logging
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_record
from core.errors import Conflict, DomainError, NotFound, NotPermitted, ValidationFailed
from core.money import ZERO, format_yuan, quantize_yuan
from core.payments import callback_verified, payout_send, provider_get, simulated_callback
from credit.models import (
    Account,
    LedgerEntry,
    LoanPayment,
    LoanPayout,
    LoanStatus,
    PayoutStatus,
    ProviderStatus,
    StationCashDay,
    StationCashReceipt,
)
from credit.services import (
    _lock_loan,
    _parse_amount,
    loan_amount_due,
    loan_disburse,
    loan_recoverable,
    overpayment_check,
    repayment_post,
    today_local,
)
from notifications.services import admins_flag
from villages.models import ServiceStation

SIMULATED_PAGE = "credit:simulated_pay"
logger = logging.getLogger(__name__)
# A payout committed but not sent after this long is sent again by loan_payouts_resume.
PAYOUT_RESUME_AFTER = datetime.timedelta(minutes=5)


def _idempotency_key(value: str | None) -> str:
    key = (value or "").strip()
    if not key or len(key) > 64:
        message = _("An Idempotency-Key of 1 to 64 characters is required.")
        raise ValidationFailed(message, code="idempotency_key_required", fields={"idempotency_key": [message]})
    return key


# --- paying the loan out


def loan_payout_create(*, loan) -> LoanPayout:
    """The payout of an approved loan, created in loan_apply's transaction and committed with the loan. The provider
    is asked only after the commit (`loan_payout_send`): a rollback after the request would leave the provider
    paying a reference we no longer have (money out, no loan)."""
    provider = provider_get()
    return LoanPayout.objects.create(
        loan=loan, provider=provider.name, reference=provider.new_reference(), amount=loan.principal
    )


def loan_payout_send(*, payout_id: int, on: datetime.date | None = None) -> LoanPayout:
    """Ask the provider to pay a committed payout, outside any transaction, under its reference (the provider's
    idempotency key: a second request for it pays nothing more), then record that it was sent and apply an
    immediate answer (the simulated provider confirms at once). A payout no longer requested is returned as it is."""
    payout = LoanPayout.objects.filter(pk=payout_id).first()
    if payout is None:
        raise NotFound(_("Unknown payout."))
    if payout.status != PayoutStatus.REQUESTED:
        return payout

    def sent(requested: LoanPayout) -> None:
        requested.sent_at = timezone.now()
        LoanPayout.objects.filter(pk=requested.pk, sent_at__isnull=True).update(sent_at=requested.sent_at)

    return payout_send(payout, confirm=functools.partial(loan_payout_confirm, on=on), sent=sent)


def loan_payouts_resume(*, older_than: datetime.timedelta = PAYOUT_RESUME_AFTER) -> int:
    """Send again the payouts committed but never sent (a crash or a provider error between loan_apply's commit
    and the provider's answer); the same reference makes the provider pay at most once. Returns how many."""
    stuck = LoanPayout.objects.filter(
        status=PayoutStatus.REQUESTED,
        sent_at__isnull=True,
        requested_at__lt=timezone.now() - older_than,
    ).values_list("pk", flat=True)
    resent = 0
    for payout_id in list(stuck.order_by("pk")):
        try:
            loan_payout_send(payout_id=payout_id)
        except Exception:  # one provider error must not stop the others: the next run tries again
            logger.exception("loan payout %s: not sent", payout_id)
            continue
        resent += 1
    return resent


@transaction.atomic
def loan_payout_confirm(*, reference: str, status: str, amount: Decimal, on: datetime.date | None = None) -> LoanPayout:
    """Apply the provider's payout confirmation once: confirmed disburses the loan, anything else fails it."""
    try:
        payout = LoanPayout.objects.select_for_update().get(reference=reference)
    except LoanPayout.DoesNotExist as exc:
        raise NotFound(_("Unknown payout.")) from exc
    if payout.status != PayoutStatus.REQUESTED:
        return payout
    loan = _lock_loan(payout.loan_id)
    if status == ProviderStatus.SUCCEEDED and quantize_yuan(amount) == payout.amount:
        loan_disburse(loan=loan, on=on or today_local())
        payout.status = PayoutStatus.CONFIRMED
    elif status == ProviderStatus.SUCCEEDED:
        _payout_review(payout, reported=quantize_yuan(amount))
    else:
        payout.status = PayoutStatus.FAILED
        payout.failure_reason = _("Declined by the provider.")
        loan.status = LoanStatus.PAYOUT_FAILED
        loan.closed_on = on or today_local()  # closed, nothing owed: never counted late
        loan.save(update_fields=["status", "closed_on"])
    payout.confirmed_at = timezone.now()
    payout.save(update_fields=["status", "failure_reason", "reported_amount", "review_reason", "confirmed_at"])
    return payout


def _payout_review(payout: LoanPayout, *, reported: Decimal) -> None:
    """The provider says it paid, but another amount: the borrower has money, so the loan is not closed as "nothing
    owed" (nor a new one allowed); it stays disbursing, owing nothing yet, until an admin settles it with the
    provider (flagged, audited)."""
    payout.status = PayoutStatus.REVIEW
    payout.reported_amount = reported
    payout.review_reason = _(
        "The provider reported paying %(reported)s instead of %(amount)s: an admin is checking it with the provider."
    ) % {"reported": format_yuan(reported), "amount": format_yuan(payout.amount)}
    admins_flag(
        target=payout,
        action="loan_payout_review",
        subject=f"loan {payout.loan_id}",
        reason=f"loan {payout.loan_id} payout {payout.reference}: {reported} reported paid for {payout.amount}",
        key=f"loan_payout:{payout.pk}:review",
        url=reverse("admin:credit_loanpayout_changelist") + f"?status__exact={PayoutStatus.REVIEW}",
        details={"loan_id": payout.loan_id, "amount": str(payout.amount), "reported": str(reported)},
    )


def loan_payout_callback_handle(*, body: bytes, signature: str) -> LoanPayout:
    reference, status, amount = callback_verified(body=body, signature=signature)
    return loan_payout_confirm(reference=reference, status=status, amount=amount)


# --- through the payment provider


@transaction.atomic
def loan_payment_start(
    *, loan_id: int, payer, amount, idempotency_key: str | None, on: datetime.date | None = None
) -> tuple[LoanPayment, bool]:
    """Ask the provider to collect a repayment; nothing is posted until it confirms.

    Returns (payment, created). A replay with the same key returns the same payment; the same key for another
    loan or amount is a 409. The loan row lock serialises concurrent starts."""
    key = _idempotency_key(idempotency_key)
    amount = _parse_amount(amount)
    loan = _lock_loan(loan_id)
    if loan.borrower_id != payer.pk:
        raise NotPermitted(_("Only the borrower may repay this loan here."))
    existing = LoanPayment.objects.filter(payer=payer, idempotency_key=key).first()
    if existing is not None:
        if (existing.loan_id, existing.amount) != (loan.pk, amount):
            raise Conflict(_("This Idempotency-Key was used for another payment."), code="idempotency_key_reused")
        return existing, False
    if loan.status == LoanStatus.WRITTEN_OFF and loan_recoverable(loan) > ZERO:
        owed = loan_recoverable(loan)  # paying a written-off loan back: a recovery
    elif not loan.is_open:
        raise ValidationFailed(
            _("This loan is %(status)s: nothing to repay.") % {"status": loan.get_status_display()}, code="loan_closed"
        )
    else:
        interest, principal = loan_amount_due(loan=loan, on=on or today_local())
        owed = interest + principal
    overpayment_check(owed=owed, amount=amount)
    provider = provider_get()
    payment = LoanPayment.objects.create(
        loan=loan,
        payer=payer,
        idempotency_key=key,
        provider=provider.name,
        reference=provider.new_reference(),
        amount=amount,
    )
    return payment, True


def loan_payment_url(payment: LoanPayment) -> str:
    """Where the borrower goes to pay (the provider's page)."""
    return provider_get(payment.provider).checkout_url(reference=payment.reference, simulated_page=SIMULATED_PAGE)


@transaction.atomic
def loan_payment_confirm(
    *, reference: str, status: str, amount: Decimal, on: datetime.date | None = None
) -> LoanPayment:
    """Apply the provider's confirmation (the caller checked its signature): post the repayment once.

    A payment already decided is returned unchanged, so replays and concurrent callbacks post nothing twice."""
    try:
        payment = LoanPayment.objects.select_for_update().get(reference=reference)
    except LoanPayment.DoesNotExist as exc:
        raise NotFound(_("Unknown payment.")) from exc
    if payment.status != ProviderStatus.PENDING:
        return payment
    loan = _lock_loan(payment.loan_id)
    on = on or today_local()
    payment.status = ProviderStatus.FAILED
    if status != ProviderStatus.SUCCEEDED:
        payment.failure_reason = _("Declined by the provider.")
    elif quantize_yuan(amount) != payment.amount:
        # Nothing posted (the borrower asked to pay another amount), but money was taken: a person refunds it.
        payment.failure_reason = _("The amount does not match.")
        _payment_flag(payment, reason=f"{quantize_yuan(amount)} taken for {payment.amount}: refund it")
    else:
        try:
            with transaction.atomic():
                payment.repayment = repayment_post(loan=loan, amount=payment.amount, on=on)
        except DomainError:  # closed or paid by another way meanwhile: the provider refunds it
            payment.failure_reason = _("The loan no longer owes this much; the provider refunds it.")
            _payment_flag(payment, reason=f"{payment.amount} taken, loan {loan.status}, nothing posted: refund it")
        else:
            payment.status = ProviderStatus.SUCCEEDED
    payment.confirmed_at = timezone.now()
    payment.save(update_fields=["status", "failure_reason", "repayment", "confirmed_at"])
    return payment


def _payment_flag(payment: LoanPayment, *, reason: str) -> None:
    """The provider took a borrower's money that posts nothing: the admins are told (audited, flagged) so that it
    is refunded, as orders do for a payment confirmed for another amount; the borrower's payment reads failed."""
    admins_flag(
        target=payment,
        action="loan_payment_flagged",
        subject=f"loan {payment.loan_id}",
        reason=f"loan {payment.loan_id} payment {payment.reference}: {reason}",
        key=f"loan_payment:{payment.pk}:flagged",
        url=reverse("admin:credit_loan_change", args=[payment.loan_id]),
        details={"loan_id": payment.loan_id, "amount": str(payment.amount)},
    )


def loan_payment_callback_handle(*, body: bytes, signature: str) -> LoanPayment:
    """The provider's callback for a loan payment: verify the HMAC first (403, nothing written), then confirm."""
    reference, status, amount = callback_verified(body=body, signature=signature)
    return loan_payment_confirm(reference=reference, status=status, amount=amount)


def loan_payment_simulate(*, payment: LoanPayment, succeed: bool = True) -> LoanPayment:
    """The simulated provider's "pay" button: it signs the confirmation and delivers it to our callback."""
    body, signature = simulated_callback(payment, succeed=succeed)
    return loan_payment_callback_handle(body=body, signature=signature)


# --- cash at the station


@transaction.atomic
def station_cash_record(
    *, operator, loan_id: int, amount, idempotency_key: str | None, note: str = "", on: datetime.date | None = None
) -> tuple[StationCashReceipt, bool]:
    """The station operator records cash a villager of their village handed over: posted at once, audited."""
    key = _idempotency_key(idempotency_key)
    amount = _parse_amount(amount)
    on = on or today_local()
    station = ServiceStation.objects.filter(operator=operator).first() if operator.is_operator else None
    if station is None:
        raise NotPermitted(_("Only a station operator may record cash received at the station."))
    loan = _lock_loan(loan_id)
    existing = StationCashReceipt.objects.filter(operator=operator, idempotency_key=key).first()
    if existing is not None:
        if (existing.loan_id, existing.amount) != (loan.pk, amount):
            raise Conflict(_("This Idempotency-Key was used for another cash entry."), code="idempotency_key_reused")
        return existing, False
    borrower = loan.borrower
    if borrower.home_village_id != station.village_id or not borrower.home_village_confirmed:
        raise NotPermitted(_("You may record cash only for confirmed villagers of your own village."))
    repayment = repayment_post(loan=loan, amount=amount, on=on)
    receipt = StationCashReceipt.objects.create(
        loan=loan,
        station=station,
        operator=operator,
        amount=amount,
        received_on=on,
        idempotency_key=key,
        note=(note or "").strip()[:255],
        repayment=repayment,
    )
    audit_record(
        actor=operator,
        action="loan_cash_received",
        target=receipt,
        summary=f"{operator.username} received {amount} cash for loan {loan.pk} of {borrower.username}",
        details={"loan_id": loan.pk, "borrower_id": borrower.pk, "station_id": station.pk, "amount": str(amount)},
    )
    return receipt, True


@transaction.atomic
def station_cash_reconcile(*, day: datetime.date) -> list[StationCashDay]:
    """Total one day's cash entries per station against the cash the ledger posted for them (idempotent)."""
    recorded = {
        row["station_id"]: row
        for row in StationCashReceipt.objects.filter(received_on=day)
        .values("station_id")
        .annotate(receipts=Count("pk"), total=Sum("amount"))
        .order_by()
    }
    posted = dict(
        LedgerEntry.objects.filter(
            account=Account.CASH,
            transaction__repayment__cash_receipt__received_on=day,
        )
        .values("transaction__repayment__cash_receipt__station_id")
        .annotate(total=Sum("amount"))
        .order_by()
        .values_list("transaction__repayment__cash_receipt__station_id", "total")
    )
    days = []
    for station_id in sorted(set(recorded) | set(posted)):
        row = recorded.get(station_id, {})
        cash_day, _created = StationCashDay.objects.update_or_create(
            station_id=station_id,
            day=day,
            defaults={
                "receipts": row.get("receipts", 0),
                "recorded": row.get("total") or ZERO,
                "posted": posted.get(station_id) or ZERO,
            },
        )
        days.append(cash_day)
    return days
