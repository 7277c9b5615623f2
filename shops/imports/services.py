"""Use cases of a spreadsheet import: check (dry run, nothing written), confirm, run (the Celery task), photos.

Who may list for whom is the same rule as a single listing (shops.selectors.shops_managed_by): a farmer for
their own shops, an operator for the shops of the village they run. The dry run resolves every row against
that list once (a constant number of queries whatever the rows); the run plans each row again against the
database of the moment, then writes it in a transaction of its own through the services a page uses
(product_create, product_update, product_publish), so every rule of a single listing holds, and a row is
either written whole or not at all. A row key (the sheet's, or the product name) ties a row to the product it
made: the same file uploaded twice updates nothing the second time.
"""

from __future__ import annotations

import datetime
import os
import time
import zipfile
import zlib
from collections import Counter
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from core.errors import DomainError, NotPermitted, RateLimited, ValidationFailed
from core.quantity import unit_name
from shops import services as shop_services
from shops.imports.columns import NO, YES
from shops.imports.models import ImportStatus, ProductImport, ProductImportKey, RowAction
from shops.imports.sheets import sheet_read
from shops.models import Category, Product, ProductStatus, Shop, ShopStatus, Unit
from shops.photos import ALLOWED_EXTENSIONS, MAX_UPLOAD_BYTES
from shops.selectors import category_choices, shops_managed_by, unit_price_bounds

WRITES_PER_COMMIT = 25  # written rows per transaction, saved with the progress and their outcomes
ROWS_PER_COMMIT = 500  # rows per transaction at most (the progress bar moves at least this often)
RUN_LOCK_SECONDS = 300
MAX_ZIP_BYTES = 80 * 1024 * 1024  # the proxy's limit on photo forms (deploy/nginx: 81m)
MAX_ZIP_ENTRIES = 1000
MAX_ZIP_UNPACKED = 400 * 1024 * 1024
COMPARED_FIELDS = (
    "category",
    "name",
    "description",
    "unit",
    "unit_price",
    "order_step",
    "order_minimum",
    "is_local_specialty",
    "produced_on",
    "shelf_life_days",
)


# --- who may import, for whom


def import_may_use(user) -> bool:
    return user.is_authenticated and (user.is_farmer or user.is_operator)


def _require_importer(actor: User) -> None:
    if not import_may_use(actor):
        raise NotPermitted(_("Only farmers and station operators list products from a spreadsheet."))


def listable_shops(*, actor: User) -> list[Shop]:
    """The shops this person may list in: a farmer's own (and cooperatives'), an operator's village's (one query)."""
    if not import_may_use(actor):
        return []
    return list(
        shops_managed_by(user=actor)
        .exclude(status=ShopStatus.CLOSED)
        .select_related("owner")
        .order_by("owner__username", "name", "pk")
    )


def import_allowance_take(actor: User) -> None:
    """Count one upload against the person's hourly allowance (SHOPS_IMPORTS_PER_HOUR); refuse beyond it."""
    limit = settings.SHOPS_IMPORTS_PER_HOUR
    key = f"product-imports:{actor.pk}:{int(time.time() // 3600)}"
    cache.add(key, 0, timeout=3600)
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=3600)
        count = 1
    if count > limit:
        message = _("You have sent %(limit)s sheets in the last hour: wait a while before sending more.") % {
            "limit": limit
        }
        raise RateLimited(message, fields={"file": [message]})


# --- planning a row


class _Context:
    """What every row is checked against, read once for the whole sheet."""

    def __init__(self, actor: User):
        self.actor = actor
        self.shops = listable_shops(actor=actor)
        self.by_villager: dict[str, list[Shop]] = {}
        for shop in self.shops:
            self.by_villager.setdefault(shop.owner.username.casefold(), []).append(shop)
        self.by_slug = {shop.slug: shop for shop in self.shops}
        categories = list(category_choices())
        self.units: dict[str, str] = {}
        self.categories: dict[str, Category] = {}
        for category in categories:
            self.categories[category.slug.casefold()] = category
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                for category in categories:
                    self.categories.setdefault(category.label.casefold(), category)
                for code, label in Unit.choices:
                    self.units[code] = code
                    for name in (str(label), unit_name(code)):
                        self.units.setdefault(name.casefold(), code)
        self.bounds = unit_price_bounds()
        keys = ProductImportKey.objects.filter(shop__in=self.shops).select_related("product")
        self.keys = {(row.shop_id, row.key): row.product for row in keys}


