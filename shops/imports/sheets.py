"""Reading an uploaded sheet (XLSX or CSV) into rows of text, and writing the template and the report.

What an upload may be: at most SHOPS_IMPORT_MAX_BYTES, SHOPS_IMPORT_MAX_ROWS rows; an XLSX (a zip) whose parts
unpack to at most MAX_XLSX_UNPACKED bytes (a zip bomb is refused before the reader opens it); formulas refused
(the value a formula shows was computed by another program: type the value). Everything written goes through
core.spreadsheet, so text a spreadsheet would run as a formula is neutralised.
"""

from __future__ import annotations

import csv
import datetime
import io
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from core.errors import ValidationFailed
from core.spreadsheet import XlsxUnreadable, spreadsheet_writer, xlsx_first_sheet_cells, xlsx_workbook
from shops.imports.columns import COLUMN_KEYS, COLUMNS, header_key, max_bytes, max_rows

MAX_XLSX_UNPACKED = 64 * 1024 * 1024
MAX_XLSX_PARTS = 200
MAX_CELL_CHARS = 2000


@dataclass
class SheetRow:
    line: int
    values: dict[str, str]
    errors: list[str] = field(default_factory=list)


def _reject(message: str) -> ValidationFailed:
    return ValidationFailed(message, code="invalid_sheet", fields={"file": [message]})


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float):
        # A spreadsheet keeps 18.5 as a binary float: its shortest repr is what the user typed.
        return format(Decimal(repr(value)).normalize(), "f")
    return str(value).strip()[:MAX_CELL_CHARS]


def sheet_read(upload) -> list[SheetRow]:
    """The rows of an uploaded .xlsx or .csv, keyed by column; raise ValidationFailed for the file as a whole."""
    name = (getattr(upload, "name", "") or "").lower()
    size = getattr(upload, "size", None)
    limit = max_bytes()
    if size is not None and size > limit:
        raise _reject(_("The file is larger than %(mb)s MB: split it.") % {"mb": limit // (1024 * 1024)})
    upload.seek(0)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise _reject(_("The file is larger than %(mb)s MB: split it.") % {"mb": limit // (1024 * 1024)})
    if name.endswith(".xlsx"):
        table = _xlsx_cells(data)
    elif name.endswith(".csv"):
        table = _csv_cells(data)
    else:
        raise _reject(_("Upload the sheet as .xlsx or .csv."))
    return _rows(table)


def _xlsx_cells(data: bytes):
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, ValueError):
        raise _reject(_("This is not an .xlsx file we can read.")) from None
    if len(parts) > MAX_XLSX_PARTS or sum(part.file_size for part in parts) > MAX_XLSX_UNPACKED:
        raise _reject(_("This .xlsx file unpacks to too much data to be read safely."))
    try:
        for row in xlsx_first_sheet_cells(data):
            yield [FORMULA if is_formula else _text(value) for value, is_formula in row]
    except XlsxUnreadable:
        raise _reject(_("This is not an .xlsx file we can read.")) from None


class _Formula(str):
    """A cell that held a formula: refused, its row says why."""


FORMULA = _Formula("")


def _csv_cells(data: bytes):
    for encoding in ("utf-8-sig", "gb18030"):  # Excel in China saves CSV in GBK
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise _reject(_("Save the CSV as UTF-8."))
    try:
        for row in csv.reader(io.StringIO(text, newline="")):
            yield [_text(value) for value in row]
    except csv.Error:
        raise _reject(_("This CSV file is damaged.")) from None


def _template_hints() -> set[str]:
    """The template's grey hint row, in every language it may have been downloaded in."""
    hints = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            hints.update(str(column.help) for column in COLUMNS if column.help)
    return hints


def _rows(table) -> list[SheetRow]:
    columns: list[str | None] | None = None
    rows: list[SheetRow] = []
    limit = max_rows()
    hints = None
    for line, cells in enumerate(table, start=1):
        if not any(cells):
            continue
        if columns is not None and not rows and hints is None:
            # The template sent back with its hint row left in: the hints are no product.
            hints = _template_hints()
            if all(not cell or str(cell).strip() in hints for cell in cells):
                continue
        if columns is None:
            columns = [header_key(cell) for cell in cells]
            missing = [str(column.label) for column in COLUMNS if column.required and column.key not in columns]
            if missing:
                raise _reject(
                    _("The first row must hold the column headers of the template; missing: %(columns)s.")
                    % {"columns": ", ".join(missing)}
                )
            continue
        row = SheetRow(line=line, values={})
        for column, cell in zip(columns, cells, strict=False):
            if column is None:
                continue
            if isinstance(cell, _Formula):
                label = next(str(c.label) for c in COLUMNS if c.key == column)
                row.errors.append(_("Column “%(column)s” holds a formula: type the value.") % {"column": label})
                continue
            row.values[column] = cell
        rows.append(row)
        if len(rows) > limit:
            raise _reject(_("At most %(rows)s rows per file: split it.") % {"rows": limit})
    if columns is None:
        raise _reject(_("The file is empty."))
    if not rows:
        raise _reject(_("The file has headers but no rows."))
    return rows


# --- writing


def template_xlsx(*, categories, units, villagers) -> bytes:
    """The template: a Products sheet with the headers in the active language, and the lists of valid values."""
    return xlsx_workbook(
        [
            (
                _("Products"),
                [[str(column.label) for column in COLUMNS], [str(column.help) for column in COLUMNS]],
            ),
            (_("Categories"), [[pgettext("identifier", "Code"), _("Name")], *categories]),
            (_("Units"), [[pgettext("identifier", "Code"), _("Name")], *units]),
            (_("Villagers"), [[_("User name"), _("Name"), _("Shop (address)"), _("Shop")], *villagers]),
        ],
        hint_rows=1,
    )


def template_csv() -> str:
    """The CSV template: the headers in the active language (the lists of values are in the XLSX template)."""
    out = io.StringIO()
    out.write("\ufeff")  # so that Excel reads UTF-8
    spreadsheet_writer(out).writerow([str(column.label) for column in COLUMNS])
    return out.getvalue()


def report_header() -> list[str]:
    return [_("Line"), *[str(column.label) for column in COLUMNS], _("Result"), _("Product"), _("Messages")]


def report_rows(rows: list[dict], *, action_labels: dict) -> list[list]:
    table = []
    for row in rows:
        values = row.get("values", {})
        verdict = row.get("outcome") or row.get("action")
        table.append(
            [
                row["line"],
                *[values.get(key, "") for key in COLUMN_KEYS],
                str(action_labels.get(verdict, verdict)),
                row.get("product") or "",
                " ".join(row.get("errors", [])),
            ]
        )
    return table
