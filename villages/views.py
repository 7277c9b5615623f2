from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import F
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from accounts.models import Role
from accounts.permissions import role_required
from accounts.services import client_ip_of, login_recent_failures
from core.errors import DomainError, NotFound
from core.pages import report_domain_error
from villages import selectors, services
from villages.filters import VillageFilter
from villages.forms import AddressForm
from villages.models import County

VILLAGES_PER_PAGE = 20


def village_list(request):
    search = request.GET.get("q", "").strip()
    village_filter = VillageFilter(request.GET or None, queryset=selectors.village_list(search=search))
    page = Paginator(village_filter.qs, VILLAGES_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "villages/village_list.html",
        {"filter": village_filter, "page": page, "search": search, "query": query.urlencode()},
    )


def village_detail(request, pk: int):
    village = get_object_or_404(selectors.village_list(), pk=pk)
    station = getattr(village, "station", None)
    return render(request, "villages/village_detail.html", {"village": village, "station": station})


def station_detail(request, pk: int):
    station = get_object_or_404(selectors.station_list(), pk=pk)
    can_manage = request.user.is_authenticated and (
        request.user.is_admin or selectors.user_operates_village(user=request.user, village_id=station.village_id)
    )
    return render(request, "villages/station_detail.html", {"station": station, "can_manage": can_manage})


@role_required(Role.STATION_OPERATOR)
def my_station(request):
    """The operator's own station and village; nothing of another village is shown here."""
    station = selectors.station_for_operator(user=request.user)
    residents, waiting = [], False
    if station is not None:
        # Claims waiting for the operator first; each with its failed logins of the last minutes (one cache read).
        residents = list(
            selectors.village_residents(village_id=station.village_id).order_by(
                F("home_village_confirmed_at").asc(nulls_first=True), "role", "username"
            )[:200]
        )
        failures = login_recent_failures(users=residents)
        for resident in residents:
            resident.recent_failed_logins = failures[resident.pk]
        waiting = any(
            resident.recent_failed_logins or (resident.is_farmer and not resident.home_village_confirmed_at)
            for resident in residents
        )
    return render(
        request,
        "villages/my_station.html",
        {
            "station": station,
            "residents": residents,
            "residents_waiting": waiting,
            "register_form": ResidentRegisterForm(),
            "no_station_message": _("You do not run a station yet."),
        },
    )


class ResidentRegisterForm(forms.Form):
    last_name = forms.CharField(label=_lazy("Family name"), max_length=150, required=False)
    first_name = forms.CharField(label=_lazy("Given name"), max_length=150, required=False)
    phone = forms.CharField(
        label=_lazy("Mobile number (optional)"),
        max_length=32,
        required=False,
        help_text=_lazy("Without one, the villager's text messages come to the station's phone."),
        widget=forms.TextInput(attrs={"inputmode": "tel"}),
    )
    role = forms.ChoiceField(
        label=_lazy("Role"), choices=[(Role.BUYER, _lazy("Buyer")), (Role.FARMER, _lazy("Farmer"))], initial=Role.BUYER
    )


@require_POST
@role_required(Role.STATION_OPERATOR)
def resident_register(request):
    """The operator registers a villager with a name and a mobile number, or no number."""
    form = ResidentRegisterForm(request.POST)
    if form.is_valid():
        try:
            villager = services.resident_register(
                actor=request.user, client_ip=client_ip_of(request), **form.cleaned_data
            )
        except DomainError as error:
            for errors in error.fields.values():
                messages.error(request, " ".join(str(e) for e in errors))
            if not error.fields:
                report_domain_error(request, error)
        else:
            if villager.phone:
                messages.success(
                    request,
                    _(
                        "%(name)s is registered. A code was sent to their phone: they log in with it to confirm "
                        "the number."
                    )
                    % {"name": villager.display_name},
                )
            else:
                messages.success(
                    request,
                    _("%(name)s is registered. Their text messages will come to the station.")
                    % {"name": villager.display_name},
                )
    else:
        messages.error(request, _("Enter the villager's name and a valid mobile number, or none."))
    return redirect("villages:my_station")


