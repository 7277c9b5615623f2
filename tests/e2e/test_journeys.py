"""One journey per role in Chromium, screenshots at 1280 and 360 px; any console error or CSP violation fails it."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from certification.models import AssessmentRun, CertificationDecision
from credit.models import Loan
from orders import services as order_services
from orders.models import AssistedPurchase, Order
from shops.models import Product, ProductStatus
from tests.certification.conftest import CUTOFF, add_sales, add_shops
from tests.credit.factories import LoanProductFactory, completed_orders, verify_identity
from tests.e2e.helpers import (
    ConsoleWatch,
    add_to_cart,
    assisted_purchase_to_arrival,
    confirm_delivery,
    log_in,
    log_out,
    shot,
)
from tests.factories import (
    AdminFactory,
    BuyerFactory,
    FarmerFactory,
    ProductFactory,
    ProvinceFactory,
    VillageFactory,
    waybill,
)
from tests.orders.factories import pay, place
from training.catalogue import catalogue_read
from training.models import Certificate
from training.services import catalogue_load

COURSES = dict(catalogue_read())["en"]

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
WIDTHS = pytest.mark.parametrize("width", [1280, 360])


@pytest.fixture
def watch(page):
    watcher = ConsoleWatch(page)
    yield watcher
    watcher.assert_clean()


@WIDTHS
def test_operator_lists_a_villagers_produce_and_hands_over_a_parcel(page, watch, station, screenshot_dir, width):
    villager = FarmerFactory(home_village=station.village, first_name="Fang", last_name="Wang")
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, station.operator, "/villages/my-station/")
    shot(page, screenshot_dir, "journey-operator-station", width)
    page.goto("/shop/open/")
    page.select_option("select[name=owner]", str(villager.pk))
    page.fill("input[name=name]", "Wang family chestnuts")
    page.check("input[name=channels][value=taobao]")
    page.click("main button[type=submit]")
    page.wait_for_url("**/products/new/")
    page.fill("input[name=name]", "Roasted chestnuts")
    page.select_option("select[name=category]", index=1)
    page.fill("textarea[name=description]", "Roasted in the village, sold by the kilo.")
    page.select_option("select[name=unit]", "kg")
    page.fill("input[name=unit_price]", "24.00")
    page.fill("input[name=stock]", "40")
    shot(page, screenshot_dir, "journey-operator-product-new", width)
    page.click("main form button[type=submit]")
    page.wait_for_url("**/edit/")
    page.click("main button:has-text('Publish')")
    page.wait_for_selector("text=is now in the catalogue")
    product = Product.objects.get(name="Roasted chestnuts")
    assert product.status == ProductStatus.PUBLISHED and product.shop.owner == villager
    shot(page, screenshot_dir, "journey-operator-product-published", width)

    buyer = BuyerFactory(home_village=station.village, first_name="Li", last_name="Hua")
    page.goto("/orders/station/")
    assisted_purchase_to_arrival(page, buyer)
    purchase = AssistedPurchase.objects.get()
    page.fill(f"#code-{purchase.pk}", purchase.pickup_code)
    shot(page, screenshot_dir, "journey-operator-pickup", width)
    page.click("button:has-text('Collected')")
    page.wait_for_load_state()
    purchase.refresh_from_db()
    assert purchase.status == "collected"
    shot(page, screenshot_dir, "journey-operator-collected", width)


@pytest.fixture
def trader(station):
    """A verified villager of two years with a record of completed orders."""
    farmer = FarmerFactory(home_village=station.village, first_name="Rui", last_name="Long")
    farmer.date_joined = timezone.now() - datetime.timedelta(days=800)
    farmer.save(update_fields=["date_joined"])
    verify_identity(farmer, station.operator)
    completed_orders(farmer, 48)
    return farmer


@WIDTHS
def test_farmer_ships_an_order_and_borrows_a_microloan(page, watch, trader, screenshot_dir, width):
    product = ProductFactory(name="Pickled cabbage", shop__owner=trader, unit_price=Decimal("18.50"))
    order = place(BuyerFactory(), (product, "3"))[0]
    pay(order)
    LoanProductFactory(name="Harvest microloan")
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, trader, "/orders/fulfil/")
    shot(page, screenshot_dir, "journey-farmer-fulfil", width)
    page.click(f"text={order.number}")
    page.select_option("select[name=carrier]", "SF")
    page.fill("input[name=tracking_number]", "SF7654321000001")
    page.click("button:has-text('Ship')")
    page.wait_for_load_state()
    order.refresh_from_db()
    assert order.status == "shipped" and order.tracking_number == "SF7654321000001"
    shot(page, screenshot_dir, "journey-farmer-shipped", width)
    page.goto("/credit/")
    shot(page, screenshot_dir, "journey-farmer-credit", width)
    page.fill("input[name=amount]", "3000")
    page.fill("input[name=purpose]", "Clay jars for the next batch")
    page.click("#apply button[type=submit]")
    # Nothing is lent before the borrower has seen the cost: 30 days at 0.05 % a day (18.25 % a year).
    assert "18.25 % a year" in page.inner_text("main") and "¥3,045.00" in page.inner_text("main")
    assert not Loan.objects.filter(borrower=trader).exists()
    shot(page, screenshot_dir, "journey-farmer-loan-confirm", width)
    page.click("main form button[type=submit]")
    page.wait_for_selector(".msg-success")
    assert Loan.objects.get(borrower=trader).principal == 3000
    shot(page, screenshot_dir, "journey-farmer-loan", width)


@WIDTHS
def test_buyer_searches_orders_from_two_shops_pays_and_confirms(page, watch, screenshot_dir, width):
    ProvinceFactory(code="32", name="Jiangsu", name_zh="江苏省")
    buyer = BuyerFactory(first_name="Lei", last_name="Sun")
    cabbage = ProductFactory(name="Pickled cabbage", unit_price=Decimal("18.00"))
    tea = ProductFactory(name="Wild mountain tea", unit="box", unit_price=Decimal("66.00"), order_step=Decimal("1"))
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, buyer, "/shop/")
    page.goto("/shop/?q=cabbage")
    assert page.locator(".product-card", has_text="Pickled cabbage").count() == 1
    assert page.locator(".product-card", has_text="Wild mountain tea").count() == 0
    shot(page, screenshot_dir, "journey-buyer-search", width)
    add_to_cart(page, cabbage, "2")
    add_to_cart(page, tea, "1")
    shot(page, screenshot_dir, "journey-buyer-cart", width)
    page.click("text=Check out")
    page.fill("input[name=recipient_phone]", "13800000000")
    page.select_option("select[name=ship_province]", label="Jiangsu 江苏省")
    page.fill("input[name=ship_city]", "Nanjing")
    page.fill("input[name=ship_county]", "Xuanwu")
    page.fill("input[name=ship_address]", "1 Zhongshan Road")
    page.click("main button[type=submit]")
    page.wait_for_url("**/orders/checkout/*/")
    for _ in range(2):
        page.locator("main form button:has-text('Pay ¥')").first.click()
        page.wait_for_url("**/orders/pay/*/")
        page.click("button[value=pay]")
        page.wait_for_load_state()
    orders = list(Order.objects.filter(buyer=buyer).select_related("shop__owner"))
    assert sorted(o.status for o in orders) == ["paid", "paid"] and len({o.shop_id for o in orders}) == 2
    order = orders[0]
    order_services.order_ship(
        order_id=order.pk, actor=order.shop.owner, carrier="SF Express", tracking_number=waybill()
    )
    confirm_delivery(page, order)
    shot(page, screenshot_dir, "journey-buyer-confirmed", width)


@WIDTHS
def test_admin_runs_certification_and_grants_a_label(page, watch, screenshot_dir, width):
    village = VillageFactory(name="Dinglou")
    add_shops(village, 100)
    add_sales(village, "9970000.00")
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, AdminFactory(), "/certification/")
    page.fill("input[name=cutoff]", CUTOFF.isoformat())
    page.click("text=Start a run")
    page.wait_for_url("**/certification/runs/*/")
    assert AssessmentRun.objects.get().villages_done >= 1
    shot(page, screenshot_dir, "journey-admin-run", width)
    page.goto("/certification/")
    assert "Dinglou" in page.locator("text=Newly eligible").locator("..").inner_text()
    shot(page, screenshot_dir, "journey-admin-dashboard", width)
    page.goto(f"/certification/villages/{village.pk}/")
    page.fill("textarea[name=note]", "Over both thresholds")
    page.click("text=Grant for one year")
    page.wait_for_selector("text=The label was granted.")
    assert CertificationDecision.objects.get(village=village).action == "grant"
    shot(page, screenshot_dir, "journey-admin-granted", width)


COURSE = next(course for course in COURSES if course["slug"] == "product-presentation")


@WIDTHS
def test_youth_earns_a_certificate_and_a_visitor_verifies_it(page, watch, screenshot_dir, width):
    catalogue_load(courses=[COURSE])
    youth = FarmerFactory(first_name="Xiaomei", last_name="Luo")
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, youth, "/training/")
    page.click(f"text={COURSE['title']}")
    page.click("button:has-text('Enrol in this course')")
    for position, lesson in enumerate(COURSE["lessons"], start=1):
        page.wait_for_url(f"**/lessons/{position}/")
        page.click("button:has-text('take the quiz')")
        page.wait_for_url(f"**/lessons/{position}/quiz/")
        for index, question in enumerate(lesson["quiz"]["questions"]):
            right = next(choice["text"] for choice in question["choices"] if choice["correct"])
            page.locator("fieldset.question-card").nth(index).get_by_text(right, exact=True).click()
        page.click("button:has-text('Check my answers')")
        assert "100 %" in page.locator(".quiz-score").inner_text()
        if position < len(COURSE["lessons"]):
            page.click("a:has-text('Next lesson')")
    page.click("text=Course complete: see your certificate")
    page.wait_for_url("**/training/certificates/**")
    certificate = Certificate.objects.get(user=youth)
    shot(page, screenshot_dir, "journey-youth-certificate", width)
    log_out(page)
    page.goto("/training/verify/")
    page.fill("input[name=code]", certificate.code)
    page.click("main button[type=submit]")
    assert "Valid certificate" in page.locator("main").inner_text()
    assert "Xiaomei Luo" in page.locator(".cert-holder").inner_text()
    shot(page, screenshot_dir, "journey-visitor-verified", width)
