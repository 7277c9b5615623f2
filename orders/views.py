"""Browser pages for orders: thin adapters (form -> one service -> redirect or render)."""

from __future__ import annotations

import uuid
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from accounts.models import Role
from accounts.permissions import role_required
from core.errors import DomainError
from core.middleware import never_compressed
from core.money import quantize_yuan
from core.pages import report_domain_error
from core.payments import SIGNATURE_HEADER, provider_callback_view, provider_get
from orders import selectors, services
from orders.cart import cart_read, cart_stale_lines, cart_write
from orders.coupon_views import checkout_coupons
from orders.forms import (
    AddToCartForm,
    AssistedRequestForm,
    CartUpdateForm,
    CheckoutForm,
    DisputeAnswerForm,
    DisputeDecideForm,
    DisputeForm,
    PickupForm,
    ReasonForm,
    ReviewNoteForm,
    ShipForm,
    StationScanForm,
)
from orders.models import (
    CheckoutPayment,
    Dispute,
    DisputeStatus,
    Order,
    OrderStatus,
    Payment,
    PaymentStatus,
    TrustReview,
)
from orders.printing import order_label_pdf, packing_list_pdf, station_pick_list_pdf
from orders.services.batches import BATCH_SETTABLE, order_line_batch_set
from shops.models import ProduceBatch, Product, ProductVariant, Shop
from villages import selectors as village_selectors
from villages import services as village_services
from villages.models import Province, Village
from villages.selectors import station_for_operator

ORDERS_PER_PAGE = 20


def _next_or(request, fallback: str):
    """Redirect to a local `next` (never another site), else to the fallback."""
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = fallback
    return redirect(target)


# --- the cart: in the database for a signed-in user, in the session otherwise (orders/cart.py)


def _cart(request) -> dict[str, str]:
    return cart_read(request)


def _cart_save(request, cart: dict[str, str]) -> None:
    cart_write(request, cart)


def _cart_items(cart: dict[str, str]) -> list[tuple[int, Decimal]]:
    items = []
    for key, value in cart.items():
        try:
            items.append((int(key), Decimal(value)))
        except (ValueError, InvalidOperation):
            continue
    return items


def _cart_summary(cart: dict[str, str], province_id: int | None = None, *, user=None) -> dict:
    """The cart's lines grouped by shop with amounts (display only: checkout prices again on the server), the
    lines that changed since they were added (stale) and, with a province, each shop's freight as checkout will
    charge it (services.cart_quote)."""
    items = _cart_items(cart)
    summary = _cart_lines(items, user=user)
    summary.update(freight_province=province_id, freight=None, freight_error="")
    if province_id and summary["rows"]:
        try:
            quotes = services.cart_quote(variants=items, province_id=province_id)
        except DomainError as error:
            summary["freight_error"] = error.detail
        else:
            summary["freight"] = {shop_id: quote.shipping_fee for shop_id, quote in quotes.items()}
            summary["shipping_total"] = sum(summary["freight"].values(), Decimal("0.00"))
            summary["grand_total"] = sum((quote.total for quote in quotes.values()), Decimal("0.00"))
            summary["groups"] = [
                (shop, rows, summary["freight"].get(shop.pk)) for shop, rows, _fee in summary["groups"]
            ]
    return summary


def _freight_province(request) -> int | None:
    """The province freight is shown for: the one asked (?province=, the form's province), else where the
    buyer's last order went, else the buyer's home province."""
    value = request.GET.get("province") or request.POST.get("ship_province") or ""
    if value.isdigit() and len(value) <= 9:
        return int(value)
    user = request.user
    if not user.is_authenticated:
        return None
    last = Order.objects.filter(buyer=user).order_by("-placed_at").values_list("ship_province_id", flat=True).first()
    if last is None and user.home_village_id:
        village = Village.objects.filter(pk=user.home_village_id)
        return village.values_list("township__county__province_id", flat=True).first()
    return last