@require_POST
@role_required(Role.STATION_OPERATOR)
def resident_act(request, pk: int, action: str):
    """The operator confirms a villager's home village, or lifts their login lockout."""
    try:
        if action == "confirm":
            villager = services.resident_confirm(actor=request.user, villager_id=pk)
            messages.success(
                request,
                _("%(name)s lives in %(village)s: confirmed.")
                % {"name": villager.display_name, "village": villager.home_village},
            )
        else:
            villager = services.resident_login_unlock(actor=request.user, villager_id=pk)
            messages.success(request, _("%(name)s may log in again.") % {"name": villager.display_name})
    except DomainError as error:
        report_domain_error(request, error)
    return redirect("villages:my_station")


def county_detail(request, pk: int):
    county = get_object_or_404(County.objects.select_related("province"), pk=pk)
    townships = selectors.township_list().filter(county=county).order_by("name")
    return render(request, "villages/county_detail.html", {"county": county, "townships": townships})


def township_detail(request, pk: int):
    township = get_object_or_404(selectors.township_list(), pk=pk)
    villages = selectors.village_list().filter(township=township)
    return render(request, "villages/township_detail.html", {"township": township, "villages": villages})


# --- the address book


def _address_input(data) -> services.AddressInput:
    return services.AddressInput(
        recipient_name=data["recipient_name"],
        recipient_phone=data["recipient_phone"],
        province_id=data["province"].pk,
        city_id=data["city"].pk,
        district_id=data["district"].pk,
        street=data["street"],
        is_default=data["is_default"],
    )


@login_required
def address_list(request):
    addresses = selectors.address_list(user=request.user)
    return render(request, "villages/address_list.html", {"addresses": addresses})


@login_required
def address_edit(request, pk: int | None = None):
    """Add (pk None) or change a saved address. "Update the lists" re-renders with the chosen province's cities
    and the chosen city's counties, saving nothing: the selects depend on each other without JavaScript."""
    try:
        address = selectors.address_get(user=request.user, address_id=pk) if pk else None
    except NotFound as error:
        raise Http404 from error
    initial = {"recipient_name": request.user.get_full_name(), "recipient_phone": request.user.phone}
    if address is not None:
        initial = {
            "recipient_name": address.recipient_name,
            "recipient_phone": address.recipient_phone,
            "province": address.province_id,
            "city": address.city_id,
            "district": address.district_id,
            "street": address.street,
            "is_default": address.is_default,
        }
    if request.method == "POST" and "refresh" in request.POST:
        # Only the lists change: the typed values come back as the starting values, without errors.
        form = AddressForm(initial={key: request.POST.get(key) for key in AddressForm.base_fields})
    else:
        form = AddressForm(request.POST if request.method == "POST" else None, initial=initial)
    if form.is_bound and form.is_valid():
        try:
            services.address_save(user=request.user, data=_address_input(form.cleaned_data), address_id=pk)
        except DomainError as error:
            for field, errors in error.fields.items():
                form.add_error(field if field in form.fields else None, errors)
            if not error.fields:
                form.add_error(None, error.detail)
        else:
            messages.success(request, _("Address saved."))
            return redirect(_next_url(request) or "villages:address_list")
    return render(
        request,
        "villages/address_form.html",
        {"form": form, "address": address, "next": _next_url(request)},
    )


@require_POST
@login_required
def address_act(request, pk: int, action: str):
    """Delete an address, or make it the default."""
    try:
        if action == "delete":
            services.address_delete(user=request.user, address_id=pk)
            messages.success(request, _("Address deleted."))
        else:
            services.address_default_set(user=request.user, address_id=pk)
            messages.success(request, _("This is now your default address."))
    except DomainError as error:
        report_domain_error(request, error)
    return redirect("villages:address_list")


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    return target if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}) else ""
