"""Demo villages, stations and users for every role (idempotent: keyed on natural keys)."""

from __future__ import annotations

import datetime
from functools import cache

from django.contrib.auth.hashers import make_password
from django.db import transaction

from accounts.models import Role, User
from core.progress import progress
from villages.models import County, Province, ServiceStation, Township, Village

DEMO_PASSWORD = "taocun-demo-2026"

# (province code, county, county in Chinese, poverty county,
#  {(township, township in Chinese): [(village, village in Chinese, population, households, poor village)]})
# The villages of the source articles (Libei, Yongjing town, Xifeng county) and of well-known Taobao
# villages: Cao county's costume villages of Daji, Shuyang's flower villages, Jinyun's Beishan.
DEMO_GEOGRAPHY = [
    (
        "52",
        "Xifeng",
        "息烽县",
        True,
        {
            ("Yongjing", "永靖镇"): [
                ("Libei", "立碑村", 4120, 1180, False),
                ("Yangwan", "养湾村", 1860, 520, True),
                ("Xiaozhai", "小寨村", 2210, 640, False),
            ],
            ("Xiaozhaiba", "小寨坝镇"): [("Shiping", "石硐村", 1540, 430, True), ("Huaxi", "花溪村", 1980, 560, False)],
        },
    ),
    (
        "52",
        "Kaiyang",
        "开阳县",
        True,
        {
            ("Nanjiang", "南江乡"): [("Longguang", "龙广村", 2650, 760, False), ("Fengsan", "凤三村", 1420, 410, True)],
            ("Hexing", "禾丰乡"): [("Nanlong", "南龙村", 1750, 500, False)],
        },
    ),
    (
        "37",
        "Cao",
        "曹县",
        True,
        {
            ("Daji", "大集镇"): [
                ("Dinglou", "丁楼村", 3420, 980, False),
                ("Zhangzhuang", "张庄村", 2860, 800, False),
                ("Sunzhuang", "孙庄村", 2030, 590, False),
            ],
            ("Anren", "安仁集镇"): [("Liuzhuang", "刘庄村", 1610, 470, True)],
        },
    ),
    (
        "32",
        "Shuyang",
        "沭阳县",
        False,
        {
            ("Xinhe", "新河镇"): [("Zhouquan", "周圈村", 3980, 1120, False), ("Xingao", "新槐村", 2340, 680, False)],
            ("Yanji", "颜集镇"): [("Dongfeng", "东风村", 2870, 820, False)],
        },
    ),
    (
        "33",
        "Jinyun",
        "缙云县",
        False,
        {
            ("Huzhen", "壶镇镇"): [("Beishan", "北山村", 2690, 760, False), ("Xiachao", "下朝村", 1210, 360, False)],
        },
    ),
    (
        "62",
        "Cheng",
        "成县",
        True,
        {
            ("Huangzhu", "黄渚镇"): [("Yaoping", "窑坪村", 1380, 390, True), ("Lijiagou", "李家沟村", 1120, 320, True)],
            ("Chenyuan", "陈院镇"): [("Huaping", "化坪村", 1460, 420, True)],
        },
    ),
]
PROVINCES_ZH = {"52": "贵州省", "37": "山东省", "32": "江苏省", "33": "浙江省", "62": "甘肃省"}
AREA_CODES = {"Xifeng": "0851", "Kaiyang": "0851", "Cao": "0530", "Shuyang": "0527", "Jinyun": "0578", "Cheng": "0939"}

