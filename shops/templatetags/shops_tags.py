"""Template tags for shop partials on other apps' pages (village page, operator's station page)."""

from decimal import Decimal

from django import template
from django.db.models import Count, Q
from django.utils.formats import number_format

from shops import selectors
from shops.labels import category_label
from shops.models import ProductStatus, ShopStatus

register = template.Library()


@register.filter(name="category_label")
def category_label_filter(name) -> str:
    """{{ category.name|category_label }}: a seed category or channel name in the active language."""
    return category_label(str(name)) if name else ""


@register.filter
def qty(value) -> str:
    """1.500 -> 1.5, 10.000 -> 10: quantities without trailing zeros (and never as 1E+1), with the
    locale's decimal separator (1,5 in French)."""
    if value in (None, ""):
        return ""
    text = f"{Decimal(value):f}"
    return number_format(Decimal(text.rstrip("0").rstrip(".") if "." in text else text))


@register.filter
def cover(product, size: str = "small"):
    """The product's first ready photo (thumbnail url), or None for the placeholder."""
    images = getattr(product, "ready_images", None)
    if images is None:
        images = [image for image in product.images.all() if image.status == "ready"]
    if not images:
        return None
    field = images[0].thumbnail_large if size == "large" else images[0].thumbnail_small
    return field.url if field else None


@register.simple_tag
def village_shops(village):
    """The village's open shops with their product counts (one query)."""
    return list(selectors.village_shops(village_id=village.pk))


@register.simple_tag
def station_shop_figures(station):
    """Shops and products of the station's village, for the operator's page (one query)."""
    from shops.models import Shop

    return Shop.objects.filter(village_id=station.village_id).aggregate(
        open_shops=Count("pk", filter=Q(status=ShopStatus.OPEN), distinct=True),
        published=Count("products", filter=Q(products__status=ProductStatus.PUBLISHED)),
        drafts=Count("products", filter=Q(products__status=ProductStatus.DRAFT)),
    )
