"""A buyer on a phone, in Chinese: finds the order under 待评价, reviews it with a photo, finds it under 已完成,
and the product page shows the review; the catalogue card shows 已售 and the rating."""

import pytest

from shops.models import Review
from tests.e2e.helpers import ConsoleWatch, log_in, shot
from tests.orders.test_reviews import completed
from tests.shops.photo_files import image_bytes

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [360])
def test_buyer_reviews_from_my_orders_in_chinese(page, live_server, screenshot_dir, tmp_path, width):
    order = completed()
    order.buyer.preferred_language = "zh-hans"
    order.buyer.save(update_fields=["preferred_language"])
    watch = ConsoleWatch(page)
    page.set_viewport_size({"width": width, "height": 800})
    log_in(page, order.buyer, "/orders/mine/")
    page.click("nav.order-tabs a[href='?tab=to_review']")
    page.wait_for_url("**tab=to_review")
    assert order.number in page.locator("main").inner_text()
    shot(page, screenshot_dir, "my-orders-zh-to-review", width)
    page.goto(f"/orders/{order.number}/")
    photo = tmp_path / "orange.jpg"
    photo.write_bytes(image_bytes("JPEG"))
    form = page.locator("form.review-form").first
    form.locator("select[name=rating]").select_option("4")
    form.locator("textarea[name=text]").fill("橙子很甜,包装完好")
    form.locator("input[name=photos]").set_input_files(str(photo))
    shot(page, screenshot_dir, "order-review-form-zh", width)
    form.locator("button[type=submit]").click()
    page.wait_for_selector(".msg-success")
    assert Review.objects.get().rating == 4
    page.goto("/orders/mine/?tab=completed")
    assert order.number in page.locator("main").inner_text()
    page.goto(order.lines.get().product.get_absolute_url())
    assert "橙子很甜" in page.locator("main").inner_text()
    shot(page, screenshot_dir, "product-reviews-zh", width)
    page.goto("/shop/?sort=rating")
    assert "已售" in page.locator("main").inner_text()
    shot(page, screenshot_dir, "catalogue-rating-zh", width)
    watch.assert_clean()
