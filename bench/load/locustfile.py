"""Taocun load test: browsing, checkout with a signed payment callback, and loan applications.

Run by bench/load/run.py (`make load`), which seeds a throwaway database and exports LOAD_DATA (the JSON the
seed wrote) and PAYMENT_WEBHOOK_SECRET. Expected refusals are successes: 409 `insufficient_stock` on the
scarce products, a declined loan (201 with decision "declined"). Anything else non-2xx is an error.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import random
import uuid

from locust import HttpUser, between, task

DATA = json.load(open(os.environ["LOAD_DATA"]))  # noqa: SIM115 (read once at import)
SECRET = os.environ["PAYMENT_WEBHOOK_SECRET"].encode()


def _pop(pool: list[str]) -> str:
    return pool.pop() if pool else ""


BUYER_TOKENS = list(DATA["buyers"])
FARMER_TOKENS = list(DATA["farmers"])


def provider_confirms(client, path: str, payment: dict) -> None:
    """The payment provider's signed confirmation of a payment (order or loan): what marks it paid."""
    raw = json.dumps(
        {"reference": payment["reference"], "status": "succeeded", "amount": str(payment["amount"])}, sort_keys=True
    ).encode()
    signature = hmac.new(SECRET, raw, hashlib.sha256).hexdigest()
    with client.post(
        path,
        data=raw,
        headers={"Content-Type": "application/json", "X-Taocun-Signature": signature, "Authorization": ""},
        name=path,
        catch_response=True,
    ) as r:
        if r.status_code != 200 or r.json().get("status") != "succeeded":
            r.failure(f"{r.status_code} {r.text[:200]}")


class Browser(HttpUser):
    """Anonymous browsing: catalogue (with a search or a page), product pages, village pages."""

    weight = 5
    wait_time = between(1, 3)

    @task(4)
    def catalogue(self):
        params = random.choice([{}, {"q": "tea"}, {"page": 2}, {"q": "rice"}])
        self.client.get("/shop/", params=params, name="/shop/ (catalogue)")

    @task(4)
    def product(self):
        self.client.get(f"/shop/products/{random.choice(DATA['products'])}/", name="/shop/products/[id]/")

    @task(2)
    def village(self):
        self.client.get(f"/villages/{random.choice(DATA['villages'])}/", name="/villages/[id]/")


class Buyer(HttpUser):
    """Checkout (one or two products, sometimes a scarce one) and pay through the signed callback."""

    weight = 3
    wait_time = between(1, 3)

    def on_start(self):
        self.token = _pop(BUYER_TOKENS)
        self.client.headers["Authorization"] = f"Token {self.token}"

    @task
    def checkout_and_pay(self):
        products = random.sample(DATA["products"], k=random.choice([1, 2]))
        if random.random() < 0.3:
            products[0] = random.choice(DATA["scarce"])
        items = [{"product": pk, "quantity": str(random.randint(1, 3))} for pk in dict.fromkeys(products)]
        body = {
            "items": items,
            "recipient_name": "Load buyer",
            "recipient_phone": "13800000000",
            "ship_province": DATA["province"],
            "ship_city": "Nanjing",
            "ship_county": "Xuanwu",
            "ship_address": "1 Zhongshan Road",
        }
        with self.client.post("/api/orders/", json=body, name="/api/orders/ (checkout)", catch_response=True) as r:
            if r.status_code == 409 and "insufficient_stock" in r.text:
                r.success()
                return
            if r.status_code != 201:
                r.failure(f"{r.status_code} {r.text[:200]}")
                return
            orders = r.json()
        for order in orders:
            key = str(uuid.uuid4())
            with self.client.post(
                f"/api/orders/{order['number']}/pay/",
                headers={"Idempotency-Key": key},
                name="/api/orders/[number]/pay/",
                catch_response=True,
            ) as r:
                if r.status_code not in (200, 201):
                    r.failure(f"{r.status_code} {r.text[:200]}")
                    continue
                payment = r.json()
            provider_confirms(self.client, "/orders/payments/callback/", payment)

    @task
    def my_orders(self):
        self.client.get("/api/orders/", name="/api/orders/ (list)")


class Borrower(HttpUser):
    """An eligible farmer applies for a loan (Idempotency-Key, one replay) and repays it when approved."""

    weight = 2
    wait_time = between(1, 3)

    def on_start(self):
        self.token = _pop(FARMER_TOKENS)
        self.client.headers["Authorization"] = f"Token {self.token}"

    @task(3)
    def apply_and_repay(self):
        key = str(uuid.uuid4())
        body = {"product": DATA["loan_product"], "amount": DATA["loan_min"], "term_days": 30, "purpose": "seeds"}
        with self.client.post(
            "/api/loans/", json=body, headers={"Idempotency-Key": key}, name="/api/loans/ (apply)", catch_response=True
        ) as r:
            if r.status_code != 201:
                r.failure(f"{r.status_code} {r.text[:200]}")
                return
            answer = r.json()
        with self.client.post(
            "/api/loans/", json=body, headers={"Idempotency-Key": key}, name="/api/loans/ (replay)", catch_response=True
        ) as r:
            if r.status_code != 200 or r.json() != answer:
                r.failure(f"replay: {r.status_code} {r.text[:200]}")
        loan = answer.get("loan")
        if answer.get("decision") != "approved" or not loan:
            return
        due = self.client.get(f"/api/loans/{loan['id']}/", name="/api/loans/[id]/").json()["amount_due_today"]
        with self.client.post(
            f"/api/loans/{loan['id']}/repay/",
            json={"amount": due},
            headers={"Idempotency-Key": str(uuid.uuid4())},
            name="/api/loans/[id]/repay/",
            catch_response=True,
        ) as r:
            if r.status_code != 202:
                r.failure(f"{r.status_code} {r.text[:200]}")
                return
            payment = r.json()["payment"]
        # The provider confirms the repayment (signed callback): only that repays the loan.
        provider_confirms(self.client, "/credit/payments/callback/", payment)

    @task(1)
    def score(self):
        self.client.get("/api/credit/score/", name="/api/credit/score/")
