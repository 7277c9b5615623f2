import datetime
from decimal import Decimal

import pytest

from core.errors import Conflict, NotPermitted, ValidationFailed
from credit import services
from credit.models import Account, LedgerEntry, Loan, LoanApplication, LoanStatus, ScoreSnapshot
from tests.credit.factories import LoanProductFactory
from tests.factories import BuyerFactory

pytestmark = pytest.mark.django_db

DAY0 = datetime.date(2026, 3, 1)


def apply(borrower, product, *, amount="5000.00", term=30, key="key-1", today=DAY0):
    application, created = services.loan_apply(
        borrower=borrower,
        product=product,
        amount=amount,
        term_days=term,
        purpose="seedlings",
        idempotency_key=key,
        today=today,
    )
    return application


def test_an_eligible_villager_is_approved_and_paid_at_once(good_farmer, product):
    application = apply(good_farmer, product)
    assert (application.decision, application.reason_codes, application.tier) == ("approved", [], "gold")
    loan = application.loan
    assert (loan.status, loan.principal, loan.outstanding_principal) == (
        LoanStatus.ACTIVE,
        Decimal("5000.00"),
        Decimal("5000.00"),
    )
    assert loan.due_on == DAY0 + datetime.timedelta(days=30)
    entries = sorted(LedgerEntry.objects.filter(loan=loan).values_list("account", "amount"))
    assert entries == [(Account.CASH, Decimal("-5000.00")), (Account.PRINCIPAL_RECEIVABLE, Decimal("5000.00"))]
    # The score was recomputed on the spot and kept in the history.
    assert application.snapshot.trigger == "application"
    assert application.snapshot.score == application.score


def test_a_replay_with_the_same_key_returns_the_first_decision(good_farmer, product):
    first = apply(good_farmer, product)
    again, created = services.loan_apply(
        borrower=good_farmer,
        product=product,
        amount="5000",
        term_days=30,
        purpose="seedlings",
        idempotency_key="key-1",
        today=DAY0,
    )
    assert (again.pk, created) == (first.pk, False)
    assert Loan.objects.count() == 1
    with pytest.raises(Conflict) as error:
        apply(good_farmer, product, amount="6000.00")
    assert error.value.code == "idempotency_key_reused"


@pytest.mark.parametrize(
    ("kwargs", "product_kwargs", "codes"),
    [
        ({"amount": "30000.01"}, {}, ["amount_above_limit"]),
        ({"amount": "30000.00"}, {}, []),
        ({"term": 91}, {}, ["term_too_long"]),
        ({"amount": "99.99"}, {}, ["amount_below_minimum"]),
        ({}, {"min_score": 900}, ["score_too_low"]),
        ({}, {"min_tier": "diamond"}, ["score_too_low"]),
        ({}, {"is_active": False}, ["product_unavailable"]),
        ({"amount": "40000.00", "term": 120}, {}, ["amount_above_limit", "term_too_long"]),
    ],
)
def test_decline_reason_codes(good_farmer, kwargs, product_kwargs, codes):
    product = LoanProductFactory(**product_kwargs)
    application = apply(good_farmer, product, **kwargs)
    assert application.reason_codes == codes
    assert application.decision == ("declined" if codes else "approved")
    assert Loan.objects.filter(borrower=good_farmer).exists() == (not codes)


def test_a_tier_without_a_limit_cannot_borrow(farmer):
    product = LoanProductFactory(limits={"gold": Decimal("30000.00")})
    assert apply(farmer, product, amount="500.00").reason_codes == ["amount_above_limit"]
    assert services.borrowing_limit(product=product, score=300, tier="bronze") == Decimal("0")


def test_one_active_loan_at_a_time_and_none_while_overdue(good_farmer, product):
    loan = apply(good_farmer, product).loan
    assert apply(good_farmer, product, key="key-2").reason_codes == ["active_loan_exists"]
    assert services.loans_mark_overdue(today=loan.due_on) == 0  # due today is not late yet
    assert services.loans_mark_overdue(today=loan.due_on + datetime.timedelta(days=1)) == 1
    assert services.loans_mark_overdue(today=loan.due_on + datetime.timedelta(days=1)) == 0
    later = loan.due_on + datetime.timedelta(days=1)
    application = apply(good_farmer, product, key="key-3", today=later)
    assert "overdue_outstanding" in application.reason_codes
    assert "active_loan_exists" not in application.reason_codes


def test_late_days_lower_the_score(good_farmer, product):
    loan = apply(good_farmer, product).loan
    on_time = services.score_compute(user=good_farmer, today=loan.due_on).score
    ten_days_late = services.score_compute(user=good_farmer, today=loan.due_on + datetime.timedelta(days=10)).score
    assert on_time - ten_days_late == 20


def test_bad_input_is_refused_before_anything_is_written(good_farmer, product):
    for kwargs in (
        {"amount": "-5"},
        {"amount": "1.234"},
        {"amount": "abc"},
        {"term": 0},
        {"key": ""},
        {"key": "x" * 65},
    ):
        with pytest.raises(ValidationFailed):
            apply(good_farmer, product, **kwargs)
    assert not LoanApplication.objects.exists()
    assert not ScoreSnapshot.objects.exists()


def test_only_villagers_can_borrow(product):
    with pytest.raises(NotPermitted):
        apply(BuyerFactory(), product)


def test_write_off_only_for_overdue_loans_and_by_admins(good_farmer, product, admin_user):
    from core.errors import InvalidTransition

    loan = apply(good_farmer, product).loan
    with pytest.raises(InvalidTransition):
        services.loan_write_off(loan_id=loan.pk, by=admin_user, reason="gone", today=DAY0 + datetime.timedelta(days=5))
    services.loans_mark_overdue(today=DAY0 + datetime.timedelta(days=31))
    with pytest.raises(NotPermitted):
        services.loan_write_off(loan_id=loan.pk, by=good_farmer, reason="gone")
    loan = services.loan_write_off(
        loan_id=loan.pk, by=admin_user, reason="gone", today=DAY0 + datetime.timedelta(days=40)
    )
    assert (loan.status, loan.outstanding) == (LoanStatus.WRITTEN_OFF, Decimal("0.00"))
    loss = LedgerEntry.objects.get(loan=loan, account=Account.WRITE_OFF_LOSS).amount
    assert loss == Decimal("5100.00")  # 5,000 + 40 days x 2.50
    facts_card = services.score_compute(user=good_farmer, today=DAY0 + datetime.timedelta(days=41))
    assert next(line for line in facts_card.lines if line["factor"] == "loans_defaulted")["points"] == -300
