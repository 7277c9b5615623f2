"""Issue 14, money campaigns, scripted against the real API on PostgreSQL: borrow-and-repay churn, self-declared
repayment, forged and replayed payment callbacks, the simulated provider in production. Each must leave the
score below the next tier, approve no loan the honest history would not, and move no money without the
provider's signed confirmation; an honest borrower still earns the points, and the books stay sound."""

from __future__ import annotations

import datetime
import hashlib
import hmac

import pytest
from django.test import override_settings

from core.payments import DEV_WEBHOOK_SECRET
from credit import repayments, services
from credit.models import LedgerEntry, Loan, LoanPayment, Repayment
from credit.scorecard import breakdown_with_reasons
from tests.adversary import money_support as attack
from tests.credit.factories import repay_through_provider

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.postgres,
]


@pytest.fixture
def victim_product(db):
    return attack.product()


def test_borrow_and_repay_churn_earns_nothing_and_says_why(
    api_client, client, farmer, operator, victim_product, capsys
):
    attacker = attack.gold_farmer(farmer, operator)
    start = attack.score_of(attacker)
    api_client.force_authenticate(attacker)
    client.force_login(attacker)
    for _round in range(5):
        loan = attack.apply(api_client, victim_product).json()["loan"]
        payment = attack.start_repayment(api_client, loan["id"], loan["amount_due_today"]).json()["payment"]
        # Real money this time: the provider confirms, so the loan closes the same day, on time, interest-free.
        assert (
            attack.deliver_callback(client, reference=payment["reference"], amount=payment["amount"]).json()["status"]
            == "succeeded"
        )
    assert Loan.objects.filter(borrower=attacker, status="repaid").count() == 5
    score = api_client.get("/api/credit/score/").json()
    assert score["score"] == start < attack.next_tier_floor(start)
    lines = {line["factor"]: line for line in score["breakdown"]}
    assert "loans_repaid_on_time" not in lines
    assert lines["loans_repaid_too_soon"]["count"] == 5
    assert "did not count" in lines["loans_repaid_too_soon"]["reason"]
    # The diamond limit stays out of reach.
    refused = attack.apply(api_client, victim_product, amount="50000.00").json()
    assert refused["decision"] == "declined" and [r["code"] for r in refused["reasons"]] == ["amount_above_limit"]
    assert attack.audit_is_clean(capsys)


def test_honest_borrower_who_holds_the_loan_still_earns_the_points(farmer, operator, victim_product):
    borrower = attack.gold_farmer(farmer, operator)
    start = attack.score_of(borrower)
    today = services.today_local()
    application, _ = services.loan_apply(
        borrower=borrower,
        product=victim_product,
        amount="5000.00",
        term_days=30,
        purpose="seeds",
        idempotency_key="honest",
        today=today - datetime.timedelta(days=20),
    )
    interest, principal = services.loan_amount_due(loan=application.loan, on=today)
    repay_through_provider(loan_id=application.loan.pk, payer=borrower, amount=interest + principal, on=today)
    assert attack.score_of(borrower) == start + 40
    # A second and a third loan in the same quarter: only CREDIT_ON_TIME_LOANS_PER_QUARTER (2) count.
    for index, days in enumerate((19, 18)):
        application, _ = services.loan_apply(
            borrower=borrower,
            product=victim_product,
            amount="1000.00",
            term_days=30,
            purpose="seeds",
            idempotency_key=f"honest-{index}",
            today=today - datetime.timedelta(days=days),
        )
        interest, principal = services.loan_amount_due(loan=application.loan, on=today)
        repay_through_provider(loan_id=application.loan.pk, payer=borrower, amount=interest + principal, on=today)
    card = services.score_compute(user=borrower)
    assert card.score == start + 80
    shown = {line["factor"]: line["reason"] for line in breakdown_with_reasons(card.lines)}
    assert "only the first loans of each quarter count" in shown["loans_over_quarter_limit"]


def test_self_declared_repayment_moves_nothing(api_client, farmer, operator, victim_product, capsys):
    attacker = attack.gold_farmer(farmer, operator)
    api_client.force_authenticate(attacker)
    loan = attack.apply(api_client, victim_product, amount="10000.00").json()["loan"]
    for _attempt in range(3):
        response = attack.start_repayment(api_client, loan["id"], "10000.00")
        assert response.status_code == 202
        assert response.json()["loan"]["status"] == "active"
    assert Repayment.objects.count() == 0
    assert not LedgerEntry.objects.filter(transaction__kind="repayment").exists()
    assert Loan.objects.get(pk=loan["id"]).outstanding_principal == 10000
    # The loan is still running: no second loan on the strength of a repayment that never happened.
    assert [r["code"] for r in attack.apply(api_client, victim_product).json()["reasons"]] == ["active_loan_exists"]
    # The borrower sees exactly what waits for the provider.
    pending = api_client.get(f"{attack.LOANS}{loan['id']}/").json()["pending_payments"]
    assert len(pending) == 3 and {item["status"] for item in pending} == {"pending"}
    assert attack.audit_is_clean(capsys)


