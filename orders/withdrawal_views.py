"""Browser pages for withdrawals (thin adapters: form -> one service -> redirect). The farmer registers payout
accounts and asks for a shop's balance to be paid; an admin approves or refuses the queue; the provider's signed
callback confirms the payout."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.errors import DomainError
from core.money import format_yuan
from core.pages import report_domain_error
from core.payments import provider_callback_view
from orders import selectors, services
from orders.forms import PayoutAccountForm, WithdrawalForm, WithdrawalRefuseForm
from orders.models import WithdrawalStatus
from shops.models import Shop

WITHDRAWALS_PER_PAGE = 20


def _form_errors(request, form, error: DomainError) -> None:
    """A service's refusal onto the form it came from: under each field, or at the top of the page."""
    for field, messages_of_field in error.fields.items():
        form.add_error(field if field in form.fields else None, list(messages_of_field))
    if not error.fields:
        report_domain_error(request, error)


@login_required
def withdrawals(request, *, account_form=None, withdrawal_form=None):
    """Farmers: balances, payout accounts, a request form and their withdrawals. Admins: the approval queue.
    A refused form comes back bound (`account_form`, `withdrawal_form`): what was typed stays, errors beside it."""
    user = request.user
    if user.is_admin:
        showing = request.GET.get("show", WithdrawalStatus.REQUESTED)
        statuses = (showing,) if showing in WithdrawalStatus.values else ()
        page = Paginator(selectors.withdrawals_for(user=user, statuses=statuses), WITHDRAWALS_PER_PAGE).get_page(
            request.GET.get("page")
        )
        return render(
            request,
            "orders/withdrawals_admin.html",
            {
                "page": page,
                "showing": showing,
                "statuses": WithdrawalStatus.choices,
                "refuse_form": WithdrawalRefuseForm(),
            },
        )
    shops = list(Shop.objects.filter(owner=user).order_by("name"))
    if not shops:
        raise Http404
    accounts = list(selectors.payout_accounts_of(owner=user))
    balances = [(shop, services.shop_balance(shop_id=shop.pk)) for shop in shops]
    page = Paginator(selectors.withdrawals_for(user=user), WITHDRAWALS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "balances": balances,
        "accounts": accounts,
        "page": page,
        "account_form": account_form or PayoutAccountForm(),
        "withdrawal_form": withdrawal_form or WithdrawalForm(shops=shops, accounts=accounts),
    }
    return render(request, "orders/withdrawals.html", context)


@login_required
@require_POST
def payout_account_add(request):
    form = PayoutAccountForm(request.POST)
    if form.is_valid():
        try:
            account = services.payout_account_add(owner=request.user, **form.cleaned_data)
        except DomainError as error:
            _form_errors(request, form, error)
        else:
            messages.success(request, _("Account %(account)s registered.") % {"account": account})
            return redirect("orders:withdrawals")
    messages.error(request, _("Check the account details."))
    return withdrawals(request, account_form=form)


@login_required
@require_POST
def payout_account_remove(request, pk: int):
    try:
        services.payout_account_remove(owner=request.user, account_id=pk)
    except DomainError as error:
        report_domain_error(request, error)
    return redirect("orders:withdrawals")


@login_required
@require_POST
def withdrawal_request(request):
    shops = Shop.objects.filter(owner=request.user)
    form = WithdrawalForm(request.POST, shops=shops, accounts=selectors.payout_accounts_of(owner=request.user))
    if form.is_valid():
        data = form.cleaned_data
        try:
            withdrawal = services.withdrawal_request(
                farmer=request.user, shop_id=data["shop"], account_id=data["account"], amount=data["amount"]
            )
        except DomainError as error:
            _form_errors(request, form, error)
        else:
            messages.success(
                request,
                _("You asked for %(amount)s: an admin will approve it, then it is paid to %(account)s.")
                % {"amount": format_yuan(withdrawal.amount), "account": withdrawal.account},
            )
            return redirect("orders:withdrawals")
    return withdrawals(request, withdrawal_form=form)


@login_required
@require_POST
def withdrawal_decide(request, pk: int, action: str):
    if not request.user.is_admin:
        raise Http404
    try:
        if action == "approve":
            withdrawal = services.withdrawal_approve(admin=request.user, withdrawal_id=pk)
            messages.success(
                request, _("Withdrawal %(id)s: %(status)s.") % {"id": pk, "status": withdrawal.get_status_display()}
            )
        elif action == "refuse":
            form = WithdrawalRefuseForm(request.POST)
            if not form.is_valid():
                messages.error(request, _("Give a reason."))
            else:
                services.withdrawal_refuse(admin=request.user, withdrawal_id=pk, reason=form.cleaned_data["reason"])
                messages.success(request, _("Withdrawal %(id)s refused.") % {"id": pk})
        else:
            raise Http404
    except DomainError as error:
        report_domain_error(request, error)
    return redirect("orders:withdrawals")


# The provider's confirmation of a withdrawal payout: JSON body signed with HMAC-SHA256 (X-Taocun-Signature).
withdrawal_payout_callback = provider_callback_view(services.withdrawal_payout_callback_handle)
