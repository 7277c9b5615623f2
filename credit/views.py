"""Credit pages: the villager's "my credit", the operator's view of their villagers, the admin loan book."""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import Role
from accounts.permissions import role_required
from core.errors import DomainError
from core.money import format_yuan
from core.pages import report_domain_error
from core.payments import provider_callback_view
from core.spreadsheet import spreadsheet_writer
from credit import arrears, collections, instalments, repayments, schedules, selectors, services
from credit.arrears import bucket_bounds
from credit.forms import (
    ApplyForm,
    CollectionContactForm,
    RepayForm,
    StationCashForm,
    VerifyIdentityForm,
    WriteOffForm,
)
from credit.models import Decision, LoanPayment, LoanStatus, ProviderStatus, RepaymentType
from credit.scorecard import breakdown_with_reasons, scorecard_compute
from credit.selectors import score_facts_for_users
from villages.models import ServiceStation
from villages.selectors import station_for_operator

VILLAGERS_PER_PAGE = 25


def _with_amount_due(loans: list, today=None) -> list:
    """Annotate loans with what is owed today, unposted interest included (no query)."""
    today = today or services.today_local()
    for loan in loans:
        loan.interest_today, loan.principal_today = services.loan_amount_due(loan=loan, on=today)
        loan.due_today = loan.interest_today + loan.principal_today
        loan.days_late = selectors.loan_days_late(due_on=loan.due_on, closed_on=loan.closed_on, today=today)
        if loan.is_open:  # the nightly classification counts from the oldest late instalment
            loan.days_late = max(loan.days_late, loan.days_past_due)
        schedule = getattr(loan, "schedule", None)
        if schedule:
            for line in schedule:
                line.late = line.paid_on is None and line.due_on < today and line.left > 0
            if loan.is_open:
                loan.days_late = instalments.days_past_due(instalments=schedule, today=today, due_on=loan.due_on)
            loan.arrears = sum((line.left for line in schedule if line.late), Decimal("0.00"))
            loan.next_instalment = next(
                (line for line in schedule if line.paid_on is None and line.due_on >= today and line.left > 0), None
            )
    return loans


class ScorePoint(NamedTuple):
    taken_on: datetime.date
    score: int


def score_history_to_today(*, user, card, today: datetime.date) -> list:
    """The saved scores, then today's live score as the last point: the chart ends where the headline is."""
    saved = selectors.score_history(user=user)
    if not saved:  # no history yet: the chart's place says when it starts instead of showing one dot
        return []
    history = [snapshot for snapshot in saved if snapshot.taken_on < today]
    return history[-29:] + [ScorePoint(today, card.score)]


def live_scores(villagers: list) -> None:
    """Annotate villagers with their score now (`score_now`, `tier_now`), computed as on their own page, for
    the whole page of villagers in a constant number of queries: one source of truth for the score."""
    if not villagers:
        return
    facts = score_facts_for_users(user_ids=[villager.pk for villager in villagers], today=services.today_local())
    for villager in villagers:
        card = scorecard_compute(facts[villager.pk])
        villager.score_now, villager.tier_now = card.score, card.tier


def loan_quote(
    *, product, amount: Decimal, term_days: int | None, today: datetime.date, instalments: int | None = None
) -> dict:
    """What a loan costs if repaid as planned: the schedule (each instalment's date, principal, interest and
    total), the daily and annualised rates (APR; for instalment loans the effective annual rate too), the interest
    and the total to repay (the figures Chinese consumer-lending rules ask to show before borrowing)."""
    single = product.repayment_type == RepaymentType.SINGLE
    lines = schedules.schedule_build(
        principal=amount,
        daily_rate=product.daily_interest_rate,
        start=today,
        method=product.repayment_type,
        period=product.period,
        count=1 if single else instalments or 1,
        term_days=term_days,
    )
    interest = sum((line.interest_due for line in lines), Decimal("0.00"))
    return {
        "product": product,
        "amount": amount,
        "single": single,
        "term_days": (lines[-1].due_on - today).days,
        "instalments": len(lines),
        "schedule": lines,
        "daily_rate": product.daily_interest_rate,
        "annual_rate": schedules.annual_rate(product.daily_interest_rate),
        # Shown to two decimals of a percent (19.86 %).
        "effective_rate": None
        if single
        else schedules.effective_annual_rate(daily_rate=product.daily_interest_rate, period=product.period).quantize(
            Decimal("0.0001"), rounding=ROUND_HALF_UP
        ),
        "interest": interest,
        "total": amount + interest,
        "due_on": lines[-1].due_on,
    }


