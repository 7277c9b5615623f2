import datetime
from decimal import Decimal

import pytest

from core.money import quantize_yuan
from credit import services
from credit.models import Account, LedgerEntry, LoanStatus
from tests.credit.factories import repay_through_provider

pytestmark = pytest.mark.django_db

DAY0 = datetime.date(2026, 3, 1)


def _apply(farmer, product, amount="10000.00", term=60, key="k1", today=DAY0):
    application, _created = services.loan_apply(
        borrower=farmer,
        product=product,
        amount=amount,
        term_days=term,
        purpose="seeds",
        idempotency_key=key,
        today=today,
    )
    return application


def test_interest_for_ten_thousand_at_half_a_permille_for_30_days_is_150():
    assert services.interest_for(principal=Decimal("10000.00"), daily_rate=Decimal("0.0005"), days=30) == Decimal(
        "150.00"
    )
    assert services.interest_for(principal=Decimal("10000.00"), daily_rate=Decimal("0.0005"), days=0) == Decimal("0")


def test_rounding_is_half_up_to_the_fen():
    assert quantize_yuan(Decimal("0.125")) == Decimal("0.13")
    assert quantize_yuan(Decimal("0.135")) == Decimal("0.14")
    assert quantize_yuan(Decimal("0.1249")) == Decimal("0.12")
    # 1,001 x 0.0005 x 1 = 0.5005 -> 0.50; x 5 days = 2.5025 -> 2.50; 1,010 x 0.0005 x 1 = 0.505 -> 0.51
    assert services.interest_for(principal=Decimal("1001.00"), daily_rate=Decimal("0.0005"), days=5) == Decimal("2.50")
    assert services.interest_for(principal=Decimal("1010.00"), daily_rate=Decimal("0.0005"), days=1) == Decimal("0.51")


def test_full_repayment_after_30_days_pays_150_of_interest(good_farmer, product):
    application = _apply(good_farmer, product)
    assert application.decision == "approved", application.reason_codes
    loan = application.loan
    repayment = repay_through_provider(
        loan_id=loan.pk, payer=good_farmer, amount="10150.00", on=DAY0 + datetime.timedelta(days=30)
    )
    assert (repayment.interest_part, repayment.principal_part) == (Decimal("150.00"), Decimal("10000.00"))
    loan.refresh_from_db()
    assert loan.status == LoanStatus.REPAID
    assert loan.outstanding == Decimal("0.00")
    assert loan.closed_on == DAY0 + datetime.timedelta(days=30)


def test_payment_goes_to_interest_first_then_principal(good_farmer, product):
    loan = _apply(good_farmer, product).loan
    repayment = repay_through_provider(
        loan_id=loan.pk, payer=good_farmer, amount="100.00", on=DAY0 + datetime.timedelta(days=30)
    )
    assert (repayment.interest_part, repayment.principal_part) == (Decimal("100.00"), Decimal("0.00"))
    repayment = repay_through_provider(
        loan_id=loan.pk, payer=good_farmer, amount="1050.00", on=DAY0 + datetime.timedelta(days=30)
    )
    assert (repayment.interest_part, repayment.principal_part) == (Decimal("50.00"), Decimal("1000.00"))
    loan.refresh_from_db()
    assert loan.outstanding_principal == Decimal("9000.00")
    # From now interest counts on 9,000: 10 days = 45.00.
    interest, principal = services.loan_amount_due(loan=loan, on=DAY0 + datetime.timedelta(days=40))
    assert (interest, principal) == (Decimal("45.00"), Decimal("9000.00"))


def test_accruing_nightly_or_once_gives_the_same_fen(good_farmer, product):
    # 1,234.56 x 0.0005 = 0.61728 a day: rounding daily would give 30 x 0.62 = 18.60; the stretch gives 18.52.
    loan = _apply(good_farmer, product, amount="1234.56").loan
    for day in range(1, 31):
        services.loan_accrue(loan_id=loan.pk, through=DAY0 + datetime.timedelta(days=day))
    loan.refresh_from_db()
    assert loan.outstanding_interest == Decimal("18.52")
    # A second run the same night posts nothing.
    assert services.loan_accrue(loan_id=loan.pk, through=DAY0 + datetime.timedelta(days=30)) == Decimal("0")
    receivable = sum(
        LedgerEntry.objects.filter(loan=loan, account=Account.INTEREST_RECEIVABLE).values_list("amount", flat=True)
    )
    assert receivable == Decimal("18.52")


def test_paying_more_than_owed_is_refused_with_a_clear_message(good_farmer, product):
    from core.errors import ValidationFailed

    loan = _apply(good_farmer, product, amount="1000.00").loan
    with pytest.raises(ValidationFailed) as error:
        repay_through_provider(
            loan_id=loan.pk, payer=good_farmer, amount="1005.01", on=DAY0 + datetime.timedelta(days=10)
        )
    assert error.value.code == "overpayment"
    assert "¥1,005.00" in error.value.detail
    loan.refresh_from_db()
    assert loan.repayments.count() == 0
    repay_through_provider(loan_id=loan.pk, payer=good_farmer, amount="1005.00", on=DAY0 + datetime.timedelta(days=10))
    loan.refresh_from_db()
    assert loan.status == LoanStatus.REPAID
