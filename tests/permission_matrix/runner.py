"""Send one request per (row, actor) inside a savepoint that is rolled back, so every row sees the same world."""

from __future__ import annotations

import json
from http.cookies import SimpleCookie

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse
from rest_framework.test import APIClient

ACTORS = ("anonymous", "buyer", "farmer", "operator", "other_operator", "admin")
LOGIN = "L"  # a 302 to the login page


class _Rollback(Exception):
    pass


def client_for(user) -> tuple[APIClient, dict[str, str]]:
    """A client logged in as the user (session cookie), and its cookies to restore after every request."""
    client = APIClient()
    if user is not None:
        client.force_login(user)
    return client, {key: morsel.value for key, morsel in client.cookies.items()}


def observed(response) -> str:
    """The status as the table writes it: "L" for a redirect to the login page."""
    status = response.status_code
    if status == 302 and response["Location"].startswith(reverse(settings.LOGIN_URL)):
        return LOGIN
    return str(status)


def send(
    client: APIClient,
    cookies: dict[str, str],
    *,
    method: str,
    url: str,
    body,
    is_api: bool,
    headers: dict | None = None,
):
    """(status, response or the exception). The world is untouched afterwards: the savepoint is rolled back."""
    result: dict = {}
    try:
        with transaction.atomic():
            # This savepoint stands for the test's own transaction (as TestCase's do): a service that insists on a
            # durable block (it commits before it calls a payment provider) would otherwise refuse to run in it.
            transaction.get_connection().atomic_blocks[-1]._from_testcase = True
            try:
                extra = {"headers": headers} if headers else {}
                if method == "GET":
                    response = client.get(url, body or None, **extra)
                elif is_api:
                    payload = json.dumps(body if body is not None else {})
                    response = client.generic(method, url, payload, content_type="application/json", **extra)
                else:
                    response = getattr(client, method.lower())(url, body or {}, **extra)
                result["status"], result["response"] = observed(response), response
            except Exception as error:  # a 500: the test client re-raises what the view raised
                result["status"], result["response"] = "500", error
            raise _Rollback
    except _Rollback:
        pass
    finally:
        # Forget what the request did outside the database: cookies (logout, language), cache (throttles, lockouts).
        client.cookies = SimpleCookie()
        for key, value in cookies.items():
            client.cookies[key] = value
        cache.clear()
    return result["status"], result["response"]
