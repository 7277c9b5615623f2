"""Issue 15, item 7: the recipient's full phone and street address only while the seller needs them (the order awaits
shipment, or is in dispute), masked afterwards on pages, the API and the admin; the buyer always sees their own."""

import pytest
from django.urls import reverse

from orders.selectors import phone_masked
from tests.factories import AdminFactory, DisputeFactory, FarmerFactory, OrderFactory, ShopFactory

pytestmark = pytest.mark.django_db

PHONE, MASKED = "13812341111", "138****1111"
STREET = "18 Zhongshan Road"


@pytest.fixture
def seller_side(station):
    farmer = FarmerFactory(home_village=station.village)
    return {"shop": ShopFactory(owner=farmer), "farmer": farmer, "operator": station.operator}


def _order(shop, status, **extra):
    return OrderFactory(shop=shop, status=status, recipient_phone=PHONE, ship_address=STREET, **extra)


def _api(api_client, user, order):
    api_client.force_authenticate(user)
    detail = api_client.get(f"/api/orders/{order.number}/").json()
    listed = [row for row in api_client.get("/api/orders/").json()["results"] if row["number"] == order.number]
    assert listed and listed[0]["recipient_phone"] == detail["recipient_phone"]
    return detail


def test_phone_masks_keep_the_first_three_and_last_four_digits():
    assert phone_masked(PHONE) == MASKED
    assert phone_masked("+86 138 1234 1111") == "+86****1111"
    assert phone_masked("12345") == "****"


def test_the_seller_and_operator_see_the_contact_while_the_order_awaits_shipment(api_client, client, seller_side):
    order = _order(seller_side["shop"], "paid")
    for user in (seller_side["farmer"], seller_side["operator"]):
        data = _api(api_client, user, order)
        assert (data["recipient_phone"], data["ship_address"], data["contact_masked"]) == (PHONE, STREET, False)
        client.force_login(user)
        page = client.get(reverse("orders:order_detail", args=[order.number])).content.decode()
        assert PHONE in page and STREET in page


@pytest.mark.parametrize("status", ["completed", "delivered", "shipped", "refunded", "cancelled", "pending_payment"])
def test_afterwards_they_see_it_masked_on_the_api_and_pages(api_client, client, seller_side, status):
    order = _order(seller_side["shop"], status)
    for user in (seller_side["farmer"], seller_side["operator"], AdminFactory()):
        data = _api(api_client, user, order)
        assert data["recipient_phone"] == MASKED and data["contact_masked"] is True
        assert STREET not in data["ship_address"] and data["ship_city"] == "Nanjing"
        client.force_login(user)
        page = client.get(reverse("orders:order_detail", args=[order.number])).content.decode()
        assert PHONE not in page and STREET not in page and MASKED in page


def test_the_buyer_always_sees_their_own(api_client, client, seller_side):
    order = _order(seller_side["shop"], "completed")
    data = _api(api_client, order.buyer, order)
    assert (data["recipient_phone"], data["ship_address"], data["contact_masked"]) == (PHONE, STREET, False)
    client.force_login(order.buyer)
    assert PHONE in client.get(reverse("orders:order_detail", args=[order.number])).content.decode()


def test_a_dispute_shows_the_contact_until_it_is_decided(api_client, seller_side):
    order = _order(seller_side["shop"], "delivered")
    dispute = DisputeFactory(order=order)
    assert _api(api_client, seller_side["farmer"], order)["recipient_phone"] == PHONE
    dispute.status = "rejected"
    dispute.save(update_fields=["status"])
    assert _api(api_client, seller_side["farmer"], order)["recipient_phone"] == MASKED


def test_the_django_admin_masks_a_finished_order(client, seller_side):
    order = _order(seller_side["shop"], "completed")
    client.force_login(AdminFactory(is_superuser=True))
    page = client.get(reverse("admin:orders_order_change", args=[order.pk])).content.decode()
    assert PHONE not in page and STREET not in page and MASKED in page
