"""Demo data for insights (called by `manage.py seed_demo` after shops and orders; idempotent).

Grows two years of paid orders over the demo shops' published products, with the seasons that
show on the dashboards: the Spring Festival (January, February), the harvest (September, October),
Double 11 (11 November) and Double 12, a quiet summer, and more sales in the second year. The village
trade (shops.demo.TRADE_VILLAGES, hundreds of family shops) sells wholesale lots worth TRADE_YEARLY a
year, so that certification finds eligible villages, a Taobao town and a village just short, from these
orders alone. Buyers (shopper_001 ...) live all over the country. Orders are bulk-inserted in batches with
their payments, refunds and shop credits (`manage.py orders_audit` balances), then the monthly rollups
are rebuilt in SQL. Marker: the orders' numbers start with "INS-"; if any exists, nothing is done.
"""

from __future__ import annotations

import calendar
import datetime
import random
import uuid
from dataclasses import dataclass
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
from shops.demo import TRADE_VILLAGES, trade_dormant_slugs, trade_shop_slug
from shops.models import Product, ProductStatus, ProductVariant, Shop
from villages.models import Province

MARKER = "INS-"
MONTHS = 24
BATCH = 2000

# Month of the year -> weight: Spring Festival, quiet summer, harvest, Double 11 and Double 12.
SEASON = {1: 1.6, 2: 1.4, 3: 0.9, 4: 0.8, 5: 0.8, 6: 0.9, 7: 0.7, 8: 0.8, 9: 1.3, 10: 1.5, 11: 2.0, 12: 1.4}

# (province code, weight, {city: [districts or counties]}): the east buys most of the farm produce.
DESTINATIONS = [
    ("44", 9, {"广州市": ["天河区", "越秀区", "海珠区"], "深圳市": ["南山区", "福田区", "宝安区"]}),
    ("32", 8, {"南京市": ["玄武区", "鼓楼区"], "苏州市": ["姑苏区", "吴中区"], "无锡市": ["梁溪区"]}),
    ("33", 8, {"杭州市": ["西湖区", "上城区"], "宁波市": ["海曙区", "鄞州区"], "温州市": ["鹿城区"]}),
    ("31", 7, {"上海市": ["浦东新区", "徐汇区", "静安区", "闵行区"]}),
    ("11", 6, {"北京市": ["朝阳区", "海淀区", "东城区", "丰台区"]}),
    ("37", 5, {"济南市": ["历下区", "市中区"], "青岛市": ["市南区", "崂山区"], "临沂市": ["兰山区"]}),
    ("51", 4, {"成都市": ["锦江区", "武侯区", "青羊区"], "绵阳市": ["涪城区"]}),
    ("42", 4, {"武汉市": ["江岸区", "武昌区", "洪山区"], "宜昌市": ["西陵区"]}),
    ("41", 3, {"郑州市": ["金水区", "中原区"], "洛阳市": ["洛龙区"]}),
    ("43", 3, {"长沙市": ["岳麓区", "芙蓉区"], "株洲市": ["天元区"]}),
    ("35", 3, {"福州市": ["鼓楼区", "仓山区"], "厦门市": ["思明区", "湖里区"]}),
    ("12", 3, {"天津市": ["和平区", "南开区"]}),
    ("50", 3, {"重庆市": ["渝中区", "江北区", "南岸区"]}),
    ("34", 2, {"合肥市": ["蜀山区", "包河区"], "芜湖市": ["镜湖区"]}),
    ("13", 2, {"石家庄市": ["长安区"], "保定市": ["莲池区"]}),
    ("61", 2, {"西安市": ["雁塔区", "碑林区"]}),
    ("21", 2, {"沈阳市": ["和平区", "沈河区"], "大连市": ["中山区"]}),
    ("36", 2, {"南昌市": ["东湖区", "西湖区"]}),
    ("52", 2, {"贵阳市": ["南明区", "云岩区"], "遵义市": ["红花岗区"]}),
    ("53", 2, {"昆明市": ["五华区", "盘龙区"]}),
    ("45", 2, {"南宁市": ["青秀区", "兴宁区"]}),
    ("14", 1, {"太原市": ["小店区"]}),
    ("22", 1, {"长春市": ["朝阳区"]}),
    ("23", 1, {"哈尔滨市": ["南岗区", "道里区"]}),
    ("46", 1, {"海口市": ["美兰区"]}),
    ("62", 1, {"兰州市": ["城关区"]}),
    ("15", 1, {"呼和浩特市": ["新城区"]}),
    ("64", 1, {"银川市": ["兴庆区"]}),
    ("65", 1, {"乌鲁木齐市": ["天山区"]}),
]
FAMILY_NAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
GIVEN_NAMES = [
    "伟",
    "芳",
    "娜",
    "敏",
    "静",
    "丽",
    "强",
    "磊",
    "军",
    "洋",
    "勇",
    "艳",
    "杰",
    "娟",
    "涛",
    "明",
    "超",
    "霞",
    "平",
    "刚",
    "婷",
    "雪",
    "慧",
    "鑫",
    "宇",
    "浩",
    "欣",
    "晨",
    "佳",
    "悦",
    "子涵",
    "梓萱",
    "一鸣",
    "思远",
]
STREETS = ["人民路", "解放路", "中山路", "和平路", "建设路", "新华路", "文化路", "幸福路"]
SHOPPERS = 150  # buyers all over the country, each ordering to their own city

