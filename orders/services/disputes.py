"""Disputes: the buyer opens, the seller answers, an admin decides."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import Conflict, InvalidTransition, NotFound, NotPermitted, ValidationFailed
from orders.models import (
    Dispute,
    DisputeStatus,
    OrderStatus,
    RefundKind,
)
from orders.services.common import _check_seller, _event, _locked_order
from orders.services.fulfilment import _refund_full
from orders.services.notices import dispute_notify


@transaction.atomic
def dispute_open(*, order_id: int, buyer, reason: str) -> Dispute:
    """The buyer opens a dispute on a delivered order within ORDERS_DISPUTE_DAYS of delivery."""
    order = _locked_order(order_id)
    if order.buyer_id != buyer.pk:
        raise NotPermitted(_("Only the buyer may open a dispute."))
    if not (reason or "").strip():
        raise ValidationFailed(_("Say what went wrong."), fields={"reason": [_("This field is required.")]})
    if order.status != OrderStatus.DELIVERED:
        raise InvalidTransition(_("A dispute can be opened on a delivered order only."))
    if order.delivered_at < timezone.now() - datetime.timedelta(days=settings.ORDERS_DISPUTE_DAYS):
        raise Conflict(_("The %(days)s days to open a dispute have passed.") % {"days": settings.ORDERS_DISPUTE_DAYS})
    if Dispute.objects.filter(order=order).exists():
        raise Conflict(_("This order already has a dispute."))
    dispute = Dispute.objects.create(order=order, opened_by=buyer, reason=reason.strip())
    _event(order, from_status=order.status, to_status=order.status, actor=buyer, note=str(_("Dispute opened")))
    dispute_notify(dispute, "dispute_opened", [order.shop.owner_id], reason=dispute.reason)
    return dispute


def _locked_dispute(dispute_id: int) -> Dispute:
    try:
        return Dispute.objects.select_for_update(of=("self",)).select_related("order__shop").get(pk=dispute_id)
    except Dispute.DoesNotExist as exc:
        raise NotFound(_("No such dispute.")) from exc


@transaction.atomic
def dispute_answer(*, dispute_id: int, seller, answer: str) -> Dispute:
    """The seller answers an open dispute."""
    dispute = _locked_dispute(dispute_id)
    _check_seller(seller, dispute.order)
    if not (answer or "").strip():
        raise ValidationFailed(_("Write an answer."), fields={"answer": [_("This field is required.")]})
    if dispute.status not in (DisputeStatus.OPEN, DisputeStatus.ANSWERED):
        raise InvalidTransition(_("This dispute is already decided."))
    dispute.seller_answer, dispute.status, dispute.answered_at = answer.strip(), DisputeStatus.ANSWERED, timezone.now()
    dispute.save(update_fields=["seller_answer", "status", "answered_at"])
    dispute_notify(dispute, "dispute_answered", [dispute.order.buyer_id], answer=dispute.seller_answer)
    return dispute


@transaction.atomic
def dispute_decide(*, dispute_id: int, admin, refund: bool, note: str = "") -> Dispute:
    """An admin decides: refund (the order is refunded in full) or reject (the order may complete)."""
    if not admin.is_admin:
        raise NotPermitted(_("Only admins decide disputes."))
    dispute = _locked_dispute(dispute_id)
    if dispute.status not in (DisputeStatus.OPEN, DisputeStatus.ANSWERED):
        raise InvalidTransition(_("This dispute is already decided."))
    if refund:
        order = _locked_order(dispute.order_id)
        _refund_full(
            order, actor=admin, reason=note or str(_("Dispute decided for the buyer.")), kind=RefundKind.DISPUTE
        )
    dispute.status = DisputeStatus.REFUNDED if refund else DisputeStatus.REJECTED
    dispute.decided_by, dispute.decision_note, dispute.decided_at = admin, note.strip(), timezone.now()
    dispute.save(update_fields=["status", "decided_by", "decision_note", "decided_at"])
    dispute_notify(
        dispute,
        "dispute_decided",
        [dispute.order.buyer_id, dispute.order.shop.owner_id],
        outcome=dispute.get_status_display(),
    )
    return dispute
