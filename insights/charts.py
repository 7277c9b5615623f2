"""The dashboards' charts, drawn on the server as inline SVG: no script, nothing to download but the page.

Chart.js weighed 213 KB, more than the whole page budget of a slow rural link (docs/performance.md).
The SVG has no viewBox, so its text keeps the page's size on a phone and on a desktop: horizontal
positions are percentages of the chart's width, vertical ones pixels. The axis labels of a column chart
live in the SVG's left padding (the viewport is the content box; `overflow: visible` shows them).
Every bar carries a <title> (the exact figure on hover or long-press); the table under each chart holds
the same figures for screen readers and for anyone who wants the numbers.
"""

from __future__ import annotations

import datetime
import math
from decimal import Decimal

from django.utils.formats import date_format, number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from core.money import format_yuan
from insights.tables import Table, cell_text, cell_value, table_rows

COLOURS = ("#c2410c", "#94a3b8")
COLUMN_HEIGHT = 230  # px: plot and the month labels under it
LABEL_BAND = 34  # px under the plot for the x labels (a month, and its year under January and the first one)
HBAR_ROW = 36  # px per horizontal bar: label and value on one line, the bar under them
HBAR_LIMIT = 15


def _number(value) -> Decimal:
    if value is None or value == "":
        return Decimal(0)
    return value if isinstance(value, Decimal) else Decimal(str(value))


def nice_step(maximum: Decimal, ticks: int = 4) -> Decimal:
    """A round step (1, 2, 2.5 or 5 times a power of ten) that divides 0..maximum into about `ticks` parts."""
    if maximum <= 0:
        return Decimal(1)
    raw = maximum / ticks
    power = Decimal(10) ** math.floor(math.log10(raw))
    for factor in (1, 2, Decimal("2.5"), 5, 10):
        if raw <= factor * power:
            return factor * power
    return 10 * power  # pragma: no cover (the loop always returns)


def axis_scale(ceiling: Decimal) -> tuple[Decimal, str]:
    """The unit of a whole axis, from its top tick, so one axis never mixes units (1万 beside 9k):
    Chinese counts in 万 from 1万 and in 亿 from 1亿; English and French in k and M."""
    language = (get_language() or "en").lower()
    space = "\u00a0" if language.startswith("fr") else ""
    if language.startswith("zh"):
        if ceiling >= 100_000_000:
            return Decimal(100_000_000), "亿"
        return (Decimal(10_000), "万") if ceiling >= 10_000 else (Decimal(1), "")
    if ceiling >= 1_000_000:
        return Decimal(1_000_000), f"{space}M"
    return (Decimal(1_000), f"{space}k") if ceiling >= 1_000 else (Decimal(1), "")


def axis_amount(value: Decimal, scale: tuple[Decimal, str] | None = None) -> str:
    """A round figure in yuan, short, in the axis's unit (by default the value's own): 1200万, 12.5M, 12,5 M."""
    divisor, suffix = scale or axis_scale(abs(value))
    if not value:
        return "0"
    # 1460万 (Chinese writes counts of 万 ungrouped), 12,500 and 12 500 otherwise.
    grouping = suffix not in ("万", "亿")
    return f"{number_format((value / divisor).normalize(), force_grouping=grouping)}{suffix}"


def bar_amount(value: Decimal) -> str:
    """A bar's figure, rounded for reading at a glance: 56.3万元 (Chinese), ¥563k (English), 563 k ¥ (French)."""
    language = (get_language() or "en").lower()
    if language.startswith("zh") or abs(value) < 1_000:
        return format_yuan(value, exact=False)
    rounded = nice_round(value)
    return f"{axis_amount(rounded)}\u00a0¥" if language.startswith("fr") else f"¥{axis_amount(rounded)}"


def nice_round(value: Decimal) -> Decimal:
    """Three significant figures: 563,412.50 -> 563,000."""
    if value == 0:
        return value
    exponent = math.floor(math.log10(abs(value))) - 2
    return value.scaleb(-exponent).quantize(Decimal(1)).scaleb(exponent)


def _pct(value: float) -> str:
    return f"{value:.3f}%"


def _legend(series: list[tuple[str, list[Decimal]]]) -> SafeString:
    if len(series) < 2:
        return SafeString("")
    return format_html(
        '<p class="chart-legend">{}</p>',
        format_html_join(
            " ",
            '<span><i style="background:{}"></i>{}</span>',
            ((COLOURS[i % len(COLOURS)], label) for i, (label, _values) in enumerate(series)),
        ),
    )


def _label_classes(index: int, count: int) -> str:
    """Which x labels show: about 6 on a phone, about 12 on a wide screen (the CSS hides the others)."""
    phone, wide = max(1, math.ceil(count / 6)), max(1, math.ceil(count / 12))
    classes = []
    if index % wide:
        classes.append("minor")
    if index % phone:
        classes.append("phone-hidden")
    return " ".join(classes)


