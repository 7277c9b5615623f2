"""factory_boy factories for the lower layers; each app's tests add theirs next to them."""

import datetime

import factory
from django.contrib.auth.hashers import make_password

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
    role = Role.BUYER


class FarmerFactory(UserFactory):
    role = Role.FARMER
    home_village = factory.SubFactory(VillageFactory)


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
