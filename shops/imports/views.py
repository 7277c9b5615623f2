"""Pages of the spreadsheet import: upload and templates, the dry run and confirmation, progress, report, photos."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.models import Role
from accounts.permissions import role_required
from core.errors import DomainError
from core.pages import report_domain_error
from core.quantity import unit_name
from core.spreadsheet import csv_stream, xlsx_stream
from shops.imports import services
from shops.imports.models import ImportStatus, ProductImport, RowAction
from shops.imports.sheets import report_header, report_rows, template_csv, template_xlsx
from shops.models import Unit
from shops.selectors import category_choices

IMPORTERS = (Role.FARMER, Role.STATION_OPERATOR)
RECENT_IMPORTS = 10
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class SheetUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Filled-in sheet (.xlsx or .csv)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )


class PhotoZipForm(forms.Form):
    photos = forms.FileField(
        label=gettext_lazy("Photos (.zip)"), widget=forms.ClearableFileInput(attrs={"accept": ".zip"})
    )


def _own_import(request, pk: int, *, rows: bool = True) -> ProductImport:
    product_import = services.product_import_for(actor=request.user, pk=pk, rows=rows)
    if product_import is None:
        raise Http404
    return product_import


@role_required(*IMPORTERS)
def import_list(request):
    """Upload a sheet (its dry run follows), download the templates, see the last imports."""
    form = SheetUploadForm()
    if request.method == "POST":
        form = SheetUploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                product_import = services.product_import_check(actor=request.user, upload=form.cleaned_data["file"])
            except DomainError as error:
                for message in error.fields.get("file", []) or [error.detail]:
                    form.add_error("file", message)
            else:
                return redirect(product_import.get_absolute_url())
    imports = ProductImport.objects.filter(created_by=request.user).defer("rows")[:RECENT_IMPORTS]
    return render(request, "shops/import_list.html", {"form": form, "imports": imports})


@role_required(*IMPORTERS)
def import_template(request, file_format: str):
    """The template in the user's language; the XLSX carries the valid categories, units and villagers."""
    if file_format not in ("xlsx", "csv"):
        raise Http404
    if file_format == "csv":
        response = HttpResponse(template_csv(), content_type="text/csv; charset=utf-8")
    else:
        shops = services.listable_shops(actor=request.user)
        data = template_xlsx(
            categories=[(category.slug, category.label) for category in category_choices()],
            units=[(code, unit_name(code)) for code in Unit.values],
            villagers=[(shop.owner.username, shop.owner.display_name, shop.slug, shop.name) for shop in shops],
        )
        response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="taocun-products.{file_format}"'
    return response


def _rows_shown(product_import: ProductImport) -> list[dict]:
    """Errors first (what the operator has to fix), then the rest in sheet order."""
    rows = product_import.rows
    verdict = "outcome" if product_import.status == ImportStatus.DONE else "action"
    return sorted(rows, key=lambda row: (row.get(verdict) != RowAction.ERROR, row["line"]))


@role_required(*IMPORTERS)
def import_detail(request, pk: int):
    product_import = _own_import(request, pk)
    labels = dict(RowAction.choices)
    verdict = "outcome" if product_import.status == ImportStatus.DONE else "action"
    rows = [
        {**row, "verdict": row.get(verdict) or row.get("action"), "label": labels.get(row.get(verdict), "")}
        for row in _rows_shown(product_import)
    ]
    counts = [(labels[action], product_import.counts.get(action, 0), action) for action in RowAction.values]
    return render(
        request,
        "shops/import_detail.html",
        {
            "import": product_import,
            "rows": rows,
            "counts": counts,
            "photo_form": PhotoZipForm(),
            "has_rows_to_write": any(row["action"] != RowAction.ERROR for row in product_import.rows),
        },
    )


@require_POST
@role_required(*IMPORTERS)
def import_confirm(request, pk: int):
    product_import = _own_import(request, pk)
    try:
        services.product_import_confirm(actor=request.user, product_import=product_import)
    except DomainError as error:
        report_domain_error(request, error)
    return redirect(product_import.get_absolute_url())


@role_required(*IMPORTERS)
def import_progress(request, pk: int):
    """Polled by static/js/import-progress.js while the import runs."""
    product_import = _own_import(request, pk, rows=False)
    return JsonResponse(
        {
            "id": product_import.pk,
            "status": product_import.status,
            "status_display": product_import.get_status_display(),
            "rows_done": product_import.rows_done,
            "rows_total": product_import.rows_total,
            "percent": product_import.percent,
        }
    )


@role_required(*IMPORTERS)
def import_report(request, pk: int, file_format: str):
    """Every row with its verdict and messages; every cell neutralised (core.spreadsheet)."""
    product_import = _own_import(request, pk)
    if file_format not in ("xlsx", "csv"):
        raise Http404
    rows = report_rows(product_import.rows, action_labels=dict(RowAction.choices))
    name = f"taocun-import-{product_import.pk}.{file_format}"
    if file_format == "csv":
        response = StreamingHttpResponse(csv_stream(report_header(), rows), content_type="text/csv; charset=utf-8")
    else:
        response = StreamingHttpResponse(xlsx_stream(report_header(), rows, title=_("Report")), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_POST
@role_required(*IMPORTERS)
def import_photos(request, pk: int):
    product_import = _own_import(request, pk)
    form = PhotoZipForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a .zip of photos."))
        return redirect(product_import.get_absolute_url())
    try:
        result = services.product_import_photos_attach(
            actor=request.user, product_import=product_import, upload=form.cleaned_data["photos"]
        )
    except DomainError as error:
        for message in error.fields.get("photos", []) or [error.detail]:
            messages.error(request, message)
        return redirect(product_import.get_absolute_url())
    messages.success(
        request,
        _("%(added)s photo(s) added, %(skipped)s file(s) matched no row or were already added.")
        % {"added": result["added"], "skipped": result["skipped"]},
    )
    for message in result["errors"][:20]:
        messages.warning(request, message)
    return redirect(product_import.get_absolute_url())
