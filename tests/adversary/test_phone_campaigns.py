"""Red-team campaign on phone log-in and sign-up by SMS code: a script that pumps texts to premium numbers abroad
(each text earns its operator a share of what we pay), and one that rotates through the 2^64 addresses of its own
IPv6 /64 to get past the per-client ceilings on codes sent and codes guessed, or forges X-Forwarded-For; and a
thief holding an API token after its owner reset or changed the password."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from accounts import services
from accounts.models import PhoneCode
from core import sms
from tests.factories import PASSWORD, BuyerFactory

pytestmark = pytest.mark.django_db

# Valid numbers of other regions, the kind an SMS pumping ring rents: UK, Latvia, a Pacific island.
PREMIUM_ABROAD = ("+447400123456", "+37120123456", "+6767401234")
SUBNET = "2001:db8:42:7"  # one subscriber's /64


def in_subnet(n: int) -> str:
    return f"{SUBNET}::{n + 1:x}"


@pytest.fixture(autouse=True)
def _memory_sms(settings):
    settings.SMS_PROVIDER = "memory"
    sms.outbox.clear()
    yield
    sms.outbox.clear()


def ask(api, phone, *, purpose="signup", address="203.0.113.9", **headers):
    return api.post(
        "/api/auth/phone/code/", {"phone": phone, "purpose": purpose}, format="json", REMOTE_ADDR=address, **headers
    )


def guess(api, phone, code, *, address):
    return api.post("/api/auth/phone/token/", {"phone": phone, "code": code}, format="json", REMOTE_ADDR=address)


def test_sign_up_codes_to_premium_numbers_abroad_are_never_texted():
    api = APIClient()
    for number in PREMIUM_ABROAD:
        answer = ask(api, number)
        assert answer.status_code == 400, answer.content
        assert answer.json()["fields"]["phone"]
    assert sms.outbox == [] and not PhoneCode.objects.exists()
    # A mainland number still gets its code.
    assert ask(api, "13800138000").status_code == 202 and len(sms.outbox) == 1


def test_regions_allowed_are_a_setting(settings):
    settings.PHONE_CODE_REGIONS = ["CN", "GB"]
    assert ask(APIClient(), PREMIUM_ABROAD[0]).status_code == 202
    assert [m["phone"] for m in sms.outbox] == [PREMIUM_ABROAD[0]]


def test_rotating_ipv6_addresses_of_one_subnet_does_not_lift_the_send_ceiling(settings):
    settings.PHONE_CODE_SENDS_PER_CLIENT = 4
    api = APIClient()
    answers = [ask(api, f"1380013{n:04d}", address=in_subnet(n)).status_code for n in range(6)]
    assert answers == [202] * 4 + [429] * 2
    assert len(sms.outbox) == 4
    # A neighbour on another subscriber's /64 is not throttled by that one.
    assert ask(api, "13800139999", address="2001:db8:42:8::1").status_code == 202


def test_rotating_ipv6_addresses_does_not_lift_the_guess_ceiling(settings):
    settings.PHONE_CODE_CHECKS_PER_CLIENT = 10
    api = APIClient()
    for n in range(10):
        assert guess(api, f"1380013{n:04d}", "123456", address=in_subnet(n)).status_code == 400
    answer = guess(api, "13800130099", "123456", address=in_subnet(99))
    assert answer.status_code == 429 and answer.json()["code"] == "phone_code_throttled"


def test_an_ipv4_mapped_address_counts_as_its_ipv4_client(settings):
    settings.PHONE_CODE_SENDS_PER_CLIENT = 2
    api = APIClient()
    assert ask(api, "13800130001", address="198.51.100.7").status_code == 202
    assert ask(api, "13800130002", address="::ffff:198.51.100.7").status_code == 202
    assert ask(api, "13800130003", address="198.51.100.7").status_code == 429
    assert services.client_key("::ffff:198.51.100.7") == "198.51.100.7"
    assert services.client_key("unknown") == "unknown"


def test_a_forged_forwarded_for_header_does_not_give_a_fresh_client(settings):
    settings.PHONE_CODE_SENDS_PER_CLIENT = 2
    api = APIClient()
    answers = [
        ask(api, f"1380013{n:04d}", HTTP_X_FORWARDED_FOR=f"10.{n}.0.1", HTTP_X_REAL_IP=f"10.{n}.0.2").status_code
        for n in range(3)
    ]
    assert answers == [202, 202, 429]


def test_password_guessing_from_one_ipv6_subnet_meets_the_address_lockout(settings, client):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 5
    settings.LOGIN_FAILURE_LIMIT = 100
    victims = [BuyerFactory() for _ in range(6)]
    answers = [
        client.post(
            "/api/auth/token/",
            {"username": victim.username, "password": "not-" + PASSWORD},
            REMOTE_ADDR=in_subnet(n),
        ).status_code
        for n, victim in enumerate(victims)
    ]
    assert answers[:5] == [400] * 5 and answers[5] == 429


def test_a_stolen_api_token_stops_working_once_the_owner_resets_the_password_by_sms():
    victim = BuyerFactory(phone="+8613800138000", phone_verified_at=timezone.now())
    thief = APIClient()
    assert ask(thief, "13800138000", purpose="login").status_code == 202
    code = [m for m in sms.outbox if m["phone"] == "+8613800138000"][-1]["params"]["code"]
    stolen = thief.post("/api/auth/phone/token/", {"phone": "13800138000", "code": code}, format="json").json()["token"]
    thief.credentials(HTTP_AUTHORIZATION=f"Token {stolen}")
    assert thief.get("/api/me/").status_code == 200
    # The owner notices and resets the password with a fresh code (another client, a minute later).
    owner = APIClient()
    cache.delete(f"phone-code:resend:{services._phone_key('+8613800138000')}")
    assert ask(owner, "13800138000", purpose="reset", address="198.51.100.3").status_code == 202
    code = [m for m in sms.outbox if m["phone"] == "+8613800138000"][-1]["params"]["code"]
    reset = owner.post(
        "/api/auth/phone/password-reset/",
        {"phone": "13800138000", "code": code, "new_password": "a-new-long-passphrase-77"},
        format="json",
        REMOTE_ADDR="198.51.100.3",
    )
    assert reset.status_code == 200, reset.content
    assert thief.get("/api/me/").status_code == 401
    # The reset code is spent: replaying it does nothing.
    again = owner.post(
        "/api/auth/phone/password-reset/",
        {"phone": "13800138000", "code": code, "new_password": "another-long-passphrase-88"},
        format="json",
        REMOTE_ADDR="198.51.100.3",
    )
    assert again.status_code == 400
    victim.refresh_from_db()
    assert victim.check_password("a-new-long-passphrase-77")


def test_changing_the_password_on_the_page_revokes_the_api_token_and_keeps_the_session(client):
    victim = BuyerFactory()
    token = Token.objects.create(user=victim)
    client.force_login(victim)
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "a-new-long-passphrase-77",
            "new_password2": "a-new-long-passphrase-77",
        },
    )
    assert response.status_code == 302
    assert not Token.objects.filter(pk=token.pk).exists()
    thief = APIClient()
    thief.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert thief.get("/api/me/").status_code == 401
    assert client.get(reverse("accounts:profile")).status_code == 200
