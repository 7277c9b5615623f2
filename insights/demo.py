"""Demo data for insights (called by `manage.py seed_demo` after shops and orders; idempotent).

Grows two years of paid orders over the demo shops' published products, with the seasons that
show on the dashboards: the Spring Festival (January, February), the harvest (September, October),
Double 11 (11 November) and Double 12, a quiet summer, and about 40 % more sales in the second year.
Buyers live all over the country. Orders are bulk-inserted in batches, then the monthly rollups are
rebuilt in SQL. Marker: the orders' numbers start with "INS-"; if any exists, nothing is done.
"""

from __future__ import annotations

import calendar
import datetime
import random
import uuid
from decimal import Decimal

from django.db import transaction
from django.db.models import DecimalField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.models import Role, User
from core.money import quantize_yuan
from core.progress import progress
from insights.models import ProductDailyViews
from insights.services import insights_rollup_rebuild
from orders.models import (
    SALE_STATUSES,
    LedgerKind,
    Order,
    OrderLine,
    OrderStatus,
    Payment,
    PaymentStatus,
    Refund,
    RefundKind,
    ShopLedgerEntry,
)
from orders.services import LOCAL_TZ, commission_rate_current, sales_rollup_rebuild
from shops.models import Product, ProductStatus
from villages.models import Province

MARKER = "INS-"
MONTHS = 24
BATCH = 2000

# Month of the year -> weight: Spring Festival, quiet summer, harvest, Double 11 and Double 12.
SEASON = {1: 1.6, 2: 1.4, 3: 0.9, 4: 0.8, 5: 0.8, 6: 0.9, 7: 0.7, 8: 0.8, 9: 1.3, 10: 1.5, 11: 2.0, 12: 1.4}

# (province code, weight, {city: [districts or counties]}): the east buys most of the farm produce.
DESTINATIONS = [
    ("44", 9, {"Guangzhou": ["Tianhe", "Yuexiu", "Haizhu"], "Shenzhen": ["Nanshan", "Futian", "Bao'an"]}),
    ("32", 8, {"Nanjing": ["Xuanwu", "Gulou"], "Suzhou": ["Gusu", "Wuzhong"], "Wuxi": ["Liangxi"]}),
    ("33", 8, {"Hangzhou": ["Xihu", "Shangcheng"], "Ningbo": ["Haishu", "Yinzhou"], "Wenzhou": ["Lucheng"]}),
    ("31", 7, {"Shanghai": ["Pudong", "Xuhui", "Jing'an", "Minhang"]}),
    ("11", 6, {"Beijing": ["Chaoyang", "Haidian", "Dongcheng", "Fengtai"]}),
    ("37", 5, {"Jinan": ["Lixia", "Shizhong"], "Qingdao": ["Shinan", "Laoshan"], "Linyi": ["Lanshan"]}),
    ("51", 4, {"Chengdu": ["Jinjiang", "Wuhou", "Qingyang"], "Mianyang": ["Fucheng"]}),
    ("42", 4, {"Wuhan": ["Jiang'an", "Wuchang", "Hongshan"], "Yichang": ["Xiling"]}),
    ("41", 3, {"Zhengzhou": ["Jinshui", "Zhongyuan"], "Luoyang": ["Luolong"]}),
    ("43", 3, {"Changsha": ["Yuelu", "Furong"], "Zhuzhou": ["Tianyuan"]}),
    ("35", 3, {"Fuzhou": ["Gulou", "Cangshan"], "Xiamen": ["Siming", "Huli"]}),
    ("12", 3, {"Tianjin": ["Heping", "Nankai"]}),
    ("50", 3, {"Chongqing": ["Yuzhong", "Jiangbei", "Nan'an"]}),
    ("34", 2, {"Hefei": ["Shushan", "Baohe"], "Wuhu": ["Jinghu"]}),
    ("13", 2, {"Shijiazhuang": ["Chang'an"], "Baoding": ["Lianchi"]}),
    ("61", 2, {"Xi'an": ["Yanta", "Beilin"]}),
    ("21", 2, {"Shenyang": ["Heping", "Shenhe"], "Dalian": ["Zhongshan"]}),
    ("36", 2, {"Nanchang": ["Donghu", "Xihu"]}),
    ("52", 2, {"Guiyang": ["Nanming", "Yunyan"], "Zunyi": ["Honghuagang"]}),
    ("53", 2, {"Kunming": ["Wuhua", "Panlong"]}),
    ("45", 2, {"Nanning": ["Qingxiu", "Xingning"]}),
    ("14", 1, {"Taiyuan": ["Xiaodian"]}),
    ("22", 1, {"Changchun": ["Chaoyang"]}),
    ("23", 1, {"Harbin": ["Nangang", "Daoli"]}),
    ("46", 1, {"Haikou": ["Meilan"]}),
    ("62", 1, {"Lanzhou": ["Chengguan"]}),
    ("15", 1, {"Hohhot": ["Xincheng"]}),
    ("64", 1, {"Yinchuan": ["Xingqing"]}),
    ("65", 1, {"Urumqi": ["Tianshan"]}),
]
NAMES = ["Sun Lei", "Zhao Ning", "Qian Ying", "Zhou Min", "Wu Tao", "Zheng Hui", "Wang Fang", "Feng Jie", "Chen Lu"]


