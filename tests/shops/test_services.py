"""Shop and product use cases: who may do what, the quantity rule, the product lifecycle, stock."""

import datetime
import threading
from decimal import Decimal

import pytest
from django.db import connection

from core.errors import Conflict, InvalidTransition, NotPermitted, ValidationFailed
from shops import services
from shops.models import Category, Product, ProductStatus, SalesChannel, ShopStatus
from tests.factories import (
    AdminFactory,
    BuyerFactory,
    CategoryFactory,
    FarmerFactory,
    ProductFactory,
    ShopFactory,
    StationFactory,
)

pytestmark = pytest.mark.django_db


def test_the_data_migration_loads_channels_and_the_category_tree():
    assert set(SalesChannel.objects.values_list("code", flat=True)) >= {
        "taobao",
        "jd",
        "suning",
        "pinduoduo",
        "own_site",
    }
    preserved = Category.objects.get(slug="preserved-foods")
    assert set(preserved.children.values_list("slug", flat=True)) >= {"pickles", "tofu", "rice-cakes"}
    for slug in (
        "fresh-vegetables",
        "fruit",
        "grains-and-rice",
        "tea",
        "mushrooms-and-dried-goods",
        "poultry-and-eggs",
    ):
        assert Category.objects.filter(slug=slug, parent=None).exists()


# --- shop_open


def test_a_farmer_opens_a_shop_in_their_home_village(farmer):
    shop = services.shop_open(actor=farmer, owner=farmer, name="Long family pickles", channels=["taobao", "jd"])
    assert shop.village == farmer.home_village and shop.owner == farmer and shop.created_by == farmer
    assert shop.slug == "long-family-pickles" and shop.status == ShopStatus.OPEN
    assert set(shop.channels.values_list("code", flat=True)) == {"taobao", "jd"}
    again = services.shop_open(actor=farmer, owner=farmer, name="Long family pickles")
    assert again.slug == "long-family-pickles-2"


def test_a_chinese_shop_name_gets_an_ascii_address(farmer):
    assert services.shop_open(actor=farmer, owner=farmer, name="龙家酸菜").slug == "shop"


def test_a_farmer_cannot_open_a_shop_elsewhere_or_for_someone_else(farmer, station):
    other_village = StationFactory().village
    with pytest.raises(NotPermitted):
        services.shop_open(actor=farmer, owner=farmer, name="Away", village=other_village)
    neighbour = FarmerFactory(home_village=station.village)
    with pytest.raises(NotPermitted):
        services.shop_open(actor=farmer, owner=neighbour, name="For a neighbour")


def test_an_operator_opens_a_shop_for_a_villager_of_their_village_only(operator, farmer):
    shop = services.shop_open(actor=operator, owner=farmer, name="Opened at the station")
    assert shop.owner == farmer and shop.created_by == operator and shop.village == farmer.home_village
    stranger = FarmerFactory()  # another village
    with pytest.raises(NotPermitted):
        services.shop_open(actor=operator, owner=stranger, name="Not my village")


def test_buyers_cannot_open_shops_and_owners_must_be_farmers(buyer, admin_user, farmer):
    with pytest.raises(NotPermitted):
        services.shop_open(actor=buyer, owner=farmer, name="Nope")
    with pytest.raises(ValidationFailed):
        services.shop_open(actor=admin_user, owner=buyer, name="A buyer's shop")
    assert services.shop_open(actor=admin_user, owner=farmer, name="By the admin").owner == farmer


def test_shop_open_validates_name_channels_and_members(farmer):
    with pytest.raises(ValidationFailed) as caught:
        services.shop_open(actor=farmer, owner=farmer, name="  ")
    assert "name" in caught.value.fields
    with pytest.raises(ValidationFailed) as caught:
        services.shop_open(actor=farmer, owner=farmer, name="X", channels=["amazon"])
    assert "channels" in caught.value.fields
    with pytest.raises(ValidationFailed):
        services.shop_open(actor=farmer, owner=farmer, name="Coop", members=[FarmerFactory()])
    member = FarmerFactory(home_village=farmer.home_village)
    coop = services.shop_open(actor=farmer, owner=farmer, name="Coop", members=[member])
    assert coop.is_cooperative and list(coop.members.all()) == [member]
    # A cooperative member may manage the shop's products.
    product = services.product_create(
        actor=member, shop=coop, category=CategoryFactory(), name="Rice tofu", unit_price=Decimal("12")
    )
    assert product.listed_by == member


