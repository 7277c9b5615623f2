"""Extension points: an app adds to what another app serves without either importing the other.

`GET /api/villages/{id}/stats/` belongs to insights; certification adds the village's live standing to it by
registering a function here in its AppConfig.ready() (certification and insights never import each other).
"""

from __future__ import annotations

from collections.abc import Callable

# Each takes (village, user) and returns keys to add to the village's stats.
village_stats_extras: list[Callable] = []


def register_village_stats_extra(function: Callable) -> Callable:
    if function not in village_stats_extras:
        village_stats_extras.append(function)
    return function
