"""The attacker's world: a village with its station, a loan product, and helpers that drive the real API.

Each `Actor` has its own API client, hence its own cookie jar: its own device, as the device fingerprint sees it.
An attacker juggling accounts on one phone re-authenticates one client as each of them.
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from core.payments import SIGNATURE_HEADER, callback_body, callback_sign
from credit.scorecard import TIER_FLOORS
from orders.models import VillageMonthlySales
from tests.credit.factories import LoanProductFactory
from tests.factories import BuyerFactory, CategoryFactory, FarmerFactory, ProvinceFactory, ShopFactory, waybill

ELSEWHERE = {
    "recipient_name": "Sun Lei",
    "recipient_phone": "13900000000",
    "ship_city": "Nanjing",
    "ship_county": "Xuanwu",
    "ship_address": "1 Zhongshan Road",
}


class Actor:
    """A person at a device: one API client (one cookie jar), acting as `user`."""

    def __init__(self, user, client: APIClient | None = None):
        self.user = user
        self.api = client or APIClient()
        self.api.force_authenticate(user)

    def as_(self, user) -> Actor:
        """Another account on the same device."""
        return Actor(user, client=self.api)

    def post(self, url, data=None, **kwargs):
        self.api.force_authenticate(self.user)
        return self.api.post(url, data or {}, format="json", **kwargs)

    def get(self, url):
        self.api.force_authenticate(self.user)
        return self.api.get(url)


@dataclass
class World:
    village: object
    province: object
    loan_product: object
    category: object

    def address(self, **overrides) -> dict:
        return {**ELSEWHERE, "ship_province": self.province.pk, **overrides}

    def listed_product(self, seller: Actor, *, price: str = "18.50", unit: str = "kg") -> int:
        """The seller lists and publishes a product through the API; returns its id."""
        shop = seller.user.owned_shops.first()
        response = seller.post(
            "/api/products/",
            {
                "shop": shop.pk,
                "category": self.category.slug,
                "name": f"Pickled cabbage {uuid.uuid4().hex[:6]}",
                "unit": unit,
                "unit_price": price,
                "stock": "100000",
                "order_step": "1",
                "order_minimum": "1",
                "publish": True,
            },
        )
        assert response.status_code == 201, response.content
        return response.json()["id"]

    def checkout(self, buyer: Actor, product_id: int, *, quantity: str = "2", **address):
        return buyer.post(
            "/api/orders/", {**self.address(**address), "items": [{"product": product_id, "quantity": quantity}]}
        )

    def pay(self, buyer: Actor, number: str) -> None:
        """The buyer pays; the provider's signed confirmation arrives (real money moved)."""
        started = buyer.post(f"/api/orders/{number}/pay/", headers={"Idempotency-Key": uuid.uuid4().hex})
        assert started.status_code == 201, started.content
        body = callback_body(
            reference=started.json()["reference"], status="succeeded", amount=Decimal(started.json()["amount"])
        )
        confirmed = Client().post(
            "/orders/payments/callback/",
            data=body,
            content_type="application/json",
            headers={SIGNATURE_HEADER: callback_sign(body)},
        )
        assert confirmed.status_code == 200, confirmed.content

    def trade(self, buyer: Actor, seller: Actor, product_id: int, *, quantity: str = "2", **address) -> str:
        """A whole order: checkout, payment, shipment, the buyer confirms delivery and receipt."""
        placed = self.checkout(buyer, product_id, quantity=quantity, **address)
        assert placed.status_code == 201, placed.content
        number = placed.json()[0]["number"]
        self.pay(buyer, number)
        shipped = seller.post(f"/api/orders/{number}/ship/", {"carrier": "SF", "tracking_number": waybill()})
        assert shipped.status_code == 200, shipped.content
        assert buyer.post(f"/api/orders/{number}/deliver/").status_code == 200
        completed = buyer.post(f"/api/orders/{number}/complete/")
        assert completed.json()["status"] == "completed", completed.content
        return number

    def score(self, villager: Actor) -> dict:
        response = villager.get("/api/credit/score/")
        assert response.status_code == 200, response.content
        return response.json()

    def apply(self, villager: Actor, amount: str) -> dict:
        response = villager.post(
            "/api/loans/",
            {"product": self.loan_product.pk, "amount": amount, "term_days": 30, "purpose": "seeds"},
            headers={"Idempotency-Key": uuid.uuid4().hex},
        )
        assert response.status_code in (200, 201), response.content
        return response.json()

    def figures(self) -> list[tuple]:
        """What certification and the dashboards read for the village."""
        return list(
            VillageMonthlySales.objects.filter(village=self.village)
            .order_by("month")
            .values_list("month", "sales_volume", "order_count")
        )


def next_tier_floor(score: int) -> int:
    """The lowest score of the tier above this score's (1001 above diamond)."""
    floors = sorted(floor for _tier, floor in TIER_FLOORS)
    return next((floor for floor in floors if floor > score), 1001)


def audits_clean() -> None:
    call_command("orders_audit")
    call_command("credit_audit")


def established_buyer(**fields):
    return BuyerFactory(date_joined=timezone.now() - datetime.timedelta(days=400), **fields)


def new_buyer(**fields):
    return BuyerFactory(date_joined=timezone.now(), **fields)


@pytest.fixture
def world(station):
    return World(
        village=station.village,
        province=ProvinceFactory(code="32", name="Jiangsu", name_zh="江苏省"),
        loan_product=LoanProductFactory(),
        category=CategoryFactory(),
    )


@pytest.fixture
def attacker(station):
    """A brand-new villager with a shop in the village: score 300, bronze."""
    user = FarmerFactory(home_village=station.village, phone="13712345678")
    ShopFactory(owner=user, village=station.village)
    return Actor(user)
