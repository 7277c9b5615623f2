"""Red-team campaign on withdrawals, scripted against the real API: a rival farmer reaching into another shop's
withdrawals and payout accounts, a farmer asking for more than the balance (or nonsense amounts), signed provider
callbacks carried from one endpoint to another, and a seller who, having withdrawn a sale, tries to have it
refunded to a colluding buyer so the money is paid out twice. The books must stay sound throughout."""

from __future__ import annotations

import uuid
from decimal import Decimal

import pytest
from django.test import Client

from core import payments
from core.payments import SIGNATURE_HEADER, callback_body, callback_sign
from orders import services
from orders.models import LedgerKind, Order, Refund, ShopLedgerEntry, Withdrawal
from tests.adversary.conftest import Actor, audits_clean, established_buyer
from tests.factories import AdminFactory, FarmerFactory, ShopFactory
from tests.orders.test_withdrawals import CARD, AsyncProvider

pytestmark = pytest.mark.django_db

WITHDRAWALS = "/api/withdrawals/"
ACCOUNTS = "/api/payout-accounts/"
ALIPAY = "13912345678"


@pytest.fixture
def provider_answers_later(monkeypatch, settings):
    """Payouts through a provider that confirms at its callback, like a real one (sales still pay simulated)."""
    monkeypatch.setitem(payments.PROVIDERS, AsyncProvider.name, AsyncProvider())

    def switch():
        settings.PAYMENT_PROVIDER = AsyncProvider.name

    return switch


def signed_post(url: str, *, reference: str, amount, status: str = "succeeded"):
    body = callback_body(reference=reference, status=status, amount=Decimal(str(amount)))
    return Client().post(
        url, data=body, content_type="application/json", headers={SIGNATURE_HEADER: callback_sign(body)}
    )


def seller_with_a_sale(world, station) -> tuple[Actor, str, int]:
    """A farmer of the village whose shop completed one 37.00 sale; returns (actor, order number, shop id)."""
    seller = Actor(FarmerFactory(home_village=station.village))
    shop = ShopFactory(owner=seller.user, village=station.village)
    buyer = Actor(established_buyer())
    number = world.trade(buyer, seller, world.listed_product(seller), quantity="2")
    return seller, number, shop.pk


def account_of(actor: Actor, number: str = CARD) -> int:
    data = {"kind": "bank_card", "holder_name": "王芳", "number": number, "bank_name": "中国农业银行"}
    if number == ALIPAY:
        data = {"kind": "alipay", "holder_name": "王芳", "number": number}
    response = actor.post(ACCOUNTS, data)
    assert response.status_code == 201, response.content
    return response.json()["id"]


def test_a_rival_farmer_reaches_no_other_shops_withdrawals_or_accounts(world, station, attacker):
    seller, _number, shop_id = seller_with_a_sale(world, station)
    victim_account = account_of(seller)
    asked = seller.post(WITHDRAWALS, {"shop": shop_id, "account": victim_account, "amount": "10.00"})
    assert asked.status_code == 201, asked.content
    withdrawal_id = asked.json()["id"]
    mine = account_of(attacker, ALIPAY)

    assert attacker.get(f"{WITHDRAWALS}{withdrawal_id}/").status_code == 404
    assert attacker.get(WITHDRAWALS).json()["results"] == []
    assert attacker.get(f"{ACCOUNTS}{victim_account}/").status_code == 404
    attacker.api.force_authenticate(attacker.user)
    assert attacker.api.delete(f"{ACCOUNTS}{victim_account}/").status_code == 404
    # The victim's shop, to the attacker's account; the attacker's shop, to the victim's account.
    assert attacker.post(WITHDRAWALS, {"shop": shop_id, "account": mine, "amount": "1.00"}).status_code == 404
    own_shop = attacker.user.owned_shops.first().pk
    refused = attacker.post(WITHDRAWALS, {"shop": own_shop, "account": victim_account, "amount": "1.00"})
    assert refused.status_code == 400 and "account" in refused.json()["fields"]
    # Deciding is for admins: neither the rival nor the shop's own farmer approves.
    for actor in (attacker, seller):
        assert actor.post(f"{WITHDRAWALS}{withdrawal_id}/approve/").status_code in (403, 404)
        assert actor.post(f"{WITHDRAWALS}{withdrawal_id}/refuse/", {"reason": "x"}).status_code in (403, 404)
    assert Withdrawal.objects.get(pk=withdrawal_id).status == "requested"
    assert services.shop_balance(shop_id=shop_id) == Decimal("27.00")
    audits_clean()


@pytest.mark.parametrize("amount", ["37.01", "-5.00", "0", "0.001", "NaN", "Infinity", "1e999"])
def test_more_than_the_balance_or_a_nonsense_amount_is_refused_and_books_nothing(world, station, amount):
    seller, _number, shop_id = seller_with_a_sale(world, station)
    account = account_of(seller)
    response = seller.post(WITHDRAWALS, {"shop": shop_id, "account": account, "amount": amount})
    assert response.status_code in (400, 409), response.content
    assert "amount" in response.json().get("fields", {}) or response.json()["code"] == "over_balance"
    assert not Withdrawal.objects.exists()
    assert services.shop_balance(shop_id=shop_id) == Decimal("37.00")


