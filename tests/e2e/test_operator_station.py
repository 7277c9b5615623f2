import pytest

from tests.factories import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [1280, 360])
def test_operator_logs_in_and_sees_their_station(page, station, screenshot_dir, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto("/accounts/login/?next=/villages/my-station/")
    page.fill("input[name=username]", station.operator.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url("**/villages/my-station/")
    assert page.locator("h1").inner_text() == station.name
    assert station.village.name in page.content()
    page.screenshot(path=screenshot_dir / f"operator-my-station-{width}.png", full_page=True)
    # Nothing overflows sideways on a phone-sized screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= width
