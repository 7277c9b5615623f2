"""Compressed responses for slow links, and the pages that must not be (BREACH)."""

import gzip

import pytest

from orders.models import AssistedStatus
from tests.factories import FarmerFactory
from tests.orders.factories import AssistedPurchaseFactory

pytestmark = pytest.mark.django_db


def test_html_and_json_are_gzipped_with_random_padding(client):
    sizes = set()
    for _ in range(8):
        response = client.get("/villages/", HTTP_ACCEPT_ENCODING="gzip, deflate")
        assert response["Content-Encoding"] == "gzip" and "Accept-Encoding" in response["Vary"]
        assert b"<html" in gzip.decompress(response.content)
        sizes.add(len(response.content))
    # Django's "Heal the Breach" padding: the same page is not always the same compressed size.
    assert len(sizes) > 1
    api = client.get("/api/provinces/", HTTP_ACCEPT_ENCODING="gzip")
    assert api["Content-Encoding"] == "gzip"


def test_without_accept_encoding_the_page_is_plain(client):
    response = client.get("/villages/")
    assert not response.has_header("Content-Encoding") and b"<html" in response.content


def test_a_page_showing_a_pickup_code_is_never_compressed(client):
    villager = FarmerFactory()
    purchase = AssistedPurchaseFactory(villager=villager, status=AssistedStatus.ARRIVED, pickup_code="482913")
    client.force_login(villager)
    response = client.get("/orders/assisted/mine/", {"q": "4829"}, HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200 and not response.has_header("Content-Encoding")
    assert purchase.pickup_code.encode() in response.content
