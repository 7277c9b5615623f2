"""The pages issue 15 changed, in a browser at phone and laptop widths: the operator confirms a villager and lets them
log in again; the farmer sees their claim's state; a finished order's contact is masked."""

import pytest

from tests.e2e.helpers import ConsoleWatch, log_in, log_out, shot
from tests.factories import FarmerFactory, OrderFactory, ShopFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [1280, 360])
def test_operator_confirms_and_unlocks_a_villager(page, station, screenshot_dir, width):
    watch = ConsoleWatch(page)
    page.set_viewport_size({"width": width, "height": 800})
    claimant = FarmerFactory(
        home_village=station.village, first_name="Mei", last_name="Chen", home_village_confirmed_at=None
    )
    log_in(page, claimant, "/accounts/profile/")
    assert "not confirmed yet" in page.content()
    shot(page, screenshot_dir, "farmer-profile-unconfirmed", width)
    log_out(page)
    # Then someone mistypes their password a few times.
    for _ in range(3):
        page.goto("/accounts/login/")
        page.fill("input[name=username]", claimant.username)
        page.fill("input[name=password]", "wrong-password")
        page.click("main button[type=submit]")

    log_in(page, station.operator, "/villages/my-station/")
    row = page.locator("table.resident-list tr", has_text="Mei")
    assert row.locator("button", has_text="Confirm").is_visible()
    shot(page, screenshot_dir, "operator-residents", width)
    row.locator("button", has_text="Confirm").click()
    page.wait_for_url("**/villages/my-station/")
    assert "confirmed" in page.content()
    row = page.locator("table.resident-list tr", has_text="Mei")
    assert row.locator("button", has_text="Confirm").count() == 0
    row.locator("button", has_text="Let them log in").click()
    page.wait_for_url("**/villages/my-station/")
    shot(page, screenshot_dir, "operator-residents-done", width)
    watch.assert_clean()


@pytest.mark.parametrize("width", [1280, 360])
def test_a_finished_order_shows_the_contact_masked(page, station, screenshot_dir, width):
    page.set_viewport_size({"width": width, "height": 800})
    farmer = FarmerFactory(home_village=station.village)
    order = OrderFactory(shop=ShopFactory(owner=farmer), status="completed", recipient_phone="13812341111")
    log_in(page, station.operator, f"/orders/{order.number}/")
    assert "138****1111" in page.content() and "13812341111" not in page.content()
    shot(page, screenshot_dir, "order-contact-masked", width)
