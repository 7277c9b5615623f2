"""Credit factories: loan products with a limit per tier, and helpers to build trading facts."""

import datetime
import uuid
from decimal import Decimal

import factory
from django.utils import timezone

from credit.models import IdentityVerification, LoanProduct, LoanProductLimit
from tests.factories import OrderFactory, ShopFactory

DEFAULT_LIMITS = {
    "bronze": Decimal("2000.00"),
    "silver": Decimal("10000.00"),
    "gold": Decimal("30000.00"),
    "diamond": Decimal("50000.00"),
}


class LoanProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LoanProduct
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Harvest loan {n}")
    min_tier = "bronze"
    min_score = 0
    daily_interest_rate = Decimal("0.000500")
    max_term_days = 90
    min_amount = Decimal("100.00")

    @factory.post_generation
    def limits(product, create, extracted, **kwargs):
        if not create:
            return
        for tier, amount in (extracted if extracted is not None else DEFAULT_LIMITS).items():
            LoanProductLimit.objects.create(product=product, tier=tier, max_amount=amount)


def verify_identity(user, operator=None) -> IdentityVerification:
    return IdentityVerification.objects.create(user=user, verified_by=operator)


def completed_orders(seller, count: int, *, ship_hours: int = 24, shop=None) -> list:
    """`count` completed orders of the seller's shop from as many established buyers, one completed a day going
    back from yesterday (an honest history: the trading rules cap the orders that count per week), each paid five
    days before completion and shipped `ship_hours` after payment."""
    shop = shop or ShopFactory(owner=seller)
    now = timezone.now()
    orders = []
    for index in range(count):
        completed = now - datetime.timedelta(days=1 + index)
        paid = completed - datetime.timedelta(days=5)
        orders.append(
            OrderFactory(
                shop=shop,
                status="completed",
                paid_at=paid,
                shipped_at=paid + datetime.timedelta(hours=ship_hours),
                completed_at=completed,
            )
        )
    return orders


def repay_through_provider(*, loan_id: int, payer, amount, on: datetime.date | None = None):
    """Repay as a borrower does: start a payment with the provider, then apply its (succeeded) confirmation.
    Returns the posted Repayment; a refusal at the start (overpayment...) raises like the API answers it."""
    from credit import repayments

    payment, _created = repayments.loan_payment_start(
        loan_id=loan_id, payer=payer, amount=amount, idempotency_key=uuid.uuid4().hex, on=on
    )
    payment = repayments.loan_payment_confirm(
        reference=payment.reference, status="succeeded", amount=payment.amount, on=on
    )
    assert payment.status == "succeeded", payment.failure_reason
    return payment.repayment