def row_key(values: dict) -> str:
    """The row's key: the sheet's, else the product's name (so a sheet without keys is idempotent too)."""
    key = (values.get("key") or "").strip()
    return (key or "name:" + " ".join((values.get("name") or "").split()).casefold())[:64]


def _yes_no(value: str, *, field: str, errors: dict) -> bool | None:
    text = (value or "").strip().casefold()
    if text in YES:
        return True
    if text in NO:
        return False if text else None
    errors[field] = [_("Write yes or no.")]
    return None


def _date(value: str, errors: dict) -> datetime.date | None:
    text = (value or "").strip()
    if not text:
        return None
    try:
        return datetime.date.fromisoformat(text[:10].replace("/", "-"))
    except ValueError:
        errors["produced_on"] = [_("Write the date as YYYY-MM-DD.")]
        return None


def _plan(values: dict, context: _Context) -> dict:
    """What this row would do now: {"action", "errors", "shop", "product", "fields", "publish", "stock"}."""
    errors: dict[str, list[str]] = {}
    plan = {"action": RowAction.ERROR, "errors": [], "shop": None, "product": None}
    actor = context.actor

    villager = (values.get("villager") or "").strip().casefold()
    if not villager and actor.is_farmer:
        villager = actor.username.casefold()
    shops = context.by_villager.get(villager, [])
    shop = None
    if not villager:
        errors["villager"] = [_("Name the villager (their user name, from the Villagers sheet).")]
    elif not shops:
        errors["villager"] = [_("Unknown villager, or not one you may list for: %(name)s.") % {"name": villager}]
    else:
        slug = (values.get("shop") or "").strip()
        if slug:
            shop = context.by_slug.get(slug)
            if shop is None or shop not in shops:
                errors["shop"] = [_("This villager has no shop at this address: %(slug)s.") % {"slug": slug}]
                shop = None
        elif len(shops) == 1:
            shop = shops[0]
        else:
            errors["shop"] = [_("This villager has several shops: give the shop's address.")]

    category = context.categories.get((values.get("category") or "").strip().casefold())
    if category is None:
        errors["category"] = [_("Unknown category: choose one from the Categories sheet.")]
    unit = context.units.get((values.get("unit") or "").strip().casefold())
    if unit is None:
        errors["unit"] = [_("Unknown unit: choose one from the Units sheet.")]
    raw = {
        "name": values.get("name", ""),
        "unit_price": values.get("unit_price", ""),
    }
    for optional in ("order_step", "order_minimum", "stock"):
        if (values.get(optional) or "").strip():
            raw[optional] = values[optional]
    if "order_step" in raw and "order_minimum" not in raw:
        raw["order_minimum"] = raw["order_step"]
    if (values.get("description") or "").strip():
        raw["description"] = values["description"]
    if (values.get("shelf_life_days") or "").strip():
        raw["shelf_life_days"] = values["shelf_life_days"]
    produced_on = _date(values.get("produced_on", ""), errors)
    if produced_on:
        raw["produced_on"] = produced_on
    specialty = _yes_no(values.get("local_specialty", ""), field="local_specialty", errors=errors)
    if specialty is not None:
        raw["is_local_specialty"] = specialty
    publish = _yes_no(values.get("publish", ""), field="publish", errors=errors)
    try:
        clean = shop_services._product_values_check(raw)
    except ValidationFailed as exc:
        for field, messages in exc.fields.items():
            errors.setdefault(field, []).extend(messages)
        clean = {}
    if not errors:
        step = clean.get("order_step", Decimal("1"))
        minimum = clean.get("order_minimum", step)
        for check in (
            lambda: shop_services._step_rule_check(order_step=step, order_minimum=minimum),
            lambda: shop_services.unit_price_check(unit=unit, price=clean["unit_price"], bounds=context.bounds),
        ):
            try:
                check()
            except ValidationFailed as exc:
                for field, messages in exc.fields.items():
                    errors.setdefault(field, []).extend(messages)
    if errors:
        plan["errors"] = [message for messages in errors.values() for message in messages]
        return plan

    clean["category"] = category
    clean["unit"] = unit
    stock = clean.pop("stock", None)
    plan.update(shop=shop, fields=clean, publish=publish, stock=stock)
    product = context.keys.get((shop.pk, row_key(values)))
    if product is None:
        plan["action"] = RowAction.CREATE
        return plan
    plan["product"] = product
    if product.status == ProductStatus.ARCHIVED:
        plan["action"] = RowAction.ERROR
        plan["errors"] = [_("This row's product is archived: restore it as a draft first.")]
        return plan
    # The category by id: reading product.category would cost a query per row.
    current = {field: getattr(product, "category_id" if field == "category" else field) for field in clean}
    wanted = {field: value.pk if field == "category" else value for field, value in clean.items()}
    changes = {field: clean[field] for field in clean if current[field] != wanted[field]}
    plan["changes"] = changes
    publishes = publish is True and product.status == ProductStatus.DRAFT
    plan["action"] = RowAction.UPDATE if changes or publishes else RowAction.UNCHANGED
    return plan


