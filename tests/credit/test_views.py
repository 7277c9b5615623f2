import datetime
import uuid

import pytest
from django.urls import reverse

from credit import services
from credit.models import IdentityVerification, Loan, LoanApplication
from tests.credit.factories import LoanProductFactory, repay_through_provider
from tests.factories import BuyerFactory, FarmerFactory, StationFactory

pytestmark = pytest.mark.django_db


def _apply_form(product, **overrides):
    return {
        "product": product.pk,
        "amount": "3000.00",
        "term_days": 30,
        "purpose": "seeds",
        "idempotency_key": str(uuid.uuid4()),
        "confirmed": "True",  # as sent by the confirmation step's button
        **overrides,
    }


def test_my_credit_shows_score_reasons_chart_and_what_one_can_borrow(client, good_farmer, product):
    services.score_snapshot_take(user=good_farmer)
    client.force_login(good_farmer)
    response = client.get(reverse("credit:my_credit"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "+120: 48 orders completed as a seller" in html
    assert "<svg" in html and "<polyline" in html
    assert "¥30,000.00" in html
    assert 'name="idempotency_key"' in html


def test_without_history_the_chart_is_a_sentence_that_wraps_not_svg_text(client):
    """Text inside the SVG neither wrapped nor scaled: the French sentence ran over the axis at 360 px."""
    farmer = FarmerFactory()
    client.force_login(farmer)
    html = client.get(reverse("credit:my_credit"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "score-chart-empty" in html and "<svg" not in html


def test_a_declined_application_says_why_in_words_not_codes(client, farmer, product):
    services.loan_apply(
        borrower=farmer, product=product, amount="999999", term_days=30, purpose="x", idempotency_key="k"
    )
    client.force_login(farmer)
    html = client.get(reverse("credit:my_credit")).content.decode()
    application = LoanApplication.objects.get(borrower=farmer)
    assert application.reason_codes
    for code in application.reason_codes:
        assert code not in html
        assert str(services.DECLINE_REASONS[code]).replace("'", "&#x27;") in html


def test_apply_once_confirmed_then_a_double_submit_acts_once(client, good_farmer, product):
    client.force_login(good_farmer)
    data = _apply_form(product)
    response = client.post(reverse("credit:loan_apply"), data, follow=True)
    assert "Approved" in response.content.decode()
    client.post(reverse("credit:loan_apply"), data)
    assert Loan.objects.count() == 1
    assert LoanApplication.objects.count() == 1
    # With a loan running, the page offers to repay instead of to borrow.
    html = client.get(reverse("credit:my_credit")).content.decode()
    assert "Repay my loan" in html


def test_a_declined_application_says_why(client, good_farmer, product):
    client.force_login(good_farmer)
    response = client.post(reverse("credit:loan_apply"), _apply_form(product, amount="99999.00"), follow=True)
    assert "Declined" in response.content.decode()
    assert "above the limit for your tier" in response.content.decode()


def test_bad_form_input_shows_form_errors(client, good_farmer, product):
    client.force_login(good_farmer)
    response = client.post(reverse("credit:loan_apply"), _apply_form(product, amount="abc"))
    assert response.status_code == 400
    assert response.context["apply_form"].errors["amount"]
    assert not LoanApplication.objects.exists()


def test_repay_in_parts_from_the_page_and_overpaying_is_a_form_error(client, good_farmer, product):
    client.force_login(good_farmer)
    client.post(reverse("credit:loan_apply"), _apply_form(product, amount="1000.00"))
    loan = Loan.objects.get()
    url = reverse("credit:loan_repay", args=[loan.pk])
    response = client.post(url, {"amount": "300", "idempotency_key": "r1"})
    # The borrower goes to the provider's page; the loan is unchanged until it confirms.
    payment = loan.payments.get()
    assert response["Location"] == reverse("credit:simulated_pay", args=[payment.reference])
    loan.refresh_from_db()
    assert str(loan.outstanding_principal) == "1000.00"
    assert payment.reference in client.get(reverse("credit:my_credit")).content.decode()
    response = client.post(response["Location"], {"outcome": "pay"}, follow=True)
    assert "received" in response.content.decode()
    response = client.post(url, {"amount": "800", "idempotency_key": "r2"})
    assert response.status_code == 400
    assert "¥700.00" in response.content.decode()
    loan.refresh_from_db()
    assert str(loan.outstanding_principal) == "700.00"


def test_credit_pages_are_for_their_roles(client, product):
    client.force_login(BuyerFactory())
    assert client.get(reverse("credit:my_credit")).status_code == 403
    assert client.get(reverse("credit:station_scores")).status_code == 403
    assert client.get(reverse("credit:loan_book")).status_code == 403
    client.logout()
    assert client.get(reverse("credit:my_credit")).status_code == 302


def test_operator_sees_own_villagers_and_verifies_their_identity(client, operator, farmer):
    services.score_snapshot_take(user=farmer)
    other_village_farmer = FarmerFactory()
    client.force_login(operator)
    response = client.get(reverse("credit:station_scores"))
    html = response.content.decode()
    assert farmer.username in html
    assert other_village_farmer.username not in html
    response = client.post(reverse("credit:identity_verify", args=[farmer.pk]), {"note": "ID card"})
    assert response.status_code == 302
    verification = IdentityVerification.objects.get(user=farmer)
    assert (verification.verified_by, verification.note) == (operator, "ID card")
    # Not a villager of their village: 403, nothing written.
    response = client.post(reverse("credit:identity_verify", args=[other_village_farmer.pk]))
    assert response.status_code == 403
    assert not IdentityVerification.objects.filter(user=other_village_farmer).exists()


def test_my_station_page_links_to_the_credit_section(client, operator, farmer):
    client.force_login(operator)
    html = client.get(reverse("villages:my_station")).content.decode()
    assert reverse("credit:station_scores") in html
    assert "0 of 1 villagers have their identity verified" in html


@pytest.mark.parametrize("villagers", [2, 15])
def test_station_scores_page_runs_a_constant_number_of_queries(client, django_assert_num_queries, villagers):
    station = StationFactory()
    for _ in range(villagers):
        services.score_snapshot_take(user=FarmerFactory(home_village=station.village))
    client.force_login(station.operator)
    # session + user, station, count, page; then the page's live scores, as on the villager's own page
    # (score_facts_for_users: four queries for the whole page): the same number for 2 villagers and for 15
    with django_assert_num_queries(9):
        response = client.get(reverse("credit:station_scores"))
    assert response.status_code == 200


@pytest.mark.parametrize("loans", [1, 8])
def test_loan_book_totals_by_county_and_write_off(client, admin_user, django_assert_num_queries, loans):
    product = LoanProductFactory()
    past = datetime.date(2026, 1, 1)
    for index in range(loans):
        services.loan_apply(
            borrower=FarmerFactory(),
            product=product,
            amount="1000.00",
            term_days=10,
            purpose="x",
            idempotency_key=f"k{index}",
            today=past,
        )
    services.loans_mark_overdue(today=datetime.date(2026, 2, 1))
    client.force_login(admin_user)
    # session, user, totals, by county, overdue list, write-off proposals, portfolio months (none yet)
    with django_assert_num_queries(7):
        response = client.get(reverse("credit:loan_book"))
    assert response.context["totals"]["overdue_count"] == loans
    assert len(response.context["counties"]) == loans  # each factory farmer lives in a new county
    loan = Loan.objects.first()
    client.post(reverse("credit:loan_write_off", args=[loan.pk]), {"reason": "moved away"})
    loan.refresh_from_db()
    assert loan.status == "written_off"


@pytest.mark.parametrize("loans", [1, 6])
def test_my_credit_runs_a_constant_number_of_queries(client, django_assert_num_queries, farmer, loans):
    product = LoanProductFactory()
    for index in range(loans):
        application, _ = services.loan_apply(
            borrower=farmer, product=product, amount="500.00", term_days=30, purpose="x", idempotency_key=f"k{index}"
        )
        if application.decision == "approved":
            repay_through_provider(loan_id=application.loan.pk, payer=farmer, amount="500.00")
        services.score_snapshot_take(user=farmer)
    client.force_login(farmer)
    # session + user, 4 for the score (credit.trading adds one), products + limits, loans (+ pending payments,
    # station cash), applications, history, form's products + limits, the borrowing freeze
    with django_assert_num_queries(17):  # the loans' instalments: one query
        response = client.get(reverse("credit:my_credit"))
    assert len(response.context["loans"]) == loans


def test_the_first_submit_shows_the_cost_and_lends_nothing_until_confirmed(client, good_farmer, product):
    """Issue 19: one tap lent up to 50,000 yuan with no annualised rate, interest or total shown."""
    client.force_login(good_farmer)
    data = _apply_form(product, amount="3000.00", term_days=60, confirmed="False")
    response = client.post(reverse("credit:loan_apply"), data)
    html = response.content.decode()
    assert response.status_code == 200 and not LoanApplication.objects.exists()
    # 0.05 % a day is 18.25 % a year; 3,000 x 0.0005 x 60 = 90.00 interest, 3,090.00 to repay.
    assert "18.25 % a year" in html and "¥90.00" in html and "¥3,090.00" in html
    confirm = response.context["form"]
    assert confirm.initial["confirmed"] is True and confirm.initial["idempotency_key"] == data["idempotency_key"]
    response = client.post(reverse("credit:loan_apply"), {**data, "confirmed": "True"}, follow=True)
    assert "Approved" in response.content.decode()
    assert Loan.objects.get().principal == 3000


def test_the_form_shows_the_annualised_rate_and_an_example_before_borrowing(client, good_farmer, product):
    client.force_login(good_farmer)
    html = client.get(reverse("credit:my_credit")).content.decode()
    assert "18.25 % a year" in html
    assert "¥1,000.00 for 30 days costs ¥15.00 interest, ¥1,015.00 to repay in all" in html


def test_due_today_is_said_only_on_the_due_day(client, good_farmer, product):
    client.force_login(good_farmer)
    client.post(reverse("credit:loan_apply"), _apply_form(product, term_days=30))
    html = client.get(reverse("credit:my_credit")).content.decode()
    assert "due today" not in html and "to clear your loan today" in html
    loan = Loan.objects.get()
    today = services.today_local()
    Loan.objects.filter(pk=loan.pk).update(due_on=today)
    assert "due today" in client.get(reverse("credit:my_credit")).content.decode()


def test_the_operator_sees_the_score_the_villager_sees_and_the_chart_ends_on_it(client, good_farmer, operator):
    """One source of truth: a stale snapshot (300) must not contradict the live score on either page."""
    snapshot = services.score_snapshot_take(user=good_farmer)
    snapshot.taken_on = services.today_local() - datetime.timedelta(days=40)
    snapshot.score = 300
    snapshot.save()
    live = services.score_compute(user=good_farmer).score
    assert live != 300
    client.force_login(good_farmer)
    response = client.get(reverse("credit:my_credit"))
    history = response.context["history"]
    assert [point.score for point in history] == [300, live]
    assert history[-1].taken_on == services.today_local()
    client.force_login(operator)
    page = client.get(reverse("credit:station_scores")).context["page"]
    villager = next(v for v in page if v.pk == good_farmer.pk)
    assert villager.score_now == live
