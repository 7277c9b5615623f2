import pytest
from rest_framework.throttling import SimpleRateThrottle

from accounts.services import user_role_set
from core.models import AuditEntry
from tests.factories import AdminFactory, BuyerFactory, VillageFactory

pytestmark = pytest.mark.django_db


def test_pages_and_api_carry_a_content_security_policy(client):
    for url in ("/", "/villages/", "/api/provinces/", "/api/docs/"):
        policy = client.get(url)["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy


def test_api_docs_have_no_inline_script(client):
    body = client.get("/api/docs/").content.decode()
    assert "<script>" not in body.replace(" ", "")


def test_role_change_in_the_admin_is_audited_with_the_address(client):
    admin, user, village = AdminFactory(is_superuser=True), BuyerFactory(), VillageFactory()
    client.force_login(admin)
    response = client.post(
        f"/admin/accounts/user/{user.pk}/change/",
        {
            "username": user.username,
            "role": "farmer",
            "home_village": village.pk,
            "is_active": "on",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "10:00:00",
        },
        REMOTE_ADDR="10.1.2.3",
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    user.refresh_from_db()
    assert user.role == "farmer"
    entry = AuditEntry.objects.get(action="role_change")
    assert (entry.actor, entry.target_id, entry.ip_address) == (admin, str(user.pk), "10.1.2.3")
    assert entry.details == {"from": "buyer", "to": "farmer"}


def test_role_set_without_a_change_is_not_logged():
    admin, user = AdminFactory(), BuyerFactory()
    user_role_set(actor=admin, user=user, role="buyer")
    assert not AuditEntry.objects.exists()


def test_api_throttles_anonymous_clients(api_client, monkeypatch):
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "3/min", "user": "600/min"})
    statuses = [api_client.get("/api/provinces/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    assert api_client.get("/api/provinces/").json()["code"] == "throttled"
