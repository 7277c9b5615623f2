from decimal import Decimal

import pytest
from django.db.models import Count, Sum
from django.utils import timezone

from insights import demo
from insights.models import ProductDailyViews
from insights.selectors import Scope, period_parse, scope_stats
from orders.models import Order, OrderLine, ShopMonthlySales
from shops.models import Product
from tests.factories import BuyerFactory, FarmerFactory, ProductFactory, ShopFactory, VillageFactory

pytestmark = pytest.mark.django_db


def test_without_published_products_nothing_happens():
    BuyerFactory()
    ProductFactory(status="draft")
    demo.seed(quiet=True)
    assert not Order.objects.exists()


def test_two_years_of_seasonal_orders_spread_over_the_country():
    village = VillageFactory()
    for _ in range(2):
        BuyerFactory()
    shops = [ShopFactory(owner=FarmerFactory(home_village=village)) for _ in range(4)]
    for shop in shops:
        ProductFactory(shop=shop, unit_price=Decimal("25.00"))
        ProductFactory(shop=shop, unit_price=Decimal("12.50"))

    demo.seed(quiet=True)

    orders = Order.objects.filter(number__startswith=demo.MARKER)
    count = orders.count()
    assert count > 300
    assert OrderLine.objects.filter(order__in=orders).count() == count
    assert not orders.filter(placed_at__gt=timezone.now()).exists()
    paid = orders.filter(paid_at__isnull=False)
    first = timezone.localtime(paid.order_by("paid_at").first().paid_at).date()
    assert (timezone.localdate() - first).days > 600  # two years of history
    assert paid.values("ship_province").distinct().count() >= 20
    # Rollups were rebuilt: they add up to the orders' net sales.
    rollup = ShopMonthlySales.objects.aggregate(volume=Sum("sales_volume"))["volume"]
    net = sum(order.total - order.refunded_amount for order in paid)
    assert rollup == net
    # Seasons: November (Double 11) sells more than July; the second year more than the first.
    by_month = dict(
        ShopMonthlySales.objects.values_list("month__month")
        .annotate(n=Sum("order_count"))
        .values_list("month__month", "n")
    )
    assert by_month[11] > by_month[7]
    local_days = [timezone.localtime(order.paid_at).date() for order in paid]
    assert sum(1 for day in local_days if (day.month, day.day) == (11, 11)) > sum(
        1 for day in local_days if (day.month, day.day) == (11, 10)
    )
    months = sorted(ShopMonthlySales.objects.values_list("month", flat=True).distinct())
    middle = months[len(months) // 2]
    first_year = ShopMonthlySales.objects.filter(month__lt=middle).aggregate(v=Sum("sales_volume"))["v"]
    second_year = ShopMonthlySales.objects.filter(month__gte=middle).aggregate(v=Sum("sales_volume"))["v"]
    assert second_year > first_year
    year = timezone.localdate().year
    stats = scope_stats(scope=Scope("village", village.pk), period=period_parse(year=str(year - 1)))
    assert stats["totals"]["volume"] > 0
    assert stats["destinations"]["provinces"] >= 15
    assert stats["farmers"]["disadvantaged_with_sales"] >= 1
    assert ProductDailyViews.objects.exists()
    assert Product.objects.filter(stock=0, status="published").exists()
    assert Product.objects.filter(units_sold__gt=0).count() == 8

    demo.seed(quiet=True)  # idempotent
    assert Order.objects.count() == count
    assert not Order.objects.values("number").annotate(n=Count("pk")).filter(n__gt=1).exists()