def _cart_lines(items: list[tuple[int, Decimal]], *, user=None) -> dict:
    """Rows of (option id, quantity): the option, its product, the amount; grouped by shop."""
    variants = ProductVariant.objects.select_related("product__shop").in_bulk([pk for pk, _q in items])
    rows, groups, raw_total = [], {}, Decimal("0")
    for variant_id, quantity in items:
        variant = variants.get(variant_id)
        if variant is None:
            continue
        product = variant.product
        row = {
            "product": product,
            "variant": variant,
            "quantity": quantity,
            "line_total": quantize_yuan(variant.unit_price * quantity),
        }
        raw_total += variant.unit_price * quantity
        rows.append(row)
        groups.setdefault(product.shop, []).append(row)
    stale = cart_stale_lines(user=user, variants=variants, quantities=dict(items)) if user is not None else {}
    for row in rows:
        row["stale"] = stale.get(row["variant"].pk, [])
    return {
        "groups": [(shop, shop_rows, None) for shop, shop_rows in groups.items()],
        "rows": rows,
        "total": quantize_yuan(raw_total),
        "stale": bool(stale),
    }


def cart_view(request):
    province_id = _freight_province(request)
    context = _cart_summary(_cart(request), province_id, user=request.user)
    context["provinces"] = Province.objects.order_by("code")
    return render(request, "orders/cart.html", context)


@require_POST
def cart_add(request):
    form = AddToCartForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a valid quantity."))
        return _next_or(request, reverse("orders:cart"))
    product = (
        Product.objects.select_related("shop").prefetch_related("variants").filter(pk=form.cleaned_data["product"])
    ).first()
    if product is None:
        messages.error(request, _("Unknown product."))
        return _next_or(request, reverse("orders:cart"))
    cart = _cart(request)
    try:
        variant = services.variant_for(product, form.cleaned_data.get("variant"))
        variant.product = product
        quantity = Decimal(cart.get(str(variant.pk), "0")) + form.cleaned_data["quantity"]
        services.quantity_check(variant, quantity)
    except DomainError as error:
        report_domain_error(request, error)
        return _next_or(request, reverse("orders:cart"))
    cart[str(variant.pk)] = str(quantity)
    _cart_save(request, cart)
    messages.success(request, _("%(name)s is in your cart.") % {"name": services.line_name(variant)})
    return redirect("orders:cart")


@require_POST
def cart_update(request):
    form = CartUpdateForm(request.POST)
    cart = _cart(request)
    if form.is_valid():
        key, quantity = str(form.cleaned_data["variant"]), form.cleaned_data["quantity"]
        if quantity == 0:
            cart.pop(key, None)
        else:
            variant = ProductVariant.objects.select_related("product__shop").filter(pk=form.cleaned_data["variant"])
            variant = variant.first()
            if variant is None:
                cart.pop(key, None)
                messages.error(request, _("Unknown product."))
            else:
                try:
                    services.quantity_check(variant, quantity)
                    cart[key] = str(quantity)
                except DomainError as error:
                    report_domain_error(request, error)
        _cart_save(request, cart)
    else:
        messages.error(request, _("Choose a valid quantity."))
    return redirect("orders:cart")


