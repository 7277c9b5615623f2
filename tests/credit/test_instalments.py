"""Instalment loans end to end: the plan before confirming, payments late, early and ahead, the books."""

import datetime
import uuid
from decimal import Decimal

import pytest
from django.urls import reverse

from credit import selectors, services
from credit.models import InstalmentAllocation, LoanInstalment, LoanStatus, ScheduleRevision
from tests.credit.factories import LoanProductFactory, repay_through_provider

pytestmark = pytest.mark.django_db

DAY0 = datetime.date(2026, 1, 10)


@pytest.fixture
def monthly(db):
    return LoanProductFactory(
        name="Greenhouse loan",
        repayment_type="equal_instalment",
        period="month",
        max_term_days=400,
        max_instalments=12,
    )


def borrow(farmer, product, amount="6000.00", count=6, on=DAY0):
    application, _created = services.loan_apply(
        borrower=farmer,
        product=product,
        amount=amount,
        term_days=None,
        instalments=count,
        purpose="greenhouse",
        idempotency_key=uuid.uuid4().hex,
        today=on,
    )
    assert application.decision == "approved", application.reason_codes
    return application.loan


def schedule(loan):
    return list(LoanInstalment.objects.filter(loan=loan).order_by("number"))


def test_six_monthly_instalments_late_early_and_ahead(good_farmer, monthly):
    loan = borrow(good_farmer, monthly)
    assert loan.status == LoanStatus.ACTIVE
    rows = schedule(loan)
    assert [row.due_on for row in rows][:2] == [datetime.date(2026, 2, 10), datetime.date(2026, 3, 10)]
    assert loan.due_on == datetime.date(2026, 7, 10)
    assert sum(row.principal_due for row in rows) == Decimal("6000.00")
    assert rows[0].interest_due == Decimal("93.00")  # 31 days x 6,000 x 0.05 %

    # Instalment 1 paid five days late: the nightly classification saw it overdue meanwhile.
    services.loans_classify_arrears(today=datetime.date(2026, 2, 14))
    loan.refresh_from_db()
    assert (loan.status, loan.days_past_due) == (LoanStatus.OVERDUE, 4)
    late_day = datetime.date(2026, 2, 15)
    interest, _principal = services.loan_amount_due(loan=loan, on=late_day)
    assert interest == Decimal("108.00")  # 36 days of interest on 6,000: 93 scheduled + 15 for the late days
    repay_through_provider(loan_id=loan.pk, payer=good_farmer, amount=interest + rows[0].principal_due, on=late_day)
    rows = schedule(loan)
    assert rows[0].paid_on == late_day
    services.loans_classify_arrears(today=datetime.date(2026, 2, 16))
    loan.refresh_from_db()
    assert (loan.status, loan.days_past_due) == (LoanStatus.ACTIVE, 0)

    # Instalment 2 paid early, exactly what the plan shows: less interest has run, so the rest goes ahead.
    early = datetime.date(2026, 3, 1)
    repayment = repay_through_provider(loan_id=loan.pk, payer=good_farmer, amount=rows[1].total_due, on=early)
    assert repayment.interest_part < rows[1].interest_due
    after = schedule(loan)
    assert after[1].paid_on == early
    assert after[1].principal_due > rows[1].principal_due  # it carries the principal paid ahead
    assert after[2].principal_due < rows[2].principal_due  # the later instalments were recomputed
    assert sum(row.principal_due for row in after) == Decimal("6000.00")
    revision = ScheduleRevision.objects.get(loan=loan)
    assert revision.rows[2]["principal_due"] == str(rows[2].principal_due)  # the old plan is kept

    # Instalment 3 paid early too.
    repay_through_provider(loan_id=loan.pk, payer=good_farmer, amount=after[2].total_due, on=datetime.date(2026, 4, 1))
    assert schedule(loan)[2].paid_on == datetime.date(2026, 4, 1)
    assert not any(selectors.ledger_audit().values()), selectors.ledger_audit()

    # Clear the rest: every instalment is paid and the books balance.
    end = datetime.date(2026, 4, 20)
    loan.refresh_from_db()
    interest, principal = services.loan_amount_due(loan=loan, on=end)
    repay_through_provider(loan_id=loan.pk, payer=good_farmer, amount=interest + principal, on=end)
    loan.refresh_from_db()
    assert loan.status == LoanStatus.REPAID
    assert all(row.paid_on is not None for row in schedule(loan))
    assert not any(selectors.ledger_audit().values()), selectors.ledger_audit()
    shares = InstalmentAllocation.objects.filter(repayment__loan=loan)
    assert sum(share.principal for share in shares) == Decimal("6000.00")


def test_overdue_instalments_are_settled_oldest_first(good_farmer, monthly):
    loan = borrow(good_farmer, monthly, amount="3000.00", count=3)
    rows = schedule(loan)
    on = rows[1].due_on + datetime.timedelta(days=3)  # two instalments late
    repayment = repay_through_provider(loan_id=loan.pk, payer=good_farmer, amount=rows[0].total_due + 10, on=on)
    rows = schedule(loan)
    assert rows[0].paid_on == on
    # The next 10 yuan go to instalment 2's interest, none to its principal.
    assert rows[1].interest_paid == Decimal("10.00")
    assert rows[1].principal_paid == 0
    assert repayment.principal_part == rows[0].principal_due


def test_confirmation_page_shows_the_plan(client, good_farmer, monthly):
    client.force_login(good_farmer)
    response = client.post(
        reverse("credit:loan_apply"),
        {
            "product": monthly.pk,
            "amount": "6000.00",
            "instalments": "6",
            "purpose": "greenhouse",
            "idempotency_key": "k1",
        },
    )
    assert response.status_code == 200
    quote = response.context["quote"]
    assert len(quote["schedule"]) == 6
    assert sum(line.principal_due for line in quote["schedule"]) == Decimal("6000.00")
    assert quote["total"] == Decimal("6000.00") + quote["interest"]
    assert quote["effective_rate"] > quote["annual_rate"]
    body = response.content.decode()
    assert "Effective annual rate" in body and "Repayment plan" in body
    assert not LoanInstalment.objects.exists()  # nothing lent before confirming


def test_instalment_product_needs_a_count(client, good_farmer, monthly):
    client.force_login(good_farmer)
    response = client.post(
        reverse("credit:loan_apply"),
        {"product": monthly.pk, "amount": "6000.00", "purpose": "greenhouse", "idempotency_key": "k1"},
    )
    assert response.status_code == 400
    assert "instalments" in response.context["apply_form"].errors


def test_api_apply_with_instalments_returns_the_schedule(api_client, good_farmer, monthly):
    api_client.force_authenticate(good_farmer)
    response = api_client.post(
        "/api/loans/",
        {"product": monthly.pk, "amount": "6000.00", "instalments": 6, "purpose": "greenhouse"},
        format="json",
        HTTP_IDEMPOTENCY_KEY="abc",
    )
    assert response.status_code == 201, response.json()
    loan = response.json()["loan"]
    assert loan["instalment_count"] == 6
    assert len(loan["schedule"]) == 6
    assert sum(Decimal(row["principal"]) for row in loan["schedule"]) == Decimal("6000.00")
    too_many = api_client.post(
        "/api/loans/",
        {"product": monthly.pk, "amount": "6000.00", "instalments": 500, "purpose": "x"},
        format="json",
        HTTP_IDEMPOTENCY_KEY="abd",
    )
    assert too_many.status_code == 400
    assert "instalments" in too_many.json()["fields"]
