"""Sales channels and the produce category tree villages sell in (idempotent: keyed on code and slug)."""

from django.db import migrations

CHANNELS = [
    ("taobao", "Taobao"),
    ("jd", "JD.com"),
    ("suning", "Suning"),
    ("pinduoduo", "Pinduoduo"),
    ("own_site", "Own site"),
]

# (slug, name, [(child slug, child name), ...])
CATEGORIES = [
    ("fresh-vegetables", "Fresh vegetables", [("leafy-greens", "Leafy greens"), ("root-vegetables", "Root vegetables")]),
    ("fruit", "Fruit", [("kiwi", "Kiwi fruit"), ("citrus", "Citrus"), ("berries", "Berries and plums")]),
    ("grains-and-rice", "Grains and rice", [("rice", "Rice"), ("flour-and-millet", "Flour, millet and corn")]),
    (
        "preserved-foods",
        "Preserved foods",
        [
            ("pickles", "Pickles"),
            ("tofu", "Tofu"),
            ("rice-cakes", "Rice cakes"),
            ("sour-soup", "Sour soup and sauces"),
            ("cured-meat", "Cured meat"),
        ],
    ),
    ("tea", "Tea", [("green-tea", "Green tea"), ("black-tea", "Black tea")]),
    ("mushrooms-and-dried-goods", "Mushrooms and dried goods", [("mushrooms", "Mushrooms"), ("dried-goods", "Dried goods")]),
    ("poultry-and-eggs", "Poultry and eggs", [("eggs", "Eggs"), ("poultry", "Poultry")]),
    ("honey", "Honey", []),
    ("nuts-and-seeds", "Nuts and seeds", []),
    ("oils-and-condiments", "Oils and condiments", []),
    ("flowers-and-seedlings", "Flowers and seedlings", []),
    (
        "crafts",
        "Crafts",
        [
            ("bamboo-and-wicker", "Bamboo and wicker"),
            ("embroidery-and-costumes", "Embroidery and costumes"),
            ("wood-furniture", "Wooden furniture"),
        ],
    ),
]


def load(apps, schema_editor):
    SalesChannel = apps.get_model("shops", "SalesChannel")
    Category = apps.get_model("shops", "Category")
    for code, name in CHANNELS:
        SalesChannel.objects.get_or_create(code=code, defaults={"name": name})
    for position, (slug, name, children) in enumerate(CATEGORIES):
        parent, _ = Category.objects.get_or_create(slug=slug, defaults={"name": name, "position": position})
        for child_position, (child_slug, child_name) in enumerate(children):
            Category.objects.get_or_create(
                slug=child_slug, defaults={"name": child_name, "position": child_position, "parent": parent}
            )


class Migration(migrations.Migration):
    dependencies = [("shops", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
