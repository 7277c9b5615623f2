"""Writes for freight templates: each one transaction, permission checked (the shop's managers and admins)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from core.errors import NotFound, NotPermitted, ValidationFailed
from core.money import MONEY_MAX, quantize_yuan
from logistics.freight import DEFAULT_RATE, REMOTE_PROVINCE_CODES, REMOTE_RATE
from logistics.models import FreightBasis, FreightProductTemplate, FreightRule, FreightTemplate
from shops.models import Product, Shop
from shops.selectors import shop_can_manage
from villages.models import Province

WEIGHT_MAX = Decimal("1000000")


@dataclass(frozen=True)
class FreightRuleInput:
    province_id: int | None
    first_unit: object
    first_price: object
    extra_unit: object
    extra_price: object


def _shop_managed(actor, shop_id: int) -> Shop:
    shop = Shop.objects.filter(pk=shop_id).first()
    if shop is None:
        raise NotFound(_("No such shop."))
    if not shop_can_manage(user=actor, shop=shop):
        raise NotPermitted(_("Only the shop's owner, its village's station operator or an admin may do this."))
    return shop


def _number(value, *, field: str, errors: dict, money: bool, optional: bool = False) -> Decimal | None:
    if value in (None, "") and optional:
        return None
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError, TypeError):
        errors[field] = [_("Enter a number.")]
        return None
    places = Decimal("0.01") if money else Decimal("0.001")
    if not number.is_finite() or number < 0 or number > (MONEY_MAX if money else WEIGHT_MAX):
        errors[field] = [_("Enter a number of 0 or more.")]
        return None
    if number != number.quantize(places):
        errors[field] = [_("At most two decimals.") if money else _("At most three decimals.")]
        return None
    return quantize_yuan(number) if money else number


def _rules_clean(rules: list[FreightRuleInput], errors: dict) -> list[dict]:
    clean, seen = [], set()
    province_ids = {r.province_id for r in rules if r.province_id is not None}
    known = set(Province.objects.filter(pk__in=province_ids).values_list("pk", flat=True))
    for index, rule in enumerate(rules):
        prefix = f"rules.{index}."
        if rule.province_id is not None and rule.province_id not in known:
            errors[prefix + "province"] = [_("Unknown province.")]
        if rule.province_id in seen:
            errors[prefix + "province"] = [_("Each province has one row.")]
        seen.add(rule.province_id)
        row = {"province_id": rule.province_id}
        for name, money in (("first_unit", False), ("first_price", True), ("extra_unit", False), ("extra_price", True)):
            row[name] = _number(getattr(rule, name), field=prefix + name, errors=errors, money=money)
        for name in ("first_unit", "extra_unit"):
            if row[name] is not None and row[name] <= 0:
                errors[prefix + name] = [_("Must be more than zero.")]
        clean.append(row)
    if None not in seen:
        errors["rules"] = [_("A template needs a default row (no province) for the provinces without a row.")]
    return clean


def _template_write(
    template: FreightTemplate,
    *,
    name: str,
    basis: str,
    is_default: bool,
    free_over_amount,
    free_over_weight,
    excluded_province_ids,
    rules: list[FreightRuleInput],
) -> FreightTemplate:
    errors: dict[str, list[str]] = {}
    name = (name or "").strip()
    if not name or len(name) > 64:
        errors["name"] = [_("A name of 1 to 64 characters.")]
    if basis not in FreightBasis.values:
        errors["basis"] = [_("By weight or by piece.")]
    amount = _number(free_over_amount, field="free_over_amount", errors=errors, money=True, optional=True)
    weight = _number(free_over_weight, field="free_over_weight", errors=errors, money=False, optional=True)
    if amount == 0:
        amount = None
    if weight == 0:
        weight = None
    excluded = sorted({int(p) for p in excluded_province_ids or []})
    if len(Province.objects.filter(pk__in=excluded)) != len(excluded):
        errors["excluded_provinces"] = [_("Unknown province.")]
    clean_rules = _rules_clean(list(rules), errors)
    if errors:
        raise ValidationFailed(_("Some freight details are not valid."), fields=errors)
    if is_default:  # one default per shop: the previous one steps down in this transaction (shop row locked)
        FreightTemplate.objects.filter(shop_id=template.shop_id, is_default=True).exclude(pk=template.pk).update(
            is_default=False
        )
    elif template.pk is None and not FreightTemplate.objects.filter(shop_id=template.shop_id, is_default=True).exists():
        is_default = True  # a shop's first template is its default
    template.name, template.basis, template.is_default = name, basis, is_default
    template.free_over_amount, template.free_over_weight = amount, weight
    template.save()
    template.excluded_provinces.set(excluded)
    template.rules.all().delete()
    FreightRule.objects.bulk_create(FreightRule(template=template, **row) for row in clean_rules)
    return template


@transaction.atomic
def freight_template_create(*, actor, shop_id: int, **values) -> FreightTemplate:
    """A new template for a shop the actor manages. Its rows replace nothing; the first template is the default."""
    shop = _shop_managed(actor, shop_id)
    Shop.objects.select_for_update().filter(pk=shop.pk).first()
    return _template_write(FreightTemplate(shop=shop), **values)


@transaction.atomic
def freight_template_update(*, actor, template_id: int, **values) -> FreightTemplate:
    """Change a template: name, basis, thresholds, excluded provinces and all its rows at once."""
    template = FreightTemplate.objects.select_for_update().filter(pk=template_id).first()
    if template is None:
        raise NotFound(_("No such freight template."))
    _shop_managed(actor, template.shop_id)
    Shop.objects.select_for_update().filter(pk=template.shop_id).first()
    if template.is_default and not values.get("is_default", True):
        raise ValidationFailed(
            _("Make another template the default first."), fields={"is_default": [_("The shop needs a default.")]}
        )
    return _template_write(template, **values)


@transaction.atomic
def freight_template_delete(*, actor, template_id: int) -> None:
    """Delete a template that is not the shop's default; its products go back to the default."""
    template = FreightTemplate.objects.select_for_update().filter(pk=template_id).first()
    if template is None:
        raise NotFound(_("No such freight template."))
    _shop_managed(actor, template.shop_id)
    if template.is_default:
        raise ValidationFailed(
            _("The shop's default template cannot be deleted."), fields={"is_default": [_("The default stays.")]}
        )
    template.delete()


