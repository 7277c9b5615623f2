"""Withdrawals: a farmer asks for part or all of a shop's balance to be paid to an account they registered.

- `withdrawal_request` locks the shop row, checks the amount against the balance and books a hold (negative
  ledger entry) in the same transaction: a second request, concurrent or not, sees the smaller balance.
- An admin refuses it with a reason (the hold is released) or approves it: the payment provider is asked to pay
  (core.payments, the same interface and signed callback as loan payouts). Nothing is paid in the books until
  the provider's signed confirmation (`withdrawal_payout_confirm`): success releases the hold and books the
  payout; a decline releases the hold and the money stays on the balance. A success for another amount is neither:
  some money left, so the hold stays, the withdrawal waits in `review` and the admins are told (`_review`).
- The provider is never called inside a database transaction (a slow provider would hold the shop's and the
  withdrawal's locks, and a rollback after the call would forget a payout the provider made). The approval and
  the provider reference are committed first; the reference is the provider's idempotency key (Alipay's
  out_biz_no): asked twice, it pays once. Then the provider is called, then its answer is recorded
  (`payout_sent_at`, and the confirmation when it answers at once). A crash in between leaves a processing
  withdrawal never sent: `withdrawal_payouts_resume` (beat, every 5 minutes) sends it again, same reference.
"""

from __future__ import annotations

import datetime
import logging
import re
from decimal import Decimal

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_record
from core.errors import Conflict, InvalidTransition, NotFound, NotPermitted, ValidationFailed
from core.money import format_yuan, money_parse, quantize_yuan
from core.payments import callback_verified, payout_send, provider_get
from notifications.services import admins_flag
from orders.models import (
    WITHDRAWAL_TRANSITIONS,
    LedgerKind,
    PaymentStatus,
    PayoutAccount,
    PayoutAccountKind,
    ShopLedgerEntry,
    Withdrawal,
    WithdrawalStatus,
)
from orders.services.settlement import shop_balance
from shops.models import Shop

logger = logging.getLogger(__name__)
PAYOUT_ACCOUNTS_MAX = 5  # per person, registered and not removed
CARD_DIGITS = re.compile(r"^\d{16,19}$")
MAINLAND_MOBILE = re.compile(r"^1[3-9]\d{9}$")
# An approved payout not sent after this long is sent again by withdrawal_payouts_resume.
PAYOUT_RESUME_AFTER = datetime.timedelta(minutes=5)


def luhn_valid(digits: str) -> bool:
    """The check digit every Chinese UnionPay debit card carries (ISO/IEC 7812)."""
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def _account_fields_clean(*, kind: str, holder_name: str, number: str, bank_name: str) -> dict:
    errors: dict[str, list[str]] = {}
    holder_name = (holder_name or "").strip()
    bank_name = (bank_name or "").strip()
    number = (number or "").strip()
    if kind not in PayoutAccountKind.values:
        errors["kind"] = [_("Choose a bank card or an Alipay account.")]
    if not holder_name or len(holder_name) > 50:
        errors["holder_name"] = [_("Enter the account holder's name (at most 50 characters).")]
    if kind == PayoutAccountKind.BANK_CARD:
        number = re.sub(r"[\s-]", "", number)
        if not CARD_DIGITS.match(number) or not luhn_valid(number):
            errors["number"] = [_("Enter a valid bank card number (16 to 19 digits).")]
        if not bank_name or len(bank_name) > 50:
            errors["bank_name"] = [_("Enter the bank's name.")]
    elif kind == PayoutAccountKind.ALIPAY:
        bank_name = ""
        if "@" in number:
            try:
                validate_email(number)
            except DjangoValidationError:
                errors["number"] = [_("Enter the mobile number or e-mail address of the Alipay account.")]
            if len(number) > 64:
                errors["number"] = [_("Enter the mobile number or e-mail address of the Alipay account.")]
            number = number.lower()
        else:
            number = re.sub(r"[\s-]", "", number).removeprefix("+86")
            if not MAINLAND_MOBILE.match(number):
                errors["number"] = [_("Enter the mobile number or e-mail address of the Alipay account.")]
    if errors:
        raise ValidationFailed(_("Check the account details."), fields=errors)
    return {"kind": kind, "holder_name": holder_name, "number": number, "bank_name": bank_name}


