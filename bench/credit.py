"""Loan decision latency with many villagers with a trading and borrowing history.

"full": 100,000 villagers (60 % run a shop, about 5 orders each, disputes, cancellations, certificates,
past loans); "small": 2,000. The data is bulk-generated once (resumable, chunk by chunk) and kept for
later runs. Each measured decision is a real `loan_apply` (score recomputed on the spot, snapshot kept,
borrower lock, loan and ledger written, committed); the rows it made are deleted afterwards so runs
can be repeated.
"""

from __future__ import annotations

import datetime
import random
import time
import uuid
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from bench.report import Row, median_p95
from core.progress import progress

SIZES = {"small": 2_000, "full": 100_000}
SAMPLES = {"small": 60, "full": 200}
CHUNK = 2_000
PREFIX = "bench_credit_"
GOAL_MS = 100.0


def _fixtures():
    from accounts.models import Role, User
    from credit.models import LoanProduct, LoanProductLimit, Tier
    from training.models import Course
    from villages.models import County, Province, Township, Village

    province = Province.objects.get(code="52")
    county, _ = County.objects.get_or_create(province=province, name="Bench county")
    township, _ = Township.objects.get_or_create(county=county, name="Bench township")
    villages = [
        Village.objects.get_or_create(township=township, name=f"Bench village {index}")[0] for index in range(50)
    ]
    buyer, _ = User.objects.get_or_create(username=f"{PREFIX}buyer", defaults={"role": Role.BUYER})
    courses = [
        Course.objects.get_or_create(
            slug=f"bench-course-{index}",
            defaults={"title": f"Bench course {index}", "summary": "", "audience": "villagers"},
        )[0]
        for index in range(3)
    ]
    product, created = LoanProduct.objects.get_or_create(
        name="Bench microloan",
        defaults={"daily_interest_rate": Decimal("0.000500"), "max_term_days": 180, "min_amount": Decimal("100.00")},
    )
    if created:
        for tier, amount in zip(Tier.values, ("2000", "10000", "30000", "50000"), strict=True):
            LoanProductLimit.objects.create(product=product, tier=tier, max_amount=Decimal(amount))
    return province, villages, buyer, courses, product


