"""Withdrawals: a farmer is paid part or all of a shop's balance to an account they registered. The amount is
held at once, only the provider's signed confirmation books the payout, and the books (orders_audit) balance."""

import secrets
from decimal import Decimal

import pytest

from core import payments
from core.errors import Conflict, InvalidTransition, NotFound, NotPermitted, ValidationFailed
from core.payments import SIGNATURE_HEADER, callback_body, callback_sign
from orders import services
from orders.models import LedgerKind, ShopLedgerEntry, Withdrawal
from orders.services.withdrawals import luhn_valid
from tests.factories import AdminFactory, BuyerFactory, FarmerFactory, ProductFactory, ShopFactory, waybill
from tests.orders.factories import pay, place

pytestmark = pytest.mark.django_db

CARD = "6222020200112233446"  # 19 digits, passes Luhn (checked below)


class AsyncProvider:
    """Like a real provider: it takes the payout request and answers later, at the callback."""

    name = "async-test"

    def new_reference(self) -> str:
        return f"ASYNC-{secrets.token_hex(8)}"

    def checkout_url(self, *, reference: str, simulated_page: str) -> str:
        return f"https://provider.example/pay/{reference}"

    def request_payout(self, *, reference: str, amount: Decimal):
        return None


@pytest.fixture
def async_provider(monkeypatch, settings):
    """Call it to switch payouts to the asynchronous provider (after the sale paid with the simulated one)."""
    monkeypatch.setitem(payments.PROVIDERS, AsyncProvider.name, AsyncProvider())

    def switch():
        settings.PAYMENT_PROVIDER = AsyncProvider.name

    return switch


def completed_sale(product=None):
    """A completed order: its shop's balance is 37.00 (no commission)."""
    product = product or ProductFactory(stock=Decimal("10"))
    (order,) = place(BuyerFactory(), (product, 2))
    pay(order)
    services.order_ship(order_id=order.pk, actor=order.shop.owner, carrier="SF", tracking_number=waybill())
    services.order_deliver(order_id=order.pk, actor=order.buyer)
    services.order_complete(order_id=order.pk, actor=order.buyer)
    return order


def card_of(farmer):
    return services.payout_account_add(
        owner=farmer, kind="bank_card", holder_name="王芳", number=CARD[:4] + " " + CARD[4:], bank_name="中国农业银行"
    )


def _callback(client, withdrawal, status="succeeded", amount=None, signature=None):
    body = callback_body(reference=withdrawal.reference, status=status, amount=amount or withdrawal.amount)
    return client.post(
        "/orders/withdrawals/callback/",
        data=body,
        content_type="application/json",
        headers={SIGNATURE_HEADER: signature or callback_sign(body)},
    )


def kinds(shop_id):
    return list(ShopLedgerEntry.objects.filter(shop_id=shop_id).order_by("pk").values_list("kind", "amount"))


# --- accounts


def test_card_numbers_pass_luhn_and_are_shown_masked():
    assert luhn_valid(CARD) and not luhn_valid(CARD[:-1] + "1")
    farmer = ShopFactory().owner
    account = card_of(farmer)
    assert account.number == CARD  # spaces gone, needed to pay
    assert account.masked_number == "**** 3446"
    alipay = services.payout_account_add(owner=farmer, kind="alipay", holder_name="王芳", number="+86 138-0013-8000")
    assert (alipay.number, alipay.masked_number, alipay.bank_name) == ("13800138000", "**** 8000", "")
    mail = services.payout_account_add(owner=farmer, kind="alipay", holder_name="王芳", number="Wang.Fang@Example.com")
    assert mail.masked_number == "w***@example.com"


@pytest.mark.parametrize(
    ("kind", "number", "bank", "field"),
    [
        ("bank_card", "6222020200112233440", "农行", "number"),  # Luhn fails
        ("bank_card", "1234", "农行", "number"),
        ("bank_card", CARD, "", "bank_name"),
        ("alipay", "12800138000", "", "number"),  # not a mainland mobile
        ("alipay", "abc", "", "number"),
        ("alipay", "a@b", "", "number"),
        ("wechat", "13800138000", "", "kind"),
    ],
)
def test_bad_account_details_are_refused_with_the_field(kind, number, bank, field):
    farmer = ShopFactory().owner
    with pytest.raises(ValidationFailed) as error:
        services.payout_account_add(owner=farmer, kind=kind, holder_name="王芳", number=number, bank_name=bank)
    assert field in error.value.fields


