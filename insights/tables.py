"""The dashboards' tables: one definition serves the HTML table, its CSV download and its chart (charts.py).

So the figures a chart draws, the table under it and the CSV file can never disagree.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.i18n import chinese_page
from core.money import format_yuan
from core.quantity import format_number
from core.spreadsheet import spreadsheet_writer
from shops.labels import category_label
from shops.models import unit_label
from villages.models import place_label

DASH = "—"
NUMERIC = ("money", "percent", "count", "quantity")


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    # text | money | percent | count | quantity (count + the row's unit on the page) | month | flag
    # | place (the row's `<key>_zh` in Chinese) | category (a seed category name, translated)
    kind: str = "text"
    csv_only: bool = False  # in the CSV file, not in the page's table


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    columns: tuple[Column, ...]
    source: str  # where the rows are in the stats: "monthly", "destinations.by_province", ...
    chart: str = ""  # "" (no chart) | "bar" | "hbar"
    chart_label: str = ""  # the column that labels the bars (insights/charts.py draws them)
    chart_values: tuple[str, ...] = ()
    public: bool = False  # shown to everyone (county and province public summaries)
    people: bool = False  # names people: only admins and operators see it


MONTH, VOLUME, ORDERS, GROWTH = (
    Column("month", _("Month"), "month"),
    Column("volume", _("Sales volume (yuan)"), "money"),
    Column("orders", _("Orders"), "count"),
    Column("growth", _("Year-on-year growth (%)"), "percent"),
)

TABLES: dict[str, Table] = {
    table.name: table
    for table in (
        Table(
            "monthly",
            _("Sales by month"),
            (MONTH, VOLUME, ORDERS, Column("volume_year_before", _("A year before (yuan)"), "money"), GROWTH),
            "monthly",
            chart="bar",
            chart_label="month",
            chart_values=("volume", "volume_year_before"),
        ),
        Table(
            "yearly",
            _("Sales by year"),
            (Column("year", _("Year")), Column("months", _("Months"), "count"), VOLUME, ORDERS, GROWTH),
            "yearly",
            chart="bar",
            chart_label="year",
            chart_values=("volume",),
            public=True,
        ),
        Table(
            "destinations",
            _("Where the buyers live"),
            (Column("province", _("Province"), "place"), ORDERS, VOLUME),
            "destinations.by_province",
            chart="hbar",
            chart_label="province",
            chart_values=("volume",),
        ),
        Table(
            "breakdown",
            _("Side by side"),
            (
                Column("name", _("Name"), "place"),
                Column("flag", _("Poverty county / poor village"), "flag"),
                VOLUME,
                Column("volume_year_before", _("A year before (yuan)"), "money"),
                GROWTH,
                ORDERS,
                Column("active_shops", _("Active shops"), "count"),
            ),
            "breakdown",
            chart="hbar",
            chart_label="name",
            chart_values=("volume",),
        ),
        Table(
            "top_products",
            _("Top products"),
            (
                Column("name", _("Product")),
                Column("shop", _("Shop")),
                Column("quantity", _("Quantity"), "quantity"),
                Column("unit", _("Unit"), csv_only=True),
                ORDERS,
                VOLUME,
            ),
            "top_products",
        ),
        Table(
            "top_categories",
            _("Top categories"),
            (Column("name", _("Category"), "category"), ORDERS, VOLUME),
            "top_categories",
            chart="hbar",
            chart_label="name",
            chart_values=("volume",),
        ),
        Table(
            "farmers",
            _("Farmers with sales"),
            (
                Column("name", _("Farmer")),
                Column("is_disadvantaged", _("Poor household"), "flag"),
                ORDERS,
                Column("income", _("Income from Taocun (yuan)"), "money"),
            ),
            "farmers.top",
            people=True,
        ),
        Table(
            "most_viewed",
            _("Most viewed items"),
            (Column("name", _("Product")), Column("shop", _("Shop")), Column("views", _("Views"), "count")),
            "most_viewed",
        ),
        Table(
            "stock_outs",
            _("Stock-outs buyers looked for"),
            (
                Column("name", _("Product")),
                Column("shop", _("Shop")),
                Column("views", _("Views while out of stock"), "count"),
            ),
            "stock_outs",
        ),
    )
}


def table_rows(stats: dict, table: Table) -> list[dict] | None:
    """The rows of `table` in `stats`, or None when this dashboard has no such table."""
    node = stats
    for part in table.source.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def cell_value(row: dict, column: Column):
    """What a cell holds in the active language: a place's Chinese name in Chinese, a category's translation."""
    value = row.get(column.key)
    if column.kind == "place":
        return place_label(value, row.get(f"{column.key}_zh"))
    if column.kind == "category" and value:
        return category_label(value)
    return value


def cell_text(value, kind: str) -> str:
    """A value as written in a CSV cell: plain numbers, YYYY-MM months, empty for "no figure"."""
    if value is None:
        return ""
    if kind == "month":
        return f"{value:%Y-%m}"
    if kind == "flag":
        return "yes" if value else "no"
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def table_csv(stats: dict, table: Table) -> str:
    rows = table_rows(stats, table) or []
    out = io.StringIO()
    writer = spreadsheet_writer(out)
    writer.writerow([str(column.label) for column in table.columns])
    for row in rows:
        writer.writerow([cell_text(cell_value(row, column), column.kind) for column in table.columns])
    return out.getvalue()


def yuan_text(value) -> str:
    """An exact amount as the active language writes it (¥1,234.50, 1 234,50 ¥); a dash when there is no figure."""
    if value is None or value == "":
        return DASH
    return format_yuan(Decimal(value))


def growth_text(value) -> str:
    """+56.74 % (en), +56,74 % (fr), +56.74% (zh-hans: no space before %), or a dash when there is nothing to
    compare with (no division by zero)."""
    if value is None or value == "":
        return DASH
    space = "" if chinese_page() else "\u00a0"  # the sign and the % never part
    return f"{'+' if value > 0 else ''}{number_format(value)}{space}%"


def display(value, kind: str) -> str:
    """A value as shown in a page's table."""
    if kind == "money":
        return yuan_text(value)
    if kind == "percent":
        return growth_text(value)
    if kind == "month":
        return f"{value:%Y-%m}" if value else DASH
    if kind == "flag":
        return gettext("yes") if value else ""
    if kind in ("count", "quantity"):
        if value is None:
            return DASH
        # Grouped as the locale writes numbers: 12,345 (en, zh-hans), 12 345 (fr); 112.500 kg -> 112.5, 50.000 -> 50.
        return format_number(value) if isinstance(value, Decimal) else number_format(value, force_grouping=True)
    return "" if value is None else str(value)


def page_columns(table: Table) -> list[Column]:
    return [column for column in table.columns if not column.csv_only]


def table_display(rows: list[dict], table: Table, link=None) -> list[list[dict]]:
    """The rows as the page shows them, formatted in Python (cheaper than template filters per cell).

    `link(row)` gives the first cell's link, if any.
    """
    out = []
    for row in rows:
        cells = []
        for column in table.columns:
            if column.csv_only:
                continue
            text = display(cell_value(row, column), column.kind)
            if column.kind == "quantity" and row.get("unit"):
                text = f"{text}\u00a0{unit_label(row['unit'])}"
            cells.append({"text": text, "num": column.kind in NUMERIC})
        if link is not None:
            cells[0]["href"] = link(row)
        out.append(cells)
    return out
