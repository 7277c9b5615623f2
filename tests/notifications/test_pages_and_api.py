"""The inbox and preferences pages and /api/notifications/: own notifications only, constant queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from notifications import services
from notifications.models import Notification, Preference
from tests.factories import BuyerFactory, FarmerFactory

pytestmark = pytest.mark.django_db


def tell(user, n, event="order_shipped"):
    for i in range(n):
        services.notify(
            event=event,
            recipients=[user],
            key=f"order:{user.pk}:{i}",
            params={"number": f"TC{i}", "carrier": "SF", "tracking_number": f"SF{i}"},
            url=f"/orders/TC{i}/",
        )


@pytest.fixture
def reader(client):
    user = FarmerFactory(username="reader", phone="13800138000")
    client.force_login(user)
    return user


def page_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


def test_the_inbox_lists_own_notifications_in_constant_queries(client, reader, django_capture_on_commit_callbacks):
    tell(BuyerFactory(), 3)  # someone else's
    with django_capture_on_commit_callbacks(execute=True):
        tell(reader, 2)
    small, response = page_queries(client, "/notifications/")
    assert response.content.decode().count('class="inbox-item unread"') == 2
    with django_capture_on_commit_callbacks(execute=True):
        tell(reader, 25)
    large, response = page_queries(client, "/notifications/")
    body = response.content.decode()
    assert body.count('class="inbox-item unread"') == 20 and "Page 1 of 2" in body
    assert small == large, (small, large)


def test_the_header_badge_costs_no_query(client):
    """The count rides on the query that loads the signed-in user: pages run as many queries as before."""
    user = BuyerFactory()
    client.force_login(user)
    with CaptureQueriesContext(connection) as before:
        body = client.get("/villages/").content.decode()
    assert "inbox-count" not in body
    tell(user, 3)
    with CaptureQueriesContext(connection) as after:
        body = client.get("/villages/").content.decode()
    assert '<span class="inbox-count">3</span>' in body
    assert len(after) == len(before)
    assert not [q for q in after.captured_queries if q["sql"].startswith('SELECT COUNT(*) FROM "notifications')]
    client.post(f"/notifications/{Notification.objects.filter(recipient=user).first().pk}/read/")
    assert '<span class="inbox-count">2</span>' in client.get("/villages/").content.decode()
    tell(user, 120)
    assert '<span class="inbox-count">99+</span>' in client.get("/villages/").content.decode()


def test_mark_read_and_mark_all_read(client, reader, django_capture_on_commit_callbacks):
    tell(reader, 3)
    first = Notification.objects.filter(recipient=reader).first()
    response = client.post(f"/notifications/{first.pk}/read/", {"open": "1"})
    assert response.status_code == 302 and response["Location"] == first.url
    first.refresh_from_db()
    assert first.read_at is not None
    client.post("/notifications/read-all/")
    assert not Notification.objects.filter(recipient=reader, read_at__isnull=True).exists()
    assert "inbox-count" not in client.get("/notifications/").content.decode()


def test_someone_elses_notification_cannot_be_read(client, reader):
    other = BuyerFactory()
    tell(other, 1)
    theirs = Notification.objects.get(recipient=other)
    assert client.post(f"/notifications/{theirs.pk}/read/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_an_offsite_link_is_not_followed(client, reader):
    services.notify(event="order_paid", recipients=[reader], key="x", params={}, url="https://evil.example/")
    notification = Notification.objects.get(recipient=reader)
    response = client.post(f"/notifications/{notification.pk}/read/", {"open": "1"})
    assert response["Location"].startswith("/notifications/")


def test_the_preferences_page_saves_choices_but_not_locked_ones(client, reader):
    page = client.get("/notifications/preferences/").content.decode()
    assert 'name="parcel_arrived.sms" checked disabled' in page
    assert 'name="flagged.email"' not in page  # admins only
    # Tick e-mail for the loan approval only: every other unlocked box is now off.
    response = client.post("/notifications/preferences/", {"loan_approved.email": "on", "parcel_arrived.sms": ""})
    assert response.status_code == 302
    saved = dict(((p.event, p.channel), p.enabled) for p in Preference.objects.filter(user=reader))
    assert saved[("loan_approved", "email")] is True and saved[("order_shipped", "sms")] is False
    assert ("parcel_arrived", "sms") not in saved  # locked: never written, always on


def test_pages_need_a_login(client):
    for url in ("/notifications/", "/notifications/preferences/"):
        assert client.get(url).status_code == 302


def test_the_api_lists_reads_and_counts(api_client, django_assert_max_num_queries):
    user = BuyerFactory()
    tell(user, 3)
    tell(BuyerFactory(), 2)
    api_client.force_authenticate(user)
    with django_assert_max_num_queries(2):  # count + page
        listing = api_client.get("/api/notifications/", HTTP_ACCEPT_LANGUAGE="fr").json()
    assert listing["count"] == 3 and listing["results"][0]["title"].startswith("La commande TC")
    first = listing["results"][0]["id"]
    assert api_client.post(f"/api/notifications/{first}/read/").json()["read"] is True
    assert api_client.get("/api/notifications/unread-count/").json() == {"unread": 2}
    assert api_client.get("/api/notifications/?unread=1").json()["count"] == 2
    assert api_client.post("/api/notifications/read-all/").json() == {"unread": 0}
    assert api_client.get("/api/notifications/unread-count/").json() == {"unread": 0}


def test_the_api_refuses_others_and_anonymous(api_client):
    other = BuyerFactory()
    tell(other, 1)
    theirs = Notification.objects.get(recipient=other)
    assert api_client.get("/api/notifications/").status_code in (401, 403)
    api_client.force_authenticate(BuyerFactory())
    assert api_client.post(f"/api/notifications/{theirs.pk}/read/").status_code == 404
    assert api_client.get(f"/api/notifications/{theirs.pk}/").status_code == 404


def test_api_preferences(api_client):
    user = BuyerFactory()
    api_client.force_authenticate(user)
    rows = {row["event"]: row for row in api_client.get("/api/notifications/preferences/").json()}
    assert "flagged" not in rows
    assert {c["channel"]: c for c in rows["parcel_arrived"]["channels"]}["sms"] == {
        "channel": "sms",
        "enabled": True,
        "locked": True,
    }
    response = api_client.put(
        "/api/notifications/preferences/",
        [{"event": "order_shipped", "channel": "sms", "enabled": False}],
        format="json",
    )
    assert response.status_code == 200
    rows = {row["event"]: row for row in response.json()}
    assert {c["channel"]: c["enabled"] for c in rows["order_shipped"]["channels"]} == {"sms": False, "email": True}
    refused = api_client.put(
        "/api/notifications/preferences/",
        [
            {"event": "parcel_arrived", "channel": "sms", "enabled": False},
            {"event": "nope", "channel": "sms", "enabled": True},
        ],
        format="json",
    )
    assert refused.status_code == 400
    assert set(refused.json()["fields"]) == {"parcel_arrived.sms", "nope.sms"}
    assert api_client.put("/api/notifications/preferences/", [{"event": "x"}], format="json").status_code == 400
    assert Preference.objects.filter(user=user).count() == 1  # nothing half-written


@pytest.mark.parametrize("pk", ["99999999999999999999999", "0", "-1", "abc"])
def test_odd_ids_are_not_found_never_a_500(api_client, client, pk):
    user = BuyerFactory()
    api_client.force_authenticate(user)
    assert api_client.post(f"/api/notifications/{pk}/read/").status_code in (400, 404)
    assert api_client.get(f"/api/notifications/{pk}/").status_code in (400, 404)
    client.force_login(user)
    assert client.post(f"/notifications/{pk}/read/").status_code == 404


def test_preferences_api_refuses_what_is_not_a_list(api_client):
    api_client.force_authenticate(BuyerFactory())
    for body in ({"event": "order_paid"}, ["x"], [{"event": "order_paid", "channel": "fax", "enabled": True}]):
        assert api_client.put("/api/notifications/preferences/", body, format="json").status_code == 400


def test_admins_read_and_filter_the_delivery_log(client, django_capture_on_commit_callbacks):
    from tests.factories import AdminFactory

    user = BuyerFactory(phone="13800138000", email="b@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        tell(user, 2)
    client.force_login(AdminFactory(is_superuser=True))  # Django's admin: superusers, as the other apps' logs
    for url in (
        "/admin/notifications/delivery/",
        "/admin/notifications/delivery/?status__exact=sent&channel__exact=sms",
        "/admin/notifications/delivery/?notification__event__exact=order_shipped",
        "/admin/notifications/notification/",
        f"/admin/notifications/notification/{Notification.objects.first().pk}/change/",
    ):
        assert client.get(url).status_code == 200, url
    body = client.get("/admin/notifications/delivery/?status__exact=sent&channel__exact=sms").content.decode()
    assert "2 deliveries" in body and "+8613800138000" in body  # the two text messages, not the e-mails


def test_options_on_the_preferences_is_answered_not_a_500(api_client):
    """The fuzzer's OPTIONS: DRF's metadata asks the list-level action for an object it does not have."""
    api_client.force_authenticate(BuyerFactory())
    api_client.raise_request_exception = False
    response = api_client.options("/api/notifications/preferences/")
    assert response.status_code == 200
    assert api_client.options("/api/notifications/").status_code == 200