def _generate_chunk(start: int, stop: int, *, province, villages, buyer, courses, product, password: str) -> None:
    from accounts.models import Role, User
    from credit.models import Loan, LoanApplication
    from orders.models import Dispute, Order
    from shops.models import Shop
    from training.models import Certificate

    rng = random.Random(start)
    now = timezone.now()
    today = timezone.localdate()
    users = User.objects.bulk_create(
        [
            User(
                username=f"{PREFIX}{index:06d}",
                password=password,
                role=Role.FARMER,
                home_village=villages[index % len(villages)],
                date_joined=now - datetime.timedelta(days=rng.randint(10, 1500)),
            )
            for index in range(start, stop)
        ],
        batch_size=1000,
    )
    shops = Shop.objects.bulk_create(
        [
            Shop(
                village_id=user.home_village_id,
                owner=user,
                name=f"Shop of {user.username}",
                slug=f"{user.username.replace('_', '-')}",
                opened_on=datetime.date(2024, 1, 1),
                created_by=user,
            )
            for user in users
            if rng.random() < 0.6
        ],
        batch_size=1000,
    )
    orders, disputes_for = [], []
    for shop in shops:
        for _ in range(rng.randint(0, 10)):
            paid = now - datetime.timedelta(days=rng.randint(5, 600), hours=rng.randint(0, 23))
            roll = rng.random()
            fields = {"paid_at": paid}
            if roll < 0.8:
                ship_hours = rng.choice((6, 20, 30, 40, 72)) if rng.random() < 0.9 else 96
                fields.update(
                    status="completed",
                    shipped_at=paid + datetime.timedelta(hours=ship_hours),
                    completed_at=paid + datetime.timedelta(days=7),
                )
            elif roll < 0.9:
                fields = {
                    "status": "cancelled",
                    "cancelled_at": paid,
                    "cancelled_by_id": shop.owner_id if rng.random() < 0.5 else buyer.pk,
                }
            else:
                fields.update(status="refunded", shipped_at=paid + datetime.timedelta(hours=30), refunded_at=paid)
            order = Order(
                number=f"B{uuid.uuid4().hex[:20]}",
                buyer=buyer,
                shop=shop,
                checkout_id=uuid.uuid4(),
                recipient_name="Sun Lei",
                recipient_phone="13800000000",
                ship_province=province,
                ship_city="Nanjing",
                ship_county="Xuanwu",
                ship_address="1 Zhongshan Road",
                subtotal=Decimal("37.00"),
                total=Decimal("37.00"),
                **fields,
            )
            orders.append(order)
            if fields["status"] == "refunded":
                disputes_for.append((order, "refunded"))
            elif fields["status"] == "completed" and rng.random() < 0.03:
                disputes_for.append((order, "rejected"))
    Order.objects.bulk_create(orders, batch_size=2000)
    Dispute.objects.bulk_create(
        [Dispute(order=order, opened_by=buyer, reason="bench", status=status) for order, status in disputes_for],
        batch_size=2000,
    )
    Certificate.objects.bulk_create(
        [
            Certificate(user=user, course=course, code=f"B{user.pk}-{course.pk}")
            for user in users
            for course in courses
            if rng.random() < 0.15
        ],
        batch_size=2000,
    )
    borrowers = [user for user in users if rng.random() < 0.2]
    applications = LoanApplication.objects.bulk_create(
        [
            LoanApplication(
                borrower=user,
                product=product,
                idempotency_key=f"bench-history-{user.pk}",
                amount=Decimal("2000.00"),
                term_days=60,
                purpose="bench history",
                decision="approved",
                score=500,
                tier="silver",
            )
            for user in borrowers
        ],
        batch_size=2000,
    )
    loans = []
    for application in applications:
        disbursed = today - datetime.timedelta(days=rng.randint(90, 700))
        due = disbursed + datetime.timedelta(days=60)
        closed = (
            due - datetime.timedelta(days=rng.randint(0, 50))
            if rng.random() < 0.9
            else due + datetime.timedelta(days=rng.randint(1, 20))
        )
        # Fully repaid long ago: nothing outstanding, so no ledger entries are needed for the audit to hold.
        loans.append(
            Loan(
                application=application,
                borrower_id=application.borrower_id,
                product=product,
                principal=application.amount,
                daily_interest_rate=product.daily_interest_rate,
                term_days=60,
                purpose="bench history",
                status="repaid",
                disbursed_on=disbursed,
                due_on=due,
                outstanding_principal=Decimal("0.00"),
                interest_accrued_through=closed,
                principal_changed_on=closed,
                closed_on=closed,
            )
        )
    Loan.objects.bulk_create(loans, batch_size=2000)


def ensure_data(size: int) -> tuple:
    from accounts.models import User

    fixtures = _fixtures()
    province, villages, buyer, courses, product = fixtures
    done = User.objects.filter(username__startswith=PREFIX, role="farmer").count()
    if done < size:
        password = make_password("bench-credit-not-for-login")
        starts = range(done - done % CHUNK, size, CHUNK)
        for start in progress(starts, desc=f"credit: villagers ({size:,})", total=len(starts)):
            with transaction.atomic():
                _generate_chunk(
                    start,
                    min(start + CHUNK, size),
                    province=province,
                    villages=villages,
                    buyer=buyer,
                    courses=courses,
                    product=product,
                    password=password,
                )
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return product


def _cleanup(marks: dict) -> None:
    """Delete what the measured applications wrote (ids above the marks taken before)."""
    from credit.models import LedgerEntry, LedgerTransaction, Loan, LoanApplication, LoanPayout, ScoreSnapshot

    with transaction.atomic():
        LedgerEntry.objects.filter(pk__gt=marks["entry"]).delete()
        LedgerTransaction.objects.filter(pk__gt=marks["transaction"]).delete()
        LoanPayout.objects.filter(loan_id__gt=marks["loan"]).delete()  # each measured approval is paid out
        Loan.objects.filter(pk__gt=marks["loan"]).delete()
        LoanApplication.objects.filter(pk__gt=marks["application"]).delete()
        ScoreSnapshot.objects.filter(pk__gt=marks["snapshot"]).delete()


