"""Django's own caches, counting gets, hits and misses in django-prometheus's cache metrics.

(django-prometheus ships the same wrappers, but its Redis module also imports django-redis, which we do not use,
and its local-memory one answers `cached or default`: every falsy value stored (0, an empty set) read as a miss,
so the catalogue's "no open pre-sale" mark queried the database once per card on a server without Redis.)
"""

from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from django_prometheus.cache.metrics import (
    django_cache_get_fail_total,
    django_cache_get_total,
    django_cache_hits_total,
    django_cache_misses_total,
)

_missing = object()


class CountingRedisCache(RedisCache):
    def get(self, key, default=None, version=None):
        django_cache_get_total.labels(backend="redis").inc()
        try:
            value = super().get(key, _missing, version=version)
        except Exception:
            django_cache_get_fail_total.labels(backend="redis").inc()
            raise
        if value is _missing:
            django_cache_misses_total.labels(backend="redis").inc()
            return default
        django_cache_hits_total.labels(backend="redis").inc()
        return value


class CountingLocMemCache(LocMemCache):
    """The zero-setup cache (no REDIS_URL): one process's memory, counted like the Redis one."""

    def get(self, key, default=None, version=None):
        django_cache_get_total.labels(backend="locmem").inc()
        value = super().get(key, _missing, version=version)
        if value is _missing:
            django_cache_misses_total.labels(backend="locmem").inc()
            return default
        django_cache_hits_total.labels(backend="locmem").inc()
        return value
