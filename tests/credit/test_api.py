from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from core.payments import SIGNATURE_HEADER, callback_body, callback_sign
from credit import services
from credit.models import Loan, LoanApplication, Repayment
from tests.credit.factories import LoanProductFactory
from tests.factories import BuyerFactory, FarmerFactory

pytestmark = pytest.mark.django_db

LOANS = "/api/loans/"


def _apply(client, product, *, key="abc-1", amount="5000.00", term=30, purpose="seeds"):
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key else {}
    return client.post(
        LOANS,
        {"product": product.pk, "amount": amount, "term_days": term, "purpose": purpose},
        format="json",
        **headers,
    )


def test_score_endpoint_returns_the_breakdown_with_reasons_and_limits(api_client, good_farmer, product):
    api_client.force_authenticate(good_farmer)
    services.score_snapshot_take(user=good_farmer)
    body = api_client.get("/api/credit/score/").json()
    assert body["score"] == 736
    assert body["tier"] == "gold"
    reasons = [line["reason"] for line in body["breakdown"]]
    assert "+120: 48 orders completed as a seller" in reasons
    assert reasons[0] == "+300: starting points for every villager"
    assert body["history"][0]["score"] == 736
    assert body["tier_display"] == body["history"][0]["tier_display"] == "Gold"
    with translation.override("en"):  # the middleware leaves the request's language active in this thread
        zh = api_client.get("/api/credit/score/", HTTP_ACCEPT_LANGUAGE="zh-hans").json()
    assert (zh["tier"], zh["tier_display"], zh["history"][0]["tier_display"]) == ("gold", "黄金", "黄金")
    assert body["borrowing_limits"] == [{"product": product.pk, "product_name": product.name, "max_amount": "30000.00"}]


def test_score_needs_a_login(api_client):
    assert api_client.get("/api/credit/score/").status_code in (401, 403)


def test_apply_approved_then_replayed_with_the_same_key(api_client, good_farmer, product):
    api_client.force_authenticate(good_farmer)
    response = _apply(api_client, product)
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["decision"] == "approved"
    assert body["reasons"] == []
    assert body["loan"]["principal"] == "5000.00"
    assert body["loan"]["amount_due_today"] == "5000.00"
    replay = _apply(api_client, product)
    assert replay.status_code == 200
    assert replay["Idempotent-Replayed"] == "true"
    assert replay.json()["id"] == body["id"]
    assert Loan.objects.count() == 1


def test_apply_declined_with_reason_codes(api_client, good_farmer, product):
    api_client.force_authenticate(good_farmer)
    body = _apply(api_client, product, amount="90000.00", term=365).json()
    assert body["decision"] == "declined"
    assert [reason["code"] for reason in body["reasons"]] == ["amount_above_limit", "term_too_long"]
    assert body["reasons"][0]["detail"]
    assert body["loan"] is None


def test_apply_without_the_key_or_with_bad_input_is_a_400(api_client, good_farmer, product):
    api_client.force_authenticate(good_farmer)
    response = _apply(api_client, product, key=None)
    assert response.status_code == 400
    assert response.json()["code"] == "idempotency_key_required"
    response = _apply(api_client, product, amount="-3")
    assert response.status_code == 400
    assert "amount" in response.json()["fields"]
    response = _apply(api_client, product, amount="12.345")
    assert response.status_code == 400
    assert not LoanApplication.objects.exists()


def test_key_reused_for_another_application_is_a_409(api_client, good_farmer, product):
    api_client.force_authenticate(good_farmer)
    _apply(api_client, product)
    response = _apply(api_client, product, amount="6000.00")
    assert response.status_code == 409
    assert response.json()["code"] == "idempotency_key_reused"


def test_buyers_cannot_borrow(api_client, product):
    api_client.force_authenticate(BuyerFactory())
    assert _apply(api_client, product).status_code == 403


def _pay(client, reference: str, amount: str, status: str = "succeeded"):
    body = callback_body(reference=reference, status=status, amount=Decimal(amount))
    return client.post(
        "/credit/payments/callback/",
        data=body,
        content_type="application/json",
        headers={SIGNATURE_HEADER: callback_sign(body)},
    )