@login_required
def checkout(request):
    cart = _cart(request)
    if not cart:
        messages.info(request, _("Your cart is empty."))
        return redirect("orders:cart")
    user = request.user
    initial = {"recipient_name": user.get_full_name(), "recipient_phone": user.phone}
    # A saved address (?address=<id>, else the default one) fills the form in; the buyer may still change it.
    addresses = list(village_selectors.address_list(user=user))
    chosen = next((a for a in addresses if str(a.pk) == request.GET.get("address")), None)
    chosen = chosen or next((a for a in addresses if a.is_default), None)
    if chosen is not None:
        saved = village_services.address_ship_to_fields(chosen)
        initial = {
            "recipient_name": saved["recipient_name"],
            "recipient_phone": saved["recipient_phone"],
            "ship_province": saved["province_id"],
            "ship_city": saved["city"],
            "ship_county": saved["county"],
            "ship_address": saved["address"],
        }
    form = CheckoutForm(request.POST or None, initial=initial)
    province_id = _freight_province(request)
    summary = _cart_summary(cart, province_id, user=user)
    coupons, coupon_context = checkout_coupons(request, summary=summary)  # issue 23
    if request.method == "POST" and "quote" in request.POST:  # "show freight": recompute, place nothing
        typed = {k: v for k, v in request.POST.items() if k in CheckoutForm.base_fields}
        form = CheckoutForm(initial={**initial, **typed})  # unbound: a quote is not an attempt, no errors yet
    elif request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        items = _cart_items(cart)
        try:
            if data["collect_at_station"]:
                orders = services.checkout_to_station(
                    buyer=user,
                    recipient_name=data["recipient_name"],
                    recipient_phone=data["recipient_phone"],
                    place=lambda ship_to: services.order_place(
                        buyer=user, variants=items, ship_to=ship_to, coupons=coupons
                    ),
                )
            else:
                ship_to = services.ShipTo(
                    recipient_name=data["recipient_name"],
                    recipient_phone=data["recipient_phone"],
                    province_id=data["ship_province"].pk,
                    city=data["ship_city"],
                    county=data["ship_county"],
                    address=data["ship_address"],
                )
                orders = services.order_place(buyer=user, variants=items, ship_to=ship_to, coupons=coupons)
        except DomainError as error:
            if "ship_province" in (error.fields or {}):
                form.add_error("ship_province", error.fields["ship_province"])
            else:
                form.add_error(None, error.detail)
        else:
            _cart_save(request, {})
            return redirect("orders:checkout_done", checkout_id=orders[0].checkout_id)
    if request.method == "GET" and province_id:
        form.initial["ship_province"] = province_id
    return render(
        request,
        "orders/checkout.html",
        {"form": form, "addresses": addresses, "chosen_address": chosen, **summary, **coupon_context},
    )


@login_required
def checkout_done(request, checkout_id: uuid.UUID):
    orders = list(selectors.checkout_orders(buyer=request.user, checkout_id=checkout_id))
    if not orders:
        raise Http404
    return render(
        request,
        "orders/checkout_done.html",
        {
            "orders": orders,
            "total": sum((o.total for o in orders), Decimal("0")),
            "waiting": [o for o in orders if o.status == OrderStatus.PENDING_PAYMENT],
            "waiting_total": sum((o.total for o in orders if o.status == OrderStatus.PENDING_PAYMENT), Decimal("0")),
            "checkout_id": checkout_id,
            "key": uuid.uuid4().hex,
            "timeout": settings.ORDERS_UNPAID_TIMEOUT_MINUTES,
        },
    )


# --- orders


@login_required
def my_orders(request):
    """The buyer's orders under Taobao's tabs (to pay, to ship, to receive, to review, after-sales), with counts."""
    tab = request.GET.get("tab", "all")
    if tab not in ("all", *selectors.ORDER_TABS):
        tab = "all"
    orders = selectors.orders_in_tab(selectors.buyer_order_list(buyer=request.user), tab=tab)
    page = Paginator(orders, ORDERS_PER_PAGE).get_page(request.GET.get("page"))
    counts = selectors.buyer_tab_counts(buyer=request.user)
    labels = {
        "all": _("All"),
        "to_pay": pgettext("order tab", "To pay"),  # not the loan amount "to pay" (应还)
        "to_ship": _("To ship"),
        "to_receive": _("To receive"),
        "to_review": _("To review"),
        "completed": _("Completed"),
        "after_sales": _("Refunds and after-sales"),
    }
    tabs = [(name, labels[name], counts[name]) for name in ("all", *selectors.ORDER_TABS)]
    return render(request, "orders/my_orders.html", {"page": page, "tabs": tabs, "tab": tab})


