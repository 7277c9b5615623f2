import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import Role, User
from tests.factories import PASSWORD, BuyerFactory, VillageFactory

pytestmark = pytest.mark.django_db


def _sign_up(client, **overrides):
    data = {
        "username": "meilin",
        "email": "",
        "role": Role.BUYER,
        "password1": "rice-tofu-2026",
        "password2": "rice-tofu-2026",
        "home_village": "",
    }
    data.update(overrides)
    return client.post(reverse("accounts:sign_up"), data)


def test_buyer_signs_up_and_is_logged_in(client):
    response = _sign_up(client)
    assert response.status_code == 302
    user = User.objects.get(username="meilin")
    assert user.role == Role.BUYER and user.home_village is None
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_farmer_signs_up_with_home_village(client):
    village = VillageFactory()
    _sign_up(client, username="farmer1", role=Role.FARMER, home_village=village.pk)
    assert User.objects.get(username="farmer1").home_village == village


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"username": "taken"}, "username"),
        ({"username": "TAKEN"}, "username"),
        ({"password1": "123", "password2": "123"}, "password1"),
        ({"password1": "password", "password2": "password"}, "password1"),
        ({"password2": "something-else-9"}, "password2"),
        ({"role": Role.FARMER}, "home_village"),
        ({"role": Role.ADMIN}, "role"),
        ({"role": Role.STATION_OPERATOR}, "role"),
    ],
)
def test_bad_sign_up_shows_form_errors_and_creates_nothing(client, overrides, field):
    BuyerFactory(username="taken")
    before = User.objects.count()
    response = _sign_up(client, **overrides)
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert User.objects.count() == before


def test_login_and_logout(client):
    user = BuyerFactory()
    response = client.post(reverse("accounts:login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_failed_logins_lock_the_account_for_a_while(client, settings):
    user = BuyerFactory()
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        response = client.post(reverse("accounts:login"), {"username": user.username, "password": "wrong"})
        assert response.status_code == 200
    # Even the right password is refused while locked.
    response = client.post(reverse("accounts:login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 429
    assert "Too many failed logins" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_failed_logins_lock_the_client_across_accounts(client, settings):
    # A spray over many accounts from one address meets the (higher) address ceiling.
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 12
    for attempt in range(settings.LOGIN_ADDRESS_FAILURE_LIMIT):
        client.post(reverse("accounts:login"), {"username": f"guess{attempt}", "password": "wrong"})
    user = BuyerFactory()
    response = client.post(reverse("accounts:login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 429


def test_password_change(client):
    user = BuyerFactory()
    client.force_login(user)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": "pickled-cabbage-15", "new_password2": "pickled-cabbage-15"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("pickled-cabbage-15")


def test_password_reset_sends_a_link(client):
    BuyerFactory(email="ying@example.com")
    response = client.post(reverse("accounts:password_reset"), {"email": "ying@example.com"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/accounts/password/reset/" in mail.outbox[0].body


def test_language_switch_is_remembered_for_a_logged_in_user(client):
    user = BuyerFactory()
    client.force_login(user)
    client.post(reverse("accounts:language_switch"), {"language": "zh-hans", "next": "/"})
    user.refresh_from_db()
    assert user.preferred_language == "zh-hans"
    client.logout()
    client.cookies.clear()
    response = client.post(reverse("accounts:login"), {"username": user.username, "password": PASSWORD})
    assert response.cookies["django_language"].value == "zh-hans"


@pytest.mark.parametrize(
    ("factory", "landing"),
    [
        ("StationFactory", "/villages/my-station/"),
        ("FarmerFactory", "/shop/mine/"),
        ("AdminFactory", "/certification/"),
        ("BuyerFactory", "/"),
    ],
)
def test_each_role_lands_where_its_work_is(client, factory, landing):
    from tests import factories

    made = getattr(factories, factory)()
    user = getattr(made, "operator", made)
    response = client.post(reverse("accounts:login"), {"username": user.username, "password": PASSWORD})
    assert response["Location"] == landing
    # An explicit ?next= still wins.
    client.logout()
    response = client.post(
        reverse("accounts:login") + "?next=/orders/mine/", {"username": user.username, "password": PASSWORD}
    )
    assert response["Location"] == "/orders/mine/"
