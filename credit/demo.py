"""Demo data for credit (called by `manage.py seed_demo`; idempotent: keyed on natural keys)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction

from accounts.models import Role, User
from core.progress import progress
from credit import repayments, services
from credit.models import IdentityVerification, Loan, LoanProduct, LoanProductLimit, Tier
from villages.models import ServiceStation

DEMO_PRODUCT = "丰收贷"
DEMO_LIMITS = {
    Tier.BRONZE: Decimal("2000.00"),
    Tier.SILVER: Decimal("10000.00"),
    Tier.GOLD: Decimal("30000.00"),
    Tier.DIAMOND: Decimal("50000.00"),
}
# Demo farmers whose identity their station operator has checked (farmer_wang and farmer_li have not yet).
VERIFIED_FARMERS = ["farmer_long", "farmer_ding", "farmer_zhou", "farmer_chen"]
DEMO_LOAN_KEY = "demo-farmer-long-1"


@transaction.atomic
def seed(*, quiet: bool = False) -> None:
    product, _created = LoanProduct.objects.get_or_create(
        name=DEMO_PRODUCT,
        defaults={
            "description": "收成卖出前买种子、化肥和包装用。随借随还，无需抵押。",
            "min_tier": Tier.BRONZE,
            "min_score": 350,
            "daily_interest_rate": Decimal("0.000500"),
            "max_term_days": 180,
            "min_amount": Decimal("500.00"),
        },
    )
    for tier, amount in DEMO_LIMITS.items():
        LoanProductLimit.objects.get_or_create(product=product, tier=tier, defaults={"max_amount": amount})

    farmers = {user.username: user for user in User.objects.filter(role=Role.FARMER, username__startswith="farmer_")}
    operators = {
        station.village_id: station.operator
        for station in ServiceStation.objects.filter(operator__isnull=False).select_related("operator")
    }
    for username in progress(VERIFIED_FARMERS, desc="credit", disable=quiet):
        farmer = farmers.get(username)
        operator = operators.get(farmer.home_village_id) if farmer else None
        if farmer and operator and not IdentityVerification.objects.filter(user=farmer).exists():
            services.identity_verify(operator=operator, villager=farmer, note="已在服务站核验身份证")

    today = services.today_local()
    farmer_long = farmers.get("farmer_long")
    if farmer_long is not None and not Loan.objects.filter(borrower=farmer_long).exists():
        application, _created = services.loan_apply(
            borrower=farmer_long,
            product=product,
            amount=Decimal("2000.00"),
            term_days=60,
            purpose="买酸菜季用的坛子和标签",
            idempotency_key=DEMO_LOAN_KEY,
            today=today - datetime.timedelta(days=20),
        )
        if application.decision == "approved":
            # Paid through the (simulated) provider five days ago: start, then its confirmation.
            payment, _created = repayments.loan_payment_start(
                loan_id=application.loan.pk,
                payer=farmer_long,
                amount=Decimal("500.00"),
                idempotency_key="demo-farmer-long-repay-1",
                on=today - datetime.timedelta(days=5),
            )
            repayments.loan_payment_confirm(
                reference=payment.reference,
                status="succeeded",
                amount=payment.amount,
                on=today - datetime.timedelta(days=5),
            )
    services.score_snapshot_batch(user_ids=[user.pk for user in farmers.values()], today=today)
