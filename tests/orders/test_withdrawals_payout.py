"""Withdrawal payouts: the provider is called after the approval is committed, a crash in between is recovered
without paying twice, and payout account numbers never reach the database in clear."""

import importlib
from decimal import Decimal

import pytest
from django.db import connection, transaction

from core import crypto, payments
from orders import services
from orders.models import PayoutAccount, Withdrawal
from tests.factories import AdminFactory
from tests.orders.test_withdrawals import CARD, card_of, completed_sale

pytestmark = pytest.mark.django_db


def _stored_number(account_id: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT number FROM orders_payoutaccount WHERE id = %s", [account_id])
        return cursor.fetchone()[0]


class CountingProvider(payments.SimulatedProvider):
    """The simulated provider, remembering every payout it was asked for (a provider pays a reference once)."""

    name = "counting"

    def __init__(self, *, fail_first: int = 0):
        self.requests: list[tuple[str, Decimal, bool]] = []
        self.paid: set[str] = set()
        self.fail_first = fail_first

    def request_payout(self, *, reference: str, amount: Decimal):
        self.requests.append((reference, amount, connection.in_atomic_block))
        if len(self.requests) <= self.fail_first:
            raise ConnectionError("provider unreachable")
        self.paid.add(reference)  # idempotent: the same reference twice is one payout
        return self.confirmation(reference=reference, amount=amount)


@pytest.fixture
def provider(monkeypatch, settings):
    def install(**kwargs):
        counting = CountingProvider(**kwargs)
        monkeypatch.setitem(payments.PROVIDERS, counting.name, counting)
        settings.PAYMENT_PROVIDER = counting.name
        return counting

    return install


def _requested(amount="30.00"):
    order = completed_sale()
    farmer = order.shop.owner
    account = card_of(farmer)
    return services.withdrawal_request(farmer=farmer, shop_id=order.shop_id, account_id=account.pk, amount=amount)


# --- numbers encrypted at rest, masked when shown


def test_the_number_is_stored_encrypted_and_read_back_in_clear():
    account = card_of(completed_sale().shop.owner)
    stored = _stored_number(account.pk)
    assert CARD not in stored and CARD[-4:] not in stored
    assert crypto.secret_decrypt(stored) == CARD
    assert PayoutAccount.objects.get(pk=account.pk).number == CARD
    assert str(account).endswith("**** 3446")


def test_the_same_number_twice_is_still_refused_although_tokens_differ():
    from core.errors import Conflict

    account = card_of(completed_sale().shop.owner)
    with pytest.raises(Conflict):
        card_of(account.owner)
    assert PayoutAccount.objects.filter(owner=account.owner).count() == 1


def test_another_key_cannot_read_the_numbers_and_an_old_key_still_can(settings):
    account = card_of(completed_sale().shop.owner)
    old_key = settings.PAYOUT_ACCOUNT_KEY
    settings.PAYOUT_ACCOUNT_KEY = "a completely different key"
    with pytest.raises(crypto.InvalidToken):
        PayoutAccount.objects.get(pk=account.pk)
    settings.PAYOUT_ACCOUNT_OLD_KEYS = [old_key]
    assert PayoutAccount.objects.get(pk=account.pk).number == CARD
    from django.core.management import call_command

    call_command("payout_accounts_reencrypt", stdout=open("/dev/null", "w"))  # noqa: SIM115
    settings.PAYOUT_ACCOUNT_OLD_KEYS = []
    assert PayoutAccount.objects.get(pk=account.pk).number == CARD


def test_the_migration_encrypts_the_numbers_already_stored():
    account = card_of(completed_sale().shop.owner)
    with connection.cursor() as cursor:  # a row as it was before the migration
        cursor.execute("UPDATE orders_payoutaccount SET number = %s WHERE id = %s", [CARD, account.pk])
    migration = importlib.import_module("orders.migrations.0013_payout_account_number_encrypted")
    with connection.schema_editor() as editor:
        migration.encrypt(None, editor)
    assert CARD not in _stored_number(account.pk)
    assert PayoutAccount.objects.get(pk=account.pk).number == CARD
    with connection.schema_editor() as editor:
        migration.decrypt(None, editor)
    assert _stored_number(account.pk) == CARD


def test_no_page_or_answer_shows_the_number(client, api_client):
    withdrawal = _requested()
    farmer = withdrawal.requested_by
    client.force_login(farmer)
    page = client.get("/orders/withdrawals/").content.decode()
    assert "**** 3446" in page and CARD not in page and CARD[:6] not in page
    api_client.force_authenticate(farmer)
    answer = (
        api_client.get("/api/withdrawals/").content.decode() + api_client.get("/api/payout-accounts/").content.decode()
    )
    assert "3446" in answer and CARD not in answer


# --- the provider after the commit, once


@pytest.mark.django_db(transaction=True)
def test_the_provider_is_called_after_the_approval_is_committed(provider):
    counting = provider()
    withdrawal = _requested()
    withdrawal = services.withdrawal_approve(admin=AdminFactory(), withdrawal_id=withdrawal.pk)
    assert withdrawal.status == "paid"
    [(reference, amount, in_transaction)] = counting.requests
    assert (reference, amount, in_transaction) == (withdrawal.reference, Decimal("30.00"), False)
    withdrawal.refresh_from_db()
    assert withdrawal.payout_sent_at is not None


@pytest.mark.django_db(transaction=True)
def test_approval_inside_a_transaction_is_refused(provider):
    provider()
    withdrawal = _requested()
    with pytest.raises(RuntimeError), transaction.atomic():
        services.withdrawal_approve(admin=AdminFactory(), withdrawal_id=withdrawal.pk)
    withdrawal.refresh_from_db()
    assert withdrawal.status == "requested"


def test_a_crash_before_the_provider_answers_is_sent_again_under_the_same_reference_and_paid_once(provider):
    counting = provider(fail_first=1)
    withdrawal = _requested()
    withdrawal = services.withdrawal_approve(admin=AdminFactory(), withdrawal_id=withdrawal.pk)
    assert withdrawal.status == "processing" and withdrawal.payout_sent_at is None  # approval kept, not sent
    assert not withdrawal.ledger_entries.filter(kind="payout").exists()
    import datetime

    assert services.withdrawal_payouts_resume(older_than=datetime.timedelta(minutes=5)) == 0  # too recent
    assert services.withdrawal_payouts_resume(older_than=datetime.timedelta(0)) == 1
    assert services.withdrawal_payouts_resume(older_than=datetime.timedelta(0)) == 0  # paid: nothing to resend
    withdrawal.refresh_from_db()
    assert withdrawal.status == "paid" and withdrawal.payout_sent_at is not None
    assert [r[0] for r in counting.requests] == [withdrawal.reference] * 2 and counting.paid == {withdrawal.reference}
    assert withdrawal.ledger_entries.filter(kind="payout").count() == 1
    assert services.orders_audit() == []


def test_a_provider_that_answers_later_is_not_asked_again(provider, monkeypatch):
    counting = provider()
    monkeypatch.setattr(counting, "request_payout", lambda **kwargs: counting.requests.append(kwargs))
    withdrawal = _requested()
    withdrawal = services.withdrawal_approve(admin=AdminFactory(), withdrawal_id=withdrawal.pk)
    assert withdrawal.status == "processing" and withdrawal.payout_sent_at is not None
    import datetime

    assert services.withdrawal_payouts_resume(older_than=datetime.timedelta(0)) == 0
    assert len(counting.requests) == 1
    assert Withdrawal.objects.get(pk=withdrawal.pk).status == "processing"  # the signed callback will decide