def _months(today: datetime.date) -> list[datetime.date]:
    first = today.replace(day=1)
    index = first.year * 12 + first.month - 1
    return [datetime.date((index - n) // 12, (index - n) % 12 + 1, 1) for n in range(MONTHS - 1, -1, -1)]


def _moment(rng: random.Random, month: datetime.date, today: datetime.date) -> datetime.datetime:
    last_day = calendar.monthrange(month.year, month.month)[1]
    if (month.year, month.month) == (today.year, today.month):
        last_day = today.day
    if month.month == 11 and rng.random() < 0.35:
        day = 11  # Double 11
    elif month.month == 12 and rng.random() < 0.2:
        day = 12  # Double 12
    else:
        day = rng.randint(1, last_day)
    local = datetime.datetime(month.year, month.month, day, rng.randint(7, 22), rng.randint(0, 59), tzinfo=LOCAL_TZ)
    return local.astimezone(datetime.UTC)


def _status(rng: random.Random, paid_at: datetime.datetime, now: datetime.datetime) -> str:
    age = (now - paid_at).days
    roll = rng.random()
    if roll < 0.03:
        return OrderStatus.REFUNDED
    if roll < 0.05:
        return OrderStatus.CANCELLED
    if age < 3:
        return OrderStatus.PAID
    if age < 7:
        return OrderStatus.SHIPPED
    if age < 15:
        return OrderStatus.DELIVERED
    return OrderStatus.COMPLETED


def _order(rng, number, buyer, product, quantity, paid_at, now, provinces, destinations) -> tuple[Order, OrderLine]:
    code, _weight, cities = rng.choices(destinations, weights=[d[1] for d in destinations])[0]
    city = rng.choice(list(cities))
    status = _status(rng, paid_at, now)
    line_total = quantize_yuan(product.unit_price * quantity)
    shipping = Decimal("0.00") if line_total >= 99 else Decimal("8.00")
    total = line_total + shipping
    order = Order(
        number=f"{MARKER}{number:08d}",
        buyer=buyer,
        shop_id=product.shop_id,
        checkout_id=uuid.uuid4(),
        status=status,
        recipient_name=rng.choice(NAMES),
        recipient_phone=f"138{rng.randint(0, 99_999_999):08d}",
        ship_province=provinces[code],
        ship_city=city,
        ship_county=rng.choice(cities[city]),
        ship_address=f"{rng.randint(1, 300)} {rng.choice(['Renmin', 'Jiefang', 'Zhongshan', 'Heping'])} Road",
        subtotal=line_total,
        shipping_fee=shipping,
        total=total,
    )
    if status == OrderStatus.CANCELLED:
        order.cancelled_at = paid_at
    else:
        order.paid_at = paid_at
        day = datetime.timedelta(days=1)
        if status in (OrderStatus.SHIPPED, OrderStatus.DELIVERED, OrderStatus.COMPLETED, OrderStatus.REFUNDED):
            order.shipped_at = paid_at + day
        if status in (OrderStatus.DELIVERED, OrderStatus.COMPLETED):
            order.delivered_at = paid_at + 4 * day
        if status == OrderStatus.COMPLETED:
            order.completed_at = paid_at + 11 * day
        if status == OrderStatus.REFUNDED:
            order.refunded_amount, order.refunded_at = total, paid_at + 3 * day
    line = OrderLine(
        product=product,
        product_name=product.name,
        unit=product.unit,
        unit_price=product.unit_price,
        quantity=quantity,
        line_total=line_total,
    )
    return order, line


def _quantity(rng: random.Random, product: Product) -> Decimal:
    steps = rng.choice([1, 2, 2, 3, 4, 6])
    return max(product.order_minimum, product.order_step * steps)


@transaction.atomic
def seed(*, quiet: bool = False) -> None:
    if Order.objects.filter(number__startswith=MARKER).exists():
        return
    products = list(Product.objects.filter(status=ProductStatus.PUBLISHED).select_related("shop").order_by("pk"))
    buyers = list(User.objects.filter(role=Role.BUYER).order_by("pk")[:50])
    if not products or not buyers:
        return
    rng = random.Random(8)
    now = timezone.now()
    today = timezone.localdate()
    provinces = {province.code: province for province in Province.objects.all()}
    destinations = [destination for destination in DESTINATIONS if destination[0] in provinces]
    if not destinations:
        return
    # Each product has its own popularity; a few sell much more than the rest.
    # Many demo products would make seed_demo slow: keep the history to about 6,000 orders.
    damping = min(1.0, 40 / len(products))
    popularity = {product.pk: rng.choice([1, 2, 3, 4, 6, 10]) * damping for product in products}
    orders: list[Order] = []
    lines: list[OrderLine] = []
    number = 0
    months = _months(today)
    for position, month in enumerate(progress(months, desc="insights: two years of orders", disable=quiet)):
        trend = 1.0 if position < 12 else 1.4
        for product in products:
            expected = popularity[product.pk] * SEASON[month.month] * trend
            for _ in range(int(expected) + (rng.random() < expected % 1)):
                number += 1
                paid_at = min(_moment(rng, month, today), now - datetime.timedelta(hours=1))
                order, line = _order(
                    rng,
                    number,
                    rng.choice(buyers),
                    product,
                    _quantity(rng, product),
                    paid_at,
                    now,
                    provinces,
                    destinations,
                )
                orders.append(order)
                lines.append(line)
    for start in range(0, len(orders), BATCH):
        batch = orders[start : start + BATCH]
        Order.objects.bulk_create(batch)
        for order, line in zip(batch, lines[start : start + BATCH], strict=True):
            line.order = order
        OrderLine.objects.bulk_create(lines[start : start + BATCH])
    _seed_money(orders)
    demo_orders = Order.objects.filter(number__startswith=MARKER)
    # placed_at is auto_now_add: give the history its real dates.
    demo_orders.update(placed_at=Coalesce("paid_at", "cancelled_at"))
    sold = (
        OrderLine.objects.filter(product=OuterRef("pk"), order__status__in=SALE_STATUSES)
        .values("product")
        .annotate(total=Sum("quantity"))
        .values("total")
    )
    Product.objects.filter(pk__in=[p.pk for p in products]).update(
        units_sold=Coalesce(
            Subquery(sold), Value(Decimal("0")), output_field=DecimalField(max_digits=14, decimal_places=3)
        )
    )
    sales_rollup_rebuild(shop_ids={product.shop_id for product in products})
    insights_rollup_rebuild()
    _seed_views(rng, products, today)
    _mark_disadvantaged(products)


def _seed_money(orders: list[Order]) -> None:
    """The payments, refunds and shop credits behind the history, so `manage.py orders_audit` balances:
    paid = shop credit + commission + refunds, as if each order had gone through the services."""
    payments, refunds, credits = [], [], []
    rate = commission_rate_current()  # the demo has one commission rate for all of its history
    for order in orders:
        if order.paid_at is None:
            continue
        payments.append(
            Payment(
                order=order,
                payer_id=order.buyer_id,
                idempotency_key=f"demo-{order.number}",
                provider="simulated",
                reference=f"DEMO-{order.number}",
                amount=order.total,
                status=PaymentStatus.SUCCEEDED,
                confirmed_at=order.paid_at,
            )
        )
        if order.status == OrderStatus.REFUNDED:
            refunds.append(Refund(order=order, amount=order.refunded_amount, kind=RefundKind.FULL, reason="Demo"))
        elif order.status == OrderStatus.COMPLETED:
            commission = quantize_yuan((order.total - order.refunded_amount) * rate)
            credits.append(
                ShopLedgerEntry(
                    shop_id=order.shop_id,
                    kind=LedgerKind.SALE,
                    order=order,
                    amount=order.total - order.refunded_amount - commission,
                    commission=commission,
                    commission_rate=rate,
                    note="Demo history",
                )
            )
    Payment.objects.bulk_create(payments, batch_size=BATCH)
    Refund.objects.bulk_create(refunds, batch_size=BATCH)
    ShopLedgerEntry.objects.bulk_create(credits, batch_size=BATCH)


def _seed_views(rng: random.Random, products: list[Product], today: datetime.date) -> None:
    """Page views over the last 60 days; a product without stock keeps being looked for (a stock-out)."""
    if not any(product.stock <= 0 for product in products) and len(products) > 2:
        sold_out = products[len(products) // 2]
        Product.objects.filter(pk=sold_out.pk).update(stock=Decimal("0"))
        sold_out.stock = Decimal("0")
    rows = []
    for product in products:
        for back in range(60):
            views = rng.randint(0, 25)
            if views:
                rows.append(
                    ProductDailyViews(
                        product=product,
                        day=today - datetime.timedelta(days=back),
                        views=views,
                        views_while_out_of_stock=views if product.stock <= 0 else 0,
                    )
                )
    ProductDailyViews.objects.bulk_create(rows, batch_size=BATCH, ignore_conflicts=True)


def _mark_disadvantaged(products: list[Product]) -> None:
    """If no shop owner is a registered poor household, make every fourth one so (the figures count them apart)."""
    owners = sorted({product.shop.owner_id for product in products})
    if not User.objects.filter(pk__in=owners, is_disadvantaged=True).exists():
        User.objects.filter(pk__in=owners[::4]).update(is_disadvantaged=True)
