"""A villager on a 360 px phone in Chinese: the pickup code in the header's inbox, read without JavaScript,
and the notification settings."""

import pytest

from notifications.models import Notification, Preference
from orders import services as order_services
from tests.e2e.helpers import ConsoleWatch, log_in, shot
from tests.factories import FarmerFactory
from tests.orders.factories import AssistedPurchaseFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_pickup_code_in_the_inbox_and_the_settings_in_chinese(page, live_server, station, screenshot_dir):
    villager = FarmerFactory(home_village=station.village, phone="13700137000", preferred_language="zh-hans")
    purchase = AssistedPurchaseFactory(station=station, villager=villager, description="电饭煲")
    order_services.assisted_order(purchase_id=purchase.pk, operator=station.operator)
    purchase = order_services.assisted_arrive(purchase_id=purchase.pk, operator=station.operator)

    watch = ConsoleWatch(page)
    page.set_viewport_size({"width": 360, "height": 780})
    page.context.add_cookies([{"name": "django_language", "value": "zh-hans", "url": live_server.url}])
    log_in(page, villager, "/")
    badge = page.locator("header .inbox-link")
    assert badge.locator(".inbox-count").inner_text() == "1"  # seen on a phone without opening the menu
    badge.click()
    page.wait_for_url("**/notifications/")
    item = page.locator(".inbox-item").first
    assert f"取件码 {purchase.pickup_code}" in item.inner_text()
    shot(page, screenshot_dir, "notifications-inbox-zh-hans", 360)
    item.get_by_role("button", name="标为已读").click()
    page.wait_for_url("**/notifications/**")
    assert page.locator("header .inbox-count").count() == 0
    assert Notification.objects.get(recipient=villager).read_at is not None

    page.get_by_role("link", name="设置").click()
    page.wait_for_url("**/notifications/preferences/")
    locked = page.locator('input[name="parcel_arrived.sms"]')
    assert locked.is_checked() and locked.is_disabled()
    shot(page, screenshot_dir, "notifications-preferences-zh-hans", 360)
    page.locator('input[name="order_shipped.sms"]').uncheck()
    page.get_by_role("button", name="保存").click()
    page.wait_for_url("**/notifications/preferences/")
    assert "设置已保存" in page.locator("main").inner_text()
    assert Preference.objects.get(user=villager, event="order_shipped", channel="sms").enabled is False
    watch.assert_clean()
