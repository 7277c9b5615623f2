"""Shop activity for the certification's active-shop rule: the rules kept, and the chunked backfill of a new one.

PostgreSQL triggers (orders migration 0006) keep orders.ShopActivity and orders.VillageActiveShops for every
ActivityRule in the transaction of each write to the shop rollups, so a payment or refund moves a village's
active shops at once. A rule added later (a new policy's look-back or orders a month) is filled here from the
shop rollups, in SQL, a range of villages per transaction; the triggers keep it from its creation on.
SQLite has no triggers for this: certification computes the active shops from the rollups there.
"""

from __future__ import annotations

from django.db import connection, transaction

from orders.models import ActivityRule, ShopActivity, ShopMonthlySales
from villages.models import Village

BUILD_CHUNK_VILLAGES = 2000


def activity_maintained() -> bool:
    """Whether this database keeps the shop activity (its triggers are PostgreSQL's)."""
    return connection.vendor == "postgresql"


def activity_rule_get_or_add(*, lookback_months: int, min_orders_per_month: int) -> ActivityRule | None:
    """The kept rule for these values, added (not ready yet) if new; None where nothing is kept."""
    if not activity_maintained() or min_orders_per_month < 1:
        return None
    rule, _ = ActivityRule.objects.get_or_create(
        lookback_months=lookback_months, min_orders_per_month=min_orders_per_month
    )
    return rule


@transaction.atomic
def activity_rule_build_step(*, rule_id: int, chunk_villages: int = BUILD_CHUNK_VILLAGES) -> bool:
    """Fill the next range of villages of a new rule from the shop rollups; False once the rule is ready.

    The activity table is locked against writers for the chunk (a fraction of a second): a payment waits
    rather than adding its orders to rows this chunk is rewriting from a snapshot that misses them.
    """
    rule = ActivityRule.objects.select_for_update().filter(pk=rule_id).first()
    if rule is None or rule.ready:
        return False
    upto = (
        Village.objects.filter(pk__gt=rule.built_upto_village)
        .order_by("pk")
        .values_list("pk", flat=True)[chunk_villages - 1 : chunk_villages]
        .first()
    )
    last = upto is None
    if last:
        upto = Village.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    activity, rollups = ShopActivity._meta.db_table, ShopMonthlySales._meta.db_table
    village_range = [rule.built_upto_village, upto]
    with connection.cursor() as cursor:
        cursor.execute(f"LOCK TABLE {activity} IN SHARE ROW EXCLUSIVE MODE")
        cursor.execute(
            f"DELETE FROM {activity} WHERE rule_id = %s AND village_id > %s AND village_id <= %s",  # noqa: S608
            [rule.pk, *village_range],
        )
        # `active` is computed in the INSERT (the same SQL function): the row trigger stands aside meanwhile.
        cursor.execute("SET LOCAL taocun.activity_backfill = 'on'")
        cursor.execute(
            f"""
            INSERT INTO {activity} (rule_id, shop_id, village_id, month, orders, shop_open, opened_on, active)
            SELECT %s, m.shop_id, s.village_id, (m.month + make_interval(months => k))::date, SUM(m.order_count),
                   s.status = 'open', s.opened_on,
                   orders_activity_is_active(s.status = 'open', s.opened_on,
                                             (m.month + make_interval(months => k))::date,
                                             SUM(m.order_count)::integer, %s, %s)
            FROM {rollups} m
            JOIN shops_shop s ON s.id = m.shop_id
            CROSS JOIN generate_series(0, %s - 1) k
            WHERE m.village_id > %s AND m.village_id <= %s
            GROUP BY m.shop_id, s.village_id, 4, s.status, s.opened_on
            HAVING SUM(m.order_count) <> 0
            ORDER BY m.shop_id, 4
            """,  # noqa: S608
            [rule.pk, rule.lookback_months, rule.min_orders_per_month, rule.lookback_months, *village_range],
        )
        cursor.execute("SET LOCAL taocun.activity_backfill = 'off'")
    ActivityRule.objects.filter(pk=rule.pk).update(built_upto_village=upto, ready=last)
    return not last


def activity_rule_build(*, rule_id: int, chunk_villages: int = BUILD_CHUNK_VILLAGES) -> ActivityRule:
    """Fill a new rule to the end (each range of villages its own transaction, resumable from its cursor)."""
    while activity_rule_build_step(rule_id=rule_id, chunk_villages=chunk_villages):
        pass
    return ActivityRule.objects.get(pk=rule_id)


def activity_rules_rebuild() -> int:
    """Fill every kept rule again from the shop rollups (after a bulk load that ran with triggers off).

    Each rule is unready until its last range of villages is done (a run meanwhile computes from the rollups).
    Returns the number of rules rebuilt.
    """
    rules = list(ActivityRule.objects.values_list("pk", flat=True))
    for rule_id in rules:
        ActivityRule.objects.filter(pk=rule_id).update(ready=False, built_upto_village=0)
        activity_rule_build(rule_id=rule_id)
    return len(rules)