@login_required
def order_detail(request, number: str, *, ship_form: ShipForm | None = None):
    """The order's page; `ship_form` is the seller's refused shipment, shown again with its field errors."""
    order = selectors.order_detail_for(user=request.user, number=number)
    if order is None:
        raise Http404
    user = request.user
    is_buyer = order.buyer_id == user.pk
    is_seller = services.is_seller(user, order)
    try:
        dispute = order.dispute
    except Dispute.DoesNotExist:
        dispute = None
    contact_phone, contact_street, contact_masked = selectors.order_contact_for(user=user, order=order)
    group_buy = services.order_group_buy(order)  # issue 23: a group member's order waits for its group
    group_waiting = group_buy is not None and group_buy.status != "succeeded"
    context = {
        "group_buy": group_buy,
        "group_waiting": group_waiting,
        "order": order,
        "contact_phone": contact_phone,
        "contact_street": contact_street,
        "contact_masked": contact_masked,
        "is_buyer": is_buyer,
        "is_seller": is_seller,
        "dispute": dispute,
        "ship_form": (ship_form or ShipForm(order=order))
        if is_seller and order.status == OrderStatus.PAID and not group_waiting
        else None,
        "dispute_form": DisputeForm()
        if is_buyer and order.status == OrderStatus.DELIVERED and dispute is None
        else None,
        "answer_form": DisputeAnswerForm() if dispute and is_seller and dispute.status == DisputeStatus.OPEN else None,
        "decide_form": DisputeDecideForm()
        if dispute and user.is_admin and dispute.status in (DisputeStatus.OPEN, DisputeStatus.ANSWERED)
        else None,
        "key": uuid.uuid4().hex,
        "auto_deliver_days": settings.ORDERS_AUTO_DELIVER_DAYS,
        "tracking_events": selectors.order_tracking_events(order=order),
        "line_batches": _line_batches(order) if is_seller and order.status in BATCH_SETTABLE else None,
    }
    if is_buyer and order.status == OrderStatus.COMPLETED:
        from orders.review_views import ReviewForm

        reviewable = services.reviewable_line_ids(buyer=user, order_ids=[order.pk])
        context["review_forms"] = [
            (line, ReviewForm(initial={"line": line.pk}, auto_id=f"id_%s_{line.pk}"))
            for line in order.lines.all()
            if line.pk in reviewable
        ]
    return render(request, "orders/order_detail.html", context)


def _line_batches(order) -> dict[int, list]:
    """The batches the seller may pick for each line (one query for the whole order)."""
    lines = list(order.lines.all())
    batches: dict[int, list] = {}
    for batch in ProduceBatch.objects.filter(product_id__in={line.product_id for line in lines}).order_by(
        "-harvested_on", "-pk"
    )[:200]:
        batches.setdefault(batch.product_id, []).append(batch)
    for line in lines:
        line.batch_choices = batches.get(line.product_id, [])
    return batches


@require_POST
@login_required
def order_line_batch(request, number: str, line_id: int):
    """The seller records which batch a line was shipped from (orders.services.batches)."""
    order = selectors.order_detail_for(user=request.user, number=number)
    if order is None:
        raise Http404
    try:
        order_line_batch_set(actor=request.user, order=order, line_id=line_id, code=request.POST.get("code", ""))
    except DomainError as error:
        report_domain_error(request, error)
    else:
        messages.success(request, _("Batch recorded."))
    return _back(order.number)


def _back(order_number: str):
    return redirect("orders:order_detail", number=order_number)


def _order_id(request, number: str) -> int:
    order = selectors.order_list_for(user=request.user).filter(number=number).values_list("pk", flat=True).first()
    if order is None:
        raise Http404
    return order


@login_required
@require_POST
def order_pay(request, number: str):
    """Start a payment (the form carries its Idempotency-Key, so a double submit pays once) and go to the provider."""
    try:
        payment = services.payment_start(
            order_id=_order_id(request, number), payer=request.user, idempotency_key=request.POST.get("key", "")
        )
    except DomainError as error:
        report_domain_error(request, error)
        return _back(number)
    return redirect(
        provider_get(payment.provider).checkout_url(reference=payment.reference, simulated_page="orders:simulated_pay")
    )


