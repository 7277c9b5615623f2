"""Collections at the station: the operator's list of late and due instalments, contacts, the admins' view."""

import datetime
import uuid

import pytest
from django.urls import reverse

from core.errors import NotPermitted, ValidationFailed
from credit import collections, services
from credit.models import CollectionContact
from tests.credit.factories import LoanProductFactory, verify_identity
from tests.factories import FarmerFactory, StationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def weekly_loans(station):
    """Two villagers of the station's village with weekly instalment loans taken three weeks ago."""
    product = LoanProductFactory(repayment_type="equal_principal", period="week", max_term_days=400)
    today = services.today_local()
    loans = []
    for _index in range(2):
        villager = FarmerFactory(home_village=station.village)
        verify_identity(villager)
        application, _created = services.loan_apply(
            borrower=villager,
            product=product,
            amount="800.00",
            term_days=None,
            instalments=8,
            purpose="piglets",
            idempotency_key=uuid.uuid4().hex,
            today=today - datetime.timedelta(days=17),
        )
        loans.append(application.loan)
    return loans


def test_operator_sees_late_and_this_weeks_instalments_with_the_last_contact(
    client, operator, weekly_loans, django_assert_num_queries
):
    today = services.today_local()
    collections.collection_contact_record(
        operator=operator,
        loan_id=weekly_loans[0].pk,
        kind="promised",
        promised_on=today,
        note="after market",
        today=today,
    )
    client.force_login(operator)
    with django_assert_num_queries(4):  # session + user, station, instalments with borrower and last contact
        response = client.get(reverse("credit:station_collections"))
    assert response.status_code == 200
    late, this_week = response.context["late"], response.context["this_week"]
    # Due 10 and 3 days ago (late), and in 4 days (this week), for each of the two loans: one line per loan, from
    # its oldest late instalment, with both late instalments added up.
    assert [(row.days_late, row.instalment_count_here) for row in late] == [(10, 2), (10, 2)]
    assert all(row.amount_total > row.amount_left for row in late)
    assert len(this_week) == 2
    noted = [row for row in late if row.loan_id == weekly_loans[0].pk]
    assert {row.last_contact_kind for row in noted} == {"promised"}
    assert "after market" in response.content.decode()
    assert f"?loan={weekly_loans[0].pk}" in response.content.decode()  # to the station cash entry


def test_contact_is_recorded_from_the_page_and_checked(client, operator, weekly_loans):
    client.force_login(operator)
    response = client.post(
        reverse("credit:station_collections"), {"loan": weekly_loans[1].pk, "kind": "visited", "note": "at the field"}
    )
    assert response.status_code == 302
    contact = CollectionContact.objects.get()
    assert (contact.kind, contact.operator, contact.promised_on) == ("visited", operator, None)
    with pytest.raises(ValidationFailed):
        collections.collection_contact_record(
            operator=operator, loan_id=weekly_loans[1].pk, kind="promised", today=services.today_local()
        )


def test_another_villages_operator_cannot_note_or_see(client, weekly_loans):
    other = StationFactory()
    with pytest.raises(NotPermitted):
        collections.collection_contact_record(
            operator=other.operator, loan_id=weekly_loans[0].pk, kind="called", today=services.today_local()
        )
    client.force_login(other.operator)
    response = client.get(reverse("credit:station_collections"))
    assert response.context["late"] == [] and response.context["this_week"] == []
    posted = client.post(reverse("credit:station_collections"), {"loan": weekly_loans[0].pk, "kind": "called"})
    assert posted.status_code == 403
    assert not CollectionContact.objects.exists()


def test_admin_sees_which_stations_are_behind(client, admin_user, station, weekly_loans):
    StationFactory()  # a station with nothing due is not listed
    client.force_login(admin_user)
    response = client.get(reverse("credit:station_collections"))
    (row,) = response.context["summary"]
    assert (row["station_id"], row["late_count"], row["week_count"], row["days_behind"]) == (station.pk, 4, 2, 10)
    detail = client.get(reverse("credit:station_collections"), {"station": station.pk})
    assert len(detail.context["late"]) == 2
