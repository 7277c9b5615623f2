"""Display names of the reference rows the data migration stores in English (shops/migrations/0002):
category and sales-channel names are translated at display time with gettext on the stored name.
The gettext_noop list below puts them in the catalogues (makemessages only sees literal strings)."""

from django.utils.translation import gettext, gettext_noop

SEED_NAMES = [
    # Sales channels.
    gettext_noop("Taobao"),
    gettext_noop("JD.com"),
    gettext_noop("Suning"),
    gettext_noop("Pinduoduo"),
    gettext_noop("Own site"),
    # Produce categories.
    gettext_noop("Fresh vegetables"),
    gettext_noop("Leafy greens"),
    gettext_noop("Root vegetables"),
    gettext_noop("Fruit"),
    gettext_noop("Kiwi fruit"),
    gettext_noop("Citrus"),
    gettext_noop("Berries and plums"),
    gettext_noop("Grains and rice"),
    gettext_noop("Rice"),
    gettext_noop("Flour, millet and corn"),
    gettext_noop("Preserved foods"),
    gettext_noop("Pickles"),
    gettext_noop("Tofu"),
    gettext_noop("Rice cakes"),
    gettext_noop("Sour soup and sauces"),
    gettext_noop("Cured meat"),
    gettext_noop("Tea"),
    gettext_noop("Green tea"),
    gettext_noop("Black tea"),
    gettext_noop("Mushrooms and dried goods"),
    gettext_noop("Mushrooms"),
    gettext_noop("Dried goods"),
    gettext_noop("Poultry and eggs"),
    gettext_noop("Eggs"),
    gettext_noop("Poultry"),
    gettext_noop("Honey"),
    gettext_noop("Nuts and seeds"),
    gettext_noop("Oils and condiments"),
    gettext_noop("Flowers and seedlings"),
    gettext_noop("Crafts"),
    gettext_noop("Bamboo and wicker"),
    gettext_noop("Embroidery and costumes"),
    gettext_noop("Wooden furniture"),
]


def category_label(name: str) -> str:
    """The stored (English) name of a category or sales channel in the active language.
    Names an admin added later without a translation are shown as stored."""
    return gettext(name) if name else name
