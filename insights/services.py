"""Writes of insights: counting product page views (one atomic upsert per view)."""

from __future__ import annotations

import datetime

from django.db import connection, transaction
from django.utils import timezone

from insights.models import ProductDailyViews


@transaction.atomic
def product_view_record(*, product_id: int, day: datetime.date | None = None) -> bool:
    """Count one view of a published product's page on `day` (default: today in Shanghai).

    One INSERT ... SELECT ... ON CONFLICT DO UPDATE (PostgreSQL and SQLite): no read-modify-write, so
    concurrent views never lose a count. A view of a published product with no stock also counts as a
    view while out of stock. Returns False when the product is not published (nothing is counted).
    """
    day = day or timezone.localdate()
    table = ProductDailyViews._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO {table} (product_id, day, views, views_while_out_of_stock)
            SELECT id, %s, 1, CASE WHEN stock <= 0 THEN 1 ELSE 0 END
              FROM shops_product WHERE id = %s AND status = 'published'
            ON CONFLICT (product_id, day) DO UPDATE SET
              views = {table}.views + 1,
              views_while_out_of_stock = {table}.views_while_out_of_stock + excluded.views_while_out_of_stock
            """,  # noqa: S608 (table name from the model, values are parameters)
            [day, product_id],
        )
        return cursor.rowcount > 0