# --- check, confirm, run


def _counts(rows: list[dict], field: str) -> dict:
    return dict(Counter(row.get(field) or row.get("action") for row in rows))


@transaction.atomic
def product_import_check(*, actor: User, upload) -> ProductImport:
    """Read the sheet and say per row what the import would do (the dry run): nothing but the check is stored."""
    _require_importer(actor)
    import_allowance_take(actor)
    sheet_rows = sheet_read(upload)
    context = _Context(actor)
    seen: dict[tuple[int, str], int] = {}
    rows = []
    for sheet_row in sheet_rows:
        row = {"line": sheet_row.line, "key": row_key(sheet_row.values), "values": sheet_row.values}
        if sheet_row.errors:
            row.update(action=RowAction.ERROR, errors=sheet_row.errors)
        else:
            plan = _plan(sheet_row.values, context)
            row.update(action=plan["action"], errors=plan["errors"])
            if plan["shop"] is not None:
                where = (plan["shop"].pk, row["key"])
                if where in seen:
                    row.update(
                        action=RowAction.ERROR,
                        errors=[_("Same row key as line %(line)s: give each row its own key.") % {"line": seen[where]}],
                    )
                else:
                    seen[where] = sheet_row.line
            if plan.get("product") is not None:
                row["product"] = plan["product"].pk
        rows.append(row)
    return ProductImport.objects.create(
        created_by=actor,
        file_name=os.path.basename(getattr(upload, "name", "") or "")[:200],
        rows=rows,
        rows_total=len(rows),
        counts=_counts(rows, "action"),
    )


def product_import_for(*, actor: User, pk: int, rows: bool = True) -> ProductImport | None:
    """An import its author may see (nobody else: it names villagers and prices); rows=False leaves the rows
    (up to a few MB of JSON) in the database: the progress poll needs only the counters."""
    if not actor.is_authenticated:
        return None
    imports = ProductImport.objects.filter(pk=pk, created_by=actor)
    return (imports if rows else imports.defer("rows")).first()


@transaction.atomic
def product_import_confirm(*, actor: User, product_import: ProductImport) -> ProductImport:
    """The operator read the dry run and confirms: queue the import (once, however often they press)."""
    from shops.tasks import product_import_run

    if product_import.created_by_id != actor.pk:
        raise NotPermitted(_("Only who uploaded the sheet may confirm it."))
    moved = ProductImport.objects.filter(pk=product_import.pk, status=ImportStatus.CHECKED).update(
        status=ImportStatus.QUEUED
    )
    product_import.refresh_from_db()
    if moved:
        transaction.on_commit(lambda: product_import_run.delay(product_import.pk))
    return product_import


class ImportBusy(Exception):
    """Another worker is running this import now (a task delivered twice): try again later."""


def product_import_run(*, import_id: int) -> ProductImport | None:
    """Write the confirmed rows, each in its own transaction, saving the progress as it goes; safe to run twice.

    One worker at a time per import (a lock in the shared cache, renewed at each progress save and expiring
    RUN_LOCK_SECONDS after a worker died): a second delivery of the task raises ImportBusy and is retried later,
    then finds the import done, or resumes it from rows_done."""
    lock = f"product-import-run:{import_id}"
    if not cache.add(lock, 1, timeout=RUN_LOCK_SECONDS):
        raise ImportBusy(import_id)
    try:
        return _import_run(import_id=import_id, lock=lock)
    finally:
        cache.delete(lock)


