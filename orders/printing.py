"""Printed paper for shipping (fpdf2, the PDF library the training certificates use): per order a packing list
(A4) and a waybill-style label (100 x 150 mm, the thermal printers' size at Chinese courier counters); per
station a daily pick list (parcels to hand over, village orders to give the courier).

Names and addresses are Chinese: the CJK font is core.fonts.cjk_font, the certificates' (Debian's fonts-noto-cjk, or
TRAINING_PDF_FONT); without one the built-in font prints what it can, as the certificates do.
"""

from __future__ import annotations

from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from fpdf import FPDF

from core.fonts import cjk_font
from core.money import format_yuan
from core.quantity import format_quantity
from orders import selectors
from orders.models import Order


class _Paper(FPDF):
    """An FPDF with the CJK font set up, and text folded to Latin-1 when no such font exists."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.set_auto_page_break(True, margin=8)
        font = cjk_font()
        self.unicode = font is not None
        if font:
            self.add_font("cjk", fname=font[0], collection_font_number=font[1])
            self.family = "cjk"
        else:
            self.family = "Helvetica"
        self.set_font(self.family, size=10)

    def t(self, value) -> str:
        text = str(value or "")
        return text if self.unicode else text.encode("latin-1", "replace").decode("latin-1")

    def size(self, points: float) -> None:
        self.set_font(self.family, size=points)

    def line_text(self, text, *, size: float = 10, height: float | None = None, align: str = "L") -> None:
        self.size(size)
        self.multi_cell(0, height or size * 0.5, self.t(text), align=align, new_x="LMARGIN", new_y="NEXT")

    def row(self, cells: list[tuple[str, float]], *, size: float = 9, height: float = 6, border="B") -> None:
        self.size(size)
        for text, width in cells:
            self.cell(width, height, self.t(text), border=border)
        self.ln(height)


def _carrier_name(order: Order) -> str:
    return order.carrier_name


def _local(moment) -> str:
    return date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT") if moment else ""


def _address(order: Order, street: str) -> str:
    province = order.ship_province.name_zh or order.ship_province.name
    return f"{province} {order.ship_city} {order.ship_county} {street}"


def order_label_pdf(*, order: Order, user=None) -> bytes:
    """The 100 x 150 mm label: carrier, waybill bar code (Code 39), recipient, sender, contents. Always in
    Chinese: it is read by couriers and sorting centres, not by the seller. The recipient's phone and street
    follow the contact rule of the order page (in full while the order awaits shipment): print it before
    shipping."""
    with translation.override("zh-hans"):
        return _order_label(order, user)


def _order_label(order: Order, user) -> bytes:
    pdf = _Paper(unit="mm", format=(100, 150))
    pdf.set_margins(4, 4, 4)
    pdf.set_title(f"Taocun label {order.number}")
    pdf.add_page()
    phone, street, _masked = selectors.order_contact_for(user=user or order.shop.owner, order=order)
    pdf.line_text(f"{_carrier_name(order)}  {order.carrier}", size=16, height=8)
    if order.tracking_number:
        width = min(0.7, 88 / (len(order.tracking_number) + 2) / 4.4)  # about 4.4 narrow bars a character
        pdf.code39(f"*{order.tracking_number}*", x=6, y=pdf.get_y() + 1, w=width, h=16)
        pdf.set_y(pdf.get_y() + 19)
        pdf.line_text(order.tracking_number, size=12, height=6, align="C")
    else:
        pdf.line_text(_("Tracking number: written by the courier"), size=9)
    pdf.line(4, pdf.get_y() + 1, 96, pdf.get_y() + 1)
    pdf.ln(2)
    if order.pickup_station_id:
        pdf.line_text(
            _("Collect at the station: %(station)s") % {"station": order.pickup_station.name}, size=13, height=7
        )
    pdf.line_text(pgettext("waybill label", "To"), size=8, height=4)
    pdf.line_text(f"{order.recipient_name}  {phone}", size=14, height=7)
    pdf.line_text(_address(order, street), size=11, height=5.5)
    pdf.line(4, pdf.get_y() + 1, 96, pdf.get_y() + 1)
    pdf.ln(2)
    pdf.line_text(pgettext("waybill label", "From"), size=8, height=4)
    village = order.shop.village
    pdf.line_text(f"{order.shop.name} · {village.name_zh or village.name}", size=10, height=5)
    pdf.line(4, pdf.get_y() + 1, 96, pdf.get_y() + 1)
    pdf.ln(2)
    pdf.line_text(_("Order %(number)s") % {"number": order.number}, size=9, height=4.5)
    for line in order.lines.all():
        pdf.line_text(f"{line.display_name} × {format_quantity(line.quantity, line.unit)}", size=9, height=4.5)
    return bytes(pdf.output())


def packing_list_pdf(*, order: Order) -> bytes:
    """The A4 packing list that goes in the box: what was ordered and what was weighed."""
    pdf = _Paper(unit="mm", format="A4")
    pdf.set_margins(15, 15, 15)
    pdf.set_title(f"Taocun packing list {order.number}")
    pdf.add_page()
    pdf.line_text(_("Packing list"), size=20, height=10)
    pdf.line_text(f"{order.shop.name} · {_('Order %(number)s') % {'number': order.number}}", size=12, height=7)
    pdf.line_text(_("Paid on %(date)s") % {"date": _local(order.paid_at)}, size=10, height=6)
    pdf.line_text(f"{_('To')}: {order.recipient_name} · {order.ship_city} {order.ship_county}", size=10, height=6)
    if order.tracking_number:
        pdf.line_text(f"{_carrier_name(order)} {order.tracking_number}", size=10, height=6)
    pdf.ln(4)
    pdf.row([(_("Product"), 80), (_("Quantity"), 35), (_("Weighed"), 30), (_("Amount"), 35)], size=10, height=7)
    for line in order.lines.all():
        weighed = format_quantity(line.shipped_quantity, line.unit) if line.shipped_quantity else ""
        pdf.row(
            [
                (line.display_name[:40], 80),
                (format_quantity(line.quantity, line.unit), 35),
                (weighed, 30),
                (format_yuan(line.line_total), 35),
            ],
            size=10,
            height=7,
        )
    pdf.ln(3)
    pdf.line_text(f"{_('Total paid')}: {format_yuan(order.total)}", size=12, height=7, align="R")
    pdf.ln(6)
    pdf.line_text(_("Thank you for buying from our village. Questions: open the order on Taocun."), size=9)
    return bytes(pdf.output())


def station_pick_list_pdf(*, station, waiting: list[Order], outgoing: list[Order]) -> bytes:
    """The station's daily A4 pick list: parcels waiting for their buyer, and village orders for the courier."""
    pdf = _Paper(unit="mm", format="A4")
    pdf.set_margins(12, 12, 12)
    pdf.set_title(f"Taocun pick list {station.name}")
    pdf.add_page()
    today = date_format(timezone.localdate(), "DATE_FORMAT")
    pdf.line_text(_("%(station)s: pick list of %(date)s") % {"station": station.name, "date": today}, size=16)
    pdf.ln(3)
    pdf.line_text(_("Parcels to hand over (%(count)d)") % {"count": len(waiting)}, size=12, height=7)
    pdf.row([("", 8), (_("Waybill"), 50), (_("Buyer"), 45), (_("Phone"), 35), (_("Arrived"), 48)], size=9)
    for order in waiting:
        pdf.row(
            [
                ("□", 8),
                (f"{order.carrier_name} {order.tracking_number}", 50),
                (order.recipient_name[:20], 45),
                (selectors.phone_masked(order.recipient_phone), 35),
                (_local(order.station_arrived_at), 48),
            ]
        )
    pdf.ln(5)
    pdf.line_text(_("Outgoing: paid orders of the village's shops (%(count)d)") % {"count": len(outgoing)}, size=12)
    pdf.row([("", 8), (_("Order"), 45), (_("Shop"), 50), (_("To"), 45), (_("Items"), 38)], size=9)
    for order in outgoing:
        items = ", ".join(
            f"{line.display_name}×{format_quantity(line.quantity, line.unit)}" for line in order.lines.all()
        )
        pdf.row(
            [
                ("□", 8),
                (order.number, 45),
                (order.shop.name[:24], 50),
                (f"{order.ship_city} {order.ship_county}"[:22], 45),
                (items[:24], 38),
            ]
        )
    return bytes(pdf.output())
