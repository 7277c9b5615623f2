"""Browser pages for orders: thin adapters (form -> one service -> redirect or render)."""

from __future__ import annotations

import uuid
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from accounts.models import Role
from accounts.permissions import role_required
from core.errors import DomainError
from core.middleware import never_compressed
from core.money import quantize_yuan
from core.pages import report_domain_error
from core.payments import SIGNATURE_HEADER, provider_get
from orders import selectors, services
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
)
from orders.models import Dispute, DisputeStatus, OrderStatus, Payment, PaymentStatus, TrustReview
from orders.services.batches import BATCH_SETTABLE, order_line_batch_set
from shops.models import ProduceBatch, Product, Shop
from villages.selectors import station_for_operator

ORDERS_PER_PAGE = 20
CART_SESSION_KEY = "cart"


def _next_or(request, fallback: str):
    """Redirect to a local `next` (never another site), else to the fallback."""
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = fallback
    return redirect(target)


# --- session cart


def _cart(request) -> dict[str, str]:
    return dict(request.session.get(CART_SESSION_KEY, {}))


def _cart_save(request, cart: dict[str, str]) -> None:
    request.session[CART_SESSION_KEY] = cart


def _cart_items(cart: dict[str, str]) -> list[tuple[int, Decimal]]:
    items = []
    for key, value in cart.items():
        try:
            items.append((int(key), Decimal(value)))
        except (ValueError, InvalidOperation):
            continue
    return items


def _cart_summary(cart: dict[str, str]) -> dict:
    """The cart's lines grouped by shop with amounts (display only: checkout prices again on the server)."""
    items = _cart_items(cart)
    products = Product.objects.select_related("shop").in_bulk([pk for pk, _q in items])
    rows, groups, raw_total = [], {}, Decimal("0")
    for product_id, quantity in items:
        product = products.get(product_id)
        if product is None:
            continue
        row = {"product": product, "quantity": quantity, "line_total": quantize_yuan(product.unit_price * quantity)}
        raw_total += product.unit_price * quantity
        rows.append(row)
        groups.setdefault(product.shop, []).append(row)
    return {"groups": groups.items(), "rows": rows, "total": quantize_yuan(raw_total)}


def cart_view(request):
    return render(request, "orders/cart.html", _cart_summary(_cart(request)))


@require_POST
def cart_add(request):
    form = AddToCartForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a valid quantity."))
        return _next_or(request, reverse("orders:cart"))
    product = Product.objects.select_related("shop").filter(pk=form.cleaned_data["product"]).first()
    if product is None:
        messages.error(request, _("Unknown product."))
        return _next_or(request, reverse("orders:cart"))
    cart = _cart(request)
    quantity = Decimal(cart.get(str(product.pk), "0")) + form.cleaned_data["quantity"]
    try:
        services.quantity_check(product, quantity)
    except DomainError as error:
        report_domain_error(request, error)
        return _next_or(request, reverse("orders:cart"))
    cart[str(product.pk)] = str(quantity)
    _cart_save(request, cart)
    messages.success(request, _("%(name)s is in your cart.") % {"name": product.name})
    return redirect("orders:cart")


@require_POST
def cart_update(request):
    form = CartUpdateForm(request.POST)
    cart = _cart(request)
    if form.is_valid():
        key, quantity = str(form.cleaned_data["product"]), form.cleaned_data["quantity"]
        if quantity == 0:
            cart.pop(key, None)
        else:
            product = Product.objects.select_related("shop").filter(pk=form.cleaned_data["product"]).first()
            if product is None:
                cart.pop(key, None)
                messages.error(request, _("Unknown product."))
            else:
                try:
                    services.quantity_check(product, quantity)
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
    form = CheckoutForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        ship_to = services.ShipTo(
            recipient_name=data["recipient_name"],
            recipient_phone=data["recipient_phone"],
            province_id=data["ship_province"].pk,
            city=data["ship_city"],
            county=data["ship_county"],
            address=data["ship_address"],
        )
        try:
            orders = services.order_place(buyer=user, items=_cart_items(cart), ship_to=ship_to)
        except DomainError as error:
            form.add_error(None, error.detail)
        else:
            _cart_save(request, {})
            return redirect("orders:checkout_done", checkout_id=orders[0].checkout_id)
    return render(request, "orders/checkout.html", {"form": form, **_cart_summary(cart)})


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
            "key": uuid.uuid4().hex,
            "timeout": settings.ORDERS_UNPAID_TIMEOUT_MINUTES,
        },
    )


# --- orders


@login_required
def my_orders(request):
    page = Paginator(selectors.buyer_order_list(buyer=request.user), ORDERS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "orders/my_orders.html", {"page": page})


@login_required
def order_detail(request, number: str):
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
    context = {
        "order": order,
        "contact_phone": contact_phone,
        "contact_street": contact_street,
        "contact_masked": contact_masked,
        "is_buyer": is_buyer,
        "is_seller": is_seller,
        "dispute": dispute,
        "ship_form": ShipForm(order=order) if is_seller and order.status == OrderStatus.PAID else None,
        "dispute_form": DisputeForm()
        if is_buyer and order.status == OrderStatus.DELIVERED and dispute is None
        else None,
        "answer_form": DisputeAnswerForm() if dispute and is_seller and dispute.status == DisputeStatus.OPEN else None,
        "decide_form": DisputeDecideForm()
        if dispute and user.is_admin and dispute.status in (DisputeStatus.OPEN, DisputeStatus.ANSWERED)
        else None,
        "key": uuid.uuid4().hex,
        "auto_deliver_days": settings.ORDERS_AUTO_DELIVER_DAYS,
        "line_batches": _line_batches(order) if is_seller and order.status in BATCH_SETTABLE else None,
    }
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
def order_action(request, number: str, action: str):
    order_id = _order_id(request, number)
    try:
        if action == "ship":
            order = selectors.order_list_for(user=request.user).get(pk=order_id)
            form = ShipForm(request.POST, order=order)
            if not form.is_valid():
                messages.error(request, _("Give the carrier and the tracking number (and valid weights)."))
                return _back(number)
            services.order_ship(
                order_id=order_id,
                actor=request.user,
                carrier=form.cleaned_data["carrier"],
                tracking_number=form.cleaned_data["tracking_number"],
                weighed=form.weighed(),
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
    order_id = (
        selectors.review_queue_for(user=request.user, reviews=tuple(TrustReview.values))
        .filter(number=number)
        .values_list("pk", flat=True)
        .first()
    )
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


@csrf_exempt
@require_POST
def payment_callback(request):
    """The provider's confirmation: JSON body signed with HMAC-SHA256 (header X-Taocun-Signature)."""
    try:
        payment = services.payment_callback_handle(
            body=request.body, signature=request.headers.get(SIGNATURE_HEADER, "")
        )
    except DomainError as error:
        return JsonResponse(error.as_dict(), status=error.status_code)
    return JsonResponse({"reference": payment.reference, "status": payment.status})


@csrf_exempt
@require_POST
def carrier_callback(request):
    """A carrier's tracking event: JSON body signed with HMAC-SHA256 (header X-Taocun-Signature)."""
    try:
        order = services.carrier_callback_handle(body=request.body, signature=request.headers.get(SIGNATURE_HEADER, ""))
    except DomainError as error:
        return JsonResponse(error.as_dict(), status=error.status_code)
    return JsonResponse({"number": order.number, "status": order.status})


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
