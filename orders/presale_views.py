"""Pre-sale pages (issue 23): reserve from the product page, the buyer's pre-sale orders ("pay the balance"),
the farmer's pre-sales with their reservations ("call for the balance", ship)."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.errors import DomainError
from core.pages import report_domain_error
from core.payments import provider_get
from core.quantity import plain_number
from orders import presale_selectors, services
from orders.forms import ShipForm
from orders.models import PaymentStatus, PreSaleOrder, PreSalePayment
from orders.presale_forms import PreSaleOpenForm, PreSaleReserveForm
from promotions.models import PreSale, PreSaleStatus
from promotions.services import presale_open
from shops.models import ProductVariant
from shops.selectors import shops_managed_by

PAGE_SIZE = 20


@login_required
def presale_reserve(request, presale_id: int):
    """The pre-sale's terms, prices and dates, then quantity, address and the terms accepted."""
    presale = get_object_or_404(
        PreSale.objects.select_related("product__shop__village", "variant"), pk=presale_id, status=PreSaleStatus.OPEN
    )
    form = PreSaleReserveForm(request.POST or None, initial={"quantity": plain_number(presale.variant.order_minimum)})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            presale_order = services.presale_reserve(
                buyer=request.user,
                presale_id=presale.pk,
                quantity=data["quantity"],
                ship_to=services.ShipTo(
                    recipient_name=data["recipient_name"],
                    recipient_phone=data["recipient_phone"],
                    province_id=data["ship_province"].pk,
                    city=data["ship_city"],
                    county=data.get("ship_county") or "",
                    address=data["ship_address"],
                ),
                accept_terms=data["accept_terms"],
            )
        except DomainError as error:
            for name, errors in error.fields.items():
                form.add_error(name if name in form.fields else None, errors)
            if not error.fields:
                report_domain_error(request, error)
        else:
            return _pay(request, presale_order)
    return render(request, "orders/presale_reserve.html", {"presale": presale, "form": form})


def _pay(request, presale_order: PreSaleOrder):
    try:
        payment = services.presale_payment_start(
            presale_order_id=presale_order.pk, payer=request.user, idempotency_key=uuid.uuid4().hex
        )
    except DomainError as error:
        report_domain_error(request, error)
        return redirect("orders:presale_orders_mine")
    return redirect(
        provider_get(payment.provider).checkout_url(
            reference=payment.reference, simulated_page="orders:presale_simulated_pay"
        )
    )


@login_required
@require_POST
def presale_pay(request, number: str):
    """Pay what is due now: the deposit of a fresh reservation, or the balance once called."""
    presale_order = get_object_or_404(PreSaleOrder, number=number, buyer=request.user)
    return _pay(request, presale_order)


@login_required
def presale_simulated_pay(request, reference: str):
    """The simulated provider's page for a deposit or a balance (signed, then through the ordinary callback)."""
    payment = get_object_or_404(
        PreSalePayment.objects.select_related("presale_order__presale__product"),
        reference=reference,
        payer=request.user,
    )
    if request.method == "POST" and payment.status == PaymentStatus.PENDING:
        try:
            payment = services.presale_payment_simulate(
                payment=payment, succeed=request.POST.get("outcome") != "decline"
            )
        except DomainError as error:
            report_domain_error(request, error)
        if payment.status == PaymentStatus.SUCCEEDED:
            messages.success(
                request, _("Payment received for pre-sale order %(number)s.") % {"number": payment.presale_order.number}
            )
        else:
            messages.error(request, _("The payment failed: %(reason)s") % {"reason": payment.failure_reason})
        return redirect("orders:presale_orders_mine")
    return render(request, "orders/presale_simulated_pay.html", {"payment": payment})


@login_required
def presale_orders_mine(request):
    page = Paginator(presale_selectors.presale_orders_for_buyer(buyer=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "orders/presale_orders_mine.html", {"page": page})


@login_required
def presales_manage(request):
    """The farmer's pre-sales with their reservations, and a form to open one."""
    if not (request.user.is_farmer or request.user.is_operator or request.user.is_admin):
        raise Http404
    variants = (
        ProductVariant.objects.filter(product__shop__in=shops_managed_by(user=request.user), is_active=True)
        .select_related("product")
        .order_by("product__name", "position", "pk")[:200]
    )
    form = PreSaleOpenForm(request.POST or None, variants=variants)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            presale_open(actor=request.user, variant_id=int(data.pop("variant")), **data)
        except DomainError as error:
            for name, errors in error.fields.items():
                form.add_error(name if name in form.fields else None, errors)
            if not error.fields:
                report_domain_error(request, error)
        else:
            messages.success(request, _("The pre-sale is open."))
            return redirect("orders:presales_manage")
    page = Paginator(presale_selectors.presales_managed(user=request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "orders/presales_manage.html", {"page": page, "form": form})


@login_required
def presale_detail(request, presale_id: int):
    """One pre-sale's reservations for its farmer: who paid what, and "ship" for those paid in full."""
    presale = get_object_or_404(
        PreSale.objects.select_related("product__shop", "variant").filter(
            product__shop__in=shops_managed_by(user=request.user)
        ),
        pk=presale_id,
    )
    orders = list(presale_selectors.presale_orders_of(presale_id=presale.pk)[:500])
    return render(
        request, "orders/presale_detail.html", {"presale": presale, "orders": orders, "ship_form": ShipForm()}
    )


@login_required
@require_POST
def presale_call(request, presale_id: int):
    try:
        services.presale_call_balance(actor=request.user, presale_id=presale_id)
        messages.success(request, _("The balance is called: every buyer who paid a deposit was told."))
    except DomainError as error:
        report_domain_error(request, error)
    return redirect("orders:presale_detail", presale_id=presale_id)


@login_required
@require_POST
def presale_ship(request, number: str):
    presale_order = get_object_or_404(PreSaleOrder, number=number)
    form = ShipForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    else:
        try:
            services.presale_order_ship(
                presale_order_id=presale_order.pk,
                actor=request.user,
                carrier=form.cleaned_data["carrier"],
                tracking_number=form.cleaned_data["tracking_number"],
            )
            messages.success(request, _("Shipped."))
        except DomainError as error:
            report_domain_error(request, error)
    return redirect("orders:presale_detail", presale_id=presale_order.presale_id)
