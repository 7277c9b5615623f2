"""Cached catalogue answers: a page's product list, the API's anonymous product pages, the suggestions.

Issue 25: with the queries down to three or four, what remained of a catalogue request was Python drawing the
same 20-24 products again for every buyer. The answer to a given query depends only on the catalogue's data,
so it is kept in the cache under a catalogue *version*, and any write to what the catalogue shows (products,
their photos, shops, categories, places, synonyms; services and the orders' stock and sales updates alike)
moves the version on: every older answer stops being read at once and expires by itself.

Concurrent writes: `changed()` moves the version both at once and after the writer's transaction commits. A
reader that took the version before the commit (and so may have read the old rows) stored its answer under a
version that the commit then leaves behind; a reader that takes the version after the commit reads the new
rows. Within the writer's transaction (and in tests, which never commit) the immediate move already hides
older answers. Writes that bypass the ORM (raw SQL, a restored backup) show within TIMEOUT.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.utils.translation import get_language

VERSION_KEY = "shops:catalogue-version"
TIMEOUT = 300  # seconds: the bound on staleness for writes that go around the ORM


def version() -> int:
    current = cache.get(VERSION_KEY)
    if current is None:
        # After a flush or an eviction: a number never used before (answers of earlier versions may survive).
        cache.add(VERSION_KEY, time.time_ns(), None)
        current = cache.get(VERSION_KEY)
    return current


def _move() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # no version yet: the next reader starts one
        version()


def changed(**_signal_kwargs) -> None:
    """The catalogue changed (or will when the current transaction commits): forget every cached answer."""
    _move()
    transaction.on_commit(_move)


def changed_after_commit() -> None:
    """As changed(), for a write that holds hot row locks until its commit (the checkout's stock take): no
    cache round trip while they are held. Only readers inside that transaction could see the change earlier."""
    transaction.on_commit(_move)


def cached(kind: str, key: str, make: Callable[[], Any]) -> Any:
    """`make()`'s answer for `key` (the request's full query) in the current language and catalogue version.

    One cache round trip when the answer is there: the version and the answer are read together, the answer
    stored beside the version it was drawn under and used only while that version is current."""
    digest = hashlib.blake2b(key.encode(), digest_size=16).hexdigest()
    name = f"shops:{kind}:{get_language() or ''}:{digest}"
    found = cache.get_many([VERSION_KEY, name])
    current = found.get(VERSION_KEY)
    if current is None:
        current = version()
    entry = found.get(name)
    if entry is not None and entry[0] == current:
        return entry[1]
    answer = make()
    cache.set(name, (current, answer), TIMEOUT)
    return answer
