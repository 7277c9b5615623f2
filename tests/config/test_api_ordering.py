"""Issue 15, item 5: `?ordering=` on every list endpoint of the schema, with each field name and junk, is never a 5xx.

DRF's OrderingFilter, without `ordering_fields`, accepted every serializer field, including the ones read from a
property or a method (`village__label`, `get_status_display`), which the database cannot sort by: a 500.
"""

import pytest
from drf_spectacular.generators import SchemaGenerator
from rest_framework.throttling import SimpleRateThrottle

from tests.factories import AdminFactory, FarmerFactory, OrderLineFactory, ShopFactory, StationFactory

pytestmark = pytest.mark.django_db

# What the outside test sent, and what a client may try: properties, methods, relations, lookups, junk.
JUNK = [
    "village__label",
    "province__label",
    "get_level_display",
    "get_status_display",
    "get_kind_display",
    "label",
    "pk__in",
    "password",
    "owner__password",
    "?",
    "-",
    "__",
    ",",
    "id,,-",
    "nonexistent",
    "-nonexistent",
    "random()",
    "1",
]


def _list_operations(schema: dict) -> list[tuple[str, list[str]]]:
    """(path, the field names of its items) for every GET without path parameters."""
    components = schema["components"]["schemas"]

    def resolve(node: dict) -> dict:
        while "$ref" in node:
            node = components[node["$ref"].split("/")[-1]]
        return node

    operations = []
    for path, item in schema["paths"].items():
        operation = item.get("get")
        if operation is None or "{" in path:
            continue
        content = operation.get("responses", {}).get("200", {}).get("content", {}).get("application/json", {})
        body = resolve(content.get("schema", {}))
        if body.get("type") == "array":
            body = resolve(body.get("items", {}))
        elif "results" in body.get("properties", {}):
            body = resolve(body["properties"]["results"].get("items", {}))
        operations.append((path, sorted(body.get("properties", {}))))
    return operations


@pytest.fixture
def no_throttle(monkeypatch):
    monkeypatch.setattr(SimpleRateThrottle, "allow_request", lambda self, request, view: True)


def test_every_list_endpoint_survives_any_ordering(api_client, no_throttle):
    station = StationFactory()
    farmer = FarmerFactory(home_village=station.village)
    OrderLineFactory(order__shop=ShopFactory(owner=farmer), order__status="paid")
    schema = SchemaGenerator().get_schema(request=None, public=True)
    operations = _list_operations(schema)
    assert len(operations) >= 20, operations
    api_client.raise_request_exception = False  # count a server error as the 500 a client would get
    failures = []
    for user in (None, AdminFactory()):  # the admin reads every list; anonymous, the public ones
        api_client.force_authenticate(user)
        for path, fields in operations:
            for term in [*fields, *JUNK]:
                response = api_client.get(path, {"ordering": term})
                if response.status_code >= 500:
                    failures.append((user and user.role, path, term, response.status_code))
    assert sorted({failure[1:3] for failure in failures}) == []


def test_every_list_view_declares_what_it_orders_by():
    """A list view either has no ordering filter or says which fields it sorts by (never `__all__`)."""
    from rest_framework.filters import OrderingFilter

    from config.api_urls import router

    undeclared = []
    for _prefix, viewset, _basename in router.registry:
        backends = getattr(viewset, "filter_backends", [])
        if not any(issubclass(backend, OrderingFilter) for backend in backends):
            continue
        fields = getattr(viewset, "ordering_fields", None)
        if not fields or fields == "__all__":
            undeclared.append(viewset.__name__)
    assert undeclared == []
