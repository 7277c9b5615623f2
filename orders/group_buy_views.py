"""Group-buy pages (issue 23): open a group on an offer, the group's page from its share link (join there), and
the farmer's (or station's) offers. Thin: forms, one service call, selectors."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.errors import DomainError, NotFound, NotPermitted
from core.pages import report_domain_error
from orders import group_buy_selectors, services
from orders.group_buy_forms import GroupBuyAddressForm, GroupBuyOfferForm
from orders.group_buy_models import GroupBuyMember
from orders.services.group_buys import holding_place
from promotions import selectors as offer_selectors
from promotions import services as offer_services
from promotions.models import GroupBuyOffer, GroupBuyStatus
from shops.models import ProductVariant
from shops.selectors import shops_managed_by
from villages import selectors as village_selectors
from villages import services as village_services


def _address_initial(user) -> dict:
    initial = {"recipient_name": user.get_full_name(), "recipient_phone": user.phone}
    chosen = next((a for a in village_selectors.address_list(user=user) if a.is_default), None)
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
    return initial


def _ship_to(data) -> services.ShipTo:
    return services.ShipTo(
        recipient_name=data["recipient_name"],
        recipient_phone=data["recipient_phone"],
        province_id=data["ship_province"].pk,
        city=data["ship_city"],
        county=data["ship_county"],
        address=data["ship_address"],
    )


def _form_error(form, error: DomainError) -> None:
    """A refused join or open is a form error (the page is shown again, nothing written); a refusal of rights or
    an unknown object is a 403 / 404 as everywhere."""
    if isinstance(error, NotPermitted | NotFound):
        report_domain_error(None, error)
    fields = error.fields or {}
    placed = False
    for field, field_errors in fields.items():
        if field in form.fields:
            form.add_error(field, field_errors)
            placed = True
    if not placed:
        form.add_error(None, error.detail)


@login_required
def group_buy_start(request, offer_id: int):
    """Open a group on an offer: the address, then the member's order to pay."""
    offer = get_object_or_404(GroupBuyOffer.objects.select_related("variant__product__shop"), pk=offer_id)
    form = GroupBuyAddressForm(request.POST or None, initial=_address_initial(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            member = services.group_buy_open(buyer=request.user, offer_id=offer.pk, ship_to=_ship_to(form.cleaned_data))
        except DomainError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Your group is open: pay your order, then share the link."))
            return redirect(member.group.get_absolute_url())
    return render(request, "orders/group_buy_start.html", {"offer": offer, "form": form})


def group_buy_detail(request, code: str):
    """The group from its share link: who is in, places and time left; join it (signed in) with an address."""
    group = group_buy_selectors.group_buy_get(code=code)
    if group is None:
        raise Http404
    user = request.user
    mine = None
    if user.is_authenticated:
        mine = GroupBuyMember.objects.select_related("order").filter(holding_place(), group=group, buyer=user).first()
    joinable = (
        group.status == GroupBuyStatus.OPEN and group.deadline > timezone.now() and group.places_held < group.size
    )
    form = None
    if request.method == "POST":
        if not user.is_authenticated:
            return redirect(f"{resolve_url(settings.LOGIN_URL)}?next={request.path}")
        # The service decides (full, succeeded, expired, already a member): its refusal is the form's error.
        form = GroupBuyAddressForm(request.POST)
        if form.is_valid():
            try:
                services.group_buy_join(buyer=user, code=group.code, ship_to=_ship_to(form.cleaned_data))
            except DomainError as error:
                _form_error(form, error)
            else:
                messages.success(request, _("You joined the group: pay your order to keep your place."))
                return redirect(group.get_absolute_url())
    elif joinable and mine is None and user.is_authenticated:
        form = GroupBuyAddressForm(initial=_address_initial(user))
    members = list(group.members.select_related("buyer", "order").filter(holding_place()).order_by("joined_at"))
    return render(
        request,
        "orders/group_buy_detail.html",
        {
            "group": group,
            "offer": group.offer,
            "product": group.offer.variant.product,
            "members": members,
            "empty_places": range(max(0, group.size - len(members))),
            "places_left": max(0, group.size - group.places_held),
            "mine": mine,
            "form": form,
            "joinable": joinable,
            "share_url": request.build_absolute_uri(group.get_absolute_url()),
        },
    )


@login_required
def group_buy_offers(request):
    """The farmer's (or station's) group-buy offers, with a form to offer a new one."""
    shops = shops_managed_by(user=request.user)
    if not request.user.is_admin and not shops.exists():
        raise PermissionDenied
    variants = (
        ProductVariant.objects.filter(product__shop__in=shops, is_active=True)
        .select_related("product")
        .order_by("product__name", "position", "pk")
    )
    form = GroupBuyOfferForm(request.POST or None, variants=variants)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            offer_services.group_buy_offer_create(
                actor=request.user,
                variant_id=data["variant"].pk,
                group_price=data["group_price"],
                group_size=data["group_size"],
                fill_hours=data["fill_hours"],
                quantity=data["quantity"],
                max_groups=data["max_groups"],
                max_quantity=data["max_quantity"],
                ends_at=data["ends_at"],
            )
        except DomainError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("The group buy is on offer."))
            return redirect("orders:group_buy_offers")
    offers = list(offer_selectors.group_buy_offers_managed(user=request.user)[:200])
    stats = group_buy_selectors.offer_stats(offers)
    rows = [(offer, stats.get(offer.pk, {})) for offer in offers]
    return render(
        request,
        "orders/group_buy_offers.html",
        {"rows": rows, "form": form},
    )


@require_POST
@login_required
def group_buy_offer_end(request, offer_id: int):
    try:
        offer_services.group_buy_offer_end(actor=request.user, offer_id=offer_id)
    except DomainError as error:
        report_domain_error(request, error)
    else:
        messages.success(request, _("No new group will open on this offer; open groups run to their deadline."))
    return redirect("orders:group_buy_offers")