def test_signed_callbacks_carried_to_another_endpoint_move_nothing(world, station, provider_answers_later):
    seller, _number, shop_id = seller_with_a_sale(world, station)
    asked = seller.post(WITHDRAWALS, {"shop": shop_id, "account": account_of(seller), "amount": "37.00"})
    provider_answers_later()
    withdrawal = services.withdrawal_approve(admin=AdminFactory(), withdrawal_id=asked.json()["id"])
    assert withdrawal.status == "processing"
    # The withdrawal's own confirmation, delivered to the buyers' and the loans' callbacks: unknown there.
    for url in ("/orders/payments/callback/", "/credit/payments/callback/", "/credit/payouts/callback/"):
        assert signed_post(url, reference=withdrawal.reference, amount="37.00").status_code == 404
    # A buyer's genuine payment confirmation carried to the withdrawal callback: unknown there.
    buyer = Actor(established_buyer())
    placed = world.checkout(buyer, world.listed_product(seller))
    started = buyer.post(
        f"/api/orders/{placed.json()[0]['number']}/pay/", headers={"Idempotency-Key": uuid.uuid4().hex}
    )
    payment = started.json()
    assert (
        signed_post(
            "/orders/withdrawals/callback/", reference=payment["reference"], amount=payment["amount"]
        ).status_code
        == 404
    )
    withdrawal.refresh_from_db()
    assert withdrawal.status == "processing" and not ShopLedgerEntry.objects.filter(kind=LedgerKind.PAYOUT).exists()
    # Only its own confirmation pays it, once; a late "failed" replay cannot release the hold a second time.
    assert (
        signed_post("/orders/withdrawals/callback/", reference=withdrawal.reference, amount="37.00").json()["status"]
        == "paid"
    )
    assert (
        signed_post(
            "/orders/withdrawals/callback/", reference=withdrawal.reference, amount="37.00", status="failed"
        ).json()["status"]
        == "paid"
    )
    assert services.shop_balance(shop_id=shop_id) == Decimal("0.00")
    audits_clean()


def test_a_withdrawn_sale_cannot_be_refunded_to_a_colluding_buyer(world, station):
    seller, number, shop_id = seller_with_a_sale(world, station)
    asked = seller.post(WITHDRAWALS, {"shop": shop_id, "account": account_of(seller), "amount": "37.00"})
    services.withdrawal_approve(admin=AdminFactory(), withdrawal_id=asked.json()["id"])
    assert services.shop_balance(shop_id=shop_id) == Decimal("0.00")
    order = Order.objects.get(number=number)
    buyer = Actor(order.buyer)
    # The seller refunds "in full", the buyer cancels or disputes: the completed order is settled for good.
    assert seller.post(f"/api/orders/{number}/refund/", {"reason": "sorry"}).status_code == 409
    assert buyer.post(f"/api/orders/{number}/cancel/", {"reason": "changed my mind"}).status_code in (403, 409)
    assert buyer.post("/api/disputes/", {"order": order.pk, "reason": "never came"}).status_code == 409
    assert services.shop_balance(shop_id=shop_id) == Decimal("0.00")
    assert not Refund.objects.exists()
    audits_clean()


def test_a_success_for_another_amount_keeps_the_money_held_for_an_admin(world, station, provider_answers_later):
    """The provider says it paid 1.00 of a 37.00 withdrawal (a partial payout, a provider bug, a tampered amount):
    some money left. Were it a failure, the hold would be released and the farmer could withdraw it all again."""
    from core.models import AuditEntry
    from notifications.models import Notification

    seller, _number, shop_id = seller_with_a_sale(world, station)
    account = account_of(seller)
    asked = seller.post(WITHDRAWALS, {"shop": shop_id, "account": account, "amount": "37.00"})
    provider_answers_later()
    admin = AdminFactory()
    withdrawal = services.withdrawal_approve(admin=admin, withdrawal_id=asked.json()["id"])
    answer = signed_post("/orders/withdrawals/callback/", reference=withdrawal.reference, amount="1.00")
    assert answer.json()["status"] == "review"
    # The money stays held: the farmer cannot ask for it a second time.
    assert services.shop_balance(shop_id=shop_id) == Decimal("0.00")
    again = seller.post(WITHDRAWALS, {"shop": shop_id, "account": account, "amount": "37.00"})
    assert again.status_code == 409 and again.json()["code"] == "over_balance"
    # Recorded (what the provider reported, when, why), audited and put before the admins.
    withdrawal.refresh_from_db()
    assert (withdrawal.status, withdrawal.reported_amount) == ("review", Decimal("1.00"))
    assert withdrawal.confirmed_at is not None and "1.00" in withdrawal.review_reason
    assert AuditEntry.objects.filter(action="withdrawal_payout_review", target_id=str(withdrawal.pk)).exists()
    assert Notification.objects.filter(recipient=admin, event="flagged").exists()
    admin_client = Client()
    admin_client.force_login(admin)
    assert withdrawal.reference in admin_client.get("/orders/withdrawals/?show=review").content.decode()
    # Replays of either answer change nothing; a decline still releases the hold as before.
    for status in ("succeeded", "failed"):
        replay = signed_post(
            "/orders/withdrawals/callback/", reference=withdrawal.reference, amount="37.00", status=status
        )
        assert replay.json()["status"] == "review"
    assert not ShopLedgerEntry.objects.filter(kind__in=[LedgerKind.PAYOUT, LedgerKind.WITHDRAWAL_RELEASE]).exists()
    audits_clean()