def test_repay_in_parts_through_the_provider_and_overpaying_is_refused(api_client, client, good_farmer, product):
    api_client.force_authenticate(good_farmer)
    loan_id = _apply(api_client, product, amount="1000.00").json()["loan"]["id"]
    url = f"{LOANS}{loan_id}/repay/"
    response = api_client.post(url, {"amount": "400.00"}, format="json", HTTP_IDEMPOTENCY_KEY="r-0")
    assert response.status_code == 202, response.json()
    payment = response.json()["payment"]
    # Nothing is repaid on the borrower's word: the loan shows the payment waiting for the provider.
    assert response.json()["loan"]["outstanding_principal"] == "1000.00"
    assert [item["reference"] for item in response.json()["loan"]["pending_payments"]] == [payment["reference"]]
    assert payment["status"] == "pending" and payment["pay_url"].startswith("/credit/pay/")
    assert _pay(client, payment["reference"], "400.00").json()["status"] == "succeeded"
    loan = api_client.get(f"{LOANS}{loan_id}/").json()
    assert loan["outstanding_principal"] == "600.00" and loan["pending_payments"] == []
    response = api_client.post(url, {"amount": "600.01"}, format="json", HTTP_IDEMPOTENCY_KEY="r-2")
    assert response.status_code == 400
    assert response.json()["code"] == "overpayment"
    assert "¥600.00" in response.json()["detail"]
    response = api_client.post(url, {"amount": "600.00"}, format="json", HTTP_IDEMPOTENCY_KEY="r-1")
    # A replay of the same start returns the same payment.
    replay = api_client.post(url, {"amount": "600.00"}, format="json", HTTP_IDEMPOTENCY_KEY="r-1")
    assert replay.status_code == 200
    assert replay.json()["payment"]["reference"] == response.json()["payment"]["reference"]
    reference = response.json()["payment"]["reference"]
    assert _pay(client, reference, "600.00").json()["status"] == "succeeded"
    # A replayed confirmation pays nothing twice.
    assert _pay(client, reference, "600.00").json()["status"] == "succeeded"
    assert api_client.get(f"{LOANS}{loan_id}/").json()["status"] == "repaid"
    assert Repayment.objects.filter(loan_id=loan_id).count() == 2
    response = api_client.post(url, {"amount": "1.00"}, format="json", HTTP_IDEMPOTENCY_KEY="r-3")
    assert response.status_code == 400 and response.json()["code"] == "loan_closed"


def test_repay_needs_an_idempotency_key(api_client, good_farmer, product):
    api_client.force_authenticate(good_farmer)
    loan_id = _apply(api_client, product, amount="1000.00").json()["loan"]["id"]
    response = api_client.post(f"{LOANS}{loan_id}/repay/", {"amount": "1.00"}, format="json")
    assert response.status_code == 400 and response.json()["code"] == "idempotency_key_required"


def test_others_cannot_see_or_repay_my_loan(api_client, good_farmer, product):
    api_client.force_authenticate(good_farmer)
    loan_id = _apply(api_client, product, amount="1000.00").json()["loan"]["id"]
    api_client.force_authenticate(FarmerFactory())
    assert api_client.get(f"{LOANS}{loan_id}/").status_code == 404
    assert api_client.post(f"{LOANS}{loan_id}/repay/", {"amount": "1.00"}, format="json").status_code == 404


def test_loan_products_list_with_limits(api_client, farmer, product):
    LoanProductFactory(is_active=False)
    api_client.force_authenticate(farmer)
    body = api_client.get("/api/loan-products/").json()
    assert [item["id"] for item in body["results"]] == [product.pk]
    assert {limit["tier"] for limit in body["results"][0]["limits"]} == {"bronze", "silver", "gold", "diamond"}
    assert body["results"][0]["daily_interest_rate"] == "0.000500"


@pytest.mark.parametrize("count", [2, 12])
def test_loan_lists_run_a_constant_number_of_queries(api_client, admin_user, django_assert_num_queries, count):
    product = LoanProductFactory()
    for index in range(count):
        services.loan_apply(
            borrower=FarmerFactory(),
            product=product,
            amount="500.00",
            term_days=30,
            purpose="x",
            idempotency_key=f"k{index}",
        )
        LoanProductFactory()
    api_client.force_authenticate(admin_user)
    with django_assert_num_queries(5):  # count + page (product and borrower joined) + pending payments + station cash
        # + instalments
        response = api_client.get(LOANS)
    assert response.json()["count"] == count
    with django_assert_num_queries(3):  # count + page + limits
        response = api_client.get("/api/loan-products/")
    assert response.status_code == 200


def test_schema_documents_the_credit_resources(api_client):
    schema = api_client.get(reverse("api-schema"), {"format": "json"}).json()
    assert "/api/loans/{id}/repay/" in schema["paths"]
    assert "/api/credit/score/" in schema["paths"]
