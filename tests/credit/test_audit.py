import datetime
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command, execute_from_command_line

from credit import services
from credit.models import Account, LedgerEntry, Loan
from tests.credit.factories import repay_through_provider

pytestmark = pytest.mark.django_db

DAY0 = datetime.date(2026, 3, 1)


@pytest.fixture
def book(good_farmer, product):
    application, _ = services.loan_apply(
        borrower=good_farmer,
        product=product,
        amount="8000.00",
        term_days=60,
        purpose="a tricycle",
        idempotency_key="k",
        today=DAY0,
    )
    loan = application.loan
    services.loan_accrue(loan_id=loan.pk, through=DAY0 + datetime.timedelta(days=10))
    repay_through_provider(loan_id=loan.pk, payer=good_farmer, amount="1000.00", on=DAY0 + datetime.timedelta(days=12))
    return loan


def test_audit_passes_on_a_sound_book(book, capsys):
    call_command("credit_audit")
    assert "balances and matches every loan" in capsys.readouterr().out


def test_audit_detects_a_tampered_entry(book, capsys):
    entry = LedgerEntry.objects.filter(loan=book, account=Account.INTEREST_RECEIVABLE).first()
    LedgerEntry.objects.filter(pk=entry.pk).update(amount=entry.amount + Decimal("0.01"))
    with pytest.raises(CommandError):
        call_command("credit_audit")
    out = capsys.readouterr().out
    assert "FAIL  unbalanced: 1" in out
    assert "FAIL  loan_mismatch: 1" in out


def test_audit_detects_a_balance_edited_without_entries(book, capsys):
    Loan.objects.filter(pk=book.pk).update(outstanding_principal=Decimal("1.00"))
    with pytest.raises(CommandError):
        call_command("credit_audit")
    out = capsys.readouterr().out
    assert "FAIL  loan_mismatch: 1" in out
    assert "ok    unbalanced" in out


def test_audit_exits_non_zero_from_the_command_line(book):
    LedgerEntry.objects.filter(loan=book, account=Account.CASH).update(amount=Decimal("0.00"))
    with pytest.raises(SystemExit) as exit_info:
        execute_from_command_line(["manage.py", "credit_audit"])
    assert exit_info.value.code == 1