def _marks() -> dict:
    from django.db.models import Max

    from credit.models import LedgerEntry, LedgerTransaction, Loan, LoanApplication, ScoreSnapshot

    return {
        name: model.objects.aggregate(top=Max("pk"))["top"] or 0
        for name, model in (
            ("entry", LedgerEntry),
            ("transaction", LedgerTransaction),
            ("loan", Loan),
            ("application", LoanApplication),
            ("snapshot", ScoreSnapshot),
        )
    }


def run(*, scale: str) -> list[Row]:
    from rest_framework.test import APIClient

    from accounts.models import User
    from credit import services

    size = SIZES[scale]
    samples = SAMPLES[scale]
    product = ensure_data(size)
    rng = random.Random(42)
    villager_ids = list(User.objects.filter(username__startswith=PREFIX, role="farmer").values_list("pk", flat=True))
    # A database left by a bigger (or interrupted) run keeps its villagers: report what was measured.
    present = len(villager_ids)
    borrower_ids = rng.sample(villager_ids, 2 * samples)
    borrowers = {user.pk: user for user in User.objects.filter(pk__in=borrower_ids)}
    marks = _marks()
    service_ms, api_ms, decisions = [], [], {}
    try:
        for borrower_id in borrower_ids[:samples]:
            start = time.perf_counter()
            application, _created = services.loan_apply(
                borrower=borrowers[borrower_id],
                product=product,
                amount=Decimal("1500.00"),
                term_days=30,
                purpose="bench",
                idempotency_key=uuid.uuid4().hex,
            )
            service_ms.append((time.perf_counter() - start) * 1000)
            decisions[application.decision] = decisions.get(application.decision, 0) + 1
        client = APIClient()
        for borrower_id in borrower_ids[samples:]:
            client.force_authenticate(borrowers[borrower_id])
            start = time.perf_counter()
            response = client.post(
                "/api/loans/",
                {"product": product.pk, "amount": "1500.00", "term_days": 30, "purpose": "bench"},
                format="json",
                HTTP_IDEMPOTENCY_KEY=uuid.uuid4().hex,
            )
            api_ms.append((time.perf_counter() - start) * 1000)
            if response.status_code != 201:
                raise RuntimeError(f"bench application failed: {response.status_code} {response.content[:200]}")
        snapshot_ids = list(
            User.objects.filter(username__startswith=PREFIX, role="farmer")
            .order_by("pk")
            .values_list("pk", flat=True)[:5000]
        )
        start = time.perf_counter()
        for offset in range(0, len(snapshot_ids), 1000):
            services.score_snapshot_batch(user_ids=snapshot_ids[offset : offset + 1000])
        snapshot_s = time.perf_counter() - start
    finally:
        _cleanup(marks)

    setting = f"{present:,} villagers with history, {samples} decisions"
    service_median, service_p95 = median_p95(service_ms)
    api_median, api_p95 = median_p95(api_ms)
    approved = decisions.get("approved", 0)
    return [
        Row(
            what="loan decision (service: score + decide + disburse)",
            setting=f"{setting} ({approved} approved)",
            median=f"{service_median:.1f} ms",
            p95_or_time=f"{service_p95:.1f} ms",
            goal=f"p95 < {GOAL_MS:.0f} ms",
            met=service_p95 < GOAL_MS,
        ),
        Row(
            what="loan decision (POST /api/loans/)",
            setting=setting,
            median=f"{api_median:.1f} ms",
            p95_or_time=f"{api_p95:.1f} ms",
            goal=f"p95 < {GOAL_MS:.0f} ms",
            met=api_p95 < GOAL_MS,
        ),
        Row(
            what="nightly score snapshots",
            setting=f"{len(snapshot_ids):,} villagers in chunks of 1,000",
            p95_or_time=f"{snapshot_s:.1f} s ({len(snapshot_ids) / snapshot_s:,.0f}/s)",
        ),
    ]
