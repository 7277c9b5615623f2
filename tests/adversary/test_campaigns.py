"""Each campaign of issue 14 (the orders and trading half), scripted as the attacker ran it against a server.

Every campaign must leave the attacker's score below the next tier, approve no loan the honest history would
not, leave the village's sales figures (what certification and the dashboards read) untouched, and leave the
books audits clean. The last tests check the cure does not kill the patient.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from certification import services as certification_services
from certification.models import VillageEvidence
from core.models import AuditEntry
from core.payments import SIGNATURE_HEADER
from orders import services as order_services
from orders.carriers import carrier_event_body, carrier_sign
from orders.models import Order
from shops.models import UnitPriceBound
from tests.adversary.conftest import Actor, audits_clean, established_buyer, new_buyer, next_tier_floor
from tests.factories import AdminFactory, BuyerFactory, FarmerFactory, ProductFactory, ShopFactory, waybill

pytestmark = pytest.mark.django_db


@pytest.fixture
def baseline(world, attacker):
    """What the attacker's honest history gives: the score, and the answer to a silver-sized loan."""
    score = world.score(attacker)
    assert (score["score"], score["tier"]) == (300, "bronze")
    return {"score": score["score"], "figures": world.figures()}


def _assert_attack_failed(world, attacker, baseline, *, loan_amount="10000.00"):
    after = world.score(attacker)
    assert after["score"] < next_tier_floor(baseline["score"]), after["breakdown"]
    decision = world.apply(attacker, loan_amount)
    assert decision["decision"] == "declined", decision
    audits_clean()
    return after


def test_buying_from_ones_own_shop_is_refused_everywhere(world, attacker, baseline, client):
    product = world.listed_product(attacker, price="0.10")
    placed = world.checkout(attacker, product, quantity="34")
    assert placed.status_code == 409, placed.content
    assert placed.json()["code"] == "own_shop" and "your own shop" in placed.json()["detail"]
    cart = attacker.post("/api/cart/", {"product": product, "quantity": "1"})
    assert cart.status_code == 409 and cart.json()["code"] == "own_shop"
    # A member of a cooperative shop is refused too.
    member = Actor(BuyerFactory())
    attacker.user.owned_shops.first().members.add(member.user)
    assert world.checkout(member, product).status_code == 409
    # The browser: the checkout form says why.
    client.force_login(attacker.user)
    client.post("/orders/cart/add/", {"product": product, "quantity": "1"})
    page = client.post("/orders/checkout/", world.address())
    assert page.status_code == 200
    assert any("your own shop" in error for error in page.context["form"].non_field_errors())
    assert not Order.objects.exists()
    _assert_attack_failed(world, attacker, baseline)
    assert world.figures() == baseline["figures"]


def test_sybils_on_the_attackers_phone_are_held_and_earn_nothing(world, attacker, baseline):
    product = world.listed_product(attacker)
    # Three accounts, even old ones, driven from the attacker's own device, at normal prices.
    sybils = [attacker.as_(established_buyer()) for _ in range(3)]
    for sybil in sybils:
        for _ in range(6):
            world.trade(sybil, attacker, product)
    held = Order.objects.filter(trust_review="held")
    assert held.count() == 18
    assert all("shared_device" in order.suspect_reasons for order in held)
    after = _assert_attack_failed(world, attacker, baseline)
    assert after["score"] == baseline["score"]
    assert any("held for a fraud review" in line["reason"] for line in after["breakdown"])
    assert world.figures() == baseline["figures"]


def test_sybils_sharing_the_sellers_phone_or_shipping_home_are_held(world, attacker, baseline):
    product = world.listed_product(attacker)
    relative = Actor(established_buyer(phone="137-1234-5678"))  # the attacker's number, written differently
    neighbour = Actor(established_buyer())
    village = world.village.name
    for _ in range(5):
        world.trade(relative, attacker, product)
        world.trade(neighbour, attacker, product, ship_address=f"3 East Lane, {village}")
    reasons = sorted(tuple(order.suspect_reasons) for order in Order.objects.all())
    assert reasons == [("seller_address",)] * 5 + [("shared_phone",)] * 5
    _assert_attack_failed(world, attacker, baseline)
    assert world.figures() == baseline["figures"]