@transaction.atomic
def payout_account_add(*, owner, kind: str, holder_name: str, number: str, bank_name: str = "") -> PayoutAccount:
    """A shop owner registers a bank card or an Alipay account to be paid to (at most PAYOUT_ACCOUNTS_MAX)."""
    if not Shop.objects.filter(owner=owner).exists():
        raise NotPermitted(_("Only shop owners register payout accounts."))
    fields = _account_fields_clean(kind=kind, holder_name=holder_name, number=number, bank_name=bank_name)
    # Lock the owner's accounts so two concurrent additions cannot both pass the limit.
    active = list(PayoutAccount.objects.select_for_update().filter(owner=owner, removed=False).order_by("pk"))
    if len(active) >= PAYOUT_ACCOUNTS_MAX:
        raise Conflict(
            _("You may keep at most %(max)d payout accounts: remove one first.") % {"max": PAYOUT_ACCOUNTS_MAX},
            code="too_many_accounts",
        )
    if any((a.kind, a.number) == (fields["kind"], fields["number"]) for a in active):
        raise Conflict(_("This account is already registered."), code="account_exists")
    account = PayoutAccount.objects.create(owner=owner, **fields)
    audit_record(
        actor=owner,
        action="payout_account_add",
        target=account,
        summary=f"payout account {account.get_kind_display()} {account.masked_number}",
        details={"kind": account.kind, "masked": account.masked_number},
    )
    return account


@transaction.atomic
def payout_account_remove(*, owner, account_id: int) -> PayoutAccount:
    """Hide an account from new requests; the row stays for the withdrawals already paid to it."""
    account = PayoutAccount.objects.select_for_update().filter(pk=account_id, owner=owner, removed=False).first()
    if account is None:
        raise NotFound(_("No such payout account."))
    account.removed = True
    account.save(update_fields=["removed"])
    return account


@transaction.atomic
def withdrawal_request(*, farmer, shop_id: int, account_id: int, amount) -> Withdrawal:
    """The shop's owner asks for `amount` (at most the balance) to be paid to one of their accounts. The shop row
    lock serialises requests, payouts and the balance check; the hold books the amount at once."""
    amount = money_parse(amount, field="amount")
    shop = Shop.objects.select_for_update().filter(pk=shop_id, owner=farmer).first()
    if shop is None:
        raise NotFound(_("No such shop."), fields={"shop": [_("Choose one of your shops.")]})
    account = PayoutAccount.objects.filter(pk=account_id, owner=farmer, removed=False).first()
    if account is None:
        raise ValidationFailed(
            _("Choose one of your payout accounts."), fields={"account": [_("Choose one of your payout accounts.")]}
        )
    balance = shop_balance(shop_id=shop.pk)
    if amount > balance:
        message = _("The amount exceeds the available balance of %(balance)s.") % {"balance": format_yuan(balance)}
        raise Conflict(message, code="over_balance", fields={"amount": [message]})
    withdrawal = Withdrawal.objects.create(shop=shop, account=account, amount=amount, requested_by=farmer)
    ShopLedgerEntry.objects.create(
        shop=shop,
        kind=LedgerKind.WITHDRAWAL_HOLD,
        withdrawal=withdrawal,
        amount=-amount,
        note=str(account)[:255],
        created_by=farmer,
    )
    audit_record(
        actor=farmer,
        action="withdrawal_request",
        target=withdrawal,
        summary=f"shop {shop.pk}: withdrawal of {amount} to {account}",
        details={"shop_id": shop.pk, "amount": str(amount), "account_id": account.pk},
    )
    return withdrawal


def _lock(withdrawal_id: int) -> Withdrawal:
    withdrawal = Withdrawal.objects.select_for_update().filter(pk=withdrawal_id).first()
    if withdrawal is None:
        raise NotFound(_("No such withdrawal."))
    return withdrawal


