"""Pages: the public catalogue, shop pages, and the management pages of farmers and station operators."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import Role
from accounts.permissions import role_required
from core.errors import DomainError, NotPermitted
from core.pages import report_domain_error
from core.quantity import format_quantity
from shops import catalogue_cache, review_selectors, selectors, services
from shops.filters import ProductFilter
from shops.forms import (
    PhotoUploadForm,
    ProductForm,
    ShopEditForm,
    ShopOpenForm,
    StockAdjustForm,
    variant_formset,
)
from shops.models import Product, ProductImage, Shop
from shops.photos import MAX_PHOTOS_PER_PRODUCT
from villages.models import Village
from villages.selectors import station_for_operator, user_operates_village

REVIEWS_SHOWN = 10  # the newest, photos first; the API pages through all of them

PRODUCTS_PER_PAGE = 20  # two or four whole rows; a page of photos stays within the slow-link budget
MANAGERS = (Role.FARMER, Role.STATION_OPERATOR)


def _form_errors(form, error: DomainError) -> None:
    """Show a service's refusal on the form: per field where it names one, at the top otherwise."""
    if not error.fields:
        form.add_error(None, error.detail)
    for field, field_errors in error.fields.items():
        form.add_error(field if field in form.fields else None, field_errors)


def _managed_shop(request, slug: str) -> Shop:
    shop = get_object_or_404(Shop.objects.select_related("village__township__county"), slug=slug)
    if not selectors.shop_can_manage(user=request.user, shop=shop):
        raise PermissionDenied
    return shop


def _managed_product(request, pk: int):
    product = get_object_or_404(Product.objects.select_related("shop__village__township__county", "category"), pk=pk)
    if not selectors.shop_can_manage(user=request.user, shop=product.shop):
        raise PermissionDenied
    return product


# --- public


def catalogue(request):
    """Every published product: search, filters, sort and pages; the same filters as /api/products/.

    The page but its frame (menu, messages, language form) depends only on the query and the catalogue's
    data, so it is drawn once per query and catalogue version (shops.catalogue_cache): a hit runs no query."""

    def content() -> str:
        product_filter = ProductFilter(request.GET or None, queryset=selectors.product_list_public())
        products = product_filter.qs if product_filter.is_bound else selectors.product_list()
        page = selectors.CappedPaginator(products, PRODUCTS_PER_PAGE).get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        active_filters = sum(1 for key, value in request.GET.items() if value and key not in ("q", "sort", "page"))
        context = {
            "filter": product_filter,
            "page": page,
            "query": query.urlencode(),
            "form": product_filter.form,
            "selects": product_filter.selects(),
            "active_filters": active_filters,
        }
        return render_to_string("shops/_catalogue_content.html", context)

    drawn = catalogue_cache.cached("page", request.GET.urlencode(), content)
    return render(request, "shops/catalogue.html", {"content": mark_safe(drawn)})  # noqa: S308 (our own drawing)


def product_detail(request, pk: int):
    product = selectors.product_detail(pk=pk, user=request.user)
    if product is None:
        raise Http404
    images = list(product.images.all())
    can_manage = selectors.shop_can_manage(user=request.user, shop=product.shop)
    reviews = list(review_selectors.reviews_visible(product_id=product.pk)[:REVIEWS_SHOWN])
    return render(
        request,
        "shops/product_detail.html",
        {"product": product, "images": images, "can_manage": can_manage, "shop": product.shop, "reviews": reviews},
    )


def shop_detail(request, slug: str):
    shop = selectors.shop_list_visible(user=request.user).filter(slug=slug).first()
    if shop is None:
        raise Http404
    products = selectors.product_list(shop_id=shop.pk, sort=request.GET.get("sort", "newest"))
    page = selectors.CappedPaginator(products, PRODUCTS_PER_PAGE).get_page(request.GET.get("page"))
    can_manage = selectors.shop_can_manage(user=request.user, shop=shop)
    reviews = list(review_selectors.reviews_visible(shop_id=shop.pk)[:REVIEWS_SHOWN])
    return render(
        request, "shops/shop_detail.html", {"shop": shop, "page": page, "can_manage": can_manage, "reviews": reviews}
    )


# --- farmers and operators


def _manage_list(request, *, shops, title: str, village=None):
    shops = list(shops)
    products = list(selectors.products_for_manager(shop_ids=[shop.pk for shop in shops]))
    by_shop: dict[int, list] = {}
    for product in products:
        by_shop.setdefault(product.shop_id, []).append(product)
    for shop in shops:
        shop.managed_products = by_shop.get(shop.pk, [])
    return render(request, "shops/manage_list.html", {"shops": shops, "title": title, "village": village})


