"""API plumbing shared by every app: one error body, one paginator, role permissions."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import DataError
from django.http import Http404, JsonResponse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import exceptions, filters, pagination, serializers, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from core.errors import DomainError


class PageNumberPagination(pagination.PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 100

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        bounds = {self.page_query_param: {"minimum": 1}, self.page_size_query_param: {"minimum": 1, "maximum": 100}}
        for parameter in parameters:
            parameter["schema"].update(bounds.get(parameter["name"], {}))
        return parameters


class OrderingFilter(filters.OrderingFilter):
    """`?ordering=` by the fields a view lists in `ordering_fields`, and by nothing else.

    DRF's filter, on a view without `ordering_fields`, accepts every serializer field, including the ones read from
    a property or a method (`village__label`, `get_status_display`) that the database cannot sort by: a 500. Here a
    view that declares nothing is not sortable, `__all__` is refused, and unknown terms are dropped (DRF's rule).
    """

    def get_valid_fields(self, queryset, view, context=None):
        declared = getattr(view, "ordering_fields", None)
        if not declared or declared == "__all__":
            return []
        return super().get_valid_fields(queryset, view, context or {})

    def get_schema_operation_parameters(self, view):
        declared = getattr(view, "ordering_fields", None)
        if not declared or declared == "__all__":
            return []
        parameters = super().get_schema_operation_parameters(view)
        names = ", ".join(f"`{name}`" for name in declared)
        parameters[0]["description"] = (
            f"Sort by {names}; a minus sorts downwards (`-{declared[0]}`), commas give several keys. "
            "Other names are ignored."
        )
        return parameters


def _flatten(detail) -> dict | list | str:
    if isinstance(detail, dict):
        return {key: _flatten(value) for key, value in detail.items()}
    if isinstance(detail, list):
        return [str(item) if not isinstance(item, dict | list) else _flatten(item) for item in detail]
    return str(detail)


def exception_handler(exc, context):
    """Every error leaves as `{"code", "detail", "fields"}` with the right status."""
    if isinstance(exc, DomainError):
        return Response(exc.as_dict(), status=exc.status_code)
    if isinstance(exc, OverflowError | DataError):
        # A number too large for the database column (ids, quantities): bad input, not a server fault.
        return Response(
            {"code": "invalid", "detail": str(_("A value is out of range.")), "fields": {}},
            status=status.HTTP_400_BAD_REQUEST,
        )
    if isinstance(exc, DjangoValidationError):
        fields = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        exc = exceptions.ValidationError(fields)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        fields = _flatten(exc.detail)
        if not isinstance(fields, dict):
            fields = {"non_field_errors": fields if isinstance(fields, list) else [fields]}
        response.data = {"code": "invalid", "detail": str(_("Invalid input.")), "fields": fields}
    else:
        codes = exc.get_codes() if isinstance(exc, exceptions.APIException) else "error"
        response.data = {
            "code": codes if isinstance(codes, str) else "error",
            "detail": str(getattr(exc, "detail", exc)),
            "fields": {},
        }
    if response.status_code == status.HTTP_429_TOO_MANY_REQUESTS:
        response.data["code"] = "throttled"
    return response


def _blank_or_email(value: str) -> None:
    # A plain function, not EmailValidator: drf-spectacular would turn that into `format: email`.
    if value:
        EmailValidator(message=_("Enter a valid e-mail address."))(value)


@extend_schema_field({"type": "string", "description": "An e-mail address, or empty.", "maxLength": 254})
class OptionalEmailField(serializers.CharField):
    """An e-mail that may be blank; documented without `format: email`, which an empty string breaks."""

    def __init__(self, **kwargs):
        kwargs.setdefault("allow_blank", True)
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 254)
        super().__init__(**kwargs)
        self.validators.append(_blank_or_email)


def _blank_or_url(value: str) -> None:
    if value:
        URLValidator(message=_("Enter a valid URL."))(value)


@extend_schema_field({"type": "string", "description": "A web address, or empty."})
class OptionalURLField(serializers.CharField):
    """A URL that may be blank; documented without `format: uri`, which an empty string breaks."""

    def __init__(self, **kwargs):
        kwargs.setdefault("allow_blank", True)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.validators.append(_blank_or_url)


def display_of(field: str = "status") -> serializers.CharField:
    """The label of a choice field in the language of the request ("paid" -> "待发货" for zh-hans), shown beside
    the code: clients filter and branch on the code and show the label, as the pages do."""
    return serializers.CharField(source=f"get_{field}_display", read_only=True)


def label_of(source: str, **kwargs) -> serializers.CharField:
    """A reference row's display name in the language of the request (`label`: a category's translated name,
    a place's Chinese name in Chinese), as the pages show it; the stored name stays in the resource itself."""
    return serializers.CharField(source=f"{source}.label", read_only=True, **kwargs)


def api_not_found(request, exception=None):
    """404 for a URL no route matches: JSON under /api/, the HTML page elsewhere."""
    if request.path.startswith("/api/"):
        return JsonResponse({"code": "not_found", "detail": str(_("Not found.")), "fields": {}}, status=404)
    from django.views.defaults import page_not_found

    return page_not_found(request, exception)


def api_server_error(request):
    """500: the same JSON error body under /api/ (clients parse it, not an HTML page), the HTML page elsewhere."""
    if request.path.startswith("/api/"):
        detail = str(
            _("The server met an error. Please try again in a moment; if it happens again, tell your station operator.")
        )
        return JsonResponse({"code": "server_error", "detail": detail, "fields": {}}, status=500)
    from django.views.defaults import server_error

    return server_error(request)