def test_only_shop_owners_register_and_the_same_account_only_once():
    with pytest.raises(NotPermitted):
        card_of(BuyerFactory())
    farmer = ShopFactory().owner
    card_of(farmer)
    with pytest.raises(Conflict):
        card_of(farmer)


# --- the flow


def test_request_holds_approval_pays_and_the_audit_balances():
    order = completed_sale()
    farmer, shop_id = order.shop.owner, order.shop_id
    account = card_of(farmer)
    withdrawal = services.withdrawal_request(farmer=farmer, shop_id=shop_id, account_id=account.pk, amount="30.00")
    assert services.shop_balance(shop_id=shop_id) == Decimal("7.00")
    assert services.orders_audit() == []
    withdrawal = services.withdrawal_approve(admin=AdminFactory(), withdrawal_id=withdrawal.pk)
    assert withdrawal.status == "paid" and withdrawal.reference.startswith("SIM-")
    assert kinds(shop_id) == [
        (LedgerKind.SALE, Decimal("37.00")),
        (LedgerKind.WITHDRAWAL_HOLD, Decimal("-30.00")),
        (LedgerKind.WITHDRAWAL_RELEASE, Decimal("30.00")),
        (LedgerKind.PAYOUT, Decimal("-30.00")),
    ]
    assert services.shop_balance(shop_id=shop_id) == Decimal("7.00")
    assert services.orders_audit() == []
    with pytest.raises(InvalidTransition):
        services.withdrawal_refuse(admin=AdminFactory(), withdrawal_id=withdrawal.pk, reason="late")


def test_never_more_than_the_balance_and_only_to_ones_own_shop_and_account():
    order = completed_sale()
    farmer, shop_id = order.shop.owner, order.shop_id
    account = card_of(farmer)
    with pytest.raises(Conflict) as error:
        services.withdrawal_request(farmer=farmer, shop_id=shop_id, account_id=account.pk, amount="37.01")
    assert error.value.code == "over_balance"
    services.withdrawal_request(farmer=farmer, shop_id=shop_id, account_id=account.pk, amount="20")
    with pytest.raises(Conflict):  # the first request's hold counts
        services.withdrawal_request(farmer=farmer, shop_id=shop_id, account_id=account.pk, amount="17.01")
    for amount in ("0", "-5", "1.234", "NaN", "1e999"):
        with pytest.raises(ValidationFailed):
            services.withdrawal_request(farmer=farmer, shop_id=shop_id, account_id=account.pk, amount=amount)
    other = ShopFactory().owner
    other_account = card_of(other)
    with pytest.raises(NotFound):  # someone else's shop
        services.withdrawal_request(farmer=other, shop_id=shop_id, account_id=other_account.pk, amount="1")
    with pytest.raises(ValidationFailed):  # someone else's account
        services.withdrawal_request(farmer=farmer, shop_id=shop_id, account_id=other_account.pk, amount="1")
    services.payout_account_remove(owner=farmer, account_id=account.pk)
    with pytest.raises(ValidationFailed):  # a removed account
        services.withdrawal_request(farmer=farmer, shop_id=shop_id, account_id=account.pk, amount="1")
    assert Withdrawal.objects.count() == 1


def test_refusal_needs_a_reason_and_returns_the_amount():
    order = completed_sale()
    farmer, shop_id = order.shop.owner, order.shop_id
    withdrawal = services.withdrawal_request(farmer=farmer, shop_id=shop_id, account_id=card_of(farmer).pk, amount="37")
    with pytest.raises(NotPermitted):
        services.withdrawal_refuse(admin=farmer, withdrawal_id=withdrawal.pk, reason="no")
    with pytest.raises(NotPermitted):
        services.withdrawal_approve(admin=farmer, withdrawal_id=withdrawal.pk)
    with pytest.raises(ValidationFailed):
        services.withdrawal_refuse(admin=AdminFactory(), withdrawal_id=withdrawal.pk, reason="  ")
    withdrawal = services.withdrawal_refuse(admin=AdminFactory(), withdrawal_id=withdrawal.pk, reason="户名不符")
    assert (withdrawal.status, withdrawal.refusal_reason) == ("refused", "户名不符")
    assert services.shop_balance(shop_id=shop_id) == Decimal("37.00")
    assert services.orders_audit() == []


