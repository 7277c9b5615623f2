"""Seed the load-test database: the demo data, then load users, stock and a few scarce products.

Run by bench/load/run.py (`python -m bench.load.seed OUT.json`) with DATABASE_URL set to the throwaway
database. Writes what locust needs (tokens, product ids, village ids, the loan product) and the stock
before the run (for the oversell check) to OUT.json.
"""

from __future__ import annotations

import json
import os
import sys
from decimal import Decimal

BUYERS = 60
FARMERS = 60
PLENTY = Decimal("100000")  # most products never run out
SCARCE = Decimal("40")  # a few hot products run out during the run: checkouts must get 409, never oversell
SCARCE_PRODUCTS = 3


def main(out: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from rest_framework.authtoken.models import Token

    from accounts.models import Role, User
    from credit import services as credit_services
    from credit.models import LoanProduct
    from orders.models import Order
    from shops.models import Product, ProductVariant
    from villages.models import ServiceStation, Village

    call_command("seed_demo", quiet=True)
    products = list(Product.objects.filter(status="active").order_by("pk"))
    if not products:
        products = list(Product.objects.order_by("pk"))
    scarce = [p.pk for p in products[:SCARCE_PRODUCTS]]
    # The options hold the stock (the products' figures are their summary): a demo product with several options
    # gets the stock on each, and its total on the product.
    options = dict(ProductVariant.objects.filter(product__in=products, is_active=True).values_list("pk", "product_id"))
    counts = {}
    for product_id in options.values():
        counts[product_id] = counts.get(product_id, 0) + 1
    for product in products:
        stock = SCARCE if product.pk in scarce else PLENTY
        ProductVariant.objects.filter(product=product).update(
            stock=stock, order_minimum=Decimal("1"), order_step=Decimal("1")
        )
        Product.objects.filter(pk=product.pk).update(
            stock=stock * counts.get(product.pk, 1), order_minimum=Decimal("1"), order_step=Decimal("1")
        )

    station = ServiceStation.objects.select_related("village", "operator").exclude(operator=None).first()
    password = make_password("load-test-password")
    buyers = User.objects.bulk_create(
        [User(username=f"load_buyer_{i}", role=Role.BUYER, password=password) for i in range(BUYERS)]
    )
    farmers = User.objects.bulk_create(
        [
            User(username=f"load_farmer_{i}", role=Role.FARMER, password=password, home_village=station.village)
            for i in range(FARMERS)
        ]
    )
    for farmer in farmers:  # identity checked by their station: 300 + 100 points, enough for the demo product
        credit_services.identity_verify(operator=station.operator, villager=farmer, note="load test")
    tokens = {u.username: Token.objects.create(user=u).key for u in [*buyers, *farmers]}
    product = LoanProduct.objects.order_by("pk").first()
    data = {
        "buyers": [tokens[u.username] for u in buyers],
        "farmers": [tokens[u.username] for u in farmers],
        "products": [p.pk for p in products],
        "scarce": scarce,
        "villages": list(Village.objects.filter(shops__isnull=False).distinct().values_list("pk", flat=True)),
        "loan_product": product.pk,
        "loan_min": str(product.min_amount),
        "province": _province(),
        "max_order_before": Order.objects.order_by("-pk").values_list("pk", flat=True).first() or 0,
        "stock_before": {str(pk): str(stock) for pk, stock in Product.objects.values_list("pk", "stock")},
    }
    with open(out, "w") as handle:
        json.dump(data, handle)
    print(f"seeded: {len(products)} products ({len(scarce)} scarce), {BUYERS} buyers, {FARMERS} eligible farmers")


def _province() -> int:
    from villages.models import Province

    return Province.objects.order_by("pk").values_list("pk", flat=True).first()


if __name__ == "__main__":
    main(sys.argv[1])
