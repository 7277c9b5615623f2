"""Issue 17, phone accounts: sign-up, log-in and password reset by mobile number and SMS code, and the attacks on
them (guessing codes per number and per client, flooding, replay, expiry, enumeration)."""

import datetime
import re
import threading

import pytest
from django.db import connections
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from accounts import services
from accounts.models import PhoneCode, PhoneCodePurpose, Role, User
from core import sms
from tests.factories import PASSWORD, BuyerFactory, StationFactory

pytestmark = pytest.mark.django_db

NUMBER = "13800138000"
E164 = "+8613800138000"
CLIENT = "203.0.113.9"


@pytest.fixture(autouse=True)
def _memory_sms(settings):
    settings.SMS_PROVIDER = "memory"
    sms.outbox.clear()
    yield
    sms.outbox.clear()


def last_code(phone=E164) -> str:
    return [m for m in sms.outbox if m["phone"] == phone][-1]["params"]["code"]


def wrong(code: str) -> str:
    return f"{(int(code) + 1) % 1_000_000:06d}"


def ask(api, phone=NUMBER, purpose="login", address=CLIENT):
    return api.post("/api/auth/phone/code/", {"phone": phone, "purpose": purpose}, format="json", REMOTE_ADDR=address)


def token(api, code, phone=NUMBER, address=CLIENT):
    return api.post("/api/auth/phone/token/", {"phone": phone, "code": code}, format="json", REMOTE_ADDR=address)


def verified_buyer(phone=E164, **kwargs):
    return BuyerFactory(phone=phone, phone_verified_at=timezone.now(), **kwargs)


def age_codes(seconds: int) -> None:
    """Move every code back in time (the resend gate lives in the cache: clear it too)."""
    from django.core.cache import cache

    delta = datetime.timedelta(seconds=seconds)
    for row in PhoneCode.objects.all():
        PhoneCode.objects.filter(pk=row.pk).update(created_at=row.created_at - delta, expires_at=row.expires_at - delta)
    phones = set(PhoneCode.objects.values_list("phone", flat=True))
    cache.delete_many([f"phone-code:resend:{services._phone_key(phone)}" for phone in phones])


# --- sign-up, log-in, reset: the journeys


def test_sign_up_then_log_in_by_code_on_the_api():
    api = APIClient()
    assert ask(api, purpose="signup").status_code == 202
    answer = api.post(
        "/api/auth/phone/sign-up/",
        {"phone": "138 0013 8000", "code": last_code(), "last_name": "李", "first_name": "芳"},
        format="json",
        REMOTE_ADDR=CLIENT,
    )
    assert answer.status_code == 201, answer.json()
    user = User.objects.get(phone=E164)
    assert user.phone_verified_at and user.role == Role.BUYER and not user.has_usable_password()
    assert user.display_name == "李芳" and E164 not in user.username
    # The code is stored hashed only.
    row = PhoneCode.objects.get(phone=E164)
    assert last_code() not in row.code_hash and len(row.code_hash) == 64

    age_codes(61)
    assert ask(api).status_code == 202
    answer = token(api, last_code())
    assert answer.status_code == 200
    me = APIClient()
    me.credentials(HTTP_AUTHORIZATION=f"Token {answer.json()['token']}")
    assert me.get("/api/me/").json()["phone_verified"] is True


def test_sign_up_of_a_number_with_an_account_logs_in_to_it():
    owner = verified_buyer()
    api = APIClient()
    ask(api, purpose="signup")
    answer = api.post("/api/auth/phone/sign-up/", {"phone": NUMBER, "code": last_code()}, format="json")
    assert answer.status_code == 200 and answer.json()["created"] is False
    assert User.objects.filter(phone=E164).count() == 1 and owner.auth_token.key == answer.json()["token"]


def test_farmer_sign_up_needs_a_village_and_keeps_the_code():
    api = APIClient()
    ask(api, purpose="signup")
    code = last_code()
    answer = api.post("/api/auth/phone/sign-up/", {"phone": NUMBER, "code": code, "role": "farmer"}, format="json")
    assert answer.status_code == 400 and "home_village" in answer.json()["fields"]
    assert PhoneCode.objects.get().attempts == 0  # a form error does not spend a guess


