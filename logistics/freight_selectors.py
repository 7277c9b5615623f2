"""Reads for freight: the schedule each product ships by, and a shop's templates for its pages."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Prefetch, QuerySet

from logistics.freight import FreightRate, FreightSchedule, default_schedule
from logistics.models import FreightProductTemplate, FreightRule, FreightTemplate
from villages.models import Province


def freight_template_schedule(template: FreightTemplate) -> FreightSchedule:
    """A template (with its rules and excluded provinces prefetched) as plain values."""
    default = None
    rates = {}
    for rule in template.rules.all():
        rate = FreightRate(rule.first_unit, rule.first_price, rule.extra_unit, rule.extra_price)
        if rule.province_id is None:
            default = rate
        else:
            rates[rule.province_id] = rate
    if default is None:  # a template saved without its default row (the admin): its dearest row stands in
        default = max(rates.values(), key=lambda r: (r.first_price, r.extra_price), default=None)
    if default is None:
        default = platform_schedule().default
    return FreightSchedule(
        basis=template.basis,
        default=default,
        rates=rates,
        excluded=frozenset(p.pk for p in template.excluded_provinces.all()),
        free_over_amount=template.free_over_amount,
        free_over_weight=template.free_over_weight,
        template_id=template.pk,
        name=template.name,
    )


def platform_schedule(destination: Province | None = None) -> FreightSchedule:
    """The platform's default template (logistics.freight.default_schedule) with this database's province ids; for
    one destination (a checkout's), built for that province alone without reading the provinces: only its rate is
    ever asked for."""
    if destination is not None:
        return default_schedule(province_ids_by_code={destination.code: destination.pk})
    return default_schedule(province_ids_by_code=dict(Province.objects.values_list("code", "pk")))


def _templates_prefetched(qs: QuerySet[FreightTemplate]) -> QuerySet[FreightTemplate]:
    return qs.prefetch_related(
        Prefetch("rules", queryset=FreightRule.objects.order_by("pk")),
        Prefetch("excluded_provinces", queryset=Province.objects.only("pk", "code", "name", "name_zh")),
    )


def freight_schedules_for(products: Iterable, *, destination: Province | None = None) -> dict[int, FreightSchedule]:
    """product id -> the schedule it ships by: its own template, else its shop's default, else the platform's.
    A constant number of queries whatever the number of products: one when the shops have no templates, four
    when they do (`destination`, the province a checkout ships to, spares the platform's schedule a query)."""
    products = list(products)
    if not products:
        return {}
    product_ids = [p.pk for p in products]
    # The shops' templates (a handful each: a plain filter costs less than picking the defaults and the linked
    # ones in SQL), with the links of these products.
    templates = {
        t.pk: t
        for t in _templates_prefetched(
            FreightTemplate.objects.filter(shop_id__in={p.shop_id for p in products}).order_by()  # no join to sort
        ).prefetch_related(
            Prefetch(
                "product_links",
                queryset=FreightProductTemplate.objects.filter(product_id__in=product_ids),
                to_attr="links_here",
            )
        )
    }
    links = {link.product_id: link.template_id for t in templates.values() for link in t.links_here}
    schedules = {pk: freight_template_schedule(t) for pk, t in templates.items()}
    shop_default = {t.shop_id: schedules[pk] for pk, t in templates.items() if t.is_default}
    fallback = None
    result = {}
    for product in products:
        template_id = links.get(product.pk)
        # A link to another shop's template (a product moved between shops in the admin) is ignored.
        if template_id in templates and templates[template_id].shop_id == product.shop_id:
            result[product.pk] = schedules[template_id]
        elif product.shop_id in shop_default:
            result[product.pk] = shop_default[product.shop_id]
        else:
            if fallback is None:
                fallback = platform_schedule(destination)
            result[product.pk] = fallback
    return result


def freight_templates_of(*, shop_id: int) -> QuerySet[FreightTemplate]:
    """A shop's templates with their rows and excluded provinces (the freight page and the API)."""
    return _templates_prefetched(
        FreightTemplate.objects.filter(shop_id=shop_id).select_related("shop").order_by("-is_default", "name", "pk")
    )


def freight_templates_managed(*, shop_ids) -> QuerySet[FreightTemplate]:
    return _templates_prefetched(
        FreightTemplate.objects.filter(shop_id__in=shop_ids)
        .select_related("shop")
        .order_by("shop", "-is_default", "pk")
    )


def freight_product_links(*, shop_id: int) -> dict[int, int]:
    """product id -> template id, for the shop's products that have a template of their own."""
    return dict(
        FreightProductTemplate.objects.filter(product__shop_id=shop_id).values_list("product_id", "template_id")
    )
