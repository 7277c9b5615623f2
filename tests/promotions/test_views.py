"""Coupon pages: my coupons, claiming from a shop page, a farmer's coupon form, and the checkout page proposing
the best combination and placing what the buyer chose."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from orders.models import Order
from promotions.models import Coupon, CouponClaim
from tests.factories import BuyerFactory, ProductFactory, ProvinceFactory
from tests.promotions.factories import claimed, coupon

pytestmark = pytest.mark.django_db


def test_shop_page_offers_coupons_and_claiming_puts_one_in_my_coupons(client):
    product = ProductFactory()
    offer = coupon(shop=product.shop)
    buyer = BuyerFactory()
    client.force_login(buyer)
    page = client.get(product.shop.get_absolute_url())
    assert offer.label in page.content.decode()
    response = client.post(f"/coupons/{offer.pk}/claim/", {"next": f"/products/{product.pk}/"})
    assert response.status_code == 302
    assert CouponClaim.objects.filter(user=buyer, coupon=offer).count() == 1
    mine = client.get("/coupons/mine/")
    assert mine.status_code == 200 and offer.label in mine.content.decode()


def test_farmer_creates_a_coupon_from_the_page_and_errors_stay_on_the_form(client):
    product = ProductFactory()
    client.force_login(product.shop.owner)
    url = f"/coupons/shop/{product.shop.slug}/"
    until = (timezone.localtime() + datetime.timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    bad = client.post(url, {"kind": "amount", "threshold": "10", "amount_off": "50", "valid_until": until,
                            "total_quantity": "10", "per_user_limit": "1"})  # fmt: skip
    assert bad.status_code == 200 and not Coupon.objects.exists()
    good = client.post(url, {"kind": "amount", "threshold": "99", "amount_off": "10", "valid_until": until,
                             "total_quantity": "10", "per_user_limit": "1"})  # fmt: skip
    assert good.status_code == 302 and Coupon.objects.get().shop == product.shop


def test_checkout_page_proposes_the_best_and_places_the_choice(client):
    buyer = BuyerFactory()
    product = ProductFactory(unit_price=Decimal("60.00"), order_step=Decimal("1"))
    small = claimed(buyer, shop=product.shop, threshold="50", amount_off="5")
    claimed(buyer, shop=product.shop, threshold="100", amount_off="12")
    province = ProvinceFactory(code="32", name="Jiangsu", name_zh="江苏省")
    client.force_login(buyer)
    client.post("/orders/cart/add/", {"product": product.pk, "quantity": "2"})
    page = client.get(f"/orders/checkout/?province={province.pk}")
    html = page.content.decode()
    assert "¥12 off orders of ¥100 or more: −¥12.00" in html
    body = {
        "recipient_name": "Sun Lei", "recipient_phone": "13800138000", "ship_province": province.pk,
        "ship_city": "Nanjing", "ship_county": "Xuanwu", "ship_address": "1 Road",
        "coupons_shown": "1", f"coupon_shop_{product.shop.pk}": str(small.pk),
    }  # fmt: skip
    response = client.post("/orders/checkout/", body)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Order.objects.get().shop_discount == Decimal("5.00")
