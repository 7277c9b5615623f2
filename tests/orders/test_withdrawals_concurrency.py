"""Concurrent withdrawals on PostgreSQL: threads with their own connections never take more than the balance."""

from decimal import Decimal

import pytest
from django.conf import settings

from core.errors import Conflict
from orders import services
from orders.models import Withdrawal
from tests.factories import AdminFactory
from tests.orders.test_concurrency import _race
from tests.orders.test_withdrawals import card_of, completed_sale

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"),
        reason="row locks and concurrent connections need PostgreSQL (set DATABASE_URL)",
    ),
]


def test_20_concurrent_requests_of_10_yuan_against_37_yuan_win_3():
    order = completed_sale()  # balance 37.00
    farmer, shop_id = order.shop.owner, order.shop_id
    account = card_of(farmer)
    results = _race(
        20,
        lambda i: services.withdrawal_request(farmer=farmer, shop_id=shop_id, account_id=account.pk, amount="10"),
    )
    won = [r for r in results if isinstance(r, Withdrawal)]
    lost = [r for r in results if isinstance(r, Conflict)]
    assert (len(won), len(lost)) == (3, 17), results
    assert services.shop_balance(shop_id=shop_id) == Decimal("7.00")
    assert services.orders_audit() == []


def test_requests_racing_an_admin_payout_and_approvals_never_go_below_zero():
    order = completed_sale()
    farmer, shop_id = order.shop.owner, order.shop_id
    account = card_of(farmer)
    admin = AdminFactory()
    first = services.withdrawal_request(farmer=farmer, shop_id=shop_id, account_id=account.pk, amount="17")

    def act(i):
        if i == 0:
            return services.payout_record(admin=admin, shop_id=shop_id, amount=Decimal("15"))
        if i < 5:  # the same approval four times at once: paid once
            return services.withdrawal_approve(admin=admin, withdrawal_id=first.pk)
        return services.withdrawal_request(farmer=farmer, shop_id=shop_id, account_id=account.pk, amount="5")

    _race(12, act)
    assert services.shop_balance(shop_id=shop_id) >= Decimal("0")
    first.refresh_from_db()
    assert first.status == "paid"
    assert first.ledger_entries.filter(kind="payout").count() == 1
    assert services.orders_audit() == []
