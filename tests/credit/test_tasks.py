import datetime
import time
from decimal import Decimal

import pytest

from credit import services, tasks
from credit.models import Loan, LoanStatus, ScoreSnapshot
from tests.credit.factories import LoanProductFactory
from tests.factories import FarmerFactory

DAY0 = datetime.date(2026, 3, 1)


@pytest.mark.django_db
def test_loans_nightly_marks_overdue_and_posts_interest_once(farmer):
    product = LoanProductFactory()
    application, _ = services.loan_apply(
        borrower=farmer, product=product, amount="1000.00", term_days=10, purpose="x", idempotency_key="k", today=DAY0
    )
    result = tasks.loans_nightly.delay((DAY0 + datetime.timedelta(days=12)).isoformat()).get()
    assert result == {"overdue": 1, "accrued": 1, "classified": 1}
    loan = Loan.objects.get(pk=application.loan.pk)
    assert (loan.status, loan.outstanding_interest) == (LoanStatus.OVERDUE, Decimal("6.00"))
    tasks.loans_nightly.delay((DAY0 + datetime.timedelta(days=12)).isoformat()).get()
    loan.refresh_from_db()
    assert loan.outstanding_interest == Decimal("6.00")


@pytest.mark.celery_worker
def test_nightly_snapshots_on_a_real_worker(celery_worker):
    villagers = [FarmerFactory() for _ in range(3)]
    assert tasks.score_snapshots_nightly.delay("2026-06-01").get(timeout=30) == 3
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if ScoreSnapshot.objects.filter(user__in=villagers, taken_on="2026-06-01").count() == 3:
            break
        time.sleep(0.2)
    assert ScoreSnapshot.objects.filter(user__in=villagers, taken_on="2026-06-01", trigger="nightly").count() == 3
