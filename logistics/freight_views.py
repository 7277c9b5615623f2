"""Freight template pages for the shop's managers (farmer, cooperative members, the village's operator, admins)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.errors import DomainError
from core.pages import report_domain_error
from logistics import freight_selectors, freight_services
from logistics.freight_forms import FreightRowFormSet, FreightTemplateForm
from logistics.models import FreightTemplate
from shops.models import Product, Shop
from shops.selectors import shops_managed_by


def _managed_shop(request, shop_id) -> Shop:
    shop = shops_managed_by(user=request.user).filter(pk=shop_id).first() if str(shop_id).isdigit() else None
    if shop is None:
        raise Http404
    return shop


@login_required
def freight_list(request):
    """Every template of the shops the user manages; shops without one ship by the platform default."""
    shops = list(shops_managed_by(user=request.user).order_by("name", "pk")[:50])
    templates = freight_selectors.freight_templates_managed(shop_ids=[s.pk for s in shops])
    by_shop: dict[int, list[FreightTemplate]] = {}
    for template in templates:
        by_shop.setdefault(template.shop_id, []).append(template)
    rows = [(shop, by_shop.get(shop.pk, [])) for shop in shops]
    return render(
        request,
        "logistics/freight_list.html",
        {"rows": rows, "platform": freight_selectors.platform_schedule()},
    )


@login_required
@require_POST
def freight_default_create(request, shop_id: int):
    shop = _managed_shop(request, shop_id)
    try:
        template = freight_services.freight_template_default_ensure(actor=request.user, shop_id=shop.pk)
    except DomainError as error:
        report_domain_error(request, error)
        return redirect("freight:freight_list")
    return redirect("freight:freight_edit", template_id=template.pk)


def _initial(template: FreightTemplate | None, links: dict[int, int]) -> tuple[dict, list[dict]]:
    if template is None:
        return {"basis": "weight", "first_unit": 1, "first_price": "8.00", "extra_unit": 1, "extra_price": "2.00"}, []
    rules = list(template.rules.all())
    default = next((r for r in rules if r.province_id is None), None)
    initial = {
        "name": template.name,
        "basis": template.basis,
        "is_default": template.is_default,
        "free_over_amount": template.free_over_amount,
        "free_over_weight": template.free_over_weight,
        "excluded_provinces": [p.pk for p in template.excluded_provinces.all()],
        "products": [str(pk) for pk, template_id in links.items() if template_id == template.pk],
    }
    if default is not None:
        initial.update(
            first_unit=default.first_unit,
            first_price=default.first_price,
            extra_unit=default.extra_unit,
            extra_price=default.extra_price,
        )
    rows = [
        {
            "province": r.province_id,
            "first_unit": r.first_unit,
            "first_price": r.first_price,
            "extra_unit": r.extra_unit,
            "extra_price": r.extra_price,
        }
        for r in rules
        if r.province_id is not None
    ]
    return initial, rows


def _rules(form, formset) -> list[freight_services.FreightRuleInput]:
    data = form.cleaned_data
    rules = [
        freight_services.FreightRuleInput(
            None, data["first_unit"], data["first_price"], data["extra_unit"], data["extra_price"]
        )
    ]
    for row in formset.cleaned_data:
        if row and row.get("province"):
            rules.append(
                freight_services.FreightRuleInput(
                    row["province"].pk,
                    row.get("first_unit"),
                    row.get("first_price"),
                    row.get("extra_unit") if row.get("extra_unit") is not None else data["extra_unit"],
                    row.get("extra_price") if row.get("extra_price") is not None else data["extra_price"],
                )
            )
    return rules


def _form_page(request, *, shop: Shop, template: FreightTemplate | None):
    links = freight_selectors.freight_product_links(shop_id=shop.pk)
    products = list(Product.objects.filter(shop=shop).exclude(status="archived").order_by("name", "pk"))
    initial, rows = _initial(template, links)
    form = FreightTemplateForm(request.POST or None, initial=initial, products=products)
    formset = FreightRowFormSet(request.POST or None, initial=rows, prefix="rows")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        data = form.cleaned_data
        values = {
            "name": data["name"],
            "basis": data["basis"],
            "is_default": data["is_default"],
            "free_over_amount": data["free_over_amount"],
            "free_over_weight": data["free_over_weight"],
            "excluded_province_ids": [p.pk for p in data["excluded_provinces"]],
            "rules": _rules(form, formset),
        }
        try:
            with transaction.atomic():
                if template is None:
                    saved = freight_services.freight_template_create(actor=request.user, shop_id=shop.pk, **values)
                else:
                    saved = freight_services.freight_template_update(
                        actor=request.user, template_id=template.pk, **values
                    )
                freight_services.freight_template_products_set(
                    actor=request.user, template_id=saved.pk, product_ids=data["products"]
                )
        except DomainError as error:
            for field, errors in (error.fields or {}).items():
                form.add_error(field if field in form.fields else None, errors)
            if not error.fields:
                form.add_error(None, error.detail)
        else:
            messages.success(request, _("Freight template saved."))
            return redirect("freight:freight_list")
    return render(
        request,
        "logistics/freight_form.html",
        {"form": form, "formset": formset, "shop": shop, "template": template},
    )


@login_required
def freight_create(request, shop_id: int):
    return _form_page(request, shop=_managed_shop(request, shop_id), template=None)


@login_required
def freight_edit(request, template_id: int):
    template = (
        freight_selectors.freight_templates_managed(shop_ids=shops_managed_by(user=request.user).values("pk"))
        .filter(pk=template_id)
        .first()
    )
    if template is None:
        raise Http404
    return _form_page(request, shop=template.shop, template=template)


@login_required
@require_POST
def freight_delete(request, template_id: int):
    if not FreightTemplate.objects.filter(pk=template_id, shop__in=shops_managed_by(user=request.user)).exists():
        raise Http404
    try:
        freight_services.freight_template_delete(actor=request.user, template_id=template_id)
    except DomainError as error:
        report_domain_error(request, error)
    else:
        messages.success(request, _("Freight template deleted."))
    return redirect("freight:freight_list")