def _my_credit_context(request, *, apply_form=None, repay_form=None) -> dict:
    user = request.user
    today = services.today_local()
    card = services.score_compute(user=user, today=today)
    products = list(selectors.loan_product_list())
    limits = [
        (product, services.borrowing_limit(product=product, score=card.score, tier=card.tier)) for product in products
    ]
    loans = _with_amount_due(list(selectors.with_money_moves(selectors.loan_list(user=user))[:20]), today)
    open_loan = next((loan for loan in loans if loan.is_open), None)
    freeze = selectors.borrowing_freeze(user=user)
    if freeze is not None:  # nothing can be borrowed while frozen: no limit is offered
        limits = [(product, Decimal("0")) for product, _amount in limits]
    return {
        "card": card,
        "breakdown": breakdown_with_reasons(card.lines),
        "history": score_history_to_today(user=user, card=card, today=today),
        "today": today,
        "example": products
        and loan_quote(
            product=products[0], amount=Decimal("1000.00"), term_days=min(30, products[0].max_term_days), today=today
        ),
        "limits": limits,
        "best_limit": max((amount for _product, amount in limits), default=None),
        "loans": loans,
        "open_loan": open_loan,
        "applications": list(selectors.application_list(user=user)[:5]),
        "borrowing_freeze": freeze,
        "apply_form": apply_form or ApplyForm(),
        "repay_form": repay_form or RepayForm(),
    }


@role_required(Role.FARMER)
def my_credit(request):
    return render(request, "credit/my_credit.html", _my_credit_context(request))


@require_POST
@role_required(Role.FARMER)
def loan_apply(request):
    form = ApplyForm(request.POST)
    if form.is_valid() and not form.cleaned_data["confirmed"]:
        data = form.cleaned_data
        quote = loan_quote(
            product=data["product"],
            amount=data["amount"],
            term_days=data["term_days"],
            instalments=data["instalments"],
            today=services.today_local(),
        )
        confirm_form = ApplyForm(initial={**data, "product": data["product"].pk, "confirmed": True})
        for field in confirm_form.fields.values():
            field.widget = forms.HiddenInput()
        return render(
            request, "credit/loan_confirm.html", {"quote": quote, "form": confirm_form, "purpose": data["purpose"]}
        )
    if form.is_valid():
        data = form.cleaned_data
        try:
            application, _created = services.loan_apply(
                borrower=request.user,
                product=data["product"],
                amount=data["amount"],
                term_days=data["term_days"],
                instalments=data["instalments"],
                purpose=data["purpose"],
                idempotency_key=data["idempotency_key"],
            )
        except DomainError as error:
            for field, errors in error.fields.items():
                for message in errors:
                    form.add_error(field if field in form.fields else None, message)
            if not error.fields:
                form.add_error(None, error.detail)
        else:
            if application.decision == Decision.APPROVED and application.loan.status == LoanStatus.DISBURSING:
                messages.success(
                    request,
                    _("Approved: the payment provider is paying %(amount)s to you; the loan starts when it arrives.")
                    % {"amount": format_yuan(application.amount)},
                )
            elif application.decision == Decision.APPROVED:
                messages.success(
                    request,
                    _("Approved: %(amount)s has been paid to you. Repay whenever you like.")
                    % {"amount": format_yuan(application.amount)},
                )
            else:
                reasons = " ".join(str(services.DECLINE_REASONS.get(code, code)) for code in application.reason_codes)
                messages.error(request, _("Declined. %(reasons)s") % {"reasons": reasons})
            return redirect("credit:my_credit")
    return render(request, "credit/my_credit.html", _my_credit_context(request, apply_form=form), status=400)


@require_POST
@role_required(Role.FARMER)
def loan_repay(request, pk: int):
    """Start a repayment with the payment provider and go to its page; the loan changes when it confirms."""
    loan = get_object_or_404(selectors.loan_list(user=request.user), pk=pk)
    form = RepayForm(request.POST)
    if form.is_valid():
        try:
            payment, _created = repayments.loan_payment_start(
                loan_id=loan.pk,
                payer=request.user,
                amount=form.cleaned_data["amount"],
                idempotency_key=form.cleaned_data["idempotency_key"],
            )
        except DomainError as error:
            form.add_error("amount" if "amount" in error.fields else None, error.detail)
        else:
            return redirect(repayments.loan_payment_url(payment))
    return render(request, "credit/my_credit.html", _my_credit_context(request, repay_form=form), status=400)