def test_separate_sybils_at_tiny_prices_earn_nothing(world, attacker, baseline):
    # A fen price cannot even be listed.
    shop = attacker.user.owned_shops.first()
    refused = attacker.post(
        "/api/products/",
        {"shop": shop.pk, "category": world.category.slug, "name": "x", "unit": "kg", "unit_price": "0.01"},
    )
    assert refused.status_code == 400 and "unit_price" in refused.json()["fields"]
    product = world.listed_product(attacker, price="0.10")
    # Each sybil on its own device, with its own number and an address far away: nothing links them.
    sybils = [Actor(new_buyer()) for _ in range(2)] + [Actor(established_buyer())]
    for sybil in sybils:
        for _ in range(10):
            world.trade(sybil, attacker, product, quantity="1")
    after = _assert_attack_failed(world, attacker, baseline)
    assert after["score"] == baseline["score"]
    reasons = " ".join(line["reason"] for line in after["breakdown"])
    assert "worth less than" in reasons
    # What reaches the village's figures is what was really paid: three yuan.
    volume = sum((row[1] for row in world.figures()), Decimal("0"))
    assert volume == Decimal("3.00")


def test_separate_patient_sybils_at_normal_prices_stay_below_the_next_tier(world, attacker, baseline):
    product = world.listed_product(attacker)
    sybils = [Actor(established_buyer()) for _ in range(2)]
    for sybil in sybils:
        for _ in range(15):
            world.trade(sybil, attacker, product)
    after = _assert_attack_failed(world, attacker, baseline)
    # Past three, the k-th order from one buyer counts 3/k: two sybils are worth fifteen orders, not thirty.
    orders_line = next(line for line in after["breakdown"] if line["factor"] == "orders_completed")
    assert orders_line["count"] == 15
    assert any("30 orders from 2 repeat buyers counted as 15" in line["reason"] for line in after["breakdown"])
    assert after["score"] == baseline["score"] + 37 + 30


def test_the_seller_cannot_mark_their_own_order_delivered(world, attacker, baseline, client):
    product = world.listed_product(attacker)
    buyer = Actor(established_buyer())
    number = world.checkout(buyer, product).json()[0]["number"]
    world.pay(buyer, number)
    parcel = waybill()
    assert attacker.post(f"/api/orders/{number}/ship/", {"carrier": "SF", "tracking_number": parcel}).status_code == 200
    refused = attacker.post(f"/api/orders/{number}/deliver/")
    assert refused.status_code == 403 and refused.json()["code"] == "deliver_not_buyer"
    # Nor the station or an admin acting for the shop.
    assert Actor(AdminFactory()).post(f"/api/orders/{number}/deliver/").status_code == 403
    client.force_login(attacker.user)
    page = client.get(f"/orders/{number}/").content.decode()
    assert "Mark as delivered" not in page and "delivered automatically" in page
    client.raise_request_exception = False
    assert client.post(f"/orders/{number}/deliver/").status_code == 403
    assert Order.objects.get(number=number).status == "shipped"
    # A forged carrier event is refused; a signed one delivers.
    body = carrier_event_body(carrier="SF", tracking_number=parcel)
    forged = client.post("/orders/carriers/callback/", body, content_type="application/json")
    assert forged.status_code == 403
    assert Order.objects.get(number=number).status == "shipped"
    signed = client.post(
        "/orders/carriers/callback/",
        body,
        content_type="application/json",
        headers={SIGNATURE_HEADER: carrier_sign(body)},
    )
    assert signed.status_code == 200 and signed.json()["status"] == "delivered"
    _assert_attack_failed(world, attacker, baseline)


def test_an_unconfirmed_shipment_is_delivered_by_the_timer_only_after_the_delay(world, attacker, settings):
    product = world.listed_product(attacker)
    buyer = Actor(established_buyer())
    number = world.checkout(buyer, product).json()[0]["number"]
    world.pay(buyer, number)
    attacker.post(f"/api/orders/{number}/ship/", {"carrier": "SF", "tracking_number": waybill()})
    soon = timezone.now() + datetime.timedelta(days=settings.ORDERS_AUTO_DELIVER_DAYS - 1)
    assert order_services.orders_auto_deliver(now=soon) == 0
    later = timezone.now() + datetime.timedelta(days=settings.ORDERS_AUTO_DELIVER_DAYS + 1)
    assert order_services.orders_auto_deliver(now=later) == 1
    assert order_services.orders_auto_deliver(now=later) == 0
    order = Order.objects.get(number=number)
    assert order.status == "delivered" and order.events.get(to_status="delivered").actor is None


