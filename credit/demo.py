"""Demo data for credit (called by `manage.py seed_demo`; idempotent: keyed on natural keys)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from accounts.models import Role, User
from core.progress import progress
from credit import repayments, services
from credit.models import (
    IdentityVerification,
    Loan,
    LoanProduct,
    LoanProductLimit,
    RepaymentPeriod,
    RepaymentType,
    Tier,
)
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
DEMO_INSTALMENT_PRODUCT = "大棚分期贷"
DEMO_INSTALMENT_KEY = "demo-farmer-ding-instalments"


def seed(*, quiet: bool = False) -> None:
    """Each service here is its own transaction (no outer one: loan_apply commits the loan before the provider
    pays it out, and refuses to run inside another); a second run skips what exists."""
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
    _seed_instalment_loan(farmers=farmers, today=today)
    services.score_snapshot_batch(user_ids=[user.pk for user in farmers.values()], today=today)
    services.loans_classify_arrears(today=today)


def _seed_instalment_loan(*, farmers: dict, today: datetime.date) -> None:
    """An instalment product, and farmer_ding's loan in 6 monthly equal instalments taken 75 days ago: the first
    instalment paid on its day, the second late (for the collections list, the arrears and the loan book)."""
    product, _created = LoanProduct.objects.get_or_create(
        name=DEMO_INSTALMENT_PRODUCT,
        defaults={
            "description": "建大棚、买农机：等额本息按月还款，可随时提前还款，不收违约金。",
            "min_tier": Tier.BRONZE,
            "min_score": 350,
            "daily_interest_rate": Decimal("0.000400"),
            "max_term_days": 400,
            "min_amount": Decimal("1000.00"),
            "repayment_type": RepaymentType.EQUAL_INSTALMENT,
            "period": RepaymentPeriod.MONTH,
            "max_instalments": 12,
        },
    )
    for tier, amount in DEMO_LIMITS.items():
        LoanProductLimit.objects.get_or_create(product=product, tier=tier, defaults={"max_amount": amount})
    farmer = farmers.get("farmer_ding")
    if farmer is None or Loan.objects.filter(borrower=farmer).exists():
        return
    start = today - datetime.timedelta(days=75)
    for amount in (Decimal("6000.00"), Decimal("2000.00")):  # as much as the farmer's tier allows
        application, _created = services.loan_apply(
            borrower=farmer,
            product=product,
            amount=amount,
            term_days=None,
            instalments=6,
            purpose="建一个蔬菜大棚",
            idempotency_key=f"{DEMO_INSTALMENT_KEY}-{amount:.0f}",
            today=start,
        )
        if application.decision == "approved":
            break
    else:
        return
    loan = application.loan
    first = loan.instalments.get(number=1)
    payment, _created = repayments.loan_payment_start(
        loan_id=loan.pk,
        payer=farmer,
        amount=first.total_due,
        idempotency_key=f"{DEMO_INSTALMENT_KEY}-1",
        on=first.due_on,
    )
    repayments.loan_payment_confirm(
        reference=payment.reference, status="succeeded", amount=payment.amount, on=first.due_on
    )