def test_money_moves_only_on_the_providers_signed_confirmation(async_provider, client):
    order = completed_sale()
    farmer, shop_id = order.shop.owner, order.shop_id
    withdrawal = services.withdrawal_request(farmer=farmer, shop_id=shop_id, account_id=card_of(farmer).pk, amount="37")
    async_provider()
    withdrawal = services.withdrawal_approve(admin=AdminFactory(), withdrawal_id=withdrawal.pk)
    assert withdrawal.status == "processing"
    assert not ShopLedgerEntry.objects.filter(kind=LedgerKind.PAYOUT).exists()
    assert services.orders_audit() == []
    # A forged callback is refused and writes nothing.
    assert _callback(client, withdrawal, signature="0" * 64).status_code == 403
    # A success for another amount is not a failure: the hold stays, for an admin to settle (adversary tests).
    response = _callback(client, withdrawal, amount=Decimal("1.00"))
    assert response.json()["status"] == "review"
    assert services.shop_balance(shop_id=shop_id) == Decimal("0.00")
    # Replaying a success afterwards changes nothing: decided once.
    assert _callback(client, withdrawal).json()["status"] == "review"
    assert not ShopLedgerEntry.objects.filter(kind=LedgerKind.PAYOUT).exists()
    assert services.orders_audit() == []


def test_a_confirmed_callback_books_the_payout_once(async_provider, client):
    order = completed_sale()
    farmer, shop_id = order.shop.owner, order.shop_id
    withdrawal = services.withdrawal_request(farmer=farmer, shop_id=shop_id, account_id=card_of(farmer).pk, amount="37")
    async_provider()
    withdrawal = services.withdrawal_approve(admin=AdminFactory(), withdrawal_id=withdrawal.pk)
    for _ in range(3):
        assert _callback(client, withdrawal).json()["status"] == "paid"
    assert ShopLedgerEntry.objects.filter(kind=LedgerKind.PAYOUT, withdrawal=withdrawal).count() == 1
    assert services.shop_balance(shop_id=shop_id) == Decimal("0.00")
    assert services.orders_audit() == []


def test_a_declined_payout_returns_the_money(async_provider, client):
    order = completed_sale()
    farmer, shop_id = order.shop.owner, order.shop_id
    withdrawal = services.withdrawal_request(farmer=farmer, shop_id=shop_id, account_id=card_of(farmer).pk, amount="37")
    async_provider()
    withdrawal = services.withdrawal_approve(admin=AdminFactory(), withdrawal_id=withdrawal.pk)
    assert _callback(client, withdrawal, status="failed").json()["status"] == "failed"
    withdrawal.refresh_from_db()
    assert withdrawal.failure_reason
    assert services.shop_balance(shop_id=shop_id) == Decimal("37.00")
    assert services.orders_audit() == []


def test_the_audit_reports_a_tampered_withdrawal():
    order = completed_sale()
    farmer = order.shop.owner
    withdrawal = services.withdrawal_request(
        farmer=farmer, shop_id=order.shop_id, account_id=card_of(farmer).pk, amount="10"
    )
    Withdrawal.objects.filter(pk=withdrawal.pk).update(status="paid")  # paid in the table, never in the books
    assert any(f"withdrawal {withdrawal.pk}" in problem for problem in services.orders_audit())


# --- API and pages


