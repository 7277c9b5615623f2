"""The permission matrix: every route the project serves, for every actor, with the status it must answer.

The table is tests/permission_matrix/table.py; the world it runs against is tests/permission_matrix/world.py.
A route without a row fails `test_every_route_has_a_row`; a status other than the table's fails
`test_permission_matrix` with the full list of differences for that actor.
"""

import pytest
from django.urls import reverse
from rest_framework.throttling import SimpleRateThrottle

from tests.permission_matrix.kwargs import KWARGS
from tests.permission_matrix.routes import all_routes
from tests.permission_matrix.runner import ACTORS, client_for, send
from tests.permission_matrix.table import ROWS
from tests.permission_matrix.world import build_world

ROUTES = {route.name: route for route in all_routes()[0]}
WRITES = {"POST", "PUT", "PATCH", "DELETE"}


def test_every_route_has_a_row():
    """A new endpoint or page without a row in the table fails here, by name."""
    keyed = {(row.name, row.method) for row in ROWS}
    named = {row.name for row in ROWS}
    missing = []
    for route in ROUTES.values():
        if route.name not in named:
            missing.append(f"{route.name} ({route.pattern})")
            continue
        if route.is_api:
            missing += [
                f"{route.name} {method} ({route.pattern})"
                for method in route.methods
                if method in WRITES and (route.name, method) not in keyed
            ]
    stale = sorted(name for name in named if name not in ROUTES)
    assert not missing, "routes without a row in tests/permission_matrix/table.py:\n" + "\n".join(missing)
    assert not stale, f"rows for routes that no longer exist: {stale}"
    assert len(keyed) == len(ROWS), "two rows for the same (name, method)"


@pytest.mark.django_db
@pytest.mark.parametrize("actor", ACTORS)
def test_permission_matrix(actor, monkeypatch):
    monkeypatch.setattr(SimpleRateThrottle, "allow_request", lambda self, request, view: True)
    world = build_world()
    client, cookies = client_for(world.actor(actor))
    differences = []
    for row in ROWS:
        route = ROUTES[row.name]
        url = reverse(row.name, kwargs=KWARGS.get(row.name, lambda w: {})(world))
        body = row.body(world) if row.body else None
        status, response = send(
            client, cookies, method=row.method, url=url, body=body, is_api=route.is_api, headers=row.headers
        )
        expected = row.expected()[actor]
        if status != expected:
            detail = repr(response) if status == "500" else getattr(response, "content", b"")[:200]
            differences.append(f"{row.name} {row.method} {url}: expected {expected}, got {status} {detail!r}")
        elif row.secret and actor in row.secret[1] and status == "200":
            secret = str(row.secret[0](world))
            if secret in response.content.decode():
                differences.append(f"{row.name} {row.method} {url}: {actor} sees {secret!r} of another village/user")
    assert not differences, f"{actor}: {len(differences)} of {len(ROWS)} rows differ:\n" + "\n".join(differences)
