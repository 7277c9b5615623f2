"""Nightly arrears classification and the loan book page over a big loan book.

"full": 1,000,000 open loans (one borrower each, 6 monthly instalments of 1,000 yuan, paid out over the last
175 days; one loan in ten has late instalments), "small": 20,000. The rows are generated in SQL (generate_series,
one statement per chunk of 100,000 loans, resumable) in this scenario's own database and kept for later runs.
Measured: `credit.arrears.arrears_classify` from a reset state (every loan active, 0 days past due) and the
admin's `/credit/book/` page (p95 of 20 requests through the Django test client).
"""

from __future__ import annotations

import datetime
import time

from django.db import connection, transaction
from django.utils import timezone

from bench.report import Row, median_p95
from core.progress import progress

SIZES = {"small": 20_000, "full": 1_000_000}
CHUNK = 100_000
PREFIX = "bench_arrears_"
CLASSIFY_GOAL_S = 60.0
PAGE_GOAL_MS = 300.0
PAGE_SAMPLES = 20

GENERATE = """
WITH users AS (
    INSERT INTO accounts_user (password, is_superuser, username, first_name, last_name, email, is_staff, is_active,
                               date_joined, role, phone, preferred_language, is_disadvantaged, home_village_id,
                               home_village_confirmed_at)
    SELECT '!', false, %(prefix)s || g, '', '', '', false, true, now(), 'farmer', '', 'zh-hans', false,
           (%(villages)s::bigint[])[1 + g %% %(village_count)s], now()
      FROM generate_series(%(start)s, %(stop)s - 1) AS g
    RETURNING id
), applications AS (
    INSERT INTO credit_loanapplication (idempotency_key, amount, term_days, instalments, purpose, decision,
                                        reason_codes, score, tier, created_at, borrower_id, product_id)
    SELECT 'bench', 6000, 180, 6, 'bench', 'approved', '[]'::jsonb, 500, 'silver', now(), users.id, %(product)s
      FROM users
    RETURNING id, borrower_id
), shaped AS (
    SELECT applications.id AS application_id, applications.borrower_id,
           %(today)s::date - (applications.borrower_id %% 175)::int AS disbursed_on,
           LEAST(5, (applications.borrower_id %% 175) / 30) AS falls_due,
           applications.borrower_id %% 10 = 0 AS behind
      FROM applications
), loans AS (
    INSERT INTO credit_loan (application_id, borrower_id, product_id, principal, daily_interest_rate, term_days,
                             repayment_type, period, instalment_count, days_past_due, purpose, status, disbursed_on,
                             due_on, outstanding_principal, outstanding_interest, interest_accrued_through,
                             principal_changed_on, interest_in_stretch, written_off_amount, recovered,
                             write_off_reason, created_at)
    SELECT application_id, borrower_id, %(product)s, 6000, 0.000500, 180, 'equal_principal', 'month', 6, 0, 'bench',
           'active', disbursed_on, disbursed_on + 180,
           6000 - 1000 * CASE WHEN behind THEN GREATEST(falls_due - 1 - borrower_id / 10 %% 4, 0) ELSE falls_due END,
           0, disbursed_on, disbursed_on, 0, 0, 0, '', now()
      FROM shaped
    RETURNING id, borrower_id, disbursed_on, outstanding_principal
)
INSERT INTO credit_loaninstalment (loan_id, number, due_on, principal_due, interest_due, principal_paid,
                                   interest_paid, paid_on)
SELECT loans.id, k, loans.disbursed_on + 30 * k, 1000, 90,
       CASE WHEN k <= (6000 - loans.outstanding_principal) / 1000 THEN 1000 ELSE 0 END,
       CASE WHEN k <= (6000 - loans.outstanding_principal) / 1000 THEN 90 ELSE 0 END,
       CASE WHEN k <= (6000 - loans.outstanding_principal) / 1000 THEN loans.disbursed_on + 30 * k END
  FROM loans CROSS JOIN generate_series(1, 6) AS k
"""


