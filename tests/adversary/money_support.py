"""Shared moves of the money campaigns (test_money_*.py): an attacker scripting the real API."""

from __future__ import annotations

import datetime
import uuid
from decimal import Decimal

from django.core.management import call_command
from django.utils import timezone

from core.payments import SIGNATURE_HEADER, callback_body, callback_sign
from credit import services
from credit.scorecard import TIER_FLOORS
from tests.credit.factories import LoanProductFactory, completed_orders, verify_identity

LOANS = "/api/loans/"
CALLBACK = "/credit/payments/callback/"


def gold_farmer(farmer, operator):
    """A verified villager of two years with 48 orders shipped on time: 736, gold, 14 points below diamond."""
    farmer.date_joined = timezone.now() - datetime.timedelta(days=800)
    farmer.save(update_fields=["date_joined"])
    verify_identity(farmer, operator)
    completed_orders(farmer, 48)
    return farmer


def product():
    return LoanProductFactory(name=f"Harvest {uuid.uuid4().hex[:6]}")


def next_tier_floor(score: int) -> int:
    """The lowest score of the tier above this score's."""
    return min((floor for _tier, floor in TIER_FLOORS if floor > score), default=10_000)


def apply(api_client, product, amount="1000.00", term=30):
    return api_client.post(
        LOANS,
        {"product": product.pk, "amount": amount, "term_days": term, "purpose": "seeds"},
        format="json",
        HTTP_IDEMPOTENCY_KEY=uuid.uuid4().hex,
    )


def start_repayment(api_client, loan_id, amount):
    return api_client.post(
        f"{LOANS}{loan_id}/repay/", {"amount": amount}, format="json", HTTP_IDEMPOTENCY_KEY=uuid.uuid4().hex
    )


def deliver_callback(client, *, reference, amount, status="succeeded", signature=None):
    """POST the provider's callback; signed with the real secret unless a signature is given."""
    body = callback_body(reference=reference, status=status, amount=Decimal(amount))
    headers = {SIGNATURE_HEADER: callback_sign(body) if signature is None else signature}
    return client.post(CALLBACK, data=body, content_type="application/json", headers=headers)


def score_of(user) -> int:
    return services.score_compute(user=user).score


def audit_is_clean(capsys) -> bool:
    call_command("credit_audit")
    return "balances and matches every loan" in capsys.readouterr().out
