"""The columns of a product sheet: their keys, their headers in each language, and the limits of one upload."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Column:
    key: str
    label: Promise
    required: bool = False
    help: Promise | str = ""


COLUMNS: tuple[Column, ...] = (
    Column(
        "key", _("Row key"), help=_("Your own reference for the row (A-001): the same key updates the same product.")
    ),
    Column("villager", _("Villager (user name)"), help=_("The user name from the Villagers sheet.")),
    Column("shop", _("Shop (address)"), help=_("Only when the villager has several shops: from the Villagers sheet.")),
    Column("category", _("Category"), required=True, help=_("From the Categories sheet (name or code).")),
    Column("name", _("Product name"), required=True),
    Column("description", _("Description")),
    Column("unit", _("Unit"), required=True, help=_("From the Units sheet.")),
    Column("unit_price", _("Unit price (yuan)"), required=True),
    Column("stock", _("Stock"), help=_("Only when the product is created: later, stock moves by adjustments.")),
    Column("order_step", _("Order step")),
    Column("order_minimum", _("Minimum order")),
    Column("produced_on", _("Harvested or made on (YYYY-MM-DD)")),
    Column("shelf_life_days", _("Shelf life (days)")),
    Column("local_specialty", _("Local specialty (yes/no)")),
    Column("publish", _("Publish (yes/no)")),
    Column("photos", _("Photo files"), help=_("File names in the photo zip, separated by ; (a-001.jpg; a-001-2.jpg).")),
)
COLUMN_KEYS = tuple(column.key for column in COLUMNS)
YES = {"yes", "y", "true", "1", "是", "oui", "o", "x", "✓"}
NO = {"no", "n", "false", "0", "否", "non", ""}


def _fold(text: str) -> str:
    return "".join(str(text).split()).casefold()


def header_map() -> dict[str, str]:
    """Every header a sheet may carry (the key, or the label in any language) -> the column key."""
    headers: dict[str, str] = {}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            for column in COLUMNS:
                headers[_fold(str(column.label))] = column.key
    for column in COLUMNS:
        headers[_fold(column.key)] = column.key
    return headers


def header_key(text) -> str | None:
    return header_map().get(_fold(text or ""))


def max_bytes() -> int:
    return settings.SHOPS_IMPORT_MAX_BYTES


def max_rows() -> int:
    return settings.SHOPS_IMPORT_MAX_ROWS