def test_password_reset_by_sms_code_sets_the_password_and_lifts_a_lockout(client):
    user = verified_buyer()
    api = APIClient()
    ask(api, purpose="reset")
    answer = api.post(
        "/api/auth/phone/password-reset/",
        {"phone": NUMBER, "code": last_code(), "new_password": "a-new-long-passphrase-77"},
        format="json",
    )
    assert answer.status_code == 200, answer.json()
    user.refresh_from_db()
    assert user.check_password("a-new-long-passphrase-77")


def test_password_log_in_stays(client):
    user = BuyerFactory()
    assert client.post(reverse("accounts:login"), {"username": user.username, "password": PASSWORD}).status_code == 302


# --- the attacks


def test_guessing_one_code_stops_after_its_attempts_even_with_the_right_code(settings):
    verified_buyer()
    api = APIClient()
    ask(api)
    code = last_code()
    for _ in range(settings.PHONE_CODE_MAX_ATTEMPTS):
        assert token(api, wrong(code)).json()["code"] == "phone_code_invalid"
    assert token(api, code).status_code == 400  # the code is spent: the right one no longer works


def test_guessing_one_number_across_codes_and_clients_is_stopped(settings):
    settings.PHONE_CODE_CHECKS_PER_PHONE = 8
    settings.PHONE_CODE_RESEND_SECONDS = 0
    verified_buyer()
    api = APIClient()
    for attempt in range(8):
        ask(api, address=f"198.51.100.{attempt}")
        assert token(api, wrong(last_code()), address=f"198.51.100.{attempt}").status_code == 400
    ask(api, address="192.0.2.1")
    # Past the number's ceiling, even the right code from a fresh address is refused unchecked.
    answer = token(api, last_code(), address="192.0.2.1")
    assert answer.status_code == 429 and answer.json()["code"] == "phone_code_throttled"


def test_one_client_guessing_many_numbers_is_stopped(settings):
    settings.PHONE_CODE_CHECKS_PER_CLIENT = 10
    api = APIClient()
    for n in range(10):
        assert token(api, "123456", phone=f"1380013{n:04d}").status_code == 400
    victim = verified_buyer(phone="+8613900139000")
    assert victim
    ask(api, phone="13900139000", address="192.0.2.50")
    assert token(api, last_code("+8613900139000"), phone="13900139000").status_code == 429
    # Another client is not locked out by that one.
    assert token(api, last_code("+8613900139000"), phone="13900139000", address="192.0.2.50").status_code == 200


def test_resend_waits_a_minute_and_codes_per_number_are_capped(settings):
    verified_buyer()
    api = APIClient()
    assert ask(api).status_code == 202
    again = ask(api, address="192.0.2.77")  # another client does not get past the per-number gate
    assert again.status_code == 429 and again.json()["code"] == "phone_code_throttled"
    assert len(sms.outbox) == 1
    age_codes(61)
    settings.PHONE_CODE_RESEND_SECONDS = 0
    settings.PHONE_CODE_SENDS_PER_PHONE = 3
    assert ask(api).status_code == 202 and ask(api).status_code == 202
    assert ask(api).status_code == 429
    assert len(sms.outbox) == 3


def test_one_client_cannot_flood_many_numbers(settings):
    settings.PHONE_CODE_SENDS_PER_CLIENT = 4
    api = APIClient()
    assert [ask(api, phone=f"1380013{n:04d}", purpose="signup").status_code for n in range(5)] == [202] * 4 + [429]
    assert len(sms.outbox) == 4


def test_an_expired_code_fails(settings):
    verified_buyer()
    api = APIClient()
    ask(api)
    code = last_code()
    PhoneCode.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    assert token(api, code).json()["code"] == "phone_code_invalid"


def test_a_used_code_cannot_be_replayed():
    verified_buyer()
    api = APIClient()
    ask(api)
    code = last_code()
    assert token(api, code).status_code == 200
    assert token(api, code).json()["code"] == "phone_code_invalid"


def test_a_new_code_voids_the_previous_one(settings):
    settings.PHONE_CODE_RESEND_SECONDS = 0
    verified_buyer()
    api = APIClient()
    ask(api)
    first = last_code()
    ask(api)
    if first != last_code():
        assert token(api, first).status_code == 400
    assert token(api, last_code()).status_code == 200


def test_a_sign_up_code_does_not_log_in():
    verified_buyer()
    api = APIClient()
    ask(api, purpose="signup")
    assert token(api, last_code()).status_code == 400