@transaction.atomic
def freight_template_default_ensure(*, actor, shop_id: int) -> FreightTemplate:
    """The shop's default template, created from the platform default the first time (8 yuan the first kg,
    2 yuan each further kg; 18 and 8 to the remote provinces)."""
    shop = _shop_managed(actor, shop_id)
    Shop.objects.select_for_update().filter(pk=shop.pk).first()
    existing = FreightTemplate.objects.filter(shop=shop, is_default=True).first()
    if existing is not None:
        return existing
    return freight_template_default_create(shop=shop)


def freight_template_default_create(*, shop: Shop) -> FreightTemplate:
    """The platform default template for a shop (no permission check: the demo data and the callers above)."""
    template = FreightTemplate.objects.create(shop=shop, name=_("Standard delivery"), is_default=True)
    rows = [FreightRule(template=template, province=None, **_rate_values(DEFAULT_RATE))]
    rows += [
        FreightRule(template=template, province=province, **_rate_values(REMOTE_RATE))
        for province in Province.objects.filter(code__in=REMOTE_PROVINCE_CODES).order_by("code")
    ]
    FreightRule.objects.bulk_create(rows)
    return template


def _rate_values(rate) -> dict:
    return {
        "first_unit": rate.first_unit,
        "first_price": rate.first_price,
        "extra_unit": rate.extra_unit,
        "extra_price": rate.extra_price,
    }


@transaction.atomic
def freight_product_template_set(*, actor, product_id: int, template_id: int | None) -> Product:
    """Ship a product by one of its shop's templates (None: the shop's default)."""
    product = Product.objects.select_related("shop").filter(pk=product_id).first()
    if product is None:
        raise NotFound(_("Unknown product."))
    _shop_managed(actor, product.shop_id)
    if template_id is None:
        FreightProductTemplate.objects.filter(product=product).delete()
        return product
    if not FreightTemplate.objects.filter(pk=template_id, shop_id=product.shop_id).exists():
        raise ValidationFailed(
            _("Choose one of the shop's freight templates."), fields={"template": [_("Not a template of this shop.")]}
        )
    FreightProductTemplate.objects.update_or_create(product=product, defaults={"template_id": template_id})
    return product


@transaction.atomic
def freight_template_products_set(*, actor, template_id: int, product_ids) -> FreightTemplate:
    """Exactly these products of the template's shop ship with it; its other products go back to the default."""
    template = FreightTemplate.objects.select_for_update().filter(pk=template_id).first()
    if template is None:
        raise NotFound(_("No such freight template."))
    _shop_managed(actor, template.shop_id)
    wanted = {int(pk) for pk in product_ids}
    mine = set(Product.objects.filter(shop_id=template.shop_id, pk__in=wanted).values_list("pk", flat=True))
    if wanted - mine:
        raise ValidationFailed(_("Unknown product."), fields={"products": [_("Not a product of this shop.")]})
    FreightProductTemplate.objects.filter(template=template).exclude(product_id__in=mine).delete()
    FreightProductTemplate.objects.filter(product_id__in=mine).exclude(template=template).delete()
    existing = set(FreightProductTemplate.objects.filter(template=template).values_list("product_id", flat=True))
    FreightProductTemplate.objects.bulk_create(
        FreightProductTemplate(product_id=pk, template=template) for pk in sorted(mine - existing)
    )
    return template
