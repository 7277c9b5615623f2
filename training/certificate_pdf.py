"""The certificate as a one-page A4 landscape PDF (fpdf2).

Chinese names need a CJK font. Debian's fonts-noto-cjk provides one; a machine without it (a fresh
laptop, a slim container) still gets a PDF: the built-in Helvetica, with the text reduced to what it can
draw, and the holder's user name standing in for a name it cannot (the verification page shows it in full).
TRAINING_PDF_FONT (a .ttf/.otf/.ttc path) picks another font (core.fonts.cjk_font).
"""

from __future__ import annotations

import os
import unicodedata

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from fpdf import FPDF

from core.fonts import cjk_font
from training.models import Certificate


def latin_text(text: str) -> tuple[str, bool]:
    """Text the built-in font can draw (Windows-1252): accents kept or folded. Returns (text, lossless)."""
    out, lossless = [], True
    for char in text:
        try:
            char.encode("cp1252")
            out.append(char)
            continue
        except UnicodeEncodeError:
            pass
        folded = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode()
        if folded:
            out.append(folded)
        else:
            out.append("?")
            lossless = False
    return "".join(out), lossless


class _Writer:
    def __init__(self, pdf: FPDF, unicode: bool, bold: bool):
        self.pdf, self.unicode, self.bold = pdf, unicode, bold

    def text(self, value: str) -> str:
        return value if self.unicode else latin_text(value)[0]

    def holder(self, certificate: Certificate) -> str:
        name = certificate.user.display_name
        if self.unicode:
            return name
        folded, lossless = latin_text(name)
        return folded if lossless else certificate.user.username

    def line(self, value: str, *, size: float, style: str = "", height: float = 10, color=(31, 41, 51)) -> None:
        self.pdf.set_font(self.pdf.font_family, style=style if self.bold else "", size=size)
        self.pdf.set_text_color(*color)
        self.pdf.multi_cell(0, height, self.text(value), align="C", new_x="LMARGIN", new_y="NEXT")


def certificate_pdf(*, certificate: Certificate, verify_url: str) -> bytes:
    """Render the certificate; `verify_url` is printed so anyone can check the paper copy."""
    pdf = FPDF(orientation="L", unit="mm", format="A4")
    pdf.set_title(f"Taocun certificate {certificate.code}")
    pdf.set_author("Taocun")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    font = cjk_font()
    has_bold = False
    if font:
        path, index = font
        pdf.add_font("taocun", fname=path, collection_font_number=index)
        bold = path.replace("Regular", "Bold")
        has_bold = bold != path and os.path.isfile(bold)
        if has_bold:
            pdf.add_font("taocun", style="B", fname=bold, collection_font_number=index)
        pdf.set_font("taocun", size=12)
    else:
        pdf.set_font("Helvetica", size=12)
    writer = _Writer(pdf, unicode=bool(font), bold=not font or has_bold)

    # A double brand-coloured frame.
    pdf.set_draw_color(194, 65, 12)
    pdf.set_line_width(1.2)
    pdf.rect(10, 10, 277, 190)
    pdf.set_line_width(0.4)
    pdf.rect(14, 14, 269, 182)

    pdf.set_y(30)
    writer.line(_("Taocun training"), size=14, color=(154, 52, 18))
    writer.line(_("Certificate of completion"), size=30, style="B", height=16)
    pdf.ln(6)
    writer.line(_("This certifies that"), size=13)
    writer.line(writer.holder(certificate), size=26, style="B", height=14)
    writer.line(_("has read every lesson and passed every quiz of the course"), size=13)
    writer.line(certificate.course.title, size=20, style="B", height=12)
    pdf.ln(4)
    issued = date_format(timezone.localtime(certificate.issued_at), "DATE_FORMAT")
    writer.line(_("Issued on %(date)s") % {"date": issued}, size=12)
    pdf.set_y(160)
    writer.line(_("Verification code: %(code)s") % {"code": certificate.code}, size=14, style="B")
    writer.line(_("Check it at %(url)s") % {"url": verify_url}, size=10, height=7, color=(95, 107, 122))
    return bytes(pdf.output())
