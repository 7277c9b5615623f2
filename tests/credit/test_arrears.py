"""Arrears: the nightly classification (SQL, chunked, resumable), the loan book per area and month with PAR30,
its CSV, write-off proposals with a reason, and recoveries after a write-off."""

import datetime
import uuid
from decimal import Decimal

import pytest
from django.urls import reverse

from credit import arrears, selectors, services
from credit.models import Account, ArrearsRun, LedgerEntry, Loan, LoanStatus, PortfolioMonth
from credit.scorecard import scorecard_compute
from tests.credit.factories import LoanProductFactory, repay_through_provider, verify_identity
from tests.factories import FarmerFactory

pytestmark = pytest.mark.django_db

DAY0 = datetime.date(2026, 1, 5)


def lend(borrower, product, *, amount="1000.00", term_days=30, instalments=None, on=DAY0) -> Loan:
    application, _created = services.loan_apply(
        borrower=borrower,
        product=product,
        amount=amount,
        term_days=term_days,
        instalments=instalments,
        purpose="seeds",
        idempotency_key=uuid.uuid4().hex,
        today=on,
    )
    assert application.decision == "approved", application.reason_codes
    return application.loan


@pytest.fixture
def book(station):
    """Three villagers of the station's village: one loan on time, one 10 days late, one 45 days late."""
    product = LoanProductFactory(write_off_after_days=40)
    loans = []
    for _index in range(3):
        villager = FarmerFactory(home_village=station.village)
        verify_identity(villager)
        loans.append(lend(villager, product))
    return product, loans


def test_classification_sets_days_past_due_and_status_in_chunks(book):
    _product, loans = book
    today = DAY0 + datetime.timedelta(days=30 + 12)  # all three 12 days late
    repay_through_provider(
        loan_id=loans[0].pk,
        payer=loans[0].borrower,
        amount=sum(services.loan_amount_due(loan=loans[0], on=today)),
        on=today,
    )
    run = arrears.arrears_classify(today=today, chunk=1)  # one loan id per statement
    assert run.finished_at is not None
    states = {loan.pk: (loan.status, loan.days_past_due) for loan in Loan.objects.all()}
    assert states[loans[0].pk] == (LoanStatus.REPAID, 0)
    assert states[loans[1].pk] == (LoanStatus.OVERDUE, 12)
    # A finished day does nothing more; the month's book is written per station.
    assert arrears.arrears_classify(today=today).loans == run.loans
    row = PortfolioMonth.objects.get()
    assert row.loans == 2
    assert row.outstanding_principal == Decimal("2000.00")
    assert row.arrears["1-30"] == Decimal("2000.00") or Decimal(str(row.arrears["1-30"])) == Decimal("2000.00")
    assert row.par30_principal == 0


def test_a_stopped_run_resumes_where_it_was(book):
    _product, loans = book
    today = DAY0 + datetime.timedelta(days=45)
    ArrearsRun.objects.create(day=today, last_loan_id=loans[0].pk)  # stopped after the first loan
    arrears.arrears_classify(today=today, chunk=1)
    states = dict(Loan.objects.values_list("pk", "days_past_due"))
    assert states[loans[0].pk] == 0  # not classified again: the stopped run had done up to it
    assert states[loans[1].pk] == states[loans[2].pk] == 15


