"""Every URL pattern the project serves, as (url name, HTTP methods) pairs, found by walking the resolver."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver

# Skipped on purpose, by namespace or name:
SKIPPED_NAMESPACES = {
    # Django's own admin site: its permission model (is_staff + model permissions) is Django's, tested upstream;
    # the matrix checks the one entry point (admin:index) instead.
    "admin",
}
SKIPPED_PATTERNS = {
    # DEBUG-only static file serving of uploads (never in production, where the web server serves /media/).
    "django.views.static.serve",
}
PAGE_METHODS = ("GET", "POST")


@dataclass(frozen=True)
class Route:
    name: str
    pattern: str
    methods: tuple[str, ...]  # for a DRF viewset route: its actions' methods; for a page: GET and POST
    is_api: bool


def _walk(patterns, prefix: str = "", namespace: str | None = None):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), namespace, entry


def all_routes() -> tuple[list[Route], list[str]]:
    """(routes, skipped descriptions). Format-suffix twins (`.json`) share their route's name and view."""
    routes: dict[str, Route] = {}
    skipped: list[str] = []
    for pattern, namespace, entry in _walk(get_resolver().url_patterns):
        callback = entry.callback
        dotted = f"{callback.__module__}.{callback.__name__}"
        top = (namespace or "").split(":")[0]
        if top in SKIPPED_NAMESPACES and entry.name != "index":
            skipped.append(f"{namespace}:{entry.name} ({pattern})")
            continue
        if dotted in SKIPPED_PATTERNS:
            skipped.append(f"{dotted} ({pattern})")
            continue
        name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
        assert name, f"URL pattern {pattern!r} has no name: the matrix keys routes by name"
        actions = getattr(callback, "actions", None)
        is_api = pattern.startswith("api/")
        if actions:
            methods = tuple(sorted({method.upper() for method in actions}))
        elif is_api:
            view_class = getattr(callback, "cls", None) or getattr(callback, "view_class", None)
            methods = tuple(
                method.upper()
                for method in ("get", "post", "put", "patch", "delete")
                if view_class is not None and hasattr(view_class, method)
            )
        else:
            methods = PAGE_METHODS
        previous = routes.get(name)
        if previous is not None:
            methods = tuple(sorted(set(previous.methods) | set(methods)))
            pattern = previous.pattern
        routes[name] = Route(name=name, pattern=pattern, methods=methods, is_api=is_api)
    return sorted(routes.values(), key=lambda route: route.name), skipped