def _move(withdrawal: Withdrawal, to_status: str) -> None:
    if to_status not in WITHDRAWAL_TRANSITIONS[withdrawal.status]:
        raise InvalidTransition(
            _("This withdrawal is %(status)s.") % {"status": withdrawal.get_status_display()}, code="invalid_transition"
        )
    withdrawal.status = to_status


def _release(withdrawal: Withdrawal, *, actor, note: str) -> None:
    ShopLedgerEntry.objects.create(
        shop_id=withdrawal.shop_id,
        kind=LedgerKind.WITHDRAWAL_RELEASE,
        withdrawal=withdrawal,
        amount=withdrawal.amount,
        note=note[:255],
        created_by=actor,
    )


@transaction.atomic
def withdrawal_refuse(*, admin, withdrawal_id: int, reason: str) -> Withdrawal:
    """An admin refuses a request, with a reason the farmer sees; the amount returns to the balance."""
    if not admin.is_admin:
        raise NotPermitted(_("Only admins decide withdrawals."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(_("Give a reason."), fields={"reason": [_("Give a reason.")]})
    withdrawal = _lock(withdrawal_id)
    _move(withdrawal, WithdrawalStatus.REFUSED)
    withdrawal.refusal_reason = reason[:255]
    withdrawal.decided_by = admin
    withdrawal.decided_at = timezone.now()
    withdrawal.save(update_fields=["status", "refusal_reason", "decided_by", "decided_at"])
    _release(withdrawal, actor=admin, note=withdrawal.refusal_reason)
    audit_record(
        actor=admin,
        action="withdrawal_refuse",
        target=withdrawal,
        summary=f"withdrawal {withdrawal.pk} refused",
        details={"reason": withdrawal.refusal_reason, "amount": str(withdrawal.amount)},
    )
    return withdrawal


def withdrawal_approve(*, admin, withdrawal_id: int) -> Withdrawal:
    """An admin approves: the decision and the provider reference are committed, then the provider is asked to
    pay. Like a loan payout, only its signed confirmation books the payout; the simulated provider confirms at once
    through that same confirmation."""
    if not admin.is_admin:
        raise NotPermitted(_("Only admins decide withdrawals."))
    # durable: an outer transaction would keep the approval uncommitted while the provider pays.
    with transaction.atomic(durable=True):
        withdrawal = _lock(withdrawal_id)
        _move(withdrawal, WithdrawalStatus.PROCESSING)
        provider = provider_get()
        withdrawal.provider = provider.name
        withdrawal.reference = provider.new_reference()
        withdrawal.decided_by = admin
        withdrawal.decided_at = timezone.now()
        withdrawal.save(update_fields=["status", "provider", "reference", "decided_by", "decided_at"])
        audit_record(
            actor=admin,
            action="withdrawal_approve",
            target=withdrawal,
            summary=f"withdrawal {withdrawal.pk} approved ({withdrawal.reference})",
            details={"amount": str(withdrawal.amount), "reference": withdrawal.reference},
        )
    try:
        return withdrawal_payout_send(withdrawal_id=withdrawal.pk)
    except Exception:  # the approval is committed: withdrawal_payouts_resume sends it again, same reference
        logger.exception("withdrawal %s: payout not sent", withdrawal.pk)
        withdrawal.refresh_from_db()
        return withdrawal


def withdrawal_payout_send(*, withdrawal_id: int) -> Withdrawal:
    """Ask the provider to pay an approved withdrawal, outside any transaction, under its committed reference (the
    provider's idempotency key: a second request for the same reference pays nothing more), then record that it
    was sent and apply an immediate answer. A withdrawal no longer processing is returned as it is."""
    withdrawal = Withdrawal.objects.filter(pk=withdrawal_id).first()
    if withdrawal is None:
        raise NotFound(_("No such withdrawal."))
    if withdrawal.status != WithdrawalStatus.PROCESSING:
        return withdrawal

    def sent(payout: Withdrawal) -> None:
        payout.payout_sent_at = timezone.now()
        Withdrawal.objects.filter(pk=payout.pk, payout_sent_at__isnull=True).update(
            payout_sent_at=payout.payout_sent_at
        )

    return payout_send(withdrawal, confirm=withdrawal_payout_confirm, sent=sent)


def withdrawal_payouts_resume(*, older_than: datetime.timedelta = PAYOUT_RESUME_AFTER) -> int:
    """Send again the payouts approved but never sent (a crash or a provider error between the approval's commit
    and the provider's answer); the same reference makes the provider pay at most once. Returns how many."""
    stuck = Withdrawal.objects.filter(
        status=WithdrawalStatus.PROCESSING,
        payout_sent_at__isnull=True,
        decided_at__lt=timezone.now() - older_than,
    ).values_list("pk", flat=True)
    resent = 0
    for withdrawal_id in list(stuck.order_by("pk")):
        try:
            withdrawal_payout_send(withdrawal_id=withdrawal_id)
        except Exception:  # one provider error must not stop the others: the next run tries again
            logger.exception("withdrawal %s: payout not sent", withdrawal_id)
            continue
        resent += 1
    return resent


@transaction.atomic
def withdrawal_payout_confirm(*, reference: str, status: str, amount: Decimal) -> Withdrawal:
    """Apply the provider's confirmation once (row lock; a replay finds it decided and books nothing)."""
    withdrawal = Withdrawal.objects.select_for_update().filter(reference=reference).first()
    if withdrawal is None:
        raise NotFound(_("Unknown payout."))
    if withdrawal.status != WithdrawalStatus.PROCESSING:
        return withdrawal
    if status == PaymentStatus.SUCCEEDED and quantize_yuan(amount) == withdrawal.amount:
        _move(withdrawal, WithdrawalStatus.PAID)
        _release(withdrawal, actor=None, note=reference)
        ShopLedgerEntry.objects.create(
            shop_id=withdrawal.shop_id,
            kind=LedgerKind.PAYOUT,
            withdrawal=withdrawal,
            amount=-withdrawal.amount,
            note=reference,
        )
    elif status == PaymentStatus.SUCCEEDED:
        _review(withdrawal, reported=quantize_yuan(amount))
    else:
        _move(withdrawal, WithdrawalStatus.FAILED)
        withdrawal.failure_reason = _("Declined by the provider.")
        _release(withdrawal, actor=None, note=withdrawal.failure_reason)
    withdrawal.confirmed_at = timezone.now()
    withdrawal.save(update_fields=["status", "failure_reason", "reported_amount", "review_reason", "confirmed_at"])
    return withdrawal


def _review(withdrawal: Withdrawal, *, reported: Decimal) -> None:
    """The provider says it paid, but another amount: some money left, so releasing the hold would let the farmer
    withdraw it again. The hold stays, and an admin settles it with the provider (flagged, audited)."""
    _move(withdrawal, WithdrawalStatus.REVIEW)
    withdrawal.reported_amount = reported
    withdrawal.review_reason = _(
        "The provider reported paying %(reported)s instead of %(amount)s: an admin is checking it with the provider."
    ) % {"reported": format_yuan(reported), "amount": format_yuan(withdrawal.amount)}
    admins_flag(
        target=withdrawal,
        action="withdrawal_payout_review",
        subject=f"withdrawal {withdrawal.pk}",
        reason=f"withdrawal {withdrawal.pk} ({withdrawal.reference}): {reported} reported paid for {withdrawal.amount}",
        key=f"withdrawal:{withdrawal.pk}:review",
        url=reverse("orders:withdrawals") + f"?show={WithdrawalStatus.REVIEW}",
        details={"reference": withdrawal.reference, "amount": str(withdrawal.amount), "reported": str(reported)},
    )


def withdrawal_payout_callback_handle(*, body: bytes, signature: str) -> Withdrawal:
    """The provider's signed payout callback (403 without a valid signature, nothing written)."""
    reference, status, amount = callback_verified(body=body, signature=signature)
    return withdrawal_payout_confirm(reference=reference, status=status, amount=amount)
