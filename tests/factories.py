"""factory_boy factories for the lower layers; each app's tests add theirs next to them."""

import datetime
import itertools
import uuid
from decimal import Decimal

import factory
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from accounts.models import Role, User
from villages.models import County, Province, ServiceStation, Township, Village

PASSWORD = "correct-horse-battery-42"
_PASSWORD_HASH = make_password(PASSWORD)


class ProvinceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Province
        django_get_or_create = ["code"]

    code = "52"
    name = "Guizhou"
    name_zh = "贵州省"


class CountyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = County

    province = factory.SubFactory(ProvinceFactory)
    name = factory.Sequence(lambda n: f"County {n}")
    is_poverty_county = False


class TownshipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Township

    county = factory.SubFactory(CountyFactory)
    name = factory.Sequence(lambda n: f"Township {n}")


class VillageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Village

    township = factory.SubFactory(TownshipFactory)
    name = factory.Sequence(lambda n: f"Village {n}")
    population = 2000
    households = 600


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    password = _PASSWORD_HASH
    role = Role.BUYER


class BuyerFactory(UserFactory):
    """A buyer with an established account: the trading rules ignore orders from brand-new accounts."""

    role = Role.BUYER
    date_joined = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=400))


class FarmerFactory(UserFactory):
    """A farmer whose station confirmed their home village (as the demo's); pass home_village_confirmed_at=None
    for a fresh sign-up's claim."""

    role = Role.FARMER
    home_village = factory.SubFactory(VillageFactory)
    home_village_confirmed_at = factory.LazyFunction(timezone.now)


class AdminFactory(UserFactory):
    role = Role.ADMIN
    is_staff = True


class OperatorFactory(UserFactory):
    role = Role.STATION_OPERATOR
    home_village = factory.SubFactory(VillageFactory)


class StationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceStation

    village = factory.SubFactory(VillageFactory)
    operator = factory.SubFactory(OperatorFactory, home_village=factory.SelfAttribute("..village"))
    name = factory.LazyAttribute(lambda station: f"{station.village.name} station")
    address = "1 Main Street"
    opened_on = datetime.date(2018, 5, 1)


# --- shops (the data model is shared by every app above)


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "shops.Category"
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")


class ShopFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "shops.Shop"

    owner = factory.SubFactory(FarmerFactory)
    village = factory.SelfAttribute("owner.home_village")
    name = factory.Sequence(lambda n: f"Shop {n}")
    slug = factory.Sequence(lambda n: f"shop-{n}")
    opened_on = datetime.date(2024, 1, 1)
    created_by = factory.SelfAttribute("owner")


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "shops.Product"
        skip_postgeneration_save = True

    shop = factory.SubFactory(ShopFactory)
    category = factory.SubFactory(CategoryFactory)
    name = factory.Sequence(lambda n: f"Pickled cabbage {n}")
    unit = "kg"
    unit_price = Decimal("18.50")
    stock = Decimal("100")
    order_step = Decimal("0.5")
    order_minimum = Decimal("1")
    status = "published"
    listed_by = factory.SelfAttribute("shop.owner")

    @factory.post_generation
    def variants(product, create, extracted, **kwargs):
        """Its one option, as every product creator makes it (shops.services.variants_default_create); or
        `variants=[{name, unit_price, stock, ...}, ...]` for several (the product's figures become their summary)."""
        if not create:
            return
        from shops.models import ProductVariant
        from shops.services import product_summary_write, variants_default_create

        if not extracted:
            variants_default_create([product])
            return
        for position, values in enumerate(extracted):
            values = {"order_step": product.order_step, "order_minimum": product.order_minimum, **values}
            ProductVariant.objects.create(product=product, position=position, **values)
        product_summary_write(product)
        product.refresh_from_db()


# --- orders


class OrderFactory(factory.django.DjangoModelFactory):
    """An order as the checkout leaves it; pass status/paid_at/... for later states."""

    class Meta:
        model = "orders.Order"

    number = factory.Sequence(lambda n: f"TC{n:010d}")
    buyer = factory.SubFactory(BuyerFactory)
    shop = factory.SubFactory(ShopFactory)
    checkout_id = factory.LazyFunction(uuid.uuid4)
    status = "pending_payment"
    recipient_name = "Sun Lei"
    recipient_phone = "13800000000"
    ship_province = factory.SubFactory(ProvinceFactory, code="32", name="Jiangsu", name_zh="江苏省")
    ship_city = "Nanjing"
    ship_county = "Xuanwu"
    ship_address = "1 Zhongshan Road"
    subtotal = Decimal("37.00")
    total = Decimal("37.00")


class OrderLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "orders.OrderLine"

    order = factory.SubFactory(OrderFactory)
    product = factory.SubFactory(ProductFactory, shop=factory.SelfAttribute("..order.shop"))
    variant = factory.LazyAttribute(lambda line: line.product.variants.order_by("position", "pk").first())
    product_name = factory.SelfAttribute("product.name")
    variant_name = factory.LazyAttribute(lambda line: line.variant.name)
    unit = factory.SelfAttribute("product.unit")
    unit_price = factory.LazyAttribute(lambda line: line.variant.unit_price)
    quantity = Decimal("2")
    line_total = factory.LazyAttribute(lambda line: line.unit_price * line.quantity)


class DisputeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "orders.Dispute"

    order = factory.SubFactory(OrderFactory, status="delivered")
    opened_by = factory.SelfAttribute("order.buyer")
    reason = "The cabbage arrived crushed."


_waybills = itertools.count(1)


def waybill() -> str:
    """A new SF Express tracking number in the carrier's format (each order ships with its own)."""
    return f"SF{next(_waybills) + 7_100_000_000_000:013d}"
