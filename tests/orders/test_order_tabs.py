"""'My orders' under Taobao's tabs, with counts, on the page and the API, in a constant number of queries."""

from decimal import Decimal

import pytest

from orders import services
from tests.factories import BuyerFactory, ProductFactory, waybill
from tests.orders.factories import pay, place
from tests.orders.test_reviews import completed, line_of

pytestmark = pytest.mark.django_db


def _orders_in_every_tab(buyer):
    product = ProductFactory(stock=Decimal("100"))
    place(buyer, (product, 1))  # to pay
    (paid,) = place(buyer, (product, 1))
    pay(paid)  # to ship
    (shipped,) = place(buyer, (product, 1))
    pay(shipped)
    services.order_ship(order_id=shipped.pk, actor=shipped.shop.owner, carrier="SF", tracking_number=waybill())
    done = completed(buyer=buyer, product=product)  # to review, completed
    reviewed = completed(buyer=buyer, product=product)
    services.review_post(buyer=buyer, line_id=line_of(reviewed).pk, rating=5)  # completed only
    (refunded,) = place(buyer, (product, 1))
    pay(refunded)
    services.order_refund(order_id=refunded.pk, actor=refunded.shop.owner)  # after-sales
    return done


def test_tabs_and_counts_on_the_page_and_the_api(client, api_client, django_assert_max_num_queries):
    buyer = BuyerFactory()
    done = _orders_in_every_tab(buyer)
    place(BuyerFactory(), (ProductFactory(), 1))  # someone else's: in no count
    expected = {
        "all": 6,
        "to_pay": 1,
        "to_ship": 1,
        "to_receive": 1,
        "to_review": 1,
        "completed": 2,
        "after_sales": 1,
    }
    api_client.force_authenticate(buyer)
    assert api_client.get("/api/orders/tab-counts/").json() == expected
    listed = api_client.get("/api/orders/", {"tab": "to_review", "mine": "1"}).json()
    assert [order["number"] for order in listed["results"]] == [done.number]
    bad = api_client.get("/api/orders/", {"tab": "everything"})
    assert bad.status_code == 400 and "tab" in bad.json()["fields"]
    client.force_login(buyer)
    for tab, count in expected.items():
        with django_assert_max_num_queries(7):  # session, user, counts, page count, page, lines (+ savepoints)
            page = client.get("/orders/mine/", {"tab": tab})
        assert page.content.decode().count('class="order-card') == count, tab


@pytest.mark.parametrize("extra", [0, 5])
def test_my_orders_runs_a_constant_number_of_queries(client, django_assert_num_queries, extra):
    buyer = BuyerFactory()
    for _ in range(1 + extra):
        completed(buyer=buyer)
    client.force_login(buyer)
    client.get("/orders/mine/")  # warm the session
    with django_assert_num_queries(6):
        client.get("/orders/mine/", {"tab": "to_review"})