@login_required
def simulated_pay(request, reference: str):
    """The simulated provider's page for a loan repayment: "pay" signs the confirmation and delivers it."""
    payment = get_object_or_404(LoanPayment.objects.select_related("loan"), reference=reference, payer=request.user)
    if request.method == "POST" and payment.status == ProviderStatus.PENDING:
        try:
            payment = repayments.loan_payment_simulate(
                payment=payment, succeed=request.POST.get("outcome") != "decline"
            )
        except DomainError as error:
            report_domain_error(request, error)
        if payment.status == ProviderStatus.SUCCEEDED:
            repayment = payment.repayment
            messages.success(
                request,
                _("Thank you: %(amount)s received (%(interest)s interest, %(principal)s principal).")
                % {
                    "amount": format_yuan(repayment.amount),
                    "interest": format_yuan(repayment.interest_part),
                    "principal": format_yuan(repayment.principal_part),
                },
            )
        elif payment.status == ProviderStatus.FAILED:
            messages.error(request, _("The payment failed: %(reason)s") % {"reason": payment.failure_reason})
        return redirect("credit:my_credit")
    return render(request, "credit/simulated_pay.html", {"payment": payment})


# The provider's confirmations (JSON bodies signed with HMAC-SHA256, X-Taocun-Signature): a loan paid out, a loan
# payment collected.
payout_callback = provider_callback_view(repayments.loan_payout_callback_handle)
payment_callback = provider_callback_view(repayments.loan_payment_callback_handle)


@role_required(Role.STATION_OPERATOR)
def station_scores(request):
    """The operator's read-only view of their villagers' scores, with the identity check action."""
    station = station_for_operator(user=request.user)
    page = None
    if station is not None:
        villagers = selectors.station_villagers(village_id=station.village_id)
        page = Paginator(villagers, VILLAGERS_PER_PAGE).get_page(request.GET.get("page"))
        page.object_list = list(page.object_list)
        live_scores(page.object_list)
    return render(
        request, "credit/station_scores.html", {"station": station, "page": page, "verify_form": VerifyIdentityForm()}
    )


@require_POST
@role_required(Role.STATION_OPERATOR)
def identity_verify(request, user_id: int):
    villager = get_object_or_404(get_user_model(), pk=user_id)
    form = VerifyIdentityForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        services.identity_verify(operator=request.user, villager=villager, note=note)
    except DomainError as error:
        raise PermissionDenied(error.detail) from None
    messages.success(request, _("Identity of %(name)s verified.") % {"name": villager.display_name})
    return redirect("credit:station_scores")


CASH_DAYS_SHOWN = 30


@role_required(Role.STATION_OPERATOR)  # admins always pass
def station_cash(request):
    """The operator records cash villagers hand over for their loans, and both operator and admin see each
    station's days reconciled (cash recorded against cash posted to the ledger)."""
    station = station_for_operator(user=request.user)
    form = None
    if station is not None:
        loans = selectors.station_open_loans(village_id=station.village_id)
        form = StationCashForm(
            request.POST if request.method == "POST" else None,
            loans=loans,
            initial={"loan": request.GET.get("loan")},  # from the collections list's "Record cash"
        )
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                receipt, _created = repayments.station_cash_record(
                    operator=request.user,
                    loan_id=data["loan"].pk,
                    amount=data["amount"],
                    note=data["note"],
                    idempotency_key=data["idempotency_key"],
                )
            except DomainError as error:
                form.add_error("amount" if "amount" in error.fields else None, error.detail)
            else:
                messages.success(
                    request,
                    _("%(amount)s cash recorded for %(name)s; they see it on their credit page now.")
                    % {"amount": format_yuan(receipt.amount), "name": receipt.loan.borrower.display_name},
                )
                return redirect("credit:station_cash")
    today = services.today_local()
    since = today - datetime.timedelta(days=CASH_DAYS_SHOWN)
    context = {
        "station": station,
        "form": form,
        "today": today,
        "today_receipts": list(selectors.station_cash_receipts(station_id=station.pk, day=today)) if station else [],
        "days": list(selectors.station_cash_days(station_ids=[station.pk] if station else None, since=since)[:100]),
    }
    return render(request, "credit/station_cash.html", context, status=400 if form and form.errors else 200)


def _collection_groups(rows: list) -> list:
    """One entry per loan (the person to call or visit): its oldest instalment, with the instalments counted and
    their amounts added up (rows are ordered by due day)."""
    groups: dict[int, object] = {}
    for row in rows:
        group = groups.get(row.loan_id)
        if group is None:
            row.instalment_count_here, row.amount_total = 1, row.amount_left
            groups[row.loan_id] = row
        else:
            group.instalment_count_here += 1
            group.amount_total += row.amount_left
    return list(groups.values())


