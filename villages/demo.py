"""Demo villages, stations and users for every role (idempotent: keyed on natural keys)."""

from __future__ import annotations

import datetime
from functools import cache

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from accounts.models import Role, User
from core.progress import progress
from villages.models import County, Province, ServiceStation, Township, Village

DEMO_PASSWORD = "taocun-demo-2026"

# (province code, county, county in Chinese, poverty county,
#  {township: [(village, village in Chinese, population, households, poor village)]})
DEMO_GEOGRAPHY = [
    (
        "52",
        "Xifeng",
        "息烽县",
        True,
        {
            "Yongjing": [
                ("Libei", "立碑村", 4120, 1180, False),
                ("Yangwan", "养湾村", 1860, 520, True),
                ("Xiaozhai", "小寨村", 2210, 640, False),
            ],
            "Xiaozhaiba": [("Shiping", "石硐村", 1540, 430, True), ("Huaxi", "花溪村", 1980, 560, False)],
        },
    ),
    (
        "52",
        "Kaiyang",
        "开阳县",
        True,
        {
            "Nanjiang": [("Longguang", "龙广村", 2650, 760, False), ("Fengsan", "凤三村", 1420, 410, True)],
            "Hexing": [("Nanlong", "南龙村", 1750, 500, False)],
        },
    ),
    (
        "37",
        "Cao",
        "曹县",
        True,
        {
            "Daji": [
                ("Dinglou", "丁楼村", 3420, 980, False),
                ("Zhangzhuang", "张庄村", 2860, 800, False),
                ("Sunzhuang", "孙庄村", 2030, 590, False),
            ],
            "Anren": [("Liuzhuang", "刘庄村", 1610, 470, True)],
        },
    ),
    (
        "32",
        "Shuyang",
        "沭阳县",
        False,
        {
            "Xinhe": [("Zhouquan", "周圈村", 3980, 1120, False), ("Xingao", "新槐村", 2340, 680, False)],
            "Yanji": [("Dongfeng", "东风村", 2870, 820, False)],
        },
    ),
    (
        "33",
        "Jinyun",
        "缙云县",
        False,
        {
            "Huzhen": [("Beishan", "北山村", 2690, 760, False), ("Xiachao", "下朝村", 1210, 360, False)],
        },
    ),
    (
        "62",
        "Cheng",
        "成县",
        True,
        {
            "Huangzhu": [("Yaoping", "窑坪村", 1380, 390, True), ("Lijiagou", "李家沟村", 1120, 320, True)],
            "Chenyuan": [("Huaping", "化坪村", 1460, 420, True)],
        },
    ),
]

DEMO_FARMERS = [
    # (username, first name, last name, village, disadvantaged)
    ("farmer_long", "Rui", "Long", "Libei", False),
    ("farmer_wang", "Fang", "Wang", "Libei", True),
    ("farmer_ding", "Jie", "Ding", "Dinglou", False),
    ("farmer_zhou", "Min", "Zhou", "Zhouquan", False),
    ("farmer_li", "Hua", "Li", "Yaoping", True),
    ("farmer_chen", "Yan", "Chen", "Beishan", False),
]
DEMO_BUYERS = [
    ("buyer_jiangsu", "Lei", "Sun"),
    ("buyer_shandong", "Ning", "Zhao"),
    ("buyer_zhejiang", "Ying", "Qian"),
]


@cache
def _demo_password_hash() -> str:
    # Hashing is deliberately slow; every demo account shares the one password, so hash it once.
    return make_password(DEMO_PASSWORD)


def _user(username: str, **fields) -> User:
    user, _created = User.objects.get_or_create(
        username=username, defaults={**fields, "password": _demo_password_hash()}
    )
    return user


@transaction.atomic
def seed(*, quiet: bool = False) -> None:
    _user("admin", role=Role.ADMIN, is_staff=True, is_superuser=True, first_name="Admin", email="admin@taocun.example")
    villages_by_name: dict[str, Village] = {}
    for code, county_name, county_zh, poverty, townships in progress(DEMO_GEOGRAPHY, desc="villages", disable=quiet):
        county, _ = County.objects.get_or_create(
            province=Province.objects.get(code=code),
            name=county_name,
            defaults={"name_zh": county_zh, "is_poverty_county": poverty},
        )
        for township_name, villages in townships.items():
            township, _ = Township.objects.get_or_create(county=county, name=township_name)
            for name, name_zh, population, households, poor in villages:
                village, _ = Village.objects.get_or_create(
                    township=township,
                    name=name,
                    defaults={
                        "name_zh": name_zh,
                        "population": population,
                        "households": households,
                        "is_poor_village": poor,
                    },
                )
                villages_by_name[name] = village
                operator = _user(
                    f"op_{name.lower()}",
                    role=Role.STATION_OPERATOR,
                    home_village=village,
                    first_name=name,
                    last_name="Station",
                )
                ServiceStation.objects.get_or_create(
                    village=village,
                    defaults={
                        "operator": operator,
                        "name": f"{name} service station",
                        "address": f"1 Main Street, {name}, {township_name}, {county_name}",
                        "opened_on": datetime.date(2016, 3, 1) + datetime.timedelta(days=37 * len(villages_by_name)),
                    },
                )
    for username, first, last, village_name, disadvantaged in DEMO_FARMERS:
        farmer = _user(
            username,
            role=Role.FARMER,
            first_name=first,
            last_name=last,
            home_village=villages_by_name[village_name],
            is_disadvantaged=disadvantaged,
        )
        if farmer.home_village_confirmed_at is None:  # the demo's farmers are known to their station
            farmer.home_village_confirmed_at = timezone.now()
            station = ServiceStation.objects.filter(village=farmer.home_village).first()
            farmer.home_village_confirmed_by = station.operator if station else None
            farmer.save(update_fields=["home_village_confirmed_at", "home_village_confirmed_by"])
    for username, first, last in DEMO_BUYERS:
        _user(username, role=Role.BUYER, first_name=first, last_name=last)