@login_required
@require_POST
def checkout_pay(request, checkout_id: uuid.UUID):
    """Pay every waiting order of the checkout at once (one provider payment; the form carries its key)."""
    try:
        checkout_payment = services.checkout_payment_start(
            checkout_id=checkout_id, payer=request.user, idempotency_key=request.POST.get("key", "")
        )
    except DomainError as error:
        report_domain_error(request, error)
        return redirect("orders:checkout_done", checkout_id=checkout_id)
    return redirect(
        provider_get(checkout_payment.provider).checkout_url(
            reference=checkout_payment.reference, simulated_page="orders:simulated_checkout_pay"
        )
    )


@login_required
@require_POST
def order_action(request, number: str, action: str):
    order_id = _order_id(request, number)
    try:
        if action == "ship":
            order = selectors.order_list_for(user=request.user).get(pk=order_id)
            form = ShipForm(request.POST, order=order)
            if not form.is_valid():
                # Shown again with what was typed and each field's error, not a banner over an empty form.
                messages.error(request, _("Not shipped yet: correct the shipping form below."))
                return order_detail(request, number, ship_form=form)
            services.order_ship(
                order_id=order_id,
                actor=request.user,
                carrier=form.cleaned_data["carrier"],
                tracking_number=form.cleaned_data["tracking_number"],
                weighed=form.weighed(),
                refund_freight=bool(form.cleaned_data.get("refund_freight")),
            )
            messages.success(request, _("Shipped."))
        elif action in ("cancel", "refund"):
            form = ReasonForm(request.POST)
            reason = form.cleaned_data["reason"] if form.is_valid() else ""
            service = services.order_cancel if action == "cancel" else services.order_refund
            service(order_id=order_id, actor=request.user, reason=reason)
            messages.success(request, _("Done."))
        elif action == "deliver":
            services.order_deliver(order_id=order_id, actor=request.user)
            messages.success(request, _("Marked as delivered."))
        elif action == "complete":
            services.order_complete(order_id=order_id, actor=request.user)
            messages.success(request, _("Thank you: the order is complete."))
        else:
            raise Http404
    except DomainError as error:
        report_domain_error(request, error)
    return _next_or(request, reverse("orders:order_detail", args=[number]))


@login_required
@require_POST
def dispute_open(request, number: str):
    form = DisputeForm(request.POST)
    if form.is_valid():
        try:
            services.dispute_open(
                order_id=_order_id(request, number), buyer=request.user, reason=form.cleaned_data["reason"]
            )
            messages.success(request, _("Your dispute is open. The seller will answer, then an admin decides."))
        except DomainError as error:
            report_domain_error(request, error)
    else:
        messages.error(request, _("Say what went wrong."))
    return _back(number)


@login_required
@require_POST
def dispute_respond(request, pk: int, action: str):
    dispute = get_object_or_404(Dispute.objects.select_related("order"), pk=pk)
    number = dispute.order.number
    if selectors.order_list_for(user=request.user).filter(pk=dispute.order_id).first() is None:
        raise Http404
    try:
        if action == "answer":
            form = DisputeAnswerForm(request.POST)
            if form.is_valid():
                services.dispute_answer(dispute_id=pk, seller=request.user, answer=form.cleaned_data["answer"])
        elif action == "decide":
            form = DisputeDecideForm(request.POST)
            if form.is_valid():
                services.dispute_decide(
                    dispute_id=pk,
                    admin=request.user,
                    refund=form.cleaned_data["refund"],
                    note=form.cleaned_data["note"],
                )
        else:
            raise Http404
        if not form.is_valid():
            messages.error(request, _("Please fill in the form."))
    except DomainError as error:
        report_domain_error(request, error)
    return _back(number)