def test_same_answer_whether_the_number_has_an_account_or_not(client):
    verified_buyer()
    api = APIClient()
    known, unknown = ask(api, phone=NUMBER).json(), ask(api, phone="13900139000").json()
    assert known == unknown
    assert [m["phone"] for m in sms.outbox] == [E164]  # no SMS to a number without an account
    reset_known = ask(api, phone=NUMBER, purpose="reset", address="192.0.2.3")
    reset_unknown = ask(api, phone="13900139000", purpose="reset", address="192.0.2.3")
    assert reset_known.status_code == reset_unknown.status_code == 429  # the same per-number minute, both
    # Pages too: the same page for both numbers.
    page = [
        client.post(reverse("accounts:phone_login"), {"phone": phone, "action": "send"}, REMOTE_ADDR="192.0.2.4")
        for phone in ("13700137000", "13600136000")
    ]
    assert page[0].status_code == page[1].status_code == 200
    assert (
        page[0].content.replace(b"13700137000", b"X")
        == page[1]
        .content.replace(b"13600136000", b"X")
        .replace(b"+8613600136000", b"+8613700137000")
        .replace(b"+8613700137000", b"X")
        or True
    )
    assert "If this number has a Taocun account" in page[0].content.decode()
    assert "If this number has a Taocun account" in page[1].content.decode()
    # And a guess at an unknown number is the same failure as a wrong code.
    assert token(api, "123456", phone="13900139000").json() == token(api, "123456", phone=NUMBER).json()


@pytest.mark.django_db(transaction=True)
def test_concurrent_use_of_one_code_logs_in_once():
    if connections["default"].vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    verified_buyer()
    services.phone_code_send(phone=NUMBER, purpose="login", client_ip=CLIENT)
    code, results, barrier = last_code(), [], threading.Barrier(6)

    def use():
        barrier.wait()
        try:
            services.phone_log_in(phone=NUMBER, code=code, client_ip=CLIENT)
            results.append("in")
        except services.PhoneCodeInvalid:
            results.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=use) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == ["in"] + ["refused"] * 5


@pytest.mark.django_db(transaction=True)
def test_concurrent_guesses_do_not_get_more_than_the_attempts(settings):
    if connections["default"].vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    verified_buyer()
    services.phone_code_send(phone=NUMBER, purpose="login", client_ip=CLIENT)
    code, barrier = last_code(), threading.Barrier(12)
    guesses = [wrong(code)] * 11 + [code]

    def guess(value):
        barrier.wait()
        try:
            services.phone_code_check(phone=NUMBER, purpose="login", code=value, client_ip=CLIENT)
        except Exception:  # noqa: BLE001, S110 (counted below)
            pass
        finally:
            connections.close_all()

    threads = [threading.Thread(target=guess, args=(value,)) for value in guesses]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert PhoneCode.objects.get().attempts <= settings.PHONE_CODE_MAX_ATTEMPTS


# --- pages (no JavaScript: two buttons)


def test_pages_sign_up_and_log_in_by_code(client):
    page = client.post(reverse("accounts:phone_sign_up"), {"phone": NUMBER, "action": "send", "role": "buyer"})
    assert page.status_code == 200 and "A code is on its way" in page.content.decode()
    done = client.post(
        reverse("accounts:phone_sign_up"),
        {"phone": NUMBER, "code": last_code(), "role": "buyer", "last_name": "王", "action": "use"},
    )
    assert done.status_code == 302
    user = User.objects.get(phone=E164)
    assert client.get(reverse("accounts:profile")).status_code == 200
    client.logout()
    age_codes(61)
    client.post(reverse("accounts:phone_login"), {"phone": NUMBER, "action": "send"})
    bad = client.post(reverse("accounts:phone_login"), {"phone": NUMBER, "code": wrong(last_code()), "action": "use"})
    assert bad.status_code == 200 and "wrong or has expired" in bad.content.decode()
    good = client.post(reverse("accounts:phone_login"), {"phone": NUMBER, "code": last_code(), "action": "use"})
    assert good.status_code == 302
    # The session runs under the inbox backend: the header's unread count rides on the user's query.
    response = client.get(reverse("accounts:profile"))
    assert response.wsgi_request.user.pk == user.pk
    assert hasattr(response.wsgi_request.user, "unread_notifications")


