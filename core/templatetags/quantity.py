"""Quantity display for templates (see core.quantity): `{% load quantity %}`

- `{{ line.quantity|quantity:line.unit }}`: "300 斤", "1,5 kg", "2 caisses";
- `{{ product.stock|qty }}`: the number alone, in the active language's writing;
- `{{ product.order_step|plain }}`: for an <input value/step/min>: "0.5", "300" (never "3E+2");
- `{{ product.unit|unit_name }}`: the unit's name (斤), not its code (jin).
"""

from django import template

from core.quantity import format_number, format_quantity, plain_number, unit_name

register = template.Library()


@register.filter(name="quantity")
def quantity_filter(value, unit=None) -> str:
    return format_quantity(value, unit)


@register.filter
def qty(value) -> str:
    return format_number(value)


@register.filter
def plain(value) -> str:
    return plain_number(value)


@register.filter(name="unit_name")
def unit_name_filter(code) -> str:
    return unit_name(str(code or ""))