@role_required(Role.ADMIN)
def dispute_list(request):
    disputes = Dispute.objects.select_related("order__shop", "opened_by").order_by("status", "-opened_at")
    page = Paginator(disputes, ORDERS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "orders/dispute_list.html", {"page": page})


@role_required(Role.ADMIN, Role.STATION_OPERATOR)
def review_queue(request):
    """Orders held by the anti-fraud rules, and the villagers behind them (admins: all; operators: their village)."""
    reviews = (TrustReview.FRAUD,) if request.GET.get("show") == "fraud" else (TrustReview.HELD,)
    orders = selectors.review_queue_for(user=request.user, reviews=reviews)
    page = Paginator(orders, ORDERS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "showing_fraud": reviews == (TrustReview.FRAUD,),
        "villagers": list(selectors.review_villagers_for(user=request.user)[:20]),
        "note_form": ReviewNoteForm(),
    }
    return render(request, "orders/review_queue.html", context)


@role_required(Role.ADMIN, Role.STATION_OPERATOR)
@require_POST
def review_action(request, number: str, action: str):
    services_by_action = {"clear": services.order_review_clear, "fraud": services.order_review_confirm_fraud}
    if action not in services_by_action:
        raise Http404
    order_id = selectors.reviewable_order_id(user=request.user, number=number)
    if order_id is None:
        raise Http404
    form = ReviewNoteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why (a short note is kept in the audit log)."))
        return redirect("orders:review_queue")
    try:
        services_by_action[action](order_id=order_id, reviewer=request.user, note=form.cleaned_data["note"])
    except DomainError as error:
        report_domain_error(request, error)
    else:
        done = _("Order %(number)s cleared.") if action == "clear" else _("Order %(number)s confirmed as fraud.")
        messages.success(request, done % {"number": number})
    return redirect("orders:review_queue")


# --- payment provider


@login_required
def simulated_pay(request, reference: str):
    """The simulated provider's page: "pay" signs the confirmation and delivers it to our callback handler."""
    payment = get_object_or_404(Payment.objects.select_related("order"), reference=reference, payer=request.user)
    if request.method == "POST" and payment.status == PaymentStatus.PENDING:
        try:
            payment = services.payment_simulate(payment=payment, succeed=request.POST.get("outcome") != "decline")
        except DomainError as error:
            report_domain_error(request, error)
        if payment.status == PaymentStatus.SUCCEEDED:
            messages.success(request, _("Payment received for order %(number)s.") % {"number": payment.order.number})
        else:
            messages.error(request, _("The payment failed: %(reason)s") % {"reason": payment.failure_reason})
        following = (
            selectors.checkout_orders(buyer=request.user, checkout_id=payment.order.checkout_id)
            .filter(status=OrderStatus.PENDING_PAYMENT)
            .exists()
        )
        if following:
            return redirect("orders:checkout_done", checkout_id=payment.order.checkout_id)
        return redirect(payment.order.get_absolute_url())
    return render(request, "orders/simulated_pay.html", {"payment": payment})


@login_required
def simulated_checkout_pay(request, reference: str):
    """The simulated provider's page for a checkout payment: one "pay" for every order it covers."""
    checkout_payment = get_object_or_404(CheckoutPayment, reference=reference, payer=request.user)
    if request.method == "POST" and checkout_payment.status == PaymentStatus.PENDING:
        try:
            checkout_payment = services.checkout_payment_simulate(
                checkout_payment=checkout_payment, succeed=request.POST.get("outcome") != "decline"
            )
        except DomainError as error:
            report_domain_error(request, error)
        if checkout_payment.status == PaymentStatus.SUCCEEDED:
            messages.success(request, _("Payment received for all the orders of this checkout."))
        else:
            messages.error(request, _("The payment failed: %(reason)s") % {"reason": checkout_payment.failure_reason})
        return redirect("orders:checkout_done", checkout_id=checkout_payment.checkout_id)
    parts = list(checkout_payment.parts.select_related("order__shop").order_by("order_id"))
    return render(request, "orders/simulated_checkout_pay.html", {"payment": checkout_payment, "parts": parts})