# --- products and permissions


def _create(actor, shop, **kwargs):
    values = {"category": CategoryFactory(), "name": "Pickled cabbage", "unit_price": Decimal("18.50")}
    return services.product_create(actor=actor, shop=shop, **{**values, **kwargs})


def test_product_create_records_who_listed_it(farmer, operator):
    shop = ShopFactory(owner=farmer)
    own = _create(farmer, shop, order_step=Decimal("1.5"), stock=Decimal("30"))
    assert own.listed_by == farmer and own.status == ProductStatus.DRAFT
    assert own.order_minimum == Decimal("1.5")  # defaults to the step
    for_villager = _create(operator, shop, publish=True)
    assert for_villager.listed_by == operator and for_villager.status == ProductStatus.PUBLISHED


@pytest.mark.parametrize(
    "actor_factory",
    [
        lambda shop: FarmerFactory(home_village=shop.village),  # a neighbour of the same village
        lambda shop: StationFactory().operator,  # the operator of another village
        lambda shop: BuyerFactory(),
    ],
)
def test_only_owner_operator_or_admin_may_touch_a_shop(actor_factory):
    product = ProductFactory(status=ProductStatus.DRAFT)
    shop = product.shop
    actor = actor_factory(shop)
    attempts = [
        lambda: _create(actor, shop),
        lambda: services.product_update(actor=actor, product=product, name="Mine now"),
        lambda: services.product_publish(actor=actor, product=product),
        lambda: services.product_archive(actor=actor, product=product),
        lambda: services.product_stock_adjust(actor=actor, product=product, delta=Decimal("5")),
        lambda: services.shop_update(actor=actor, shop=shop, name="Taken"),
    ]
    for attempt in attempts:
        with pytest.raises(NotPermitted):
            attempt()
    product.refresh_from_db()
    assert product.status == ProductStatus.DRAFT and product.stock == Decimal("100") and Product.objects.count() == 1


def test_the_village_operator_and_an_admin_may_manage_a_villagers_product(station):
    product = ProductFactory(shop__owner=FarmerFactory(home_village=station.village), status=ProductStatus.DRAFT)
    services.product_publish(actor=station.operator, product=product)
    services.product_update(actor=AdminFactory(), product=product, name="Renamed by admin")
    product.refresh_from_db()
    assert product.status == ProductStatus.PUBLISHED and product.name == "Renamed by admin"


def test_product_values_are_checked_all_at_once(farmer):
    shop = ShopFactory(owner=farmer)
    with pytest.raises(ValidationFailed) as caught:
        _create(farmer, shop, name="", unit_price=Decimal("0"), stock=Decimal("-1"), order_step=Decimal("0"))
    assert set(caught.value.fields) >= {"name", "unit_price", "stock", "order_step"}
    with pytest.raises(ValidationFailed) as caught:
        _create(farmer, shop, unit_price=Decimal("1.005"))
    assert "unit_price" in caught.value.fields
    with pytest.raises(ValidationFailed) as caught:
        _create(farmer, shop, order_step=Decimal("1.5"), order_minimum=Decimal("2"))
    assert "order_minimum" in caught.value.fields
    with pytest.raises(ValidationFailed) as caught:
        _create(farmer, shop, produced_on=datetime.date.today() + datetime.timedelta(days=3))
    assert "produced_on" in caught.value.fields
    with pytest.raises(ValidationFailed):
        _create(farmer, shop, unit="ton")
    assert not Product.objects.exists()


def test_product_update_changes_only_the_given_fields_and_never_stock(farmer):
    product = ProductFactory(shop__owner=farmer)
    services.product_update(actor=farmer, product=product, unit_price=Decimal("20.00"), description="Crisp")
    product.refresh_from_db()
    assert product.unit_price == Decimal("20.00") and product.description == "Crisp" and product.stock == 100
    with pytest.raises(ValidationFailed) as caught:
        services.product_update(actor=farmer, product=product, stock=Decimal("5"))
    assert "stock" in caught.value.fields