def test_api_accounts_are_masked_and_errors_are_400(api_client):
    farmer = ShopFactory().owner
    api_client.force_authenticate(farmer)
    response = api_client.post(
        "/api/payout-accounts/",
        {"kind": "bank_card", "holder_name": "王芳", "number": CARD, "bank_name": "农行"},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["masked_number"] == "**** 3446" and "number" not in response.json()
    assert CARD not in api_client.get("/api/payout-accounts/").content.decode()
    bad = api_client.post(
        "/api/payout-accounts/", {"kind": "alipay", "holder_name": "x", "number": "abc"}, format="json"
    )
    assert bad.status_code == 400 and "number" in bad.json()["fields"]


def test_api_request_approve_and_permissions(api_client):
    order = completed_sale()
    farmer = order.shop.owner
    account = card_of(farmer)
    api_client.force_authenticate(farmer)
    over = api_client.post(
        "/api/withdrawals/", {"shop": order.shop_id, "account": account.pk, "amount": "99.00"}, format="json"
    )
    assert over.status_code == 409 and over.json()["code"] == "over_balance"
    created = api_client.post(
        "/api/withdrawals/", {"shop": order.shop_id, "account": account.pk, "amount": "37.00"}, format="json"
    )
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    assert api_client.post(f"/api/withdrawals/{pk}/approve/").status_code == 403
    stranger = FarmerFactory()
    api_client.force_authenticate(stranger)
    assert api_client.get(f"/api/withdrawals/{pk}/").status_code == 404
    api_client.force_authenticate(AdminFactory())
    assert api_client.post(f"/api/withdrawals/{pk}/refuse/", {}, format="json").status_code == 400
    approved = api_client.post(f"/api/withdrawals/{pk}/approve/")
    assert approved.status_code == 200 and approved.json()["status"] == "paid"
    assert api_client.post(f"/api/withdrawals/{pk}/approve/").status_code == 409


def test_withdrawal_list_runs_constant_queries(api_client, django_assert_max_num_queries):
    admin = AdminFactory()
    for _ in range(3):
        order = completed_sale()
        farmer = order.shop.owner
        services.withdrawal_request(farmer=farmer, shop_id=order.shop_id, account_id=card_of(farmer).pk, amount="1")
    api_client.force_authenticate(admin)
    with django_assert_max_num_queries(3):
        response = api_client.get("/api/withdrawals/")
    assert response.json()["count"] == 3


def test_pages_farmer_requests_and_admin_approves(client):
    order = completed_sale()
    farmer = order.shop.owner
    client.force_login(farmer)
    client.post(
        "/orders/withdrawals/accounts/",
        {"kind": "alipay", "holder_name": "王芳", "number": "13800138000", "bank_name": ""},
    )
    account = farmer.payout_accounts.get()
    page = client.get("/orders/withdrawals/")
    assert page.status_code == 200 and "**** 8000" in page.content.decode()
    assert "13800138000" not in page.content.decode()
    response = client.post(
        "/orders/withdrawals/request/", {"shop": order.shop_id, "account": account.pk, "amount": "100"}, follow=True
    )
    assert Withdrawal.objects.count() == 0 and response.status_code == 200
    client.post("/orders/withdrawals/request/", {"shop": order.shop_id, "account": account.pk, "amount": "37"})
    withdrawal = Withdrawal.objects.get()
    assert client.post(f"/orders/withdrawals/{withdrawal.pk}/approve/").status_code == 404
    client.force_login(AdminFactory())
    assert "王芳" in client.get("/orders/withdrawals/").content.decode()
    client.post(f"/orders/withdrawals/{withdrawal.pk}/approve/")
    withdrawal.refresh_from_db()
    assert withdrawal.status == "paid"
    assert services.orders_audit() == []


def test_a_refused_form_comes_back_with_what_was_typed_and_the_error_beside_it(client):
    order = completed_sale()
    farmer = order.shop.owner
    client.force_login(farmer)
    response = client.post(
        "/orders/withdrawals/accounts/", {"kind": "alipay", "holder_name": "王芳", "number": "abc", "bank_name": ""}
    )
    page = response.content.decode()
    assert response.status_code == 200 and not farmer.payout_accounts.exists()
    assert 'value="王芳"' in page and 'value="alipay" selected' in page and 'class="field field-error"' in page
    account = services.payout_account_add(owner=farmer, kind="alipay", holder_name="王芳", number="13800138000")
    response = client.post(
        "/orders/withdrawals/request/", {"shop": order.shop_id, "account": account.pk, "amount": "99999999"}
    )
    assert response.status_code == 200 and Withdrawal.objects.count() == 0
    assert 'value="99999999"' in response.content.decode() and "field-error" in response.content.decode()
    assert "balance of ¥37.00." in response.content.decode()  # written as money, not 37.000000


def test_withdrawal_pages_run_the_same_queries_for_one_withdrawal_or_several(client, django_assert_max_num_queries):
    order = completed_sale()
    farmer = order.shop.owner
    account = card_of(farmer)
    services.withdrawal_request(farmer=farmer, shop_id=order.shop_id, account_id=account.pk, amount="1")
    admin = AdminFactory()
    counts = {}
    for user in (farmer, admin):
        client.force_login(user)
        with django_assert_max_num_queries(40) as one:
            assert client.get("/orders/withdrawals/").status_code == 200
        counts[user.pk] = len(one.captured_queries)
    for _ in range(3):
        other = completed_sale()
        services.withdrawal_request(
            farmer=other.shop.owner, shop_id=other.shop_id, account_id=card_of(other.shop.owner).pk, amount="1"
        )
        services.withdrawal_request(farmer=farmer, shop_id=order.shop_id, account_id=account.pk, amount="1")
    for user in (farmer, admin):
        client.force_login(user)
        with django_assert_max_num_queries(counts[user.pk]):
            assert client.get("/orders/withdrawals/").status_code == 200