# The provider's confirmation: JSON body signed with HMAC-SHA256 (header X-Taocun-Signature).
payment_callback = provider_callback_view(services.payment_callback_handle)


@csrf_exempt
@require_POST
def carrier_callback(request):
    """The tracking provider's push (logistics/tracking.py): JSON signed with HMAC-SHA256 (X-Taocun-Signature)."""
    try:
        applied = services.tracking_callback_handle(
            body=request.body, signature=request.headers.get(SIGNATURE_HEADER, "")
        )
    except DomainError as error:
        return JsonResponse(error.as_dict(), status=error.status_code)
    order = applied.order
    return JsonResponse({"number": order.number, "status": order.status, "recorded": len(applied.recorded)})


# --- farmer


@role_required(Role.FARMER)
def fulfil(request):
    """The farmer's orders to ship (paid), then those on the way."""
    to_ship = selectors.fulfilment_list(user=request.user)
    page = Paginator(to_ship, ORDERS_PER_PAGE).get_page(request.GET.get("page"))
    shipped = selectors.fulfilment_list(user=request.user, statuses=(OrderStatus.SHIPPED, OrderStatus.DELIVERED))[:20]
    return render(request, "orders/fulfil.html", {"page": page, "shipped": shipped})


@role_required(Role.FARMER)
def statement(request):
    shops = list(Shop.objects.filter(owner=request.user).order_by("name"))
    balances = [(shop, services.shop_balance(shop_id=shop.pk)) for shop in shops]
    entries = selectors.shop_statement(shop_ids=[shop.pk for shop in shops])
    page = Paginator(entries, ORDERS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "orders/statement.html",
        {"balances": balances, "page": page, "rate": services.commission_rate_current() * 100},
    )


# --- station


