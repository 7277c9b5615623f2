from django import template
from django.urls import NoReverseMatch

from core.i18n import chinese_page, written_in_chinese
from orders.selectors import pending_pickups

register = template.Library()


@register.simple_tag
def station_pickups(station):
    """Assisted purchases of a station not yet collected (for the operator's my-station page)."""
    return list(pending_pickups(station=station)[:50])


@register.filter
def product_url(product) -> str:
    """The product page, or "" while the catalogue pages are not installed (the shops app owns them)."""
    try:
        return product.get_absolute_url()
    except NoReverseMatch:
        return ""


@register.filter
def ship_to_address(order, street=None) -> str:
    """The delivery address as its readers write it: "1 Zhongshan Road, Xuanwu, Nanjing, Jiangsu"; in Chinese,
    big to small without separators: "江苏省南京市玄武区中山路1号". `street` replaces the street line (masked)."""
    province = order.ship_province.label if order.ship_province_id else ""
    street = order.ship_address if street is None else street
    parts = [street, order.ship_county, order.ship_city, province]
    if chinese_page() and written_in_chinese(order.ship_address, order.ship_city):
        return "".join(part for part in reversed(parts) if part)
    return ", ".join(part for part in parts if part)


@register.filter
def ship_to_city(order) -> str:
    """Where an order goes, in short: "Nanjing, Jiangsu"; "江苏省南京市" in Chinese."""
    province = order.ship_province.label if order.ship_province_id else ""
    if chinese_page() and written_in_chinese(order.ship_city):
        return f"{province}{order.ship_city}"
    return ", ".join(part for part in (order.ship_city, province) if part)