def _import_run(*, import_id: int, lock: str) -> ProductImport | None:
    claimed = ProductImport.objects.filter(pk=import_id, status__in=[ImportStatus.QUEUED, ImportStatus.RUNNING]).update(
        status=ImportStatus.RUNNING, started_at=timezone.now()
    )
    product_import = ProductImport.objects.select_related("created_by").filter(pk=import_id).first()
    if not claimed or product_import is None:
        return product_import
    actor = product_import.created_by
    rows = product_import.rows
    with translation.override(actor.preferred_language or settings.LANGUAGE_CODE):
        context = _Context(actor)
        # A chunk of rows and the progress that records them commit together: one commit (one WAL flush) and one
        # save of the outcomes per chunk instead of per row, each written row still in a savepoint of its own
        # (whole or not at all), and a worker that dies loses a whole chunk, never rows written but not recorded.
        # A chunk holds at most WRITES_PER_COMMIT written rows: each takes two savepoints, and PostgreSQL slows
        # every session's snapshots down once a transaction holds more than 64 subtransactions; rows that write
        # nothing (unchanged, errors) take none, so a re-upload commits every ROWS_PER_COMMIT rows.
        index = start = product_import.rows_done
        while index < len(rows):
            writes = 0
            with transaction.atomic():
                while index < len(rows) and writes < WRITES_PER_COMMIT and index - start < ROWS_PER_COMMIT:
                    row = rows[index]
                    if row.get("action") == RowAction.ERROR:
                        row["outcome"] = RowAction.ERROR
                    elif _row_apply(row, context):
                        writes += 1
                    index += 1
                ProductImport.objects.filter(pk=import_id).update(rows_done=index, rows=rows)
            start = index
            cache.touch(lock, RUN_LOCK_SECONDS)
        ProductImport.objects.filter(pk=import_id).update(
            rows=rows,
            rows_done=len(rows),
            status=ImportStatus.DONE,
            finished_at=timezone.now(),
            counts=_counts(rows, "outcome"),
        )
    product_import.refresh_from_db()
    return product_import


def _row_apply(row: dict, context: _Context) -> bool:
    """Plan the row again against the database of now, then write it whole or not at all; True if it tried to
    write (a savepoint was taken)."""
    plan = _plan(row["values"], context)
    if plan["action"] in (RowAction.ERROR, RowAction.UNCHANGED):
        row["outcome"] = plan["action"]
        if plan["action"] == RowAction.ERROR:
            row["errors"] = plan["errors"]
        else:
            row["product"] = plan["product"].pk
        return False
    try:
        with transaction.atomic():
            if plan["action"] == RowAction.CREATE:
                product = shop_services.product_create(
                    actor=context.actor,
                    shop=plan["shop"],
                    stock=plan["stock"] if plan["stock"] is not None else Decimal("0"),
                    publish=bool(plan["publish"]),
                    **plan["fields"],
                )
                ProductImportKey.objects.create(shop=plan["shop"], key=row["key"], product=product)
                context.keys[(plan["shop"].pk, row["key"])] = product
                row["product"] = product.pk
            elif plan["action"] == RowAction.UPDATE:
                product = plan["product"]
                if plan["changes"]:
                    product = shop_services.product_update(actor=context.actor, product=product, **plan["changes"])
                if plan["publish"] is True and product.status == ProductStatus.DRAFT:
                    product = shop_services.product_publish(actor=context.actor, product=product)
                context.keys[(plan["shop"].pk, row["key"])] = product
                row["product"] = product.pk
            row["outcome"] = plan["action"]
    except DomainError as error:
        row["outcome"] = RowAction.ERROR
        row["errors"] = [error.detail, *[m for messages in error.fields.values() for m in messages]]
    except IntegrityError:  # another import wrote the same row key in this shop at the same moment
        row["outcome"] = RowAction.ERROR
        row["errors"] = [_("Another import listed this row at the same moment: upload the sheet again to check it.")]
    return True


def product_import_fail(*, import_id: int, error: str) -> None:
    """The task gave up (the worker died too often): say so on the page rather than poll for ever."""
    ProductImport.objects.filter(pk=import_id).exclude(status=ImportStatus.DONE).update(
        status=ImportStatus.FAILED, error=error[:2000], finished_at=timezone.now()
    )


# --- photos by zip


def _zip_reject(message: str) -> ValidationFailed:
    return ValidationFailed(message, code="invalid_zip", fields={"photos": [message]})


