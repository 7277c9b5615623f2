"""The pre-sale on a product page and the mark on catalogue cards (issue 23), without shops importing us."""

from django import template
from django.core.cache import cache

from promotions.models import PreSale, PreSaleStatus

register = template.Library()

OPEN_PRODUCTS_KEY = "promotions:open-presale-products"


def open_presale_product_ids() -> frozenset[int]:
    """The products with an open pre-sale: one query a minute for every card of every page (and again at once
    when a pre-sale opens or closes, see presale_marks_changed)."""
    return cache.get_or_set(
        OPEN_PRODUCTS_KEY,
        lambda: frozenset(
            PreSale.objects.filter(status=PreSaleStatus.OPEN).order_by().values_list("product_id", flat=True).distinct()
        ),
        60,
    )


@register.filter
def on_presale(product) -> bool:
    return getattr(product, "pk", None) in open_presale_product_ids()


@register.simple_tag
def open_presales(product):
    """The open pre-sales of a product (its product page)."""
    return list(PreSale.objects.filter(product=product, status=PreSaleStatus.OPEN).select_related("variant", "product"))