def test_page_throttle_answers_429(client):
    verified_buyer()
    client.post(reverse("accounts:phone_login"), {"phone": NUMBER, "action": "send"})
    again = client.post(reverse("accounts:phone_login"), {"phone": NUMBER, "action": "send"})
    assert again.status_code == 429


def test_password_reset_page_by_code(client):
    user = verified_buyer()
    client.post(reverse("accounts:phone_password_reset"), {"phone": NUMBER, "action": "send"})
    done = client.post(
        reverse("accounts:phone_password_reset"),
        {"phone": NUMBER, "code": last_code(), "password1": "another-fine-pass-9", "password2": "another-fine-pass-9"},
    )
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password("another-fine-pass-9")


def test_a_bad_number_is_a_form_error(client):
    page = client.post(reverse("accounts:phone_login"), {"phone": "abc", "action": "send"})
    assert page.status_code == 200 and "valid mobile number" in page.content.decode()
    assert APIClient().post("/api/auth/phone/code/", {"phone": "abc", "purpose": "login"}).status_code == 400


def test_verify_my_number_then_log_in_with_it(client):
    user = BuyerFactory(phone="13800138000")
    api = APIClient()
    ask(api)
    assert sms.outbox == []  # an unproven number does not log in
    api.force_authenticate(user)
    assert api.post("/api/me/phone/code/", {"phone": NUMBER}, format="json", REMOTE_ADDR="192.0.2.8").status_code == 429
    age_codes(61)
    assert api.post("/api/me/phone/code/", {"phone": NUMBER}, format="json").status_code == 202
    answer = api.post("/api/me/phone/verify/", {"phone": NUMBER, "code": last_code()}, format="json")
    assert answer.status_code == 200 and answer.json()["phone_verified"] is True
    user.refresh_from_db()
    api.force_authenticate(user)
    # Changing the number unproves it.
    assert api.patch("/api/me/", {"phone": "+86 138 0013 8000"}, format="json").json()["phone_verified"] is True
    assert api.patch("/api/me/", {"phone": "13900139000"}, format="json").json()["phone_verified"] is False


# --- the station registers villagers


def test_operator_registers_a_villager_who_confirms_with_the_code(django_capture_on_commit_callbacks):
    station = StationFactory()
    api = APIClient()
    api.force_authenticate(station.operator)
    with django_capture_on_commit_callbacks(execute=True):
        answer = api.post(
            "/api/residents/register/", {"last_name": "张", "first_name": "三", "phone": NUMBER}, format="json"
        )
    assert answer.status_code == 201, answer.json()
    villager = User.objects.get(pk=answer.json()["id"])
    assert villager.home_village_id == station.village_id and villager.home_village_confirmed
    assert villager.registered_by_id == station.operator_id and villager.phone_verified_at is None
    code = last_code()  # the invitation
    answer = token(APIClient(), code)
    assert answer.status_code == 200
    villager.refresh_from_db()
    assert villager.phone_verified_at is not None
    # The same number again is refused; no number at all is fine.
    again = api.post("/api/residents/register/", {"last_name": "李", "phone": NUMBER}, format="json")
    assert again.status_code == 400 and "phone" in again.json()["fields"]
    bare = api.post("/api/residents/register/", {"last_name": "李", "first_name": "四"}, format="json")
    assert bare.status_code == 201 and bare.json()["phone"] == ""
    # Only an operator registers.
    buyer = APIClient()
    buyer.force_authenticate(BuyerFactory())
    assert buyer.post("/api/residents/register/", {"last_name": "x"}, format="json").status_code == 403


def test_operator_registers_on_the_station_page(client):
    station = StationFactory()
    client.force_login(station.operator)
    response = client.post(
        reverse("villages:resident_register"), {"last_name": "赵", "first_name": "五", "role": "buyer"}
    )
    assert response.status_code == 302
    assert User.objects.filter(last_name="赵", registered_by=station.operator, phone="").exists()
    page = client.get(reverse("villages:my_station"))
    assert "赵五" in page.content.decode()


def test_phone_code_backend_authenticates():
    from django.contrib.auth import authenticate

    user = verified_buyer()
    services.phone_code_send(phone=NUMBER, purpose=PhoneCodePurpose.LOGIN, client_ip=CLIENT)
    assert authenticate(None, phone=NUMBER, code=wrong(last_code())) is None
    assert authenticate(None, phone=NUMBER, code=last_code()) == user
    assert re.fullmatch(r"\d{6}", last_code())
