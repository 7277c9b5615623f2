"""Demo orders (called by `manage.py seed_demo`; idempotent: demo orders are keyed on their number).

Every order goes through the services, so stock, payments, rollups and the shop ledger stay consistent.
Uses the products the shops demo published; creates nothing when there is none.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from core.errors import DomainError
from core.progress import progress
from logistics.tracking import tracking_push_body, tracking_sign
from orders import services
from orders.models import AssistedPurchase, CommissionRate, Order
from shops.models import Product, ProductStatus, ShopStatus
from villages.models import Province, ServiceStation

# (number, buyer, province code, city, county, state to reach)
DEMO_ORDERS = [
    ("TCDEMO0001", "buyer_jiangsu", "32", "南京市", "玄武区", "completed"),
    ("TCDEMO0002", "buyer_shandong", "37", "济南市", "历下区", "delivered"),
    ("TCDEMO0003", "buyer_zhejiang", "33", "杭州市", "西湖区", "shipped"),
    ("TCDEMO0004", "buyer_jiangsu", "32", "苏州市", "姑苏区", "paid"),
    ("TCDEMO0005", "buyer_shandong", "37", "青岛市", "市南区", "pending_payment"),
    ("TCDEMO0006", "buyer_zhejiang", "33", "宁波市", "海曙区", "cancelled"),
]
STEPS = ["pending_payment", "paid", "shipped", "delivered", "completed"]


def _first_option(product) -> tuple[int, object]:
    """(option id, its minimum order) of the product's first option on sale: what the demo orders."""
    option = product.variants.filter(is_active=True).order_by("position", "pk").first()
    return option.pk, option.order_minimum


def _demo_order(number, buyer, province, city, county, target, product) -> None:
    ship_to = services.ShipTo(
        recipient_name=buyer.get_full_name() or buyer.username,
        recipient_phone="13800000000",
        province_id=province.pk,
        city=city,
        county=county,
        address="人民路8号",
    )
    (order,) = services.order_place(buyer=buyer, variants=[_first_option(product)], ship_to=ship_to)
    Order.objects.filter(pk=order.pk).update(number=number)
    if target == "cancelled":
        services.order_cancel(order_id=order.pk, actor=buyer, reason="重复下单了")
        return
    reach = STEPS.index(target)
    seller = product.shop.owner
    if reach >= 1:
        payment = services.payment_start(order_id=order.pk, payer=buyer, idempotency_key=f"demo-{number}")
        services.payment_simulate(payment=payment)
    if reach >= 2:
        digits = int(hashlib.sha256(number.encode()).hexdigest(), 16) % 10**13
        services.order_ship(order_id=order.pk, actor=seller, carrier="顺丰速运", tracking_number=f"SF{digits:013d}")
        _demo_tracking(order.pk, target)
    if reach >= 3:
        services.order_deliver(order_id=order.pk, actor=buyer)
    if reach >= 4:
        services.order_complete(order_id=order.pk, actor=buyer)


def _demo_tracking(order_id: int, target: str) -> None:
    """The parcel's journey so far, pushed signed through the callback's handler as the provider would."""
    order = Order.objects.select_related("shop__village").get(pk=order_id)
    now = timezone.now()
    steps = [("collected", 50, order.shop.village.name_zh or order.shop.village.name)]
    steps.append(("in_transit", 30, f"{order.ship_city}转运中心"))
    if target != "shipped":
        steps.append(("out_for_delivery", 6, f"{order.ship_city}{order.ship_county}"))
    events = [
        {
            "id": f"demo-{order.number}-{status}",
            "status": status,
            "time": (now - datetime.timedelta(hours=hours)).isoformat(),
            "place": place,
        }
        for status, hours, place in steps
    ]
    body = tracking_push_body(carrier=order.carrier, number=order.tracking_number, events=events)
    services.tracking_callback_handle(body=body, signature=tracking_sign(body))


