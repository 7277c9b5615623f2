"""Reminders per instalment: 3 days before, on the day, 1/7/30 days late, each once."""

import datetime
import uuid

import pytest

from credit import services
from credit.notices import loan_reminders_send
from notifications.models import Notification
from tests.credit.factories import LoanProductFactory

pytestmark = pytest.mark.django_db

DAY0 = datetime.date(2026, 3, 2)


def test_each_instalment_is_reminded_once_per_threshold(good_farmer):
    product = LoanProductFactory(repayment_type="equal_instalment", period="week", max_term_days=400)
    application, _created = services.loan_apply(
        borrower=good_farmer,
        product=product,
        amount="1200.00",
        term_days=None,
        instalments=4,
        purpose="feed",
        idempotency_key=uuid.uuid4().hex,
        today=DAY0,
    )
    loan = application.loan
    first = loan.instalments.get(number=1)
    assert first.due_on == DAY0 + datetime.timedelta(days=7)
    sent = [loan_reminders_send(today=DAY0 + datetime.timedelta(days=n)) for n in (4, 4, 7, 8)]
    # Day 4: instalment 1 due in 3 days; again: nothing; day 7: due today; day 8: 1 day late (and #2 not yet).
    assert sent == [1, 0, 1, 1]
    keys = set(Notification.objects.filter(recipient=good_farmer).values_list("key", flat=True))
    assert {
        f"loan:{loan.pk}:1:due_soon:{first.due_on}",
        f"loan:{loan.pk}:1:due_today:{first.due_on}",
        f"loan:{loan.pk}:1:overdue:1:{first.due_on}",
    } <= keys
    reminder = Notification.objects.get(key=f"loan:{loan.pk}:1:due_today:{first.due_on}")
    assert reminder.params["owed"] == str(first.total_due)
    assert reminder.params["instalment"] == "1"
    # Paid: no more reminders for it; the next instalment's come in their turn.
    from tests.credit.factories import repay_through_provider

    day = DAY0 + datetime.timedelta(days=9)
    loan.refresh_from_db()
    interest, _principal = services.loan_amount_due(loan=loan, on=day)
    repay_through_provider(loan_id=loan.pk, payer=good_farmer, amount=interest + first.principal_due, on=day)
    assert loan_reminders_send(today=DAY0 + datetime.timedelta(days=11)) == 1  # #2 due in 3 days
    assert not Notification.objects.filter(key=f"loan:{loan.pk}:1:overdue:7:{first.due_on}").exists()
    assert loan_reminders_send(today=DAY0 + datetime.timedelta(days=14)) == 1  # #2 due today; #1 paid: nothing
