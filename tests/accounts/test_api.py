import pytest

from tests.factories import PASSWORD, BuyerFactory, FarmerFactory

pytestmark = pytest.mark.django_db


def test_token_then_me(api_client):
    farmer = FarmerFactory()
    response = api_client.post("/api/auth/token/", {"username": farmer.username, "password": PASSWORD}, format="json")
    assert response.status_code == 200
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    me = api_client.get("/api/me/").json()
    assert me["username"] == farmer.username
    assert me["role"] == "farmer"
    assert me["home_village"] == farmer.home_village_id


def test_me_needs_authentication(api_client):
    response = api_client.get("/api/me/")
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_wrong_password_is_400_with_the_error_shape(api_client):
    user = BuyerFactory()
    response = api_client.post("/api/auth/token/", {"username": user.username, "password": "nope"}, format="json")
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_credentials"


def test_token_requests_are_locked_after_ten_failures(api_client, settings):
    user = BuyerFactory()
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        api_client.post("/api/auth/token/", {"username": user.username, "password": "nope"}, format="json")
    response = api_client.post("/api/auth/token/", {"username": user.username, "password": PASSWORD}, format="json")
    assert response.status_code == 429
    assert response.json()["code"] == "login_locked"


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ("{not json", "application/json"),
        ('{"username": 12}', "application/json"),
        ("[]", "application/json"),
        ('{"username": "a"}', "application/json"),
    ],
)
def test_malformed_token_requests_are_400_never_500(api_client, body, content_type):
    response = api_client.generic("POST", "/api/auth/token/", body, content_type=content_type)
    assert response.status_code == 400
    payload = response.json()
    assert set(payload) == {"code", "detail", "fields"}


def test_me_patch_validates_fields(api_client):
    user = BuyerFactory()
    api_client.force_authenticate(user)
    response = api_client.patch("/api/me/", {"email": "not-an-email", "preferred_language": "xx"}, format="json")
    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"email", "preferred_language"}
    response = api_client.patch("/api/me/", {"role": "admin", "first_name": "Ning"}, format="json")
    assert response.status_code == 200
    user.refresh_from_db()
    assert user.role == "buyer" and user.first_name == "Ning"