def _assisted_demo() -> None:
    station = ServiceStation.objects.filter(village__name="Libei").select_related("operator").first()
    villager = User.objects.filter(username="farmer_wang").first()
    if station is None or villager is None or station.operator is None:
        return
    if AssistedPurchase.objects.filter(station=station, villager=villager).exists():
        return
    purchase = services.assisted_request(
        operator=station.operator,
        station_id=station.pk,
        villager_id=villager.pk,
        description="电饭煲（5 升）",
        link="https://example.com/rice-cooker",
        price=Decimal("239.00"),
        deposit=Decimal("50.00"),
    )
    services.assisted_order(purchase_id=purchase.pk, operator=station.operator)
    services.assisted_arrive(purchase_id=purchase.pk, operator=station.operator)
    services.assisted_request(
        operator=station.operator,
        station_id=station.pk,
        villager_id=villager.pk,
        description="马铃薯种薯，25 公斤一袋",
        price=Decimal("120.00"),
        deposit=Decimal("20.00"),
    )


def _station_parcel_demo(products: list[Product]) -> None:
    """Two parcels for 王 (farmer_wang) to collect at the Libei station: one scanned in (pickup code sent), one out
    for delivery (today's expected arrivals). Keyed on their order numbers."""
    villager = User.objects.filter(username="farmer_wang").first()
    station = ServiceStation.objects.filter(village__name="Libei").select_related("operator").first()
    if villager is None or station is None or station.operator is None:
        return
    product = next((p for p in products if p.shop.village_id != station.village_id), None)
    if product is None:
        return
    for number, scanned in (("TCDEMO0101", True), ("TCDEMO0102", False)):
        if Order.objects.filter(number=number).exists():
            continue
        with transaction.atomic():
            (order,) = services.checkout_to_station(
                buyer=villager,
                recipient_name=villager.get_full_name() or villager.username,
                recipient_phone=villager.phone or "13800000000",
                place=lambda ship_to, product=product: services.order_place(
                    buyer=villager, variants=[_first_option(product)], ship_to=ship_to
                ),
            )
            Order.objects.filter(pk=order.pk).update(number=number)
            order.number = number
            payment = services.payment_start(order_id=order.pk, payer=villager, idempotency_key=f"demo-{number}")
            services.payment_simulate(payment=payment)
            digits = int(hashlib.sha256(number.encode()).hexdigest(), 16) % 10**12
            services.order_ship(
                order_id=order.pk, actor=product.shop.owner, carrier="中通快递", tracking_number=f"75{digits:012d}"
            )
            _demo_tracking(order.pk, "delivered")  # collected, in transit, out for delivery
            if scanned:
                services.station_parcel_scan(
                    operator=station.operator,
                    station_id=station.pk,
                    tracking_number=Order.objects.get(pk=order.pk).tracking_number,
                )


@transaction.atomic
def seed(*, quiet: bool = False) -> None:
    admin = User.objects.filter(username="admin").first()
    if admin is not None and not CommissionRate.objects.exists():
        services.commission_rate_set(admin=admin, rate=Decimal("0.05"))
    _assisted_demo()
    products = list(
        Product.objects.select_related("shop__owner")
        .filter(status=ProductStatus.PUBLISHED, shop__status=ShopStatus.OPEN)
        .order_by("pk")[:12]
    )
    if not products:
        return
    existing = set(Order.objects.filter(number__startswith="TCDEMO").values_list("number", flat=True))
    for index, (number, username, code, city, county, target) in enumerate(
        progress(DEMO_ORDERS, desc="orders", disable=quiet)
    ):
        if number in existing:
            continue
        buyer = User.objects.filter(username=username).first()
        province = Province.objects.filter(code=code).first()
        if buyer is None or province is None:
            continue
        product = products[index % len(products)]
        try:
            with transaction.atomic():
                _demo_order(number, buyer, province, city, county, target, product)
        except DomainError:  # e.g. the demo product ran out of stock: skip this one
            continue
    with contextlib.suppress(DomainError):  # a demo product out of stock or suspended: the rest stands
        _station_parcel_demo(products)
