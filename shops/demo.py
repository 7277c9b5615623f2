"""Demo shops and produce for the demo farmers (called by `manage.py seed_demo`; idempotent).

Shops are keyed on their slug, products on (shop, name), photos are added only to products without
any: running the seed twice changes nothing. Everything goes through the services, photos included
(checked, cleaned and thumbnailed like an upload).
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from accounts.models import Role, User
from core.progress import progress
from shops import services
from shops.demo_photos import demo_photo
from shops.models import (
    Category,
    ImageStatus,
    Product,
    ProductImage,
    ProductStatus,
    SalesChannel,
    Shop,
    ShopStatus,
)
from villages.models import Village

D = Decimal

# (slug, name, owner, listed by ("owner" or "operator"), channels, opened on, description, members)
# Written in Chinese, as the farmers write them on Taobao; the slugs keep the demo's addresses stable.
DEMO_SHOPS = [
    (
        "long-family-xifeng-tea",
        "龙家息烽茶园",
        "farmer_long",
        "owner",
        ["taobao", "jd", "own_site"],
        datetime.date(2018, 4, 2),
        "立碑村上方梯田里的春茶，手工采摘，在村里炒制。",
        [],
    ),
    (
        "libei-mountain-pantry",
        "立碑山货铺",
        "farmer_wang",
        "operator",
        ["taobao", "pinduoduo"],
        datetime.date(2019, 9, 16),
        "贵州红酸汤、烟熏腊肉和土鸡蛋。在立碑村服务站的帮助下开店。",
        ["farmer_long"],
    ),
    (
        "dinglou-costume-workshop",
        "丁楼演出服饰工坊",
        "farmer_ding",
        "owner",
        ["taobao", "jd", "pinduoduo"],
        datetime.date(2016, 11, 1),
        "曹县丁楼村缝制的舞台和节庆演出服，也代卖邻居家的桐木收纳盒。",
        [],
    ),
    (
        "zhouquan-garden",
        "周圈花木酱菜园",
        "farmer_zhou",
        "owner",
        ["taobao", "suning", "own_site"],
        datetime.date(2017, 3, 20),
        "沭阳的花苗和树苗，还有按 1.5 公斤一坛卖的江苏酸菜。",
        [],
    ),
    (
        "yaoping-walnut-honey",
        "窑坪核桃蜂蜜",
        "farmer_li",
        "operator",
        ["taobao", "pinduoduo"],
        datetime.date(2020, 6, 8),
        "甘肃成县窑坪村的核桃、山花蜂蜜和香菇。",
        [],
    ),
    (
        "beishan-rice-tofu",
        "北山米豆腐",
        "farmer_chen",
        "owner",
        ["taobao", "jd", "suning"],
        datetime.date(2015, 8, 12),
        "浙江米豆腐、年糕和缙云烧饼，还有村里编的竹篮。",
        [],
    ),
]

# shop slug -> [(name, category slug, unit, price, stock, step, minimum, specialty, shelf life days, look, description)]
DEMO_PRODUCTS = {
    "long-family-xifeng-tea": [
        (
            "息烽春茶",
            "green-tea",
            "box",
            "128.00",
            "60",
            "1",
            "1",
            True,
            540,
            "green_tea",
            "250 克一盒，四月初采摘的头春绿茶，回甘，有板栗香。",
        ),
        (
            "立碑红茶",
            "black-tea",
            "box",
            "98.00",
            "45",
            "1",
            "1",
            False,
            720,
            "black_tea",
            "250 克一盒，夏茶全发酵，炭火烘焙。",
        ),
        (
            "散装绿茶",
            "green-tea",
            "jin",
            "86.00",
            "30",
            "0.5",
            "0.5",
            False,
            540,
            "green_tea",
            "日常口粮绿茶，按斤卖，半斤起。",
        ),
        (
            "红心猕猴桃",
            "kiwi",
            "kg",
            "16.80",
            "300",
            "2.5",
            "2.5",
            True,
            20,
            "kiwi",
            "息烽山坡上的红心猕猴桃，2.5 公斤一箱发货。",
        ),
        (
            "土蜂蜜",
            "honey",
            "bottle",
            "68.00",
            "40",
            "1",
            "1",
            True,
            730,
            "honey",
            "村子上方林子里的蜂箱产的蜂蜜，500 克一瓶。",
        ),
    ],
    "libei-mountain-pantry": [
        (
            "贵州红酸汤",
            "sour-soup",
            "portion",
            "12.00",
            "200",
            "1",
            "2",
            True,
            180,
            "sour_soup",
            "番茄辣椒发酵的酸汤底料，一份够四个人吃一锅火锅。",
        ),
        (
            "烟熏腊肉",
            "cured-meat",
            "kg",
            "88.00",
            "60",
            "0.5",
            "1",
            True,
            180,
            "bacon",
            "五花肉用柏枝和茶枝熏足一个月。",
        ),
        (
            "土鸡蛋",
            "eggs",
            "piece",
            "1.80",
            "600",
            "10",
            "30",
            False,
            30,
            "eggs",
            "山坡上散养的鸡下的蛋，十个一份，三十个起卖。",
        ),
        ("干笋", "dried-goods", "jin", "45.00", "80", "1", "1", False, 365, "bamboo_shoots", "春笋切片晒干。"),
        (
            "糍粑辣椒",
            "oils-and-condiments",
            "bottle",
            "22.00",
            "120",
            "1",
            "1",
            True,
            180,
            "chili",
            "贵州糍粑辣椒：干辣椒加蒜和姜舂成。",
        ),
    ],
    "dinglou-costume-workshop": [
        (
            "儿童汉服",
            "embroidery-and-costumes",
            "piece",
            "129.00",
            "150",
            "1",
            "1",
            True,
            None,
            "costume",
            "3 到 10 岁儿童绣花汉服，丁楼村按单缝制。",
        ),
        (
            "戏曲演出服",
            "embroidery-and-costumes",
            "piece",
            "268.00",
            "40",
            "1",
            "1",
            True,
            None,
            "costume",
            "手工钉金线的舞台服装，学校和节庆演出用。",
        ),
        (
            "桐木收纳盒",
            "wood-furniture",
            "piece",
            "75.00",
            "90",
            "1",
            "1",
            False,
            None,
            "wood_box",
            "曹县作坊的轻质桐木盒，40 × 30 × 20 厘米。",
        ),
        (
            "鲁西酸辣汤料",
            "sour-soup",
            "portion",
            "9.50",
            "150",
            "1",
            "2",
            False,
            120,
            "sour_soup",
            "酸辣汤底料，按份卖，两份起。",
        ),
    ],
    "zhouquan-garden": [
        (
            "酸菜",
            "pickles",
            "kg",
            "18.50",
            "240",
            "1.5",
            "1.5",
            True,
            90,
            "pickled_cabbage",
            "江苏做法的酸菜，陶坛发酵，1.5 公斤一坛。",
        ),
        ("腌萝卜", "pickles", "kg", "15.00", "120", "0.5", "1", False, 120, "radish", "辣椒花椒腌的脆萝卜。"),
        # Sold in two boxes (DEMO_OPTIONS): the price and stock here are the summary the options replace.
        ("脐橙", "citrus", "box", "39.00", "0", "1", "1", True, 30, "oranges", "自家果园的脐橙，现摘现发，甜中带酸。"),
        (
            "月季苗",
            "flowers-and-seedlings",
            "piece",
            "25.00",
            "500",
            "1",
            "1",
            True,
            None,
            "roses",
            "两年生带盆月季，五月开到十月。",
        ),
        (
            "桂花树苗",
            "flowers-and-seedlings",
            "piece",
            "58.00",
            "200",
            "1",
            "1",
            False,
            None,
            "sapling",
            "金桂树苗，约 80 厘米高。",
        ),
        (
            "多肉组合",
            "flowers-and-seedlings",
            "box",
            "35.00",
            "300",
            "1",
            "1",
            False,
            None,
            "succulents",
            "三盆陶盆多肉，防寒包装。",
        ),
    ],
    "yaoping-walnut-honey": [
        (
            "成县核桃",
            "nuts-and-seeds",
            "kg",
            "32.00",
            "400",
            "0.5",
            "1",
            True,
            365,
            "walnuts",
            "窑坪村的薄皮核桃，手工敲开。",
        ),
        ("陇南蜂蜜", "honey", "bottle", "75.00", "80", "1", "1", True, 730, "honey", "核桃树和洋槐林间蜂箱产的蜂蜜。"),
        ("干香菇", "mushrooms", "jin", "48.00", "100", "0.5", "0.5", False, 365, "mushrooms", "段木香菇，太阳晒干。"),
        (
            "黄小米",
            "flour-and-millet",
            "kg",
            "12.00",
            "500",
            "2.5",
            "2.5",
            False,
            365,
            "millet",
            "梯田小米，2.5 公斤一袋。",
        ),
        (
            "土豆粉条",
            "dried-goods",
            "jin",
            "14.00",
            "200",
            "1",
            "1",
            False,
            365,
            "vermicelli",
            "甘肃土豆淀粉做的粉条。",
        ),
    ],
    # The sold-out one listed first: the newest products a buyer meets are for sale.
    "beishan-rice-tofu": [
        ("缙云香菇", "mushrooms", "jin", "42.00", "0", "0.5", "0.5", False, 365, "mushrooms", "已售完，秋收后再上。"),
        (
            "米豆腐",
            "tofu",
            "kg",
            "16.00",
            "90",
            "1.5",
            "1.5",
            True,
            5,
            "rice_tofu",
            "每天早上现做的浙江米豆腐，1.5 公斤起，冷链发货。",
        ),
        (
            "手打年糕",
            "rice-cakes",
            "kg",
            "14.00",
            "150",
            "0.5",
            "1",
            True,
            60,
            "rice_cakes",
            "手工打的年糕，炒、煮汤都好。",
        ),
        (
            "缙云烧饼",
            "rice-cakes",
            "box",
            "39.00",
            "100",
            "1",
            "1",
            True,
            10,
            "shaobing",
            "桶炉烤的缙云烧饼十个一盒，梅干菜肉馅。",
        ),
        ("晚稻米", "rice", "kg", "9.80", "800", "5", "5", False, 365, "rice", "山谷里的单季晚稻，5 公斤一袋。"),
        (
            "竹篮",
            "bamboo-and-wicker",
            "piece",
            "45.00",
            "60",
            "1",
            "1",
            True,
            None,
            "bamboo_basket",
            "手工编的提手竹篮，直径约 35 厘米。",
        ),
    ],
}

# The village trade behind certification: a Taobao village has 100 active shops or more, most of them
# small family shops selling wholesale lots. village -> (shops, of them dormant, trade).
# A dormant shop stopped taking orders months ago: it counts among the shops, not among the active ones.
TRADE_VILLAGES = {
    "Dinglou": (126, 2, "costume"),
    "Zhangzhuang": (112, 3, "costume"),
    "Sunzhuang": (106, 2, "wood"),
    "Zhouquan": (118, 4, "flowers"),
    "Libei": (101, 6, "mountain"),  # 95 active + the two shops above: just short of 100
}
# Family names: the village's own first (Dinglou is the Ding family's village), then common ones.
TRADE_FAMILIES = {
    "Dinglou": "丁",
    "Zhangzhuang": "张",
    "Sunzhuang": "孙",
    "Zhouquan": "周",
    "Libei": "罗",
}
COMMON_FAMILIES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
GIVEN_NAMES = [
    "伟",
    "芳",
    "娜",
    "秀英",
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
    "秀兰",
    "霞",
    "平",
    "刚",
    "桂英",
    "建华",
    "海燕",
    "玉兰",
    "文",
    "红梅",
    "志强",
    "晓东",
    "春花",
    "国庆",
]
# trade -> shop name patterns ({family}, {given}, {village})
TRADE_SHOP_NAMES = {
    "costume": [
        "{family}{given}演出服饰",
        "{given}家童装演出服",
        "{village}{family}氏服饰",
        "{given}汉服工作室",
        "{family}记舞台服装",
        "{family}{given}民族服饰",
    ],
    "wood": ["{family}{given}木艺", "{given}家桐木工坊", "{village}{family}记木制品", "{family}氏相框厂"],
    "flowers": ["{family}{given}花木", "{given}家苗圃", "{family}记多肉园", "{village}{family}氏园艺"],
    "mountain": ["{family}{given}山货", "{given}家茶园", "{family}记腊肉", "{village}{family}氏土特产"],
}
# trade -> [(name, category, unit, price, step, minimum, look, description)]: lots for shops and schools.
TRADE_PRODUCTS = {
    "costume": [
        (
            "儿童舞蹈演出服（10套装）",
            "embroidery-and-costumes",
            "box",
            "390.00",
            "1",
            "1",
            "costume",
            "同款十套，S 至 XL 码可混搭，幼儿园、小学六一演出常用。",
        ),
        (
            "成人汉服（5件起批）",
            "embroidery-and-costumes",
            "piece",
            "88.00",
            "5",
            "5",
            "costume",
            "雪纺汉服，影楼、景区和汉服社批量采购。",
        ),
        (
            "民族舞蹈服（20套装）",
            "embroidery-and-costumes",
            "box",
            "760.00",
            "1",
            "1",
            "costume",
            "二十套民族舞蹈服，配头饰。",
        ),
        (
            "校园合唱服（10套装）",
            "embroidery-and-costumes",
            "box",
            "450.00",
            "1",
            "1",
            "costume",
            "合唱比赛用的礼服，十套一箱。",
        ),
    ],
    "wood": [
        (
            "桐木收纳盒（20个装）",
            "wood-furniture",
            "box",
            "620.00",
            "1",
            "1",
            "wood_box",
            "轻质桐木收纳盒，二十个一箱，可刻字。",
        ),
        (
            "桐木茶叶包装盒（100个装）",
            "wood-furniture",
            "box",
            "1180.00",
            "1",
            "1",
            "wood_box",
            "茶厂、礼品公司用的桐木包装盒，一百个起。",
        ),
    ],
    "flowers": [
        (
            "月季苗（100株装）",
            "flowers-and-seedlings",
            "box",
            "320.00",
            "1",
            "1",
            "roses",
            "一百株两年生月季苗，园林绿化用。",
        ),
        (
            "红叶石楠苗（200株装）",
            "flowers-and-seedlings",
            "box",
            "380.00",
            "1",
            "1",
            "sapling",
            "绿篱用红叶石楠，二百株一捆。",
        ),
        (
            "多肉组合（30盆装）",
            "flowers-and-seedlings",
            "box",
            "260.00",
            "1",
            "1",
            "succulents",
            "三十盆多肉，花店和网店补货用。",
        ),
        ("桂花树苗", "flowers-and-seedlings", "piece", "58.00", "10", "10", "sapling", "金桂树苗，十棵起批。"),
    ],
    "mountain": [
        ("明前绿茶（6盒装）", "green-tea", "box", "690.00", "1", "1", "green_tea", "六盒明前绿茶，茶馆和单位采购。"),
        ("红心猕猴桃（批发）", "kiwi", "kg", "14.00", "5", "25", "kiwi", "红心猕猴桃，25 公斤起批，水果店进货。"),
        ("烟熏腊肉（批发）", "cured-meat", "kg", "82.00", "1", "5", "bacon", "柏枝熏腊肉，5 公斤起批，饭店用。"),
        ("红酸汤（20袋装）", "sour-soup", "box", "168.00", "1", "1", "sour_soup", "二十袋酸汤底料，火锅店进货。"),
        ("土蜂蜜（6瓶装）", "honey", "box", "360.00", "1", "1", "honey", "六瓶山花蜂蜜一箱。"),
    ],
}


def _operator_of(village) -> User | None:
    station = getattr(village, "station", None)
    return station.operator if station else None


def _photo(name: str, look: str, variant: int) -> SimpleUploadedFile:
    return SimpleUploadedFile(
        f"{look}-{variant + 1}.jpg", demo_photo(look, seed=name, variant=variant), content_type="image/jpeg"
    )


@transaction.atomic
def _seed_shop(spec, products) -> None:
    slug, name, owner_name, listed, channels, opened_on, description, members = spec
    owner = User.objects.select_related("home_village__station__operator").filter(username=owner_name).first()
    if owner is None:
        return  # villages.demo did not run
    operator = _operator_of(owner.home_village)
    actor = operator if listed == "operator" and operator else owner
    shop = Shop.objects.filter(slug=slug).first()
    if shop is None:
        shop = services.shop_open(
            actor=actor,
            owner=owner,
            name=name,
            description=description,
            channels=channels,
            members=list(User.objects.filter(username__in=members, home_village=owner.home_village)),
            opened_on=opened_on,
        )
        if shop.slug != slug:  # the slug of a Chinese name is ASCII only: keep the demo's stable address
            Shop.objects.filter(pk=shop.pk).update(slug=slug)
            shop.slug = slug
    categories = {category.slug: category for category in Category.objects.all()}
    for index, row in enumerate(products):
        (p_name, category, unit, price, stock, step, minimum, specialty, shelf_life, look, text) = row
        product = Product.objects.filter(shop=shop, name=p_name).first()
        if product is None:
            product = services.product_create(
                actor=actor,
                shop=shop,
                category=categories[category],
                name=p_name,
                description=text,
                unit=unit,
                unit_price=D(price),
                stock=D(stock),
                order_step=D(step),
                order_minimum=D(minimum),
                is_local_specialty=specialty,
                produced_on=datetime.date.today() - datetime.timedelta(days=3 + index * 4),
                shelf_life_days=shelf_life,
                publish=shop.status == ShopStatus.OPEN,
                variants=[
                    {"name": o_name, "unit_price": D(o_price), "stock": D(o_stock), "shipping_weight_kg": D(weight)}
                    for o_name, o_price, o_stock, weight in DEMO_OPTIONS.get(p_name, ())
                ]
                or None,
            )
        if not product.images.exists():
            for variant in range(2 if index % 2 == 0 else 1):
                image = services.product_image_add(actor=actor, product=product, upload=_photo(p_name, look, variant))
                # Thumbnails now, so the demo catalogue shows photos even without a worker running.
                services.product_image_process(image_id=image.pk)


# product name -> its options (name, price, stock, packed weight in kg): a buyer picks one on the product page.
DEMO_OPTIONS = {
    "脐橙": [("5 斤装", "39.00", "80", "2.800"), ("10 斤装", "72.00", "40", "5.500")],
}


def trade_shop_slug(village_name: str, number: int) -> str:
    return f"{village_name.lower()}-{number:03d}"


def trade_dormant_slugs() -> set[str]:
    """The trade shops that stopped taking orders (the last ones of each village)."""
    return {
        trade_shop_slug(village, number)
        for village, (count, dormant, _trade) in TRADE_VILLAGES.items()
        for number in range(count - dormant + 1, count + 1)
    }


def _shared_photo(product: Product, look: str) -> ProductImage:
    """One photo per kind of lot, made once through the services; other shops' lots show the same files."""
    same = (
        ProductImage.objects.filter(product__name=product.name, status=ImageStatus.READY)
        .exclude(product=product)
        .first()
    )
    if same is not None:
        return same
    image = services.product_image_add(actor=product.shop.owner, product=product, upload=_photo(product.name, look, 0))
    return services.product_image_process(image_id=image.pk)