def test_extreme_prices_are_refused_and_never_reach_the_figures(world, attacker, baseline):
    shop = attacker.user.owned_shops.first()
    huge = attacker.post(
        "/api/products/",
        {
            "shop": shop.pk,
            "category": world.category.slug,
            "name": "x",
            "unit": "piece",
            "unit_price": "999999999999.99",
        },
    )
    assert huge.status_code == 400 and "unit_price" in huge.json()["fields"]
    product = world.listed_product(attacker)
    raised = attacker.api.patch(f"/api/products/{product}/", {"unit_price": "999999.00"}, format="json")
    assert raised.status_code == 400 and "unit_price" in raised.json()["fields"]
    # An admin's bound applies at once, also to products listed before it (checkout refuses them).
    UnitPriceBound.objects.create(unit="kg", min_price=Decimal("1.00"), max_price=Decimal("10.00"))
    buyer = Actor(established_buyer())
    refused = world.checkout(buyer, product)
    assert refused.status_code == 400 and refused.json()["code"] == "unit_price_out_of_bounds"
    legacy = ProductFactory(shop=shop, unit="piece", unit_price=Decimal("999999999.00"), order_step=1, order_minimum=1)
    assert world.checkout(buyer, legacy.pk, quantity="1").status_code == 400
    assert not Order.objects.exists()
    _assert_attack_failed(world, attacker, baseline)
    assert world.figures() == baseline["figures"]


def test_review_clears_or_confirms_and_fraud_freezes_borrowing(world, attacker, operator, client):
    product = world.listed_product(attacker)
    sybil = attacker.as_(established_buyer())
    numbers = [world.trade(sybil, attacker, product) for _ in range(2)]
    admin = Actor(AdminFactory())
    queue = admin.get("/api/order-reviews/").json()
    assert {row["number"] for row in queue["results"]} == set(numbers)
    # The station clears the first (say it knows the buyer): it joins the village's figures at once.
    cleared = Actor(operator).post(f"/api/order-reviews/{numbers[0]}/clear/", {"note": "his cousin in Nanjing"})
    assert cleared.status_code == 200 and cleared.json()["trust_review"] == "cleared"
    assert world.figures()[0][1:] == (Decimal("37.00"), 1)
    # Only an admin confirms fraud; a note is required.
    assert Actor(operator).post(f"/api/order-reviews/{numbers[1]}/fraud/", {"note": "x"}).status_code == 403
    assert admin.post(f"/api/order-reviews/{numbers[1]}/fraud/", {}).status_code == 400
    fraud = admin.post(f"/api/order-reviews/{numbers[1]}/fraud/", {"note": "one phone, two accounts"})
    assert fraud.status_code == 200
    assert world.figures()[0][1:] == (Decimal("37.00"), 1)
    assert set(AuditEntry.objects.values_list("action", flat=True)) >= {"order.review_clear", "order.review_fraud"}
    decision = world.apply(attacker, "500.00")
    assert decision["decision"] == "declined"
    assert "borrowing_frozen" in {reason["code"] for reason in decision["reasons"]}
    client.force_login(attacker.user)
    page = client.get("/credit/").content.decode()
    assert "one phone, two accounts" in page
    audits_clean()


def test_certification_evidence_shows_what_was_left_out(world, attacker):
    product = world.listed_product(attacker)
    sybil = attacker.as_(established_buyer())
    for _ in range(3):
        world.trade(sybil, attacker, product)
    cutoff = timezone.localdate().replace(day=1) + datetime.timedelta(days=40)
    run, _created = certification_services.assessment_run_start(trigger="scheduled", cutoff=cutoff, enqueue=False)
    certification_services.assessment_run_execute(run_id=run.pk)
    evidence = VillageEvidence.objects.get(run=run, village=world.village)
    assert (evidence.sales_volume, evidence.held_orders, evidence.held_volume) == (Decimal("0"), 3, Decimal("111.00"))


# --- the cure does not kill the patient


def test_an_honest_new_farmer_trading_with_many_real_buyers_climbs(world, station):
    farmer = Actor(FarmerFactory(home_village=station.village))
    ShopFactory(owner=farmer.user, village=station.village)
    product = world.listed_product(farmer)
    start = world.score(farmer)["score"]
    buyers = [Actor(established_buyer()) for _ in range(25)]
    for buyer in buyers:
        world.trade(buyer, farmer, product)
    after = world.score(farmer)
    # Twenty orders count this week (the weekly limit): 50 points; 50 more for shipping all 25 on time.
    assert after["score"] == start + 100
    assert any("at most 20 orders count per week" in line["reason"] for line in after["breakdown"])
    assert not Order.objects.exclude(trust_review="").exists()
    assert sum(row[2] for row in world.figures()) == 25
    audits_clean()