@role_required(Role.STATION_OPERATOR)
def station(request):
    """The operator's view: village orders waiting for shipment, assisted purchases and pickups."""
    station = station_for_operator(user=request.user)
    if station is None:
        return render(request, "orders/station.html", {"station": None})
    product_query = request.GET.get("q", "")[:100]
    form = AssistedRequestForm(
        request.POST or None, station=station, operator=request.user, product_query=product_query
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.assisted_request(
                operator=request.user,
                station_id=station.pk,
                villager_id=data["villager"].pk,
                product_id=data["product"].pk if data["product"] else None,
                variant_id=data.get("variant"),
                quantity=data["quantity"],
                description=data["description"],
                link=data["link"],
                price=data["price"],
                deposit=data["deposit"] or Decimal("0"),
            )
        except DomainError as error:
            form.add_error(None, error.detail)
            for field, errors in error.fields.items():
                if field in form.fields:
                    form.add_error(field, errors)
        else:
            messages.success(request, _("Request recorded."))
            return redirect("orders:station")
    waiting = selectors.fulfilment_list(user=request.user).filter(shop__village_id=station.village_id)[:50]
    return render(
        request,
        "orders/station.html",
        {
            "station": station,
            "form": form,
            "waiting": waiting,
            "pickups": selectors.pending_pickups(station=station),
            "pickup_form": PickupForm(),
            "product_query": product_query,
        },
    )


@role_required(Role.STATION_OPERATOR)
@require_POST
def assisted_action(request, pk: int, action: str):
    actions = {
        "order": services.assisted_order,
        "arrive": services.assisted_arrive,
        "cancel": services.assisted_cancel,
    }
    try:
        if action == "collect":
            form = PickupForm(request.POST)
            if not form.is_valid():
                messages.error(request, _("The pickup code has six digits."))
                return redirect("orders:station")
            services.assisted_collect(purchase_id=pk, operator=request.user, code=form.cleaned_data["code"])
            messages.success(request, _("Collected."))
        elif action in actions:
            actions[action](purchase_id=pk, operator=request.user)
            messages.success(request, _("Updated."))
        else:
            raise Http404
    except DomainError as error:
        report_domain_error(request, error)
    return redirect("orders:station")


@login_required
@never_compressed  # shows pickup codes: see core.middleware.CompressionMiddleware (BREACH)
def my_assisted(request):
    purchases = selectors.assisted_list_for(user=request.user).filter(villager=request.user)[:50]
    return render(request, "orders/my_assisted.html", {"purchases": purchases})


# --- parcels at the village station, printing


@role_required(Role.STATION_OPERATOR)
def station_parcels(request):
    """The operator's parcel counter: scan arrivals in, hand over against the code, remind the forgetful."""
    station = station_for_operator(user=request.user)
    if station is None:
        return render(request, "orders/station_parcels.html", {"station": None})
    form = StationScanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            order = services.station_parcel_scan(
                operator=request.user, station_id=station.pk, tracking_number=form.cleaned_data["tracking_number"]
            )
        except DomainError as error:
            form.add_error("tracking_number", error.fields.get("tracking_number", [error.detail]))
        else:
            messages.success(
                request,
                _("Parcel %(number)s is in: the buyer %(buyer)s was sent the pickup code.")
                % {"number": order.tracking_number, "buyer": order.recipient_name},
            )
            return redirect("orders:station_parcels")
    expected = list(selectors.station_parcels_expected(station=station)[:100])
    waiting = list(selectors.station_parcels_waiting(station=station)[:100])
    unclaimed = {o.pk for o in selectors.station_parcels_unclaimed(station=station)}
    return render(
        request,
        "orders/station_parcels.html",
        {
            "station": station,
            "form": form,
            "expected": expected,
            "expected_today": [o for o in expected if o.expected_today],
            "waiting": waiting,
            "unclaimed": unclaimed,
            "pickup_form": PickupForm(),
            "unclaimed_days": settings.ORDERS_STATION_UNCLAIMED_DAYS,
        },
    )


@role_required(Role.STATION_OPERATOR)
@require_POST
def station_parcel_action(request, number: str, action: str):
    station = station_for_operator(user=request.user)
    order_id = (
        selectors.station_parcels_for(user=request.user, state="all")
        .filter(number=number)
        .values_list("pk", flat=True)
        .first()
    )
    if station is None or order_id is None:
        raise Http404
    try:
        if action == "collect":
            form = PickupForm(request.POST)
            code = form.cleaned_data["code"] if form.is_valid() else ""
            services.station_parcel_collect(operator=request.user, order_id=order_id, code=code)
            messages.success(request, _("Handed over: the order is delivered."))
        elif action == "remind":
            services.station_parcel_remind(operator=request.user, order_id=order_id)
            messages.success(request, _("Reminder sent."))
        else:
            raise Http404
    except DomainError as error:
        report_domain_error(request, error)
    return redirect("orders:station_parcels")


def _pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@login_required
def order_print(request, number: str, kind: str):
    """The seller's packing list or 100 x 150 mm waybill label, as PDF."""
    order = selectors.order_detail_for(user=request.user, number=number)
    if order is None or kind not in ("packing-list", "label"):
        raise Http404
    if not services.is_seller(request.user, order):
        raise PermissionDenied
    if kind == "label":
        return _pdf_response(order_label_pdf(order=order, user=request.user), f"label-{order.number}.pdf")
    return _pdf_response(packing_list_pdf(order=order), f"packing-list-{order.number}.pdf")


@role_required(Role.STATION_OPERATOR)
def station_pick_list(request):
    """Today's pick list: parcels to hand over, and the village's paid orders to give the courier."""
    station = station_for_operator(user=request.user)
    if station is None:
        raise Http404
    content = station_pick_list_pdf(
        station=station,
        waiting=list(selectors.station_parcels_waiting(station=station)[:500]),
        outgoing=list(selectors.station_outgoing(station=station)[:500]),
    )
    return _pdf_response(content, f"pick-list-{timezone.localdate():%Y%m%d}.pdf")
