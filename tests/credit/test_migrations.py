"""Migration credit 0003: loans from before schedules get a one-instalment schedule carrying their repayments."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("credit", "0002_money_through_provider")]
AFTER = [("credit", "0003_instalment_schedules_arrears_recoveries")]


@pytest.fixture
def back_to_latest():
    """Whatever happens, leave the test database at the latest migrations for the tests that follow."""
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_single_repayment_loans_migrate_to_one_instalment_with_nothing_lost(back_to_latest, farmer):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    Product = apps.get_model("credit", "LoanProduct")
    Application = apps.get_model("credit", "LoanApplication")
    Loan = apps.get_model("credit", "Loan")
    Repayment = apps.get_model("credit", "Repayment")
    product = Product.objects.create(name="Old", daily_interest_rate=Decimal("0.000500"), max_term_days=90)
    day = datetime.date(2026, 1, 1)
    loans = []
    for index, status in enumerate(["active", "repaid", "payout_failed"]):
        application = Application.objects.create(
            borrower_id=farmer.pk,
            product=product,
            idempotency_key=f"k{index}",
            amount=Decimal("1000.00"),
            term_days=30,
            purpose="p",
            decision="approved",
            score=500,
            tier="silver",
        )
        loans.append(
            Loan.objects.create(
                application=application,
                borrower_id=farmer.pk,
                product=product,
                principal=Decimal("1000.00"),
                daily_interest_rate=Decimal("0.000500"),
                term_days=30,
                purpose="p",
                status=status,
                disbursed_on=day,
                due_on=day + datetime.timedelta(days=30),
                outstanding_principal=Decimal("600.00") if status == "active" else Decimal("0.00"),
                interest_accrued_through=day,
                principal_changed_on=day,
                closed_on=day + datetime.timedelta(days=20) if status == "repaid" else None,
            )
        )
    Repayment.objects.create(
        loan=loans[0],
        amount=Decimal("410.00"),
        interest_part=Decimal("10.00"),
        principal_part=Decimal("400.00"),
        paid_on=day + datetime.timedelta(days=10),
    )
    Repayment.objects.create(
        loan=loans[1],
        amount=Decimal("1010.00"),
        interest_part=Decimal("10.00"),
        principal_part=Decimal("1000.00"),
        paid_on=day + datetime.timedelta(days=20),
    )

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    apps = executor.loader.project_state(AFTER).apps
    Instalment = apps.get_model("credit", "LoanInstalment")
    Allocation = apps.get_model("credit", "InstalmentAllocation")
    active = Instalment.objects.get(loan_id=loans[0].pk)
    assert (active.number, active.due_on, active.principal_due) == (1, loans[0].due_on, Decimal("1000.00"))
    assert (active.principal_paid, active.interest_paid, active.paid_on) == (Decimal("400.00"), Decimal("10.00"), None)
    assert active.interest_due == Decimal("15.00")  # 30 days of interest on 1,000, as projected at the start
    repaid = Instalment.objects.get(loan_id=loans[1].pk)
    assert (repaid.principal_paid, repaid.interest_due, repaid.paid_on) == (
        Decimal("1000.00"),
        Decimal("10.00"),
        loans[1].closed_on,
    )
    assert not Instalment.objects.filter(loan_id=loans[2].pk).exists()  # not paid out: no schedule yet
    assert Allocation.objects.count() == 2