def test_loan_book_shows_par30_by_area_and_exports_csv(client, admin_user, book, django_assert_num_queries):
    _product, loans = book
    arrears.arrears_classify(today=DAY0 + datetime.timedelta(days=30 + 31))  # 31 days late: PAR30
    client.force_login(admin_user)
    # session, user, totals, by county, overdue, write-off proposals, months, portfolio, PAR30 trend
    with django_assert_num_queries(9):
        response = client.get(reverse("credit:loan_book"), {"level": "station"})
    assert response.status_code == 200
    # Once classified, the whole-book figures come from the month's rows and agree with the live ones.
    live = selectors.loan_book_totals()
    shown = response.context["totals"]
    for key in ("loans", "open_count", "outstanding", "overdue_count", "overdue", "defaults_count", "disbursed"):
        assert shown[key] == live[key], key
    assert [row["outstanding"] for row in response.context["counties"]] == [
        row["outstanding"] for row in selectors.loan_book_by_county()
    ]
    (row,) = response.context["portfolio"]
    assert row["outstanding"] == Decimal("3000.00")
    assert row["par30"] == Decimal("3000.00")
    assert row["par30_ratio"] == 1
    assert response.context["trend"][0]["cells"] == [1]
    assert {loan.pk for loan in response.context["proposals"]} == set()  # 31 < 40 days
    for level in ("county", "township"):
        assert client.get(reverse("credit:loan_book"), {"level": level}).status_code == 200
    csv_response = client.get(reverse("credit:loan_book_csv"), {"level": "county"})
    assert csv_response["Content-Type"].startswith("text/csv")
    lines = csv_response.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("month,county,name,open_loans,outstanding_principal,arrears_1-30")
    assert len(lines) == 2 and "3000.00" in lines[1]


def test_write_off_is_proposed_past_the_threshold_and_needs_a_reason(client, admin_user, book):
    _product, loans = book
    arrears.arrears_classify(today=DAY0 + datetime.timedelta(days=30 + 41))
    assert {loan.pk for loan in selectors.write_off_proposals()} == {loan.pk for loan in loans}
    client.force_login(admin_user)
    client.post(reverse("credit:loan_write_off", args=[loans[0].pk]), {"reason": ""})
    assert Loan.objects.get(pk=loans[0].pk).status == LoanStatus.OVERDUE
    client.post(reverse("credit:loan_write_off", args=[loans[0].pk]), {"reason": "left the village"})
    loan = Loan.objects.get(pk=loans[0].pk)
    assert (loan.status, loan.write_off_reason) == (LoanStatus.WRITTEN_OFF, "left the village")
    assert loan.written_off_amount > Decimal("1000.00")


def test_recoveries_after_a_write_off_have_their_own_entries_and_count_in_the_score(admin_user, book):
    _product, loans = book
    loan = loans[0]
    late = DAY0 + datetime.timedelta(days=90)
    services.loans_mark_overdue(today=late)
    loan = services.loan_write_off(loan_id=loan.pk, by=admin_user, reason="no contact", today=late)
    borrower = loan.borrower
    facts = selectors.score_facts_for_users(user_ids=[borrower.pk], today=late)[borrower.pk]
    assert (facts.loans_defaulted, facts.loans_recovered) == (1, 0)

    repay_through_provider(loan_id=loan.pk, payer=borrower, amount="500.00", on=late)
    loan.refresh_from_db()
    assert (loan.status, loan.recovered) == (LoanStatus.WRITTEN_OFF, Decimal("500.00"))
    assert LedgerEntry.objects.filter(loan=loan, account=Account.RECOVERY_INCOME).get().amount == Decimal("-500.00")
    rest = loan.written_off_amount - loan.recovered
    repay_through_provider(loan_id=loan.pk, payer=borrower, amount=rest, on=late)
    loan.refresh_from_db()
    assert loan.recovered == loan.written_off_amount
    assert not any(selectors.ledger_audit().values())

    facts = selectors.score_facts_for_users(user_ids=[borrower.pk], today=late)[borrower.pk]
    assert (facts.loans_defaulted, facts.loans_recovered) == (1, 1)
    lines = {line["factor"]: line for line in scorecard_compute(facts).lines}
    assert lines["loans_defaulted"]["points"] == -300
    assert lines["loans_recovered"]["points"] == 150


def test_instalment_days_late_count_in_the_score(station):
    product = LoanProductFactory(repayment_type="equal_principal", period="week", max_term_days=400)
    villager = FarmerFactory(home_village=station.village)
    verify_identity(villager)
    lend(villager, product, term_days=None, instalments=4)
    today = DAY0 + datetime.timedelta(days=7 + 5)  # the first weekly instalment is 5 days late
    arrears.arrears_classify(today=today)
    assert Loan.objects.get(borrower=villager).days_past_due == 5
    facts = selectors.score_facts_for_users(user_ids=[villager.pk], today=today)[villager.pk]
    assert facts.days_late == 5