# Station operators, one per village: (family name, given name). Young villagers recruited by exam.
DEMO_OPERATORS = {
    "Libei": ("罗", "晓燕"),
    "Yangwan": ("杨", "帆"),
    "Xiaozhai": ("吴", "海"),
    "Shiping": ("石", "磊"),
    "Huaxi": ("黄", "丽"),
    "Longguang": ("龙", "光明"),
    "Fengsan": ("冯", "琴"),
    "Nanlong": ("韦", "东"),
    "Dinglou": ("丁", "亚丽"),
    "Zhangzhuang": ("张", "强"),
    "Sunzhuang": ("孙", "伟"),
    "Liuzhuang": ("刘", "畅"),
    "Zhouquan": ("周", "涛"),
    "Xingao": ("许", "静"),
    "Dongfeng": ("陈", "勇"),
    "Beishan": ("吕", "军"),
    "Xiachao": ("应", "婷"),
    "Yaoping": ("姚", "平"),
    "Lijiagou": ("李", "建国"),
    "Huaping": ("何", "雪"),
}
DEMO_FARMERS = [
    # (username, given name, family name, village, disadvantaged): written in Chinese, shown family name first
    ("farmer_long", "锐", "龙", "Libei", False),
    ("farmer_wang", "芳", "王", "Libei", True),
    ("farmer_ding", "杰", "丁", "Dinglou", False),
    ("farmer_zhou", "敏", "周", "Zhouquan", False),
    ("farmer_li", "华", "李", "Yaoping", True),
    ("farmer_chen", "燕", "陈", "Beishan", False),
]
DEMO_BUYERS = [
    ("buyer_jiangsu", "磊", "孙"),
    ("buyer_shandong", "宁", "赵"),
    ("buyer_zhejiang", "颖", "钱"),
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


def _station_address(county_zh: str, township_zh: str, village_zh: str, code: str) -> str:
    return f"{PROVINCES_ZH[code]}{county_zh}{township_zh}{village_zh}村委会一楼"


@transaction.atomic
def seed(*, quiet: bool = False) -> None:
    _user(
        "admin",
        role=Role.ADMIN,
        is_staff=True,
        is_superuser=True,
        first_name="管理员",
        last_name="平台",
        email="admin@taocun.example",
    )
    villages_by_name: dict[str, Village] = {}
    for code, county_name, county_zh, poverty, townships in progress(DEMO_GEOGRAPHY, desc="villages", disable=quiet):
        county, _ = County.objects.update_or_create(
            province=Province.objects.get(code=code),
            name=county_name,
            defaults={"name_zh": county_zh, "is_poverty_county": poverty},
        )
        for (township_name, township_zh), villages in townships.items():
            township, _ = Township.objects.update_or_create(
                county=county, name=township_name, defaults={"name_zh": township_zh}
            )
            for name, name_zh, population, households, poor in villages:
                village, _ = Village.objects.update_or_create(
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
                family, given = DEMO_OPERATORS[name]
                operator = _user(
                    f"op_{name.lower()}",
                    role=Role.STATION_OPERATOR,
                    home_village=village,
                    first_name=given,
                    last_name=family,
                )
                number = len(villages_by_name)
                ServiceStation.objects.update_or_create(
                    village=village,
                    defaults={
                        "operator": operator,
                        "name": f"{name_zh}村级服务站",
                        "address": _station_address(county_zh, township_zh, name_zh, code),
                        "phone": f"{AREA_CODES[county_name]}-{8762_0000 + number * 137}",
                    },
                    create_defaults={
                        "operator": operator,
                        "name": f"{name_zh}村级服务站",
                        "address": _station_address(county_zh, township_zh, name_zh, code),
                        "phone": f"{AREA_CODES[county_name]}-{8762_0000 + number * 137}",
                        "opened_on": datetime.date(2016, 3, 1) + datetime.timedelta(days=37 * number),
                    },
                )
    for username, first, last, village_name, disadvantaged in DEMO_FARMERS:
        _user(
            username,
            role=Role.FARMER,
            first_name=first,
            last_name=last,
            home_village=villages_by_name[village_name],
            is_disadvantaged=disadvantaged,
        )
    for username, first, last in DEMO_BUYERS:
        _user(username, role=Role.BUYER, first_name=first, last_name=last)