@role_required(*MANAGERS)
def my_shops(request):
    """A farmer's shops (and the ones they are a cooperative member of), each with its products."""
    if request.user.is_operator:
        return redirect("shops:station_shops")
    shops = selectors.shop_list_for_manager(user=request.user)
    if request.user.is_admin:
        shops = shops.filter(owner=request.user)
    return _manage_list(request, shops=shops, title=_("My shops"))


@role_required(Role.STATION_OPERATOR)
def station_shops(request):
    """The operator's entry point: the shops of the village they operate."""
    station = station_for_operator(user=request.user)
    if station is None:
        messages.warning(request, _("You do not run a station yet."))
        return redirect("home")
    return redirect("shops:village_shops", village_id=station.village_id)


@role_required(Role.STATION_OPERATOR)
def village_shops(request, village_id: int):
    village = get_object_or_404(Village.objects.select_related("township__county"), pk=village_id)
    if not (request.user.is_admin or user_operates_village(user=request.user, village_id=village.pk)):
        raise PermissionDenied
    shops = selectors.shop_list_for_manager(user=request.user, village_id=village.pk)
    return _manage_list(
        request, shops=shops, title=_("Shops of %(village)s") % {"village": village.label}, village=village
    )


@role_required(*MANAGERS)
def shop_open(request):
    village = None
    village_id = request.GET.get("village") or request.POST.get("village")
    if not request.user.is_farmer and village_id and str(village_id).isdigit():
        village = get_object_or_404(Village, pk=village_id)
        if not (request.user.is_admin or user_operates_village(user=request.user, village_id=village.pk)):
            raise PermissionDenied
    if request.user.is_operator and village is None:
        station = station_for_operator(user=request.user)
        village = station.village if station else None
    form = ShopOpenForm(request.POST or None, user=request.user, village_id=village.pk if village else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            shop = services.shop_open(
                actor=request.user,
                owner=data.get("owner") or request.user,
                name=data["name"],
                description=data["description"],
                channels=[channel.code for channel in data["channels"]],
                is_cooperative=data["is_cooperative"],
            )
        except NotPermitted as error:
            raise PermissionDenied(error.detail) from error
        except DomainError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("The shop “%(name)s” is open.") % {"name": shop.name})
            return redirect("shops:product_create", slug=shop.slug)
    return render(request, "shops/shop_open.html", {"form": form, "village": village})


@role_required(*MANAGERS)
def shop_edit(request, slug: str):
    shop = _managed_shop(request, slug)
    initial = {"name": shop.name, "description": shop.description, "channels": list(shop.channels.all())}
    form = ShopEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.shop_update(
                actor=request.user,
                shop=shop,
                name=data["name"],
                description=data["description"],
                channels=[channel.code for channel in data["channels"]],
            )
        except DomainError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("Shop details saved."))
            return redirect(shop.get_absolute_url())
    return render(request, "shops/shop_edit.html", {"form": form, "shop": shop})


@role_required(*MANAGERS)
def product_create(request, slug: str):
    shop = _managed_shop(request, slug)
    form = ProductForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        photos = data.pop("photos") or []
        publish = data.pop("publish")
        if len(photos) > MAX_PHOTOS_PER_PRODUCT:
            form.add_error("photos", _("At most %(max)s photos.") % {"max": MAX_PHOTOS_PER_PRODUCT})
        else:
            try:
                # Product and photos together: a refused photo leaves no half-listed product behind.
                with transaction.atomic():
                    product = services.product_create(actor=request.user, shop=shop, publish=publish, **data)
                    for photo in photos:
                        try:
                            services.product_image_add(actor=request.user, product=product, upload=photo)
                        except DomainError as error:
                            error.fields = {"photos": [f"{photo.name}: {m}" for m in error.fields.get("image", [])]}
                            raise
            except DomainError as error:
                _form_errors(form, error)
            else:
                if publish:
                    message = _("“%(name)s” is published: buyers see it in the catalogue.")
                else:
                    message = _("“%(name)s” is saved as a draft: buyers do not see it until you publish it.")
                messages.success(request, message % {"name": product.name})
                return redirect("shops:product_edit", pk=product.pk)
    return render(request, "shops/product_form.html", {"form": form, "shop": shop, "product": None})


@role_required(*MANAGERS)
def product_edit(request, pk: int):
    product = _managed_product(request, pk)
    form = ProductForm(request.POST or None, instance=product, editing=True)
    if request.method == "POST" and form.is_valid():
        try:
            services.product_update(actor=request.user, product=product, **form.cleaned_data)
        except DomainError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("shops:product_edit", pk=product.pk)
    return _edit_page(request, product, form=form)


def _edit_page(request, product: Product, *, form=None, options_formset=None):
    product.refresh_from_db()
    product.__dict__.pop("options", None)  # read again: an option may have just changed
    return render(
        request,
        "shops/product_form.html",
        {
            "form": form or ProductForm(instance=product, editing=True),
            "shop": product.shop,
            "product": product,
            "images": product.images.order_by("position", "pk"),
            "photo_form": PhotoUploadForm(),
            "stock_form": StockAdjustForm(product=product),
            "options_formset": options_formset or variant_formset(product),
            "max_photos": MAX_PHOTOS_PER_PRODUCT,
        },
    )