def test_forged_and_replayed_callbacks_post_nothing_or_once(
    api_client, client, farmer, operator, victim_product, capsys
):
    attacker = attack.gold_farmer(farmer, operator)
    api_client.force_authenticate(attacker)
    loan = attack.apply(api_client, victim_product, amount="1000.00").json()["loan"]
    payment = attack.start_repayment(api_client, loan["id"], "1000.00").json()["payment"]
    reference = payment["reference"]
    # Unsigned, signed with a guessed key, or with the development secret on a production server: 403.
    assert attack.deliver_callback(client, reference=reference, amount="1000.00", signature="").status_code == 403
    assert attack.deliver_callback(client, reference=reference, amount="1000.00", signature="0" * 64).status_code == 403
    from core.payments import callback_body

    body = callback_body(reference=reference, status="succeeded", amount=1000)
    dev_signature = hmac.new(DEV_WEBHOOK_SECRET.encode(), body, hashlib.sha256).hexdigest()
    with override_settings(PAYMENT_WEBHOOK_SECRET=DEV_WEBHOOK_SECRET, PAYMENT_DEV_SECRET_ACCEPTED=False):
        response = attack.deliver_callback(client, reference=reference, amount="1000.00", signature=dev_signature)
        assert response.status_code == 403
    assert Repayment.objects.count() == 0
    # A genuine confirmation for less than was started is refused; it cannot be replayed for the full amount.
    from core.models import AuditEntry
    from notifications.models import Notification
    from tests.factories import AdminFactory

    admin = AdminFactory()
    small = attack.start_repayment(api_client, loan["id"], "1.00").json()["payment"]
    assert attack.deliver_callback(client, reference=small["reference"], amount="1000.00").json()["status"] == "failed"
    assert Repayment.objects.count() == 0
    # But the provider took 1,000.00 that posts nothing: audited and put before the admins, to be refunded.
    flagged = LoanPayment.objects.get(reference=small["reference"])
    assert AuditEntry.objects.filter(action="loan_payment_flagged", target_id=str(flagged.pk)).exists()
    (notice,) = Notification.objects.filter(recipient=admin, event="flagged")
    assert "1000.00 taken for 1.00: refund it" in notice.params["reason"]
    late = attack.start_repayment(api_client, loan["id"], "1000.00").json()["payment"]  # confirmed after repaid
    # The real confirmation, delivered five times: one repayment.
    for _replay in range(5):
        assert attack.deliver_callback(client, reference=reference, amount="1000.00").json()["status"] == "succeeded"
    assert Repayment.objects.count() == 1
    assert Loan.objects.get(pk=loan["id"]).status == "repaid"
    # A payment started before the loan was repaid and confirmed after: taken, nothing owed, refunded by a person.
    assert attack.deliver_callback(client, reference=late["reference"], amount="1000.00").json()["status"] == "failed"
    assert Repayment.objects.count() == 1
    assert Notification.objects.filter(recipient=admin, event="flagged").count() == 2
    # An order payment's reference is unknown to the loan callback.
    assert attack.deliver_callback(client, reference="SIM-NOT-A-LOAN", amount="1.00").status_code == 404
    assert attack.audit_is_clean(capsys)


def test_simulated_provider_in_production_takes_no_payment(api_client, client, farmer, operator, victim_product):
    attacker = attack.gold_farmer(farmer, operator)
    api_client.force_authenticate(attacker)
    client.force_login(attacker)
    loan = attack.apply(api_client, victim_product, amount="1000.00").json()["loan"]
    started, _ = repayments.loan_payment_start(
        loan_id=loan["id"], payer=attacker, amount="1000.00", idempotency_key="before-the-switch"
    )
    with override_settings(PAYMENT_PROVIDER_ALLOW_SIMULATED=False):
        response = attack.start_repayment(api_client, loan["id"], "1000.00")
        assert response.status_code == 503 and response.json()["code"] == "payments_unavailable"
        # The simulated "pay" button signs nothing either.
        client.post(f"/credit/pay/{started.reference}/", {"outcome": "pay"})
    started.refresh_from_db()
    assert started.status == "pending" and Repayment.objects.count() == 0
    assert LoanPayment.objects.count() == 1
    assert attack.score_of(attacker) < attack.next_tier_floor(attack.score_of(attacker))
