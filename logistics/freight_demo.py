"""Demo freight templates (called by `manage.py seed_demo` after the shops, before the orders; idempotent: a shop
that has a template is left alone). The trade villages' family shops keep the platform default."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils import translation

from logistics.freight_services import FreightRuleInput, _template_write, freight_template_default_create
from logistics.models import FreightTemplate
from shops.models import Product, Shop
from villages.models import Province

REMOTE = ("54", "63", "65")  # Tibet, Qinghai, Xinjiang
# shop slug -> (name, basis, free from yuan, free from kg, excluded province codes, [(code or None, 4 numbers)])
DEMO_TEMPLATES = {
    "long-family-xifeng-tea": (
        "茶叶按盒计费",
        "piece",
        "199.00",
        None,
        (),
        [(None, ("1", "6.00", "1", "1.00")), ("65", ("1", "15.00", "1", "5.00")), ("54", ("1", "15.00", "1", "5.00"))],
    ),
    "libei-mountain-pantry": (
        "腊肉土鸡蛋（冷链）",
        "weight",
        None,
        None,
        REMOTE,
        [(None, ("1", "10.00", "1", "3.00")), ("52", ("1", "6.00", "1", "1.00"))],
    ),
    "zhouquan-garden": (
        "花木苗按棵计费",
        "piece",
        None,
        None,
        ("46", *REMOTE),
        [(None, ("1", "12.00", "1", "4.00")), ("32", ("1", "8.00", "1", "2.00"))],
    ),
    "yaoping-walnut-honey": (
        "核桃蜂蜜按重量",
        "weight",
        "168.00",
        None,
        (),
        [(None, ("1", "9.00", "1", "2.50")), ("62", ("1", "6.00", "1", "1.00"))],
    ),
}
# Packed weight per unit for the demo's products sold by the piece.
PIECE_WEIGHTS = {
    "box": Decimal("0.500"),
    "bottle": Decimal("0.800"),
    "piece": Decimal("1.500"),
    "portion": Decimal("0.600"),
}
DEMO_SHOP_SLUGS = (
    "long-family-xifeng-tea",
    "libei-mountain-pantry",
    "dinglou-costume-workshop",
    "zhouquan-garden",
    "yaoping-walnut-honey",
    "beishan-rice-tofu",
)


@transaction.atomic
def seed(*, quiet: bool = False) -> None:
    provinces = dict(Province.objects.values_list("code", "pk"))
    with_templates = set(FreightTemplate.objects.values_list("shop_id", flat=True))
    for shop in Shop.objects.filter(slug__in=DEMO_SHOP_SLUGS).order_by("pk"):
        if shop.pk in with_templates:
            continue
        spec = DEMO_TEMPLATES.get(shop.slug)
        if spec is None:
            with translation.override("zh-hans"):  # named as a Chinese farmer's click would name it: 标准快递
                freight_template_default_create(shop=shop)
            continue
        name, basis, free_amount, free_weight, excluded, rows = spec
        _template_write(
            FreightTemplate(shop=shop),
            name=name,
            basis=basis,
            is_default=True,
            free_over_amount=free_amount,
            free_over_weight=free_weight,
            excluded_province_ids=[provinces[code] for code in excluded if code in provinces],
            rules=[
                FreightRuleInput(None if code is None else provinces[code], *numbers)
                for code, numbers in rows
                if code is None or code in provinces
            ],
        )
    for unit, weight in PIECE_WEIGHTS.items():
        Product.objects.filter(shop__slug__in=DEMO_SHOP_SLUGS, unit=unit, shipping_weight_kg__isnull=True).update(
            shipping_weight_kg=weight
        )
