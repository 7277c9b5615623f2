"""An admin follows training from the dashboard; an operator sees their qualification on "my station"."""

import re

import pytest
from django.core.management import call_command

from tests.e2e.helpers import log_in
from villages.demo import DEMO_PASSWORD
from villages.models import Province
from villages.provinces import PROVINCES

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _login(page, username, next_url):
    log_in(page, username, next_url, password=DEMO_PASSWORD)


def _shot(page, screenshot_dir, name, width):
    page.screenshot(path=screenshot_dir / f"training-{name}-{width}.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("width", [1280, 360])
def test_dashboard_stations_and_operator_section(page, screenshot_dir, width):
    # The provinces come from a data migration, which an earlier transactional test's flush removed.
    for code, name, name_zh in PROVINCES:
        Province.objects.get_or_create(code=code, defaults={"name": name, "name_zh": name_zh})
    call_command("seed_demo", quiet=True)
    page.set_viewport_size({"width": width, "height": 900})
    _login(page, "admin", "/training/dashboard/")
    assert "One million rural youth" in page.content()
    assert "Xifeng" in page.locator("main").inner_text()
    _shot(page, screenshot_dir, "dashboard", width)
    page.goto("/training/stations/?status=unqualified")
    assert "Not qualified" in page.content() and "Libei service station" not in page.content()
    page.goto("/training/stations/")
    _shot(page, screenshot_dir, "stations", width)
    page.goto("/training/courses/running-a-service-station/")
    _shot(page, screenshot_dir, "course", width)
    page.context.clear_cookies()
    page.goto("/")
    assert re.search(r"\d certificates? issued", page.locator("main").inner_text())
    _shot(page, screenshot_dir, "home", width)
    _login(page, "op_libei", "/villages/my-station/")
    assert "You hold the station operator certificate" in page.content()
    _shot(page, screenshot_dir, "my-station", width)
