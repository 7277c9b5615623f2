"""Demo shops and produce for the demo farmers (called by `manage.py seed_demo`; idempotent).

Shops are keyed on their slug, products on (shop, name), photos are added only to products without
any: running the seed twice changes nothing. Everything goes through the services, photos included
(checked, cleaned and thumbnailed like an upload).
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from accounts.models import User
from core.progress import progress
from shops import services
from shops.demo_photos import demo_photo
from shops.models import Category, Product, Shop, ShopStatus

D = Decimal

# (slug, name, owner, listed by ("owner" or "operator"), channels, opened on, description, members)
DEMO_SHOPS = [
    (
        "long-family-xifeng-tea",
        "Long Family Xifeng Tea",
        "farmer_long",
        "owner",
        ["taobao", "jd", "own_site"],
        datetime.date(2018, 4, 2),
        "Spring tea from our terraces above Libei, picked by hand and roasted in the village.",
        [],
    ),
    (
        "libei-mountain-pantry",
        "Libei Mountain Pantry 立碑山货",
        "farmer_wang",
        "operator",
        ["taobao", "pinduoduo"],
        datetime.date(2019, 9, 16),
        "Guizhou sour soup, smoked bacon and free-range eggs. Opened with the help of the Libei station.",
        ["farmer_long"],
    ),
    (
        "dinglou-costume-workshop",
        "Dinglou Costume Workshop",
        "farmer_ding",
        "owner",
        ["taobao", "jd", "pinduoduo"],
        datetime.date(2016, 11, 1),
        "Stage and festival costumes sewn in Dinglou, Cao county, plus paulownia wood boxes from our neighbours.",
        [],
    ),
    (
        "zhouquan-garden",
        "Zhouquan Garden & Pickles",
        "farmer_zhou",
        "owner",
        ["taobao", "suning", "own_site"],
        datetime.date(2017, 3, 20),
        "Seedlings and flowers from Shuyang, and Jiangsu pickled cabbage sold by the 1.5 kg jar.",
        [],
    ),
    (
        "yaoping-walnut-honey",
        "Yaoping Walnuts and Honey",
        "farmer_li",
        "operator",
        ["taobao", "pinduoduo"],
        datetime.date(2020, 6, 8),
        "Walnuts, mountain honey and mushrooms from Yaoping, Cheng county, Gansu.",
        [],
    ),
    (
        "beishan-rice-tofu",
        "Beishan Rice Tofu 北山米豆腐",
        "farmer_chen",
        "owner",
        ["taobao", "jd", "suning"],
        datetime.date(2015, 8, 12),
        "Zhejiang rice tofu, rice cakes and Jinyun baked cakes, plus bamboo baskets woven in the village.",
        [],
    ),
]

# shop slug -> [(name, category slug, unit, price, stock, step, minimum, specialty, shelf life days, look, description)]
DEMO_PRODUCTS = {
    "long-family-xifeng-tea": [
        (
            "Xifeng spring green tea 息烽春茶",
            "green-tea",
            "box",
            "128.00",
            "60",
            "1",
            "1",
            True,
            540,
            "green_tea",
            "250 g box of first-flush green tea picked in early April. Sweet, chestnut aroma.",
        ),
        (
            "Libei black tea 立碑红茶",
            "black-tea",
            "box",
            "98.00",
            "45",
            "1",
            "1",
            False,
            720,
            "black_tea",
            "250 g box of summer leaves, fully oxidised and roasted over charcoal.",
        ),
        (
            "Loose green tea by the jin 散装绿茶",
            "green-tea",
            "jin",
            "86.00",
            "30",
            "0.5",
            "0.5",
            False,
            540,
            "green_tea",
            "Everyday green tea sold by the jin (500 g), in steps of half a jin.",
        ),
        (
            "Kiwi fruit 猕猴桃",
            "kiwi",
            "kg",
            "16.80",
            "300",
            "2.5",
            "2.5",
            True,
            20,
            "kiwi",
            "Red-heart kiwi from the slopes of Xifeng, shipped in 2.5 kg boxes.",
        ),
        (
            "Wild mountain honey 土蜂蜜",
            "honey",
            "bottle",
            "68.00",
            "40",
            "1",
            "1",
            True,
            730,
            "honey",
            "500 g jar of honey from hives in the forest above the village.",
        ),
    ],
    "libei-mountain-pantry": [
        (
            "Guizhou red sour soup 红酸汤",
            "sour-soup",
            "portion",
            "12.00",
            "200",
            "1",
            "2",
            True,
            180,
            "sour_soup",
            "Fermented tomato and chilli soup base, one portion serves a hot pot for four.",
        ),
        (
            "Smoked bacon 烟熏腊肉",
            "cured-meat",
            "kg",
            "88.00",
            "60",
            "0.5",
            "1",
            True,
            180,
            "bacon",
            "Pork belly smoked for a month over cypress and tea branches.",
        ),
        (
            "Free-range eggs 土鸡蛋",
            "eggs",
            "piece",
            "1.80",
            "600",
            "10",
            "30",
            False,
            30,
            "eggs",
            "Eggs from hens that run on the hillside; sold by tens, at least thirty.",
        ),
        (
            "Dried bamboo shoots 干笋",
            "dried-goods",
            "jin",
            "45.00",
            "80",
            "1",
            "1",
            False,
            365,
            "bamboo_shoots",
            "Spring bamboo shoots sliced and sun-dried.",
        ),
        (
            "Chilli paste 糍粑辣椒",
            "oils-and-condiments",
            "bottle",
            "22.00",
            "120",
            "1",
            "1",
            True,
            180,
            "chili",
            "Guizhou ciba chilli: dried chillies pounded with garlic and ginger.",
        ),
    ],
    "dinglou-costume-workshop": [
        (
            "Children's Hanfu costume 儿童汉服",
            "embroidery-and-costumes",
            "piece",
            "129.00",
            "150",
            "1",
            "1",
            True,
            None,
            "costume",
            "Embroidered Hanfu for children aged 3 to 10, made to order in Dinglou.",
        ),
        (
            "Opera performance costume 戏曲服装",
            "embroidery-and-costumes",
            "piece",
            "268.00",
            "40",
            "1",
            "1",
            True,
            None,
            "costume",
            "Stage costume with hand-sewn gold thread, for school and festival shows.",
        ),
        (
            "Paulownia wood storage box 桐木收纳盒",
            "wood-furniture",
            "piece",
            "75.00",
            "90",
            "1",
            "1",
            False,
            None,
            "wood_box",
            "Light paulownia wood box from Cao county workshops, 40 x 30 x 20 cm.",
        ),
        (
            "Shandong sour soup 酸汤",
            "sour-soup",
            "portion",
            "9.50",
            "150",
            "1",
            "2",
            False,
            120,
            "sour_soup",
            "Sour and spicy soup base, sold by the portion (order two or more).",
        ),
    ],
    "zhouquan-garden": [
        (
            "Pickled cabbage 酸菜",
            "pickles",
            "kg",
            "18.50",
            "240",
            "1.5",
            "1.5",
            True,
            90,
            "pickled_cabbage",
            "Jiangsu-style pickled cabbage, fermented in clay jars and sold by the 1.5 kg jar.",
        ),
        (
            "Pickled radish 腌萝卜",
            "pickles",
            "kg",
            "15.00",
            "120",
            "0.5",
            "1",
            False,
            120,
            "radish",
            "Crunchy radish pickled with chilli and Sichuan pepper.",
        ),
        (
            "Potted rose seedling 月季苗",
            "flowers-and-seedlings",
            "piece",
            "25.00",
            "500",
            "1",
            "1",
            True,
            None,
            "roses",
            "Two-year-old rose bush in its pot, flowering from May to October.",
        ),
        (
            "Osmanthus sapling 桂花树苗",
            "flowers-and-seedlings",
            "piece",
            "58.00",
            "200",
            "1",
            "1",
            False,
            None,
            "sapling",
            "Sweet osmanthus sapling, about 80 cm tall.",
        ),
        (
            "Succulent trio 多肉组合",
            "flowers-and-seedlings",
            "box",
            "35.00",
            "300",
            "1",
            "1",
            False,
            None,
            "succulents",
            "Three succulents in terracotta pots, packed against the cold.",
        ),
    ],
    "yaoping-walnut-honey": [
        (
            "Cheng county walnuts 成县核桃",
            "nuts-and-seeds",
            "kg",
            "32.00",
            "400",
            "0.5",
            "1",
            True,
            365,
            "walnuts",
            "Thin-shelled walnuts from Yaoping, cracked by hand.",
        ),
        (
            "Longnan mountain honey 陇南蜂蜜",
            "honey",
            "bottle",
            "75.00",
            "80",
            "1",
            "1",
            True,
            730,
            "honey",
            "Honey from hives among the walnut and acacia trees.",
        ),
        (
            "Dried shiitake mushrooms 香菇",
            "mushrooms",
            "jin",
            "48.00",
            "100",
            "0.5",
            "0.5",
            False,
            365,
            "mushrooms",
            "Log-grown shiitake, dried in the sun.",
        ),
        (
            "Yellow millet 小米",
            "flour-and-millet",
            "kg",
            "12.00",
            "500",
            "2.5",
            "2.5",
            False,
            365,
            "millet",
            "Millet from the terraces, sold in 2.5 kg bags.",
        ),
        (
            "Potato vermicelli 土豆粉条",
            "dried-goods",
            "jin",
            "14.00",
            "200",
            "1",
            "1",
            False,
            365,
            "vermicelli",
            "Glass noodles made from Gansu potato starch.",
        ),
    ],
    "beishan-rice-tofu": [
        (
            "Rice tofu 米豆腐",
            "tofu",
            "kg",
            "16.00",
            "90",
            "1.5",
            "1.5",
            True,
            5,
            "rice_tofu",
            "Zhejiang rice tofu made every morning, sold by 1.5 kg and shipped chilled.",
        ),
        (
            "Glutinous rice cakes 年糕",
            "rice-cakes",
            "kg",
            "14.00",
            "150",
            "0.5",
            "1",
            True,
            60,
            "rice_cakes",
            "Hand-pounded rice cakes for stir-fries and soups.",
        ),
        (
            "Jinyun baked cakes 缙云烧饼",
            "rice-cakes",
            "box",
            "39.00",
            "100",
            "1",
            "1",
            True,
            10,
            "shaobing",
            "Box of ten Jinyun shaobing baked in a barrel oven, with pork and pickled greens.",
        ),
        (
            "Late rice 晚稻米",
            "rice",
            "kg",
            "9.80",
            "800",
            "5",
            "5",
            False,
            365,
            "rice",
            "Single-crop late rice from the valley, sold in 5 kg bags.",
        ),
        (
            "Bamboo basket 竹篮",
            "bamboo-and-wicker",
            "piece",
            "45.00",
            "60",
            "1",
            "1",
            True,
            None,
            "bamboo_basket",
            "Hand-woven bamboo basket with a handle, about 35 cm across.",
        ),
        (
            "Shiitake from Jinyun 缙云香菇",
            "mushrooms",
            "jin",
            "42.00",
            "0",
            "0.5",
            "0.5",
            False,
            365,
            "mushrooms",
            "Sold out until the autumn harvest.",
        ),
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
            )
        if not product.images.exists():
            for variant in range(2 if index % 2 == 0 else 1):
                image = services.product_image_add(actor=actor, product=product, upload=_photo(p_name, look, variant))
                # Thumbnails now, so the demo catalogue shows photos even without a worker running.
                services.product_image_process(image_id=image.pk)


def seed(*, quiet: bool = False) -> None:
    for spec in progress(DEMO_SHOPS, desc="shops", disable=quiet):
        _seed_shop(spec, DEMO_PRODUCTS[spec[0]])
