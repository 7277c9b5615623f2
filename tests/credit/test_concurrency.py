"""Races on PostgreSQL with real threads and connections (SQLite serialises writes: skipped there)."""

import threading
from decimal import Decimal

import pytest
from django.conf import settings
from django.db import IntegrityError, connection, transaction

from core.payments import SimulatedProvider
from credit import repayments, services
from credit.models import EntryKind, LedgerTransaction, Loan, LoanApplication, Repayment
from tests.credit.factories import LoanProductFactory, completed_orders, verify_identity
from tests.factories import FarmerFactory

postgres_only = pytest.mark.skipif(
    not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"),
    reason="row locks and concurrent transactions need PostgreSQL (set DATABASE_URL)",
)


def run_together(count: int, action) -> list:
    """Start `count` threads at once; each runs action(index) on its own connection. Returns results/errors."""
    barrier = threading.Barrier(count)
    results: list = [None] * count

    def worker(index: int) -> None:
        try:
            barrier.wait()
            results[index] = action(index)
        except Exception as error:  # noqa: BLE001 - the test inspects what each thread met
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


@pytest.fixture
def borrower(transactional_db):
    farmer = FarmerFactory()
    verify_identity(farmer)
    completed_orders(farmer, 20)
    return farmer


@postgres_only
def test_twenty_applications_with_one_key_make_one_loan_and_one_disbursement(borrower):
    product = LoanProductFactory()

    def apply(_index):
        application, _created = services.loan_apply(
            borrower=borrower, product=product, amount="2000.00", term_days=30, purpose="seeds", idempotency_key="same"
        )
        return application.pk

    results = run_together(20, apply)
    assert all(isinstance(result, int) for result in results), results
    assert len(set(results)) == 1
    assert LoanApplication.objects.count() == 1
    assert Loan.objects.count() == 1
    assert LedgerTransaction.objects.filter(kind=EntryKind.DISBURSEMENT).count() == 1


@postgres_only
def test_different_keys_at_once_give_at_most_one_active_loan(borrower):
    product = LoanProductFactory()

    def apply(index):
        application, _created = services.loan_apply(
            borrower=borrower,
            product=product,
            amount="1000.00",
            term_days=30,
            purpose="seeds",
            idempotency_key=f"key-{index}",
        )
        return application.decision

    results = run_together(8, apply)
    assert sorted(results) == ["approved"] + ["declined"] * 7, results
    assert Loan.objects.filter(borrower=borrower, status__in=["active", "overdue"]).count() == 1
    declined = LoanApplication.objects.filter(decision="declined")
    assert all(application.reason_codes == ["active_loan_exists"] for application in declined)


@postgres_only
def test_concurrent_confirmations_never_overpay(borrower):
    """Ten payments of 300 started for a 1,000 loan, confirmed at once: three post, seven fail (refunded)."""
    product = LoanProductFactory()
    application, _ = services.loan_apply(
        borrower=borrower, product=product, amount="1000.00", term_days=30, purpose="x", idempotency_key="k"
    )
    loan_id = application.loan.pk
    references = [
        repayments.loan_payment_start(loan_id=loan_id, payer=borrower, amount="300.00", idempotency_key=f"p{i}")[
            0
        ].reference
        for i in range(10)
    ]

    def confirm(index):
        return repayments.loan_payment_confirm(
            reference=references[index], status="succeeded", amount=Decimal("300.00")
        ).status

    results = run_together(10, confirm)
    assert sorted(results) == ["failed"] * 7 + ["succeeded"] * 3, results
    loan = Loan.objects.get(pk=loan_id)
    assert loan.outstanding_principal == Decimal("100.00")
    assert sum(Repayment.objects.filter(loan=loan).values_list("amount", flat=True)) == Decimal("900.00")


@postgres_only
def test_replayed_confirmations_post_once(borrower):
    product = LoanProductFactory()
    application, _ = services.loan_apply(
        borrower=borrower, product=product, amount="1000.00", term_days=30, purpose="x", idempotency_key="k"
    )
    payment, _ = repayments.loan_payment_start(
        loan_id=application.loan.pk, payer=borrower, amount="300.00", idempotency_key="once"
    )
    body, signature = SimulatedProvider().confirmation(reference=payment.reference, amount=payment.amount)

    def deliver(_index):
        return repayments.loan_payment_callback_handle(body=body, signature=signature).status

    assert run_together(8, deliver) == ["succeeded"] * 8
    assert Repayment.objects.filter(loan=application.loan).count() == 1
    assert Loan.objects.get(pk=application.loan.pk).outstanding_principal == Decimal("700.00")


def test_the_database_refuses_a_second_open_loan_even_without_the_lock(borrower):
    product = LoanProductFactory()
    application, _ = services.loan_apply(
        borrower=borrower, product=product, amount="1000.00", term_days=30, purpose="x", idempotency_key="k"
    )
    loan = application.loan
    second = LoanApplication.objects.create(
        borrower=borrower,
        product=product,
        idempotency_key="k2",
        amount=1,
        term_days=1,
        purpose="x",
        decision="approved",
        score=0,
        tier="bronze",
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Loan.objects.create(
            application=second,
            borrower=borrower,
            product=product,
            principal=1,
            daily_interest_rate=0,
            term_days=1,
            purpose="x",
            disbursed_on=loan.disbursed_on,
            due_on=loan.due_on,
            outstanding_principal=1,
            interest_accrued_through=loan.disbursed_on,
            principal_changed_on=loan.disbursed_on,
        )