# The village trade (shops.demo.TRADE_VILLAGES): what its shops sold over the last 12 whole months, in yuan.
# Above 10,000,000 everywhere; Libei falls short on active shops instead (the certification demo).
TRADE_YEARLY = {
    "Dinglou": 14_600_000,
    "Zhangzhuang": 12_200_000,
    "Sunzhuang": 11_100_000,
    "Zhouquan": 12_800_000,
    "Libei": 10_600_000,
}
TRADE_YEAR_BEFORE = 0.75  # the year before sold a quarter less
TRADE_ORDER = (2_400, 4_800)  # yuan: a wholesale lot for a school, a shop, a restaurant
DORMANT_MONTHS = 5  # a dormant shop's last order was this many months ago


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


# The history's freight, from before freight templates: 8 yuan a parcel, free from 99 yuan of goods.
FLAT_FREIGHT = {"flat": "8.00", "free_over_amount": "99.00"}


@dataclass(frozen=True)
class Shopper:
    user: User
    province: Province
    city: str
    county: str
    phone: str


def _order(rng, number, shopper: Shopper, product, quantity, paid_at, now) -> tuple[Order, OrderLine]:
    status = _status(rng, paid_at, now)
    line_total = quantize_yuan(product.unit_price * quantity)
    shipping = Decimal("0.00") if line_total >= 99 else Decimal("8.00")
    total = line_total + shipping  # the order page explains it from freight_detail (orders_tags.freight_explained)
    order = Order(
        number=f"{MARKER}{number:08d}",
        buyer=shopper.user,
        shop_id=product.shop_id,
        checkout_id=uuid.uuid4(),
        status=status,
        recipient_name=shopper.user.get_full_name(),
        recipient_phone=shopper.phone,
        ship_province=shopper.province,
        ship_city=shopper.city,
        ship_county=shopper.county,
        ship_address=f"{rng.choice(STREETS)}{rng.randint(1, 300)}号",
        subtotal=line_total,
        shipping_fee=shipping,
        total=total,
        freight_detail=FLAT_FREIGHT,
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
        variant_id=product.first_variant_id,
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


def _lot_quantity(product: Product, value: float) -> Decimal:
    """The quantity of `product` worth about `value` yuan, in whole steps, at least the minimum."""
    steps = max(1, round(value / float(product.unit_price * product.order_step)))
    return max(product.order_minimum, product.order_step * steps)


def _shoppers(rng: random.Random) -> list[Shopper]:
    """Buyers all over the country (weighted toward the east), each with their own city: bulk-created."""
    from villages.demo import _demo_password_hash

    provinces = {province.code: province for province in Province.objects.all()}
    destinations = [destination for destination in DESTINATIONS if destination[0] in provinces]
    if not destinations:
        return []
    names = [f"shopper_{n:03d}" for n in range(1, SHOPPERS + 1)]
    # Their accounts predate the two years of orders (the trust rules ignore orders from day-old accounts).
    joined = timezone.now() - datetime.timedelta(days=31 * MONTHS + 60)
    User.objects.bulk_create(
        [
            User(
                username=username,
                role=Role.BUYER,
                first_name=rng.choice(GIVEN_NAMES),
                last_name=rng.choice(FAMILY_NAMES),
                password=_demo_password_hash(),
                date_joined=joined,
            )
            for username in names
        ],
        ignore_conflicts=True,
    )
    shoppers = []
    for user in User.objects.filter(username__in=names).order_by("username"):
        code, _weight, cities = rng.choices(destinations, weights=[d[1] for d in destinations])[0]
        city = rng.choice(list(cities))
        phone = f"1{rng.choice('3578')}{rng.randint(0, 999_999_999):09d}"
        shoppers.append(Shopper(user, provinces[code], city, rng.choice(cities[city]), phone))
    return shoppers


def _showcase_history(rng, products, shoppers, months, today, now, next_number):
    """The farmers' own shops: popularity per product, the seasons, 40 % more in the second year."""
    # Many products would make seed_demo slow: keep this history to about 6,000 orders.
    damping = min(1.0, 40 / len(products))
    popularity = {product.pk: rng.choice([1, 2, 3, 4, 6, 10]) * damping for product in products}
    for position, month in enumerate(months):
        trend = 1.0 if position < 12 else 1.4
        for product in products:
            expected = popularity[product.pk] * SEASON[month.month] * trend
            for _ in range(int(expected) + (rng.random() < expected % 1)):
                paid_at = min(_moment(rng, month, today), now - datetime.timedelta(hours=1))
                yield _order(rng, next_number(), rng.choice(shoppers), product, _quantity(rng, product), paid_at, now)


def _trade_history(rng, products, shoppers, months, today, now, next_number):
    """The village trade: each village's yearly volume (TRADE_YEARLY) spread over the seasons and its shops.

    Every active shop sells at least twice a month; a dormant one stopped DORMANT_MONTHS months ago.
    The figures the dashboards and certification show are then summed from these orders, nothing else.
    """
    dormant = trade_dormant_slugs()
    by_village: dict[str, dict[Shop, list[Product]]] = {}
    for product in products:
        by_village.setdefault(product.shop.village.name, {}).setdefault(product.shop, []).append(product)
    season_total = sum(SEASON.values())
    for village, shops in by_village.items():
        weight = {shop.pk: rng.choice([0.5, 0.8, 1, 1, 1.3, 1.8, 2.5]) for shop in shops}
        order_value = {shop.pk: rng.uniform(*TRADE_ORDER) for shop in shops}
        for position, month in enumerate(months):
            # 1.05: about 5 % of orders are cancelled or refunded and do not count.
            volume = TRADE_YEARLY[village] * 1.05 * SEASON[month.month] / season_total
            volume *= 1.0 if position >= len(months) - 13 else TRADE_YEAR_BEFORE
            if (month.year, month.month) == (today.year, today.month):
                volume *= today.day / calendar.monthrange(month.year, month.month)[1]
            selling = [
                shop for shop in shops if shop.slug not in dormant or position < len(months) - 1 - DORMANT_MONTHS
            ]
            total_weight = sum(weight[shop.pk] for shop in selling)
            for shop in selling:
                shop_volume = volume * weight[shop.pk] / total_weight
                count = max(2, round(shop_volume / order_value[shop.pk]))
                for _ in range(count):
                    product = rng.choice(shops[shop])
                    quantity = _lot_quantity(product, shop_volume / count * rng.uniform(0.8, 1.2))
                    paid_at = min(_moment(rng, month, today), now - datetime.timedelta(hours=1))
                    yield _order(rng, next_number(), rng.choice(shoppers), product, quantity, paid_at, now)


@transaction.atomic
def seed(*, quiet: bool = False) -> None:
    if Order.objects.filter(number__startswith=MARKER).exists():
        return
    first_option = ProductVariant.objects.filter(product=OuterRef("pk")).order_by("position", "pk").values("pk")[:1]
    products = list(
        Product.objects.filter(status=ProductStatus.PUBLISHED)
        .select_related("shop__village")
        .annotate(first_variant_id=Subquery(first_option))
        .order_by("pk")
    )
    rng = random.Random(8)
    shoppers = _shoppers(rng)
    if not products or not shoppers:
        return
    now = timezone.now()
    today = timezone.localdate()
    trade_slugs = {
        trade_shop_slug(village, n) for village, (count, _d, _t) in TRADE_VILLAGES.items() for n in range(1, count + 1)
    }
    trade = [product for product in products if product.shop.slug in trade_slugs]
    showcase = [product for product in products if product.shop.slug not in trade_slugs]
    counter = iter(range(1, 10_000_000))
    months = _months(today)
    generated = [
        *(_showcase_history(rng, showcase, shoppers, months, today, now, counter.__next__) if showcase else ()),
        *_trade_history(rng, trade, shoppers, months, today, now, counter.__next__),
    ]
    orders = [order for order, _line in generated]
    lines = [line for _order, line in generated]
    for start in progress(range(0, len(orders), BATCH), desc="two years of orders", disable=quiet):
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
    sold_per_option = (
        OrderLine.objects.filter(variant=OuterRef("pk"), order__status__in=SALE_STATUSES)
        .values("variant")
        .annotate(total=Sum("quantity"))
        .values("total")
    )
    ProductVariant.objects.filter(product__in=[p.pk for p in products]).update(
        units_sold=Coalesce(
            Subquery(sold_per_option),
            Value(Decimal("0")),
            output_field=DecimalField(max_digits=14, decimal_places=3),
        )
    )
    sales_rollup_rebuild(shop_ids={product.shop_id for product in products})
    insights_rollup_rebuild()
    _seed_views(rng, showcase or products, today)
    _mark_disadvantaged(showcase or products)


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
            refunds.append(
                Refund(
                    order=order,
                    amount=order.refunded_amount,
                    freight_amount=order.shipping_fee,
                    kind=RefundKind.FULL,
                    reason="Demo",
                )
            )
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
        ProductVariant.objects.filter(product=sold_out.pk).update(stock=Decimal("0"))
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
