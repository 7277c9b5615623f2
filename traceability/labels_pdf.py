"""A printable A4 sheet of QR labels for a batch (fpdf2, as the training certificates; qrcode for the matrix).

The QR code is drawn as vector squares (runs of dark modules merged), so it prints sharp at any size. Text uses
the CJK font the certificates find (core.fonts.cjk_font); without one, Latin text only.
"""

from __future__ import annotations

from dataclasses import dataclass

import qrcode
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from fpdf import FPDF

from core.fonts import cjk_font
from shops.batches.models import ProduceBatch
from training.certificate_pdf import latin_text


@dataclass(frozen=True)
class LabelSize:
    width: float  # mm, one label
    height: float
    qr: float  # mm, the QR code's side
    font: float  # pt


# A4 is 210 × 297 mm; margins of 10 mm.
LABEL_SIZES = {
    "small": LabelSize(width=38, height=45, qr=26, font=6),
    "medium": LabelSize(width=63, height=68, qr=42, font=8),
    "large": LabelSize(width=95, height=130, qr=80, font=12),
}
MARGIN = 10


def _qr_matrix(url: str) -> list[list[bool]]:
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0)
    code.add_data(url)
    code.make(fit=True)
    return code.get_matrix()


def _draw_qr(pdf: FPDF, matrix: list[list[bool]], x: float, y: float, side: float) -> None:
    module = side / len(matrix)
    for row_index, row in enumerate(matrix):
        column = 0
        while column < len(row):
            if not row[column]:
                column += 1
                continue
            start = column
            while column < len(row) and row[column]:
                column += 1
            pdf.rect(x + start * module, y + row_index * module, (column - start) * module, module, style="F")


def labels_pdf(*, batch: ProduceBatch, story_url: str, size: str) -> bytes:
    """As many labels of that size as fit on one A4 page, each: the QR code, the product, the code, the date."""
    spec = LABEL_SIZES[size]
    pdf = FPDF(format="A4", unit="mm")
    pdf.set_auto_page_break(False)
    pdf.set_margins(MARGIN, MARGIN)
    pdf.add_page()
    font = cjk_font()
    if font:
        pdf.add_font("taocun", fname=font[0], collection_font_number=font[1])
        pdf.set_font("taocun", size=spec.font)

        def text(value: str) -> str:
            return value
    else:
        pdf.set_font("helvetica", size=spec.font)

        def text(value: str) -> str:
            return latin_text(value)[0]

    matrix = _qr_matrix(story_url)
    lines = [
        batch.product.name[:40],
        _("Batch %(code)s") % {"code": batch.code},
        _("Harvested %(date)s") % {"date": date_format(batch.harvested_on, "SHORT_DATE_FORMAT")},
    ]
    columns = int((210 - 2 * MARGIN) // spec.width)
    rows = int((297 - 2 * MARGIN) // spec.height)
    line_height = spec.font * 0.45
    pdf.set_draw_color(200, 200, 200)
    for row in range(rows):
        for column in range(columns):
            x = MARGIN + column * spec.width
            y = MARGIN + row * spec.height
            pdf.rect(x, y, spec.width, spec.height)  # a light cutting line
            _draw_qr(pdf, matrix, x + (spec.width - spec.qr) / 2, y + 2, spec.qr)
            for index, line in enumerate(lines):
                pdf.set_xy(x + 1, y + 3 + spec.qr + index * line_height)
                pdf.cell(spec.width - 2, line_height, text(line), align="C")
    return bytes(pdf.output())