def product_import_photos_attach(*, actor: User, product_import: ProductImport, upload) -> dict:
    """Add the photos of a zip to the imported products, matched by file name to the rows' Photo files column
    (or, without one, to the row key: A-001.jpg, A-001-2.jpg). Each photo goes through the same checks and
    worker as one sent from the product page (shops.services.product_image_add); a photo already added by this
    import is not added again. Returns {"added", "skipped", "errors": [...]}.

    The archive is never extracted to disk: only entries with a plain file name are read (no directories, no
    "..", no absolute path), each at most the photo limit, the whole at most MAX_ZIP_UNPACKED bytes as the
    archive declares, and reading stops at that limit whatever it declares (a zip bomb lies).
    """
    _require_importer(actor)
    if product_import.created_by_id != actor.pk:
        raise NotPermitted(_("Only who uploaded the sheet may add its photos."))
    if product_import.status != ImportStatus.DONE:
        raise ValidationFailed(_("Add the photos once the import is done."), fields={"photos": []})
    import_allowance_take(actor)
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_ZIP_BYTES:
        raise _zip_reject(_("The zip is larger than %(mb)s MB: split it.") % {"mb": MAX_ZIP_BYTES // (1024 * 1024)})
    try:
        archive = zipfile.ZipFile(upload)
        entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise _zip_reject(_("This is not a zip file we can read.")) from None
    if len(entries) > MAX_ZIP_ENTRIES:
        raise _zip_reject(_("At most %(n)s files per zip.") % {"n": MAX_ZIP_ENTRIES})
    if sum(entry.file_size for entry in entries) > MAX_ZIP_UNPACKED:
        raise _zip_reject(_("This zip unpacks to too much data to be read safely."))

    wanted: dict[str, int] = {}  # file name (folded) -> row index
    rows = product_import.rows
    for index, row in enumerate(rows):
        if not row.get("product") or row.get("outcome") == RowAction.ERROR:
            continue
        names = [name.strip() for name in (row["values"].get("photos") or "").replace("；", ";").split(";")]
        for name in names or []:
            if name:
                wanted.setdefault(name.casefold(), index)
    keys = {row["key"].casefold(): index for index, row in enumerate(rows) if row.get("product")}

    result = {"added": 0, "skipped": 0, "errors": []}
    products = {
        p.pk: p for p in Product.objects.filter(pk__in=[row.get("product") for row in rows if row.get("product")])
    }
    unpacked = 0
    for entry in entries:
        name = entry.filename
        base = name.replace("\\", "/").rsplit("/", 1)[-1]
        if entry.is_dir() or not base or base.startswith("."):
            continue
        if name.startswith(("/", "\\")) or ".." in name.replace("\\", "/").split("/") or ":" in name:
            result["errors"].append(_("%(name)s: refused (a path outside the zip).") % {"name": name[:80]})
            continue
        stem, extension = os.path.splitext(base)
        index = wanted.get(base.casefold())
        if index is None and not wanted:
            index = keys.get(stem.casefold()) or keys.get(stem.rsplit("-", 1)[0].casefold())
        if index is None or extension.lower() not in ALLOWED_EXTENSIONS:
            result["skipped"] += 1
            continue
        row = rows[index]
        if base in row.get("photos_added", []):
            result["skipped"] += 1
            continue
        if entry.file_size > MAX_UPLOAD_BYTES:
            result["errors"].append(_("%(name)s: larger than 10 MB.") % {"name": base})
            continue
        try:
            with archive.open(entry) as source:
                data = source.read(MAX_UPLOAD_BYTES + 1)
        except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError, EOFError, zlib.error, ValueError):
            # A damaged entry (bad CRC, truncated), an encrypted one or a compression zipfile cannot read.
            result["errors"].append(
                _("%(name)s: damaged, encrypted or compressed in a way we cannot read.") % {"name": base}
            )
            continue
        unpacked += len(data)
        if len(data) > MAX_UPLOAD_BYTES or unpacked > MAX_ZIP_UNPACKED:
            result["errors"].append(_("%(name)s: larger than 10 MB.") % {"name": base})
            continue
        product = products.get(row["product"])
        if product is None:
            continue
        try:
            shop_services.product_image_add(
                actor=actor, product=product, upload=SimpleUploadedFile(base, data), count_allowance=False
            )
        except DomainError as error:
            result["errors"].append(f"{base}: {error.detail}")
            continue
        row.setdefault("photos_added", []).append(base)
        result["added"] += 1
    ProductImport.objects.filter(pk=product_import.pk).update(rows=rows)
    return result
