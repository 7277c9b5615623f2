"""Pages of traceability: a manager's batches and labels, the public story a scan opens, the recall list."""

from __future__ import annotations

from django.contrib import messages
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.models import Role
from accounts.permissions import role_required
from accounts.services import client_ip_of, client_key
from core.errors import DomainError
from core.pages import report_domain_error
from shops.batches import selectors as batch_selectors
from shops.batches import services as batch_services
from shops.models import Product, ProductStatus
from shops.selectors import shop_can_manage, shops_managed_by
from traceability import selectors
from traceability.forms import BatchForm, BatchPhotoForm, RecallForm
from traceability.labels_pdf import LABEL_SIZES, labels_pdf

MANAGERS = (Role.FARMER, Role.STATION_OPERATOR)
STORY_CACHE_SECONDS = 300
BATCHES_SHOWN = 100


def _managed_products(user):
    return (
        Product.objects.filter(shop__in=shops_managed_by(user=user))
        .exclude(status=ProductStatus.ARCHIVED)
        .select_related("shop")
        .order_by("shop__name", "name")
    )


def _managed_batch(request, code: str):
    batch = batch_selectors.batch_by_code(code=batch_services.batch_code_normalise(code))
    if batch is None or not shop_can_manage(user=request.user, shop=batch.product.shop):
        raise Http404
    return batch


@role_required(*MANAGERS)
def batch_list(request):
    """My batches (with their scans) and the form to record one."""
    form = BatchForm(request.POST or None, products=_managed_products(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            batch = batch_services.batch_record(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            for field, field_errors in error.fields.items():
                form.add_error(field if field in form.fields else None, field_errors)
        else:
            messages.success(request, _("Batch %(code)s recorded: print its labels.") % {"code": batch.code})
            return redirect("traceability:batch_detail", code=batch.code)
    batches = batch_selectors.batches_for_manager(user=request.user)[:BATCHES_SHOWN]
    return render(request, "traceability/batch_list.html", {"form": form, "batches": batches})


@role_required(*MANAGERS)
def batch_detail(request, code: str):
    batch = _managed_batch(request, code)
    return render(
        request,
        "traceability/batch_detail.html",
        {
            "batch": batch,
            "sizes": list(LABEL_SIZES),
            "photo_form": BatchPhotoForm(),
            "story_url": request.build_absolute_uri(batch.get_absolute_url()),
            "line_count": batch.order_lines.count(),
        },
    )


@require_POST
@role_required(*MANAGERS)
def batch_photo(request, code: str):
    batch = _managed_batch(request, code)
    form = BatchPhotoForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a photo to upload."))
    else:
        try:
            batch_services.batch_photo_add(actor=request.user, batch=batch, upload=form.cleaned_data["image"])
        except DomainError as error:
            report_domain_error(request, error)
        else:
            messages.success(request, _("Photo added: it appears once processed."))
    return redirect("traceability:batch_detail", code=batch.code)


@role_required(*MANAGERS)
def batch_labels(request, code: str, size: str):
    """One A4 page of QR labels of that size, each opening the batch's public story."""
    batch = _managed_batch(request, code)
    if size not in LABEL_SIZES:
        raise Http404
    story_url = request.build_absolute_uri(batch.get_absolute_url())
    response = HttpResponse(labels_pdf(batch=batch, story_url=story_url, size=size), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="taocun-labels-{batch.code}-{size}.pdf"'
    return response


@require_GET
def story(request, code: str):
    """The public page a QR label opens: light (its own small template, no menu, no script), drawn once per
    batch and language for STORY_CACHE_SECONDS; a visit counts one scan (one UPDATE, even on a cache hit), up to
    SCANS_PER_CLIENT per client and hour."""
    code = batch_services.batch_code_normalise(code)
    language = translation.get_language()
    key = f"trace-story:{code}:{language}"
    cached = cache.get(key)
    if cached is None:
        found = selectors.story_for(code=code)
        if found is None:
            raise Http404(_("No batch has this code."))
        html = render_to_string("traceability/story.html", {"story": found, "batch": found.batch}, request=request)
        cached = (found.batch.pk, html)
        cache.set(key, cached, STORY_CACHE_SECONDS)
    batch_id, html = cached
    batch_services.batch_scan_count(batch_id=batch_id, client=client_key(client_ip_of(request)))
    response = HttpResponse(html)
    response["Cache-Control"] = "private, max-age=60"
    return response


@role_required(Role.ADMIN)
def recall(request):
    """An admin traces a batch to every order shipped from it (buyers to contact)."""
    form = RecallForm(request.GET or None)
    batch = lines = None
    if form.is_valid():
        batch = batch_selectors.batch_by_code(code=batch_services.batch_code_normalise(form.cleaned_data["code"]))
        if batch is None:
            form.add_error("code", _("No batch has this code."))
        else:
            lines = list(selectors.batch_recall_lines(batch=batch))
    return render(request, "traceability/recall.html", {"form": form, "batch": batch, "lines": lines})