def test_the_product_lifecycle(farmer):
    product = ProductFactory(shop__owner=farmer, status=ProductStatus.DRAFT)
    with pytest.raises(InvalidTransition):
        services.product_unpublish(actor=farmer, product=product)
    assert services.product_publish(actor=farmer, product=product).status == ProductStatus.PUBLISHED
    with pytest.raises(InvalidTransition):
        services.product_publish(actor=farmer, product=product)
    assert services.product_unpublish(actor=farmer, product=product).status == ProductStatus.DRAFT
    assert services.product_archive(actor=farmer, product=product).status == ProductStatus.ARCHIVED
    with pytest.raises(InvalidTransition):
        services.product_publish(actor=farmer, product=product)
    with pytest.raises(InvalidTransition):
        services.product_update(actor=farmer, product=product, name="x")
    assert services.product_unpublish(actor=farmer, product=product).status == ProductStatus.DRAFT


def test_a_suspended_shop_cannot_publish(farmer):
    product = ProductFactory(shop__owner=farmer, shop__status=ShopStatus.SUSPENDED, status=ProductStatus.DRAFT)
    with pytest.raises(Conflict):
        services.product_publish(actor=farmer, product=product)


# --- the quantity rule


@pytest.mark.parametrize(
    ("step", "minimum", "quantity", "ok"),
    [
        ("1.5", "1.5", "1.5", True),  # pickled cabbage by 1.5 kg
        ("1.5", "1.5", "3", True),
        ("1.5", "1.5", "2", False),
        ("1", "1", "2", True),  # portions of sour soup
        ("1", "1", "0.3", False),
        ("0.5", "1", "0.5", False),  # below the minimum
        ("0.5", "1", "2.5", True),
        ("1", "1", "0", False),
        ("1", "1", "-2", False),
        ("0.5", "0.5", "1.0005", False),
    ],
)
def test_quantity_validate(step, minimum, quantity, ok):
    product = Product(order_step=Decimal(step), order_minimum=Decimal(minimum), unit="kg")
    if ok:
        assert services.quantity_validate(product, quantity) == Decimal(quantity)
    else:
        with pytest.raises(ValidationFailed) as caught:
            services.quantity_validate(product, quantity)
        assert caught.value.fields["quantity"]


def test_quantity_validate_refuses_garbage_and_accepts_decimal_and_int():
    product = Product(order_step=Decimal("1"), order_minimum=Decimal("1"), unit="portion")
    for garbage in ("abc", None, "NaN", "Infinity"):
        with pytest.raises(ValidationFailed):
            services.quantity_validate(product, garbage)
    assert services.quantity_validate(product, 2) == Decimal("2")
    assert services.quantity_validate(product, Decimal("2")) == Decimal("2")
    with pytest.raises(ValidationFailed, match="steps of 1"):
        services.quantity_validate(product, Decimal("2.5"))


# --- stock


def test_stock_adjust_is_relative_and_never_goes_negative(farmer):
    product = ProductFactory(shop__owner=farmer, stock=Decimal("10"))
    assert services.product_stock_adjust(actor=farmer, product=product, delta="4.5").stock == Decimal("14.5")
    assert services.product_stock_adjust(actor=farmer, product=product, delta=Decimal("-14.5")).stock == 0
    with pytest.raises(ValidationFailed) as caught:
        services.product_stock_adjust(actor=farmer, product=product, delta=Decimal("-1"))
    assert "delta" in caught.value.fields
    for bad in ("0", "abc", "0.0001"):
        with pytest.raises(ValidationFailed):
            services.product_stock_adjust(actor=farmer, product=product, delta=bad)


@pytest.mark.django_db(transaction=True)
def test_concurrent_stock_removals_never_oversell():
    if connection.vendor != "postgresql":
        pytest.skip("row-level concurrency needs PostgreSQL (SQLite locks the whole file)")
    product = ProductFactory(stock=Decimal("10"))
    owner = product.shop.owner
    results = []
    barrier = threading.Barrier(8)

    def remove():
        from django.db import connection as thread_connection

        try:
            barrier.wait()
            services.product_stock_adjust(actor=owner, product=product, delta=Decimal("-3"))
            results.append("ok")
        except ValidationFailed:
            results.append("refused")
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=remove) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    product.refresh_from_db()
    assert results.count("ok") == 3 and results.count("refused") == 5
    assert product.stock == Decimal("1")
