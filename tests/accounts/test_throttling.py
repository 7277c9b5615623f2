"""The API's throttles name a client as every other limit does (accounts.throttling): the address the trusted proxy
reported, an IPv6 client by its /64; a signed-in user by id.

The attack: one home's IPv6 line is a whole /64, and DRF's own `get_ident` keyed on the full address, so a script
rotating through 2001:db8:1:2::1, ::2, ::3 ... got a fresh anonymous quota per request.
"""

import pytest
from rest_framework.test import APIClient
from rest_framework.throttling import SimpleRateThrottle

from accounts import throttling
from tests.factories import BuyerFactory

pytestmark = pytest.mark.django_db

URL = "/api/provinces/"  # anonymous, read-only, throttled by the defaults
PROXY = "10.0.0.5"


@pytest.fixture
def rates(monkeypatch, settings):
    """3 anonymous requests a minute (DRF reads the rates once, on the class: patched there)."""
    settings.TRUSTED_PROXIES = []
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "3/min", "user": "600/min", "suggest": "3/min"})


def _statuses(client, addresses, **meta):
    return [client.get(URL, REMOTE_ADDR=address, **meta).status_code for address in addresses]


def test_the_default_throttles_are_the_projects():
    from rest_framework.settings import api_settings

    defaults = api_settings.DEFAULT_THROTTLE_CLASSES
    assert defaults == [throttling.AnonRateThrottle, throttling.UserRateThrottle]


def test_addresses_of_one_ipv6_64_share_one_anonymous_quota(api_client, rates):
    addresses = [f"2001:db8:1:2::{n}" for n in range(1, 6)]
    addresses[3] = "2001:db8:1:2:ffff:ffff:ffff:ffff"  # the far end of the same /64
    assert _statuses(api_client, addresses) == [200, 200, 200, 429, 429]


def test_the_429_keeps_the_error_shape_and_says_when_to_come_back(api_client, rates):
    _statuses(api_client, [f"2001:db8:1:2::{n}" for n in range(1, 4)])
    refused = api_client.get(URL, REMOTE_ADDR="2001:db8:1:2::99")
    assert refused.status_code == 429
    body = refused.json()
    assert body["code"] == "throttled" and body["fields"] == {} and body["detail"]
    assert 0 < int(refused.headers["Retry-After"]) <= 60


def test_another_64_has_its_own_quota(api_client, rates):
    assert _statuses(api_client, [f"2001:db8:1:2::{n}" for n in range(1, 5)])[-1] == 429
    # The neighbouring /64 (another home on the same provider's /48) is another client.
    assert _statuses(api_client, [f"2001:db8:1:3::{n}" for n in range(1, 4)]) == [200, 200, 200]
    assert _statuses(api_client, ["2001:db8:1:3::ab"]) == [429]


def test_ipv4_is_counted_per_address_as_before(api_client, rates):
    assert _statuses(api_client, ["192.0.2.1"] * 4) == [200, 200, 200, 429]
    assert _statuses(api_client, ["192.0.2.2"] * 3) == [200, 200, 200]  # the next address: its own quota
    # An IPv4 client reaching a dual-stack socket shows as an IPv4-mapped IPv6 address: the same client.
    assert _statuses(api_client, ["::ffff:192.0.2.2"]) == [429]


def test_a_forged_x_forwarded_for_from_an_untrusted_peer_buys_no_new_quota(api_client, rates):
    answers = [
        api_client.get(URL, REMOTE_ADDR=f"2001:db8:1:2::{n}", HTTP_X_FORWARDED_FOR=f"2001:db8:{n}::1").status_code
        for n in range(1, 6)
    ]
    assert answers == [200, 200, 200, 429, 429]
    # Nor does a forged header make someone else pay: the forged addresses were never counted.
    assert _statuses(api_client, ["2001:db8:4::1"]) == [200]


def test_behind_a_trusted_proxy_the_forwarded_client_is_counted_by_its_64(api_client, rates, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    # The proxy appends the address it saw; the left part is the client's own claim, new on every request.
    answers = [
        api_client.get(URL, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}, 2001:db8:1:2::{n}").status_code
        for n in range(1, 6)
    ]
    assert answers == [200, 200, 200, 429, 429]
    # Another client behind the same proxy is not the proxy's address: it has its own quota.
    other = api_client.get(URL, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="2001:db8:7:7::1")
    assert other.status_code == 200


def test_the_ident_is_the_client_key_of_the_client_address(rf, settings):
    throttle = throttling.AnonRateThrottle()
    assert throttle.get_ident(rf.get("/", REMOTE_ADDR="2001:db8:1:2::1")) == "2001:db8:1:2::/64"
    assert throttle.get_ident(rf.get("/", REMOTE_ADDR="192.0.2.1")) == "192.0.2.1"
    # The view sees the request after TrustedProxyMiddleware; the throttle never reads the header itself.
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    request = rf.get("/", REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert throttle.get_ident(request) == "192.0.2.1"


def test_signed_in_users_are_still_counted_by_id(monkeypatch, settings):
    settings.TRUSTED_PROXIES = []
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "600/min", "user": "2/min"})
    first, second = APIClient(), APIClient()
    first.force_authenticate(BuyerFactory())
    second.force_authenticate(BuyerFactory())
    assert _statuses(first, ["2001:db8:1:2::1", "2001:db8:1:2::2", "2001:db8:1:2::3"]) == [200, 200, 429]
    # The same /64, another user: their own quota.
    assert _statuses(second, ["2001:db8:1:2::4", "2001:db8:1:2::5"]) == [200, 200]
    # Moving to another network does not refill the first user's.
    assert _statuses(first, ["2001:db8:9:9::1", "192.0.2.50"]) == [429, 429]


def test_the_suggest_rate_counts_a_64_as_one_client(api_client, rates):
    answers = [
        api_client.get("/api/products/suggest/", {"q": f"xiang{n}"}, REMOTE_ADDR=f"2001:db8:1:2::{n}").status_code
        for n in range(1, 6)
    ]
    assert answers == [200, 200, 200, 429, 429]
    other = api_client.get("/api/products/suggest/", {"q": "xiang9"}, REMOTE_ADDR="2001:db8:1:3::1")
    assert other.status_code == 200