@transaction.atomic
def _seed_trade_village(village, count: int, trade: str, rng: random.Random) -> None:
    """The village's family shops, their owners and their lots, in bulk (hundreds of rows)."""
    from villages.demo import _demo_password_hash  # the one hash every demo account shares

    if Shop.objects.filter(slug=trade_shop_slug(village.name, 1)).exists():
        return
    own = TRADE_FAMILIES[village.name]
    people = []
    for number in range(1, count + 1):
        family = own if rng.random() < 0.55 else rng.choice(COMMON_FAMILIES)
        people.append((f"{village.name.lower()}_{number:03d}", family, rng.choice(GIVEN_NAMES)))
    confirmed_at = timezone.now()
    User.objects.bulk_create(
        [
            User(
                username=username,
                role=Role.FARMER,
                home_village=village,
                first_name=given,
                last_name=family,
                password=_demo_password_hash(),
                is_disadvantaged=rng.random() < 0.08,
                home_village_confirmed_at=confirmed_at,  # the demo's villagers are known to their station
            )
            for username, family, given in people
        ],
        ignore_conflicts=True,
    )
    owners = {user.username: user for user in User.objects.filter(username__in=[p[0] for p in people])}
    shops = []
    for number, (username, family, given) in enumerate(people, start=1):
        pattern = rng.choice(TRADE_SHOP_NAMES[trade])
        name = pattern.format(family=family, given=given, village=village.name_zh.removesuffix("村"))
        shops.append(
            Shop(
                village=village,
                owner=owners[username],
                name=name,
                slug=trade_shop_slug(village.name, number),
                description=f"{village.name_zh}{family}{given}家的网店，批发零售都做。",
                status=ShopStatus.OPEN,
                opened_on=datetime.date(2014, 3, 1) + datetime.timedelta(days=rng.randint(0, 2500)),
                created_by=owners[username],
            )
        )
    Shop.objects.bulk_create(shops)
    shops = list(Shop.objects.filter(slug__in=[shop.slug for shop in shops]).select_related("owner").order_by("slug"))
    channels = {channel.code: channel for channel in SalesChannel.objects.all()}
    Shop.channels.through.objects.bulk_create(
        [
            Shop.channels.through(shop_id=shop.pk, saleschannel_id=channels[code].pk)
            for shop in shops
            for code in {"taobao", rng.choice(["pinduoduo", "jd", "taobao", "suning"])}
            if code in channels
        ]
    )
    categories = {category.slug: category for category in Category.objects.all()}
    products = []
    for shop in shops:
        for lot in rng.sample(TRADE_PRODUCTS[trade], k=rng.choice([1, 1, 2])):
            name, category, unit, price, step, minimum, _look, text = lot
            products.append(
                Product(
                    shop=shop,
                    category=categories[category],
                    name=name,
                    description=text,
                    unit=unit,
                    unit_price=D(price),
                    stock=D(5000),
                    order_step=D(step),
                    order_minimum=D(minimum),
                    status=ProductStatus.PUBLISHED,
                    is_local_specialty=rng.random() < 0.3,
                    listed_by=shop.owner,
                )
            )
    Product.objects.bulk_create(products)
    services.variants_default_create(products)
    lots = list(Product.objects.filter(shop__in=shops).select_related("shop__owner").order_by("pk"))
    # Lots listed long ago: the newest products of the catalogue stay the farmers' own listings.
    Product.objects.filter(pk__in=[lot.pk for lot in lots]).update(
        created_at=timezone.now() - datetime.timedelta(days=400)
    )
    looks = {lot[0]: lot[6] for lot in TRADE_PRODUCTS[trade]}
    photos = {}
    copies = []
    for lot in lots:
        if lot.name not in photos:
            photos[lot.name] = _shared_photo(lot, looks[lot.name])
            if photos[lot.name].product_id == lot.pk:
                continue
        photo = photos[lot.name]
        copies.append(
            ProductImage(
                product=lot,
                position=0,
                image=photo.image.name,
                width=photo.width,
                height=photo.height,
                thumbnail_small=photo.thumbnail_small.name,
                thumbnail_large=photo.thumbnail_large.name,
                status=ImageStatus.READY,
            )
        )
    ProductImage.objects.bulk_create(copies)


def _seed_trade(*, quiet: bool) -> None:
    villages = {village.name: village for village in Village.objects.filter(name__in=TRADE_VILLAGES)}
    for name in progress(list(TRADE_VILLAGES), desc="village shops", disable=quiet):
        if name in villages:
            count, _dormant, trade = TRADE_VILLAGES[name]
            _seed_trade_village(villages[name], count, trade, random.Random(f"trade-{name}"))


def seed(*, quiet: bool = False) -> None:
    for spec in progress(DEMO_SHOPS, desc="shops", disable=quiet):
        _seed_shop(spec, DEMO_PRODUCTS[spec[0]])
    _seed_trade(quiet=quiet)