@role_required(Role.STATION_OPERATOR)  # admins always pass
def station_collections(request):
    """The operator's list of the village's instalments late (by age) or due this week, with the last contact and
    a note to add; admins see every station's standing (furthest behind first) and any station's list."""
    today = services.today_local()
    station = station_for_operator(user=request.user)
    summary = None
    if request.user.is_admin:
        summary = selectors.collections_by_station(today=today)
        wanted = request.GET.get("station", "")
        station = (
            ServiceStation.objects.select_related("village").filter(pk=wanted).first() if wanted.isdigit() else None
        )
    form = CollectionContactForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                collections.collection_contact_record(
                    operator=request.user,
                    loan_id=data["loan"],
                    kind=data["kind"],
                    promised_on=data["promised_on"],
                    note=data["note"],
                    today=today,
                )
            except DomainError as error:
                report_domain_error(request, error)
            else:
                messages.success(request, _("Contact noted."))
                return redirect("credit:station_collections")
        else:
            messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    rows = list(selectors.station_collections(village_id=station.village_id, today=today)) if station else []
    for row in rows:
        row.days_late = max(0, (today - row.due_on).days)
        row.bucket = arrears.bucket_of(row.days_late)
    late = _collection_groups([row for row in rows if row.days_late])
    late.sort(key=lambda group: (-group.days_late, group.loan_id))  # the longest late first
    return render(
        request,
        "credit/station_collections.html",
        {
            "station": station,
            "today": today,
            "late": late,
            "this_week": _collection_groups([row for row in rows if not row.days_late]),
            "summary": summary,
            "kinds": CollectionContactForm.base_fields["kind"].choices,
        },
        status=400 if request.method == "POST" else 200,
    )


def _portfolio_query(request) -> tuple[str, datetime.date | None, list]:
    """The level (county, township, station) and month asked for, and the months that have a book."""
    months = selectors.portfolio_months()
    level = request.GET.get("level", "county")
    if level not in selectors.PORTFOLIO_LEVELS:
        level = "county"
    month = months[0] if months else None
    wanted = request.GET.get("month", "")
    for candidate in months:
        if candidate.strftime("%Y-%m") == wanted:
            month = candidate
    return level, month, months


@role_required(Role.ADMIN)
def loan_book(request):
    level, month, months = _portfolio_query(request)
    trend_months = list(reversed(months[:6]))
    return render(
        request,
        "credit/loan_book.html",
        {
            # From the last classification when there is one (the page reads no loan row for them, whatever the
            # size of the book); live on a book never classified.
            "totals": selectors.loan_book_totals_as_of(month=months[0]) if months else selectors.loan_book_totals(),
            "counties": selectors.loan_book_by_county_as_of(month=months[0])
            if months
            else list(selectors.loan_book_by_county()),
            "overdue": _with_amount_due(list(selectors.overdue_loans()[:50])),
            "proposals": list(selectors.write_off_proposals()[:50]),
            "level": level,
            "levels": [("county", _("County")), ("township", _("Township")), ("station", _("Station"))],
            "month": month,
            "months": months,
            "buckets": [label for label, _low, _high in bucket_bounds()],
            "portfolio": selectors.portfolio_by_area(month=month, level=level) if month else [],
            "trend_months": trend_months,
            "trend": selectors.portfolio_trend(months=trend_months) if trend_months else [],
            "write_off_form": WriteOffForm(),
        },
    )


@role_required(Role.ADMIN)
def loan_book_csv(request):
    """The loan book of a month per county, township or station, as CSV (UTF-8 with BOM for spreadsheet apps)."""
    level, month, _months = _portfolio_query(request)
    rows = selectors.portfolio_by_area(month=month, level=level) if month else []
    buckets = [label for label, _low, _high in bucket_bounds()]
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="taocun-loan-book-{level}-{month:%Y-%m}.csv"'
        if month
        else ('attachment; filename="taocun-loan-book.csv"')
    )
    response.write("\ufeff")
    writer = spreadsheet_writer(response)
    writer.writerow(
        ["month", level, "name", "open_loans", "outstanding_principal"]
        + [f"arrears_{label}" for label in buckets]
        + ["par30_principal", "par30"]
    )
    for row in rows:
        writer.writerow(
            [month.strftime("%Y-%m"), row["pk"], row["name_zh"] or row["name"], row["loans_open"], row["outstanding"]]
            + [amount for _label, amount in row["buckets"]]
            + [row["par30"], f"{row['par30_ratio']:.4f}"]
        )
    return response


@require_POST
@role_required(Role.ADMIN)
def loan_write_off(request, pk: int):
    form = WriteOffForm(request.POST)
    try:
        loan = services.loan_write_off(
            loan_id=pk, by=request.user, reason=form.cleaned_data["reason"] if form.is_valid() else ""
        )
    except DomainError as error:
        report_domain_error(request, error)
    else:
        messages.success(request, _("Loan #%(id)s written off.") % {"id": loan.pk})
    return redirect("credit:loan_book")