def month_ticks(months: list[datetime.date]) -> list[tuple[str, str]]:
    """Short month names (5月, May, mai), with the year under the first month and under each January."""
    chinese = (get_language() or "en").lower().startswith("zh")
    ticks = []
    for i, month in enumerate(months):
        name = f"{month.month}月" if chinese else date_format(month, "M")
        year = (f"{month.year}年" if chinese else str(month.year)) if i == 0 or month.month == 1 else ""
        ticks.append((name, year))
    return ticks


def column_chart(
    title: str,
    labels: list[str],
    series: list[tuple[str, list[Decimal]]],
    x_ticks: list[tuple[str, str]] | None = None,
) -> SafeString:
    """Vertical bars, one group per label (a month, a year), one bar per series; `x_ticks` are the x labels
    (with a second line) when they are shorter than the labels the bars' titles use."""
    top = max((value for _label, values in series for value in values), default=Decimal(0))
    step = nice_step(top)
    ceiling = step * max(1, math.ceil(top / step)) if top > 0 else step
    plot = COLUMN_HEIGHT - LABEL_BAND - 8

    def y(value: Decimal) -> float:
        return 8 + plot * float(1 - value / ceiling)

    ticks = [step * i for i in range(int(ceiling / step) + 1)]
    scale = axis_scale(ceiling)
    grid = format_html_join(
        "",
        '<line x1="0" x2="100%" y1="{0}" y2="{0}" class="grid"/><text x="-6" y="{1}" class="y-label">{2}</text>',
        ((f"{y(tick):.1f}", f"{y(tick) + 4:.1f}", axis_amount(tick, scale)) for tick in ticks),
    )
    slot = 100 / max(1, len(labels))
    width = slot * 0.8 / max(1, len(series))
    bars = []
    for s, (name, values) in enumerate(series):
        colour = COLOURS[s % len(COLOURS)]
        for i, value in enumerate(values):
            bars.append(
                format_html(
                    '<rect x="{}" width="{}" y="{}" height="{}" fill="{}"><title>{} · {}: {}</title></rect>',
                    _pct(i * slot + slot * 0.1 + s * width),
                    _pct(width),
                    f"{y(value):.1f}",
                    f"{max(0.0, y(Decimal(0)) - y(value)):.1f}",
                    colour,
                    labels[i],
                    name,
                    format_yuan(value),
                )
            )
    x_ticks = x_ticks or [(label, "") for label in labels]
    x_labels = format_html_join(
        "",
        '<text x="{0}" y="{1}" class="x-label {2}">{3}</text><text x="{0}" y="{4}" class="x-label {2}">{5}</text>',
        (
            (_pct((i + 0.5) * slot), COLUMN_HEIGHT - 20, _label_classes(i, len(labels)), tick, COLUMN_HEIGHT - 5, year)
            for i, (tick, year) in enumerate(x_ticks)
        ),
    )
    return format_html(
        '<figure class="chart">{}<svg class="chart-columns" height="{}" role="img" aria-label="{}">'
        "{}{}{}</svg></figure>",
        _legend(series),
        COLUMN_HEIGHT,
        title,
        grid,
        SafeString("".join(bars)),
        x_labels,
    )


def bar_chart(title: str, labels: list[str], values: list[Decimal]) -> SafeString:
    """Horizontal bars, one row per label: the name and the amount on a line, the bar under them."""
    top = max(values, default=Decimal(0)) or Decimal(1)
    rows = format_html_join(
        "",
        '<text x="0" y="{0}" class="bar-label">{2}</text><text x="100%" y="{0}" class="bar-value">{3}</text>'
        '<rect x="0" y="{1}" width="{4}" height="12" rx="2" fill="{5}"><title>{2}: {6}</title></rect>',
        (
            (
                i * HBAR_ROW + 14,
                i * HBAR_ROW + 19,
                label,
                bar_amount(value),
                _pct(float(value / top) * 100 if value > 0 else 0),
                COLOURS[0],
                format_yuan(value),
            )
            for i, (label, value) in enumerate(zip(labels, values, strict=True))
        ),
    )
    return format_html(
        '<figure class="chart"><svg class="chart-bars" height="{}" role="img" aria-label="{}">{}</svg></figure>',
        len(labels) * HBAR_ROW,
        title,
        rows,
    )


def chart_svg(stats: dict, table: Table) -> SafeString | None:
    """The chart of a dashboard table, from the same rows as its table and CSV file; None without one."""
    rows = table_rows(stats, table)
    if not table.chart or not rows:
        return None
    columns = {column.key: column for column in table.columns}
    label_column = columns[table.chart_label]
    if table.chart == "hbar":
        rows = rows[:HBAR_LIMIT]
    labels = [cell_text(cell_value(row, label_column), label_column.kind) for row in rows]
    series = [(str(columns[key].label), [_number(row.get(key)) for row in rows]) for key in table.chart_values]
    if table.chart == "hbar":
        return bar_chart(str(table.title), labels, series[0][1])
    ticks = month_ticks([row[label_column.key] for row in rows]) if label_column.kind == "month" else None
    return column_chart(str(table.title), labels, series, ticks)
