"""The server-drawn SVG charts: round axes in the reader's units, one unit per axis, bars within the chart."""

import datetime
import re
from decimal import Decimal

from django.utils import translation

from insights.charts import axis_amount, axis_scale, bar_chart, column_chart, month_ticks, nice_step

D = Decimal


def test_steps_are_round():
    assert [nice_step(D(value)) for value in ("9874", "98000", "14600000", "3")] == [
        D("2500"),
        D("25000"),
        D("5000000"),
        D("1"),
    ]


def test_one_axis_never_mixes_units():
    with translation.override("zh-hans"):
        scale = axis_scale(D(10_000))
        assert [axis_amount(D(v), scale) for v in (0, 2500, 7500, 10_000)] == ["0", "0.25万", "0.75万", "1万"]
        assert axis_amount(D(14_600_000)) == "1460万"
        assert axis_amount(D(250_000_000)) == "2.5亿"
    with translation.override("en"):
        scale = axis_scale(D(12_000_000))
        assert [axis_amount(D(v), scale) for v in (0, 500_000, 12_000_000)] == ["0", "0.5M", "12M"]
    with translation.override("fr"):
        assert axis_amount(D(12_500)) == "12,5\u00a0k"


def test_month_labels_are_short_with_the_year_under_january():
    months = [datetime.date(2025, 11, 1), datetime.date(2025, 12, 1), datetime.date(2026, 1, 1)]
    with translation.override("zh-hans"):
        assert month_ticks(months) == [("11月", "2025年"), ("12月", ""), ("1月", "2026年")]
    with translation.override("en"):
        assert month_ticks(months) == [("Nov", "2025"), ("Dec", ""), ("Jan", "2026")]


def test_column_chart_draws_every_bar_inside_its_width_with_its_exact_figure():
    labels = [f"2026-{m:02d}" for m in range(1, 13)]
    values = [D(1000 * m) for m in range(1, 13)]
    with translation.override("en"):
        svg = str(column_chart("Sales by month", labels, [("Sales", values), ("A year before", values)]))
    rects = re.findall(r'<rect x="([\d.]+)%" width="([\d.]+)%"', svg)
    assert len(rects) == 24
    assert all(float(x) + float(w) <= 100 for x, w in rects)
    assert "<title>2026-12 · Sales: ¥12,000.00</title>" in svg
    assert "<script" not in svg and "viewBox" not in svg  # text keeps the page's size
    assert 'class="chart-legend"' in svg


def test_bar_chart_escapes_labels_and_scales_bars_to_the_largest():
    with translation.override("zh-hans"):
        svg = str(bar_chart("Where", ["江苏省", "<b>x</b>"], [D("563412.50"), D("0")]))
    assert "&lt;b&gt;" in svg and "<b>" not in svg
    assert 'width="100.000%"' in svg and 'width="0.000%"' in svg
    assert "56.34万元" in svg