def _fixtures():
    from decimal import Decimal

    from accounts.models import Role, User
    from credit.models import LoanProduct
    from villages.models import County, Province, ServiceStation, Township, Village

    province = Province.objects.get(code="52")
    villages = []
    for county_index in range(10):
        county, _ = County.objects.get_or_create(province=province, name=f"Arrears county {county_index}")
        for township_index in range(5):
            township, _ = Township.objects.get_or_create(county=county, name=f"Arrears township {township_index}")
            for village_index in range(4):
                village, _ = Village.objects.get_or_create(township=township, name=f"Arrears village {village_index}")
                ServiceStation.objects.get_or_create(
                    village=village,
                    defaults={"name": f"Station {village.pk}", "address": "-", "opened_on": datetime.date(2020, 1, 1)},
                )
                villages.append(village.pk)
    product, _ = LoanProduct.objects.get_or_create(
        name="Bench instalment loan",
        defaults={
            "daily_interest_rate": Decimal("0.000500"),
            "max_term_days": 400,
            "repayment_type": "equal_principal",
            "period": "month",
        },
    )
    admin, _ = User.objects.get_or_create(username=f"{PREFIX}admin", defaults={"role": Role.ADMIN})
    return villages, product, admin


def ensure_data(size: int, today: datetime.date):
    from accounts.models import User

    villages, product, admin = _fixtures()
    done = User.objects.filter(username__startswith=PREFIX, role="farmer").count()
    if done < size:
        starts = range(done, size, CHUNK)  # each chunk commits whole: `done` is the next number to generate
        for start in progress(starts, desc=f"credit arrears: loans ({size:,})", total=len(starts)):
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(
                    GENERATE,
                    {
                        "prefix": PREFIX,
                        "villages": villages,
                        "village_count": len(villages),
                        "start": start,
                        "stop": min(start + CHUNK, size),
                        "product": product.pk,
                        "today": today,
                    },
                )
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return admin


def run(*, scale: str) -> list[Row]:
    from django.test import Client

    from credit.arrears import arrears_classify
    from credit.models import ArrearsRun, Loan

    size = SIZES[scale]
    today = timezone.localdate()
    admin = ensure_data(size, today)
    open_loans = Loan.objects.filter(status__in=["active", "overdue"]).count()
    # From a reset state: every loan current, so the run classifies the whole book.
    with transaction.atomic():
        Loan.objects.filter(status__in=["active", "overdue"]).update(status="active", days_past_due=0)
        ArrearsRun.objects.filter(day=today).delete()
    start = time.perf_counter()
    run = arrears_classify(today=today)
    classify_s = time.perf_counter() - start
    overdue = Loan.objects.filter(status="overdue").count()

    client = Client()
    client.force_login(admin)
    timings = []
    for index in range(PAGE_SAMPLES + 2):
        start = time.perf_counter()
        response = client.get("/credit/book/", {"level": ("county", "township", "station")[index % 3]})
        elapsed = (time.perf_counter() - start) * 1000
        if response.status_code != 200:
            raise RuntimeError(f"loan book answered {response.status_code}")
        if index >= 2:  # two warm-up requests
            timings.append(elapsed)
    page_median, page_p95 = median_p95(timings)
    return [
        Row(
            what="nightly arrears classification (SQL, chunked) + month's book per station",
            setting=f"{open_loans:,} open loans, {overdue:,} found overdue, {run.loans:,} rows changed",
            p95_or_time=f"{classify_s:.1f} s",
            goal=f"< {CLASSIFY_GOAL_S:.0f} s",
            met=classify_s < CLASSIFY_GOAL_S,
        ),
        Row(
            what="loan book page (/credit/book/, PAR30 by county, township, station)",
            setting=f"{open_loans:,} open loans, {PAGE_SAMPLES} requests",
            median=f"{page_median:.0f} ms",
            p95_or_time=f"{page_p95:.0f} ms",
            goal=f"p95 < {PAGE_GOAL_MS:.0f} ms",
            met=page_p95 < PAGE_GOAL_MS,
        ),
    ]