@require_POST
@role_required(*MANAGERS)
def product_options(request, pk: int):
    """Add, change, reorder ("Order" numbers) and retire ("On sale" unticked) the product's options at once."""
    product = _managed_product(request, pk)
    formset = variant_formset(product, request.POST)
    if formset.is_valid():
        rows = [(form.cleaned_data.get("position") or 999, index, form) for index, form in enumerate(formset)]
        rows = [(position, index, form, form.option()) for position, index, form in sorted(rows, key=lambda r: r[:2])]
        rows = [row for row in rows if row[3] is not None]
        try:
            services.product_variants_save(actor=request.user, product=product, variants=[row[3] for row in rows])
        except DomainError as error:
            for field, field_errors in error.fields.items():
                parts = field.split(".")
                if len(parts) == 3 and parts[1].isdigit() and int(parts[1]) < len(rows):
                    form = rows[int(parts[1])][2]
                    form.add_error(parts[2] if parts[2] in form.fields else None, field_errors)
                else:
                    formset._non_form_errors = formset.error_class(field_errors)
            if not error.fields:
                formset._non_form_errors = formset.error_class([error.detail])
        else:
            messages.success(request, _("Options saved."))
            return redirect("shops:product_edit", pk=product.pk)
    return _edit_page(request, product, options_formset=formset)


@require_POST
@role_required(*MANAGERS)
def product_stock(request, pk: int):
    product = _managed_product(request, pk)
    form = StockAdjustForm(request.POST, product=product)
    if form.is_valid():
        try:
            product = services.product_stock_adjust(
                actor=request.user,
                product=product,
                delta=form.cleaned_data["delta"],
                variant=form.cleaned_data.get("variant"),
            )
        except DomainError as error:
            messages.error(request, " ".join(sum(error.fields.values(), [])) or error.detail)
        else:
            messages.success(
                request,
                _("Stock is now %(stock)s.") % {"stock": format_quantity(product.stock, product.unit)},
            )
    else:
        messages.error(request, _("Choose add or remove, and enter a quantity, for example 5 or 1.5."))
    return _back(request, "shops:product_edit", pk=pk)


MOVES = {
    "publish": services.product_publish,
    "unpublish": services.product_unpublish,
    "archive": services.product_archive,
}


@require_POST
@role_required(*MANAGERS)
def product_move(request, pk: int, move: str):
    if move not in MOVES:
        raise Http404
    product = _managed_product(request, pk)
    try:
        MOVES[move](actor=request.user, product=product)
    except DomainError as error:
        report_domain_error(request, error)
    else:
        labels = {
            "publish": _("“%(name)s” is now in the catalogue."),
            "unpublish": _("“%(name)s” is back to draft: buyers no longer see it."),
            "archive": _("“%(name)s” is archived."),
        }
        messages.success(request, labels[move] % {"name": product.name})
    return _back(request, "shops:product_edit", pk=pk)


def _back(request, fallback: str, **kwargs):
    target = request.POST.get("next", "")
    if target.startswith("/") and not target.startswith("//"):
        return redirect(target)
    return redirect(fallback, **kwargs)


@require_POST
@role_required(*MANAGERS)
def photo_upload(request, pk: int):
    product = _managed_product(request, pk)
    form = PhotoUploadForm(request.POST, request.FILES)
    photos = form.cleaned_data["photos"] if form.is_valid() else []
    if not photos:
        messages.error(request, _("Choose a photo to upload."))
    added = 0
    for photo in photos:
        try:
            services.product_image_add(actor=request.user, product=product, upload=photo)
        except DomainError as error:
            messages.error(request, f"{photo.name}: {' '.join(error.fields.get('image', [error.detail]))}")
        else:
            added += 1
    if added:
        messages.success(request, _("%(count)s photo(s) added.") % {"count": added})
    return redirect("shops:product_edit", pk=pk)


@require_POST
@role_required(*MANAGERS)
def photo_action(request, pk: int, image_id: int, action: str):
    product = _managed_product(request, pk)
    image = get_object_or_404(ProductImage, pk=image_id, product=product)
    try:
        if action == "delete":
            services.product_image_delete(actor=request.user, image=image)
            messages.success(request, _("Photo removed."))
        elif action in ("up", "down"):
            services.product_image_move(actor=request.user, image=image, offset=-1 if action == "up" else 1)
        else:
            raise Http404
    except DomainError as error:
        report_domain_error(request, error)
    return redirect("shops:product_edit", pk=pk)


@login_required
def manage_redirect(request):
    """Where "My shops" leads each role."""
    if request.user.is_operator:
        return redirect("shops:station_shops")
    return redirect("shops:my_shops")
