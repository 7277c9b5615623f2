"""Cash received at the station: the operator's audited entry, only for their villagers, seen by the villager at
once, and the nightly reconciliation per station."""

from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from core.audit import AuditEntry
from core.errors import NotPermitted
from credit import repayments, services
from credit.models import LedgerEntry, StationCashDay
from tests.factories import FarmerFactory, StationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def loan(good_farmer, product):
    application, _ = services.loan_apply(
        borrower=good_farmer, product=product, amount="1000.00", term_days=30, purpose="seeds", idempotency_key="k"
    )
    return application.loan


def test_operator_records_cash_the_villager_sees_at_once(api_client, operator, good_farmer, loan):
    api_client.force_authenticate(operator)
    response = api_client.post(
        "/api/station-cash/",
        {"loan": loan.pk, "amount": "300.00", "note": "at the counter"},
        format="json",
        HTTP_IDEMPOTENCY_KEY="cash-1",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["operator"] == operator.pk
    replay = api_client.post(
        "/api/station-cash/", {"loan": loan.pk, "amount": "300.00"}, format="json", HTTP_IDEMPOTENCY_KEY="cash-1"
    )
    assert replay.status_code == 200 and replay.json()["id"] == response.json()["id"]
    loan.refresh_from_db()
    assert loan.outstanding_principal == Decimal("700.00")
    entry = AuditEntry.objects.get(action="loan_cash_received")
    assert entry.actor == operator and entry.details["amount"] == "300.00"
    api_client.force_authenticate(good_farmer)
    seen = api_client.get(f"/api/loans/{loan.pk}/").json()["cash_receipts"]
    assert [(item["amount"], item["operator_name"]) for item in seen] == [("300.00", operator.display_name)]


def test_only_the_operator_of_the_villagers_village_records_cash(operator, good_farmer, loan):
    for intruder in (StationFactory().operator, good_farmer, FarmerFactory()):
        with pytest.raises(NotPermitted):
            repayments.station_cash_record(operator=intruder, loan_id=loan.pk, amount="10.00", idempotency_key="x")
    good_farmer.home_village_confirmed_at = None
    good_farmer.save(update_fields=["home_village_confirmed_at"])
    with pytest.raises(NotPermitted):
        repayments.station_cash_record(operator=operator, loan_id=loan.pk, amount="10.00", idempotency_key="y")
    assert not loan.repayments.exists()


def test_nightly_reconciliation_flags_a_station_whose_ledger_differs(operator, loan, capsys):
    day = services.today_local()
    for index, amount in enumerate(("100.00", "250.50")):
        repayments.station_cash_record(operator=operator, loan_id=loan.pk, amount=amount, idempotency_key=f"c{index}")
    call_command("station_cash_reconcile", day=day)
    cash_day = StationCashDay.objects.get()
    assert (cash_day.receipts, cash_day.recorded, cash_day.posted, cash_day.matches) == (
        2,
        Decimal("350.50"),
        Decimal("350.50"),
        True,
    )
    # Someone edits a posted cash entry behind the books' back: the next run flags the station.
    entry = LedgerEntry.objects.filter(account="cash", transaction__kind="repayment").first()
    LedgerEntry.objects.filter(pk=entry.pk).update(amount=entry.amount - 1)
    with pytest.raises(CommandError):
        call_command("station_cash_reconcile", day=day)
    assert "MISMATCH" in capsys.readouterr().out
    assert StationCashDay.objects.get().matches is False  # updated in place, never twice


def test_station_cash_page_records_and_lists(client, operator, good_farmer, loan, admin_user):
    client.force_login(operator)
    url = reverse("credit:station_cash")
    assert good_farmer.display_name in client.get(url).content.decode()
    response = client.post(url, {"loan": loan.pk, "amount": "99999", "idempotency_key": "p1"})
    assert response.status_code == 400 and "¥1,000.00" in response.content.decode()
    response = client.post(url, {"loan": loan.pk, "amount": "120", "idempotency_key": "p2"}, follow=True)
    assert "¥120.00" in response.content.decode()
    repayments.station_cash_reconcile(day=services.today_local())
    client.force_login(admin_user)
    body = client.get(url).content.decode()
    # The admin sees every station's days, named by village.
    assert "Matches" in body and "¥120.00" in body and operator.operated_stations.get().village.label in body


@pytest.mark.parametrize("villagers", [1, 5])
def test_station_cash_page_runs_a_constant_number_of_queries(
    client, operator, station, product, django_assert_num_queries, villagers
):
    for index in range(villagers):
        borrower = FarmerFactory(home_village=station.village)
        application, _ = services.loan_apply(
            borrower=borrower, product=product, amount="500.00", term_days=30, purpose="x", idempotency_key=f"k{index}"
        )
        repayments.station_cash_record(
            operator=operator, loan_id=application.loan.pk, amount="10.00", idempotency_key=f"c{index}"
        )
    repayments.station_cash_reconcile(day=services.today_local())
    client.force_login(operator)
    # session + user, station, open loans exist + choices, today's entries, reconciled days
    with django_assert_num_queries(7):
        assert client.get(reverse("credit:station_cash")).status_code == 200
