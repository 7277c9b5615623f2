"""Red-team campaign on the public story page a QR label opens: a curious buyer following its links to learn what
the farmer chose not to show, and a script reloading it to inflate the scan count the farmer reads (one UPDATE of
one row per request, too)."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from shops.batches import services
from tests.factories import FarmerFactory, ProductFactory, ShopFactory
from tests.training.factories import CourseFactory
from training.models import Certificate

pytestmark = pytest.mark.django_db

LINK = re.compile(r'href="(/[^"#?]*)"')


@pytest.fixture
def tea(station):
    farmer = FarmerFactory(home_village=station.village, first_name="芳", last_name="李")
    product = ProductFactory(shop=ShopFactory(owner=farmer, name="李家茶园"), name="Xifeng green tea")
    Certificate.objects.create(user=farmer, course=CourseFactory(title="Tea picking"), code="CERT77")
    return product


def record(product, **kwargs):
    return services.batch_record(
        actor=product.shop.owner,
        product=product,
        harvested_on=timezone.localdate() - datetime.timedelta(days=3),
        quantity="120",
        **kwargs,
    )


def pages_one_click_away(client, html: str) -> dict[str, str]:
    found = {}
    for path in set(LINK.findall(html)):
        if path.startswith("/static/") or path.startswith("/media/"):
            continue
        response = client.get(path)
        if response.status_code == 200 and "html" in response.get("Content-Type", ""):
            found[path] = response.content.decode()
    return found


@pytest.mark.parametrize("shown", ["family", "none"])
def test_no_page_one_click_from_the_story_names_the_farmer_in_full(client, tea, shown):
    batch = record(tea, farmer_shown=shown)
    story = client.get(batch.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "李芳" not in story and "CERT77" not in story
    for path, html in pages_one_click_away(client, story).items():
        assert "李芳" not in html, f"{path} names the farmer the story hides"


def test_a_farmer_who_shows_the_full_name_gets_the_verify_links(client, tea):
    batch = record(tea, farmer_shown="full")
    story = client.get(batch.get_absolute_url()).content.decode()
    assert reverse("training:verify_code", args=["CERT77"]) in story


def test_a_script_reloading_the_story_counts_a_few_scans_not_thousands(client, tea):
    batch = record(tea)
    for _ in range(50):
        assert client.get(batch.get_absolute_url(), REMOTE_ADDR="203.0.113.5").status_code == 200
    # Rotating through the addresses of one IPv6 line is one client too.
    for n in range(50):
        assert client.get(batch.get_absolute_url(), REMOTE_ADDR=f"2001:db8:9:9::{n + 1:x}").status_code == 200
    batch.refresh_from_db()
    assert batch.scan_count == 2 * services.SCANS_PER_CLIENT
    # Another shopper's phone still counts.
    client.get(batch.get_absolute_url(), REMOTE_ADDR="198.51.100.20")
    batch.refresh_from_db()
    assert batch.scan_count == 2 * services.SCANS_PER_CLIENT + 1


def test_scans_past_the_ceiling_write_nothing(client, tea, django_assert_num_queries):
    batch = record(tea)
    for _ in range(services.SCANS_PER_CLIENT + 1):
        client.get(batch.get_absolute_url(), REMOTE_ADDR="203.0.113.6")
    with django_assert_num_queries(0):
        assert client.get(batch.get_absolute_url(), REMOTE_ADDR="203.0.113.6").status_code == 200
