"""Issue 15, item 3: the failed-login lockout counts before it checks, keys per account, per account and address and
(higher) per address, and the owner of a locked account has a way back in."""

import re
import threading

import pytest
from django.conf import settings
from django.core import mail
from django.db import connections
from django.urls import reverse
from rest_framework.test import APIClient

from accounts import api as accounts_api
from tests.factories import PASSWORD, AdminFactory, BuyerFactory, FarmerFactory, StationFactory

pytestmark = pytest.mark.django_db

VILLAGE = "203.0.113.20"  # one shared connection for a whole village
ELSEWHERE = "198.51.100.7"


def _token(client, username, password, address):
    return client.post(
        "/api/auth/token/", {"username": username, "password": password}, format="json", REMOTE_ADDR=address
    )


def _login(client, username, password, address):
    return client.post(reverse("accounts:login"), {"username": username, "password": password}, REMOTE_ADDR=address)


def test_one_attacker_behind_the_village_address_does_not_lock_out_the_village(api_client, client):
    target, neighbour = BuyerFactory(), BuyerFactory()
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        assert _token(api_client, target.username, "guess", VILLAGE).status_code == 400
    assert _token(api_client, target.username, PASSWORD, VILLAGE).status_code == 429
    # The neighbour on the same connection logs in, on the API and on the pages.
    assert _token(api_client, neighbour.username, PASSWORD, VILLAGE).status_code == 200
    assert _login(client, neighbour.username, PASSWORD, VILLAGE).status_code == 302
    # And the target, from elsewhere (a phone's own connection).
    assert _token(api_client, target.username, PASSWORD, ELSEWHERE).status_code == 200


def test_guesses_from_many_addresses_lock_the_account(api_client, settings):
    settings.LOGIN_ACCOUNT_FAILURE_LIMIT = 15
    target = BuyerFactory()
    for attempt in range(15):
        assert _token(api_client, target.username, "guess", f"198.51.100.{attempt}").status_code == 400
    assert _token(api_client, target.username, PASSWORD, "192.0.2.99").status_code == 429


def test_successful_logins_do_not_fill_the_address_ceiling(api_client, settings):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 5
    villagers = [BuyerFactory() for _ in range(8)]
    for villager in villagers:
        assert _token(api_client, villager.username, PASSWORD, VILLAGE).status_code == 200
    for attempt in range(5):
        assert _token(api_client, f"nobody{attempt}", "guess", VILLAGE).status_code == 400
    assert _token(api_client, villagers[0].username, PASSWORD, VILLAGE).status_code == 429


def _lock(api_client, user, settings):
    for attempt in range(settings.LOGIN_ACCOUNT_FAILURE_LIMIT):
        _token(api_client, user.username, "guess", f"198.51.100.{attempt % 250}")
    assert _token(api_client, user.username, PASSWORD, VILLAGE).status_code == 429


def test_a_password_reset_lets_the_owner_back_in(api_client, client, settings):
    settings.LOGIN_ACCOUNT_FAILURE_LIMIT = 12
    owner = BuyerFactory(email="owner@example.com")
    _lock(api_client, owner, settings)
    client.post(reverse("accounts:password_reset"), {"email": owner.email}, REMOTE_ADDR=VILLAGE)
    link = re.search(r"/accounts/password/reset/\S+/\S+/", mail.outbox[0].body).group(0)
    form = client.get(link, REMOTE_ADDR=VILLAGE)  # redirects to the set-password form
    new_password = "pickled-cabbage-2027"
    done = client.post(form.url, {"new_password1": new_password, "new_password2": new_password}, REMOTE_ADDR=VILLAGE)
    assert done.status_code == 302
    assert _login(client, owner.username, new_password, VILLAGE).status_code == 302


def test_the_station_operator_clears_a_villager_lockout(api_client, client, settings, station):
    settings.LOGIN_ACCOUNT_FAILURE_LIMIT = 12
    villager = FarmerFactory(home_village=station.village)
    outsider = FarmerFactory(home_village=StationFactory().village)
    _lock(api_client, villager, settings)
    _lock(api_client, outsider, settings)
    client.force_login(station.operator)
    page = client.get(reverse("villages:my_station")).content.decode()
    assert reverse("villages:resident_unlock", args=[villager.pk]) in page
    assert client.post(reverse("villages:resident_unlock", args=[outsider.pk])).status_code == 404
    assert client.post(reverse("villages:resident_unlock", args=[villager.pk])).status_code == 302
    assert _token(APIClient(), villager.username, PASSWORD, VILLAGE).status_code == 200
    assert _token(APIClient(), outsider.username, PASSWORD, VILLAGE).status_code == 429


def test_the_operator_and_admins_unlock_over_the_api(api_client, settings, station):
    settings.LOGIN_ACCOUNT_FAILURE_LIMIT = 12
    villager = FarmerFactory(home_village=station.village)
    _lock(api_client, villager, settings)
    operator_api = APIClient()
    operator_api.force_authenticate(station.operator)
    listed = operator_api.get("/api/residents/").json()["results"]
    # The 12 failures and the refused try that found the lock.
    assert [row["recent_failed_logins"] for row in listed if row["id"] == villager.pk] == [13]
    assert operator_api.post(f"/api/residents/{villager.pk}/unlock/").status_code == 200
    assert _token(APIClient(), villager.username, PASSWORD, VILLAGE).status_code == 200
    other = FarmerFactory()
    _lock(api_client, other, settings)
    assert operator_api.post(f"/api/residents/{other.pk}/unlock/").status_code == 404
    admin_api = APIClient()
    admin_api.force_authenticate(AdminFactory())
    assert admin_api.post(f"/api/residents/{other.pk}/unlock/").status_code == 200
    assert _token(APIClient(), other.username, PASSWORD, VILLAGE).status_code == 200


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    not (
        settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
        and settings.CACHES["default"]["BACKEND"].endswith("RedisCache")
    ),
    reason="the race needs PostgreSQL and the shared Redis cache (DATABASE_URL, REDIS_URL)",
)
def test_30_concurrent_wrong_passwords_are_not_all_checked(monkeypatch):
    target = BuyerFactory()
    checked = []
    authenticate = accounts_api.authenticate

    def counting(*args, **kwargs):
        checked.append(1)
        return authenticate(*args, **kwargs)

    monkeypatch.setattr(accounts_api, "authenticate", counting)
    barrier = threading.Barrier(30)
    answers = [None] * 30

    def attempt(i):
        try:
            client = APIClient()
            barrier.wait()
            answers[i] = _token(client, target.username, "guess", ELSEWHERE).status_code
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=(i,)) for i in range(30)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(checked) == settings.LOGIN_FAILURE_LIMIT, answers
    assert sorted(answers) == [400] * settings.LOGIN_FAILURE_LIMIT + [429] * (30 - settings.LOGIN_FAILURE_LIMIT)
