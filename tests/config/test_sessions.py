"""Sessions for a stateless web tier (REDIS_URL): read from the shared cache, written through to the database, so
any web process serves any request and a cache restart logs nobody out."""

import pytest
from django.core.cache import cache
from django.test import Client

from tests.factories import FarmerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cached_db_sessions(settings):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"


def _queries(client, path: str) -> list[str]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(path)  # warm: first-request work (content types, throttles) is not the point
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return [query["sql"] for query in captured.captured_queries]


def test_a_signed_in_request_reads_the_session_from_the_cache_not_the_database(settings, client):
    from django.contrib.sessions.models import Session

    user = FarmerFactory()
    client.force_login(user)
    from_database = _queries(client, "/api/me/")
    assert any("django_session" in sql for sql in from_database)

    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    web = Client()  # another web process: its middleware loads the engine afresh
    web.force_login(user)
    assert Session.objects.filter(session_key=web.session.session_key).exists()  # written through
    from_cache = _queries(web, "/api/me/")
    assert not any("django_session" in sql for sql in from_cache)
    assert len(from_cache) == len(from_database) - 1


def test_a_session_survives_the_cache_being_emptied(cached_db_sessions, client):
    user = FarmerFactory()
    client.force_login(user)
    cache.clear()  # Redis restarted, or another web process with a cold cache
    assert client.get("/api/me/").json()["username"] == user.username
