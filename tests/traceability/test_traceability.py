"""Traceability (issue 22): batches and their codes, QR labels, the public story page, the order -> batch link
and the recall list; the attacks: another farmer's product, another village's operator, a batch of another
product on an order line, the buyer setting the batch, guessing codes."""

import datetime
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from certification.models import CertificationStatus, VillageCertification
from core.errors import InvalidTransition, NotPermitted, ValidationFailed
from orders.services.batches import order_line_batch_set
from shops.batches import services
from shops.batches.models import ProduceBatch
from tests.factories import (
    AdminFactory,
    FarmerFactory,
    OrderFactory,
    OrderLineFactory,
    ProductFactory,
    ShopFactory,
    StationFactory,
)
from tests.shops.photo_files import jpeg_upload
from tests.training.factories import CourseFactory
from training.models import Certificate

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 5, 1)


@pytest.fixture
def tea(station):
    farmer = FarmerFactory(home_village=station.village, first_name="芳", last_name="李")
    return ProductFactory(shop=ShopFactory(owner=farmer, name="李家茶园"), name="Xifeng green tea 明前茶")


def record(actor, product, **kwargs):
    values = {"harvested_on": timezone.localdate() - datetime.timedelta(days=3), "quantity": "120"}
    values.update(kwargs)
    return services.batch_record(actor=actor, product=product, **values)


# --- recording


def test_farmer_and_their_operator_record_batches_with_unguessable_codes(tea, operator):
    first = record(tea.shop.owner, tea, place="East slope", notes="No pesticide after flowering")
    second = record(operator, tea)
    assert len(first.code) == 10 and first.code != second.code
    assert set(first.code) <= set(services.CODE_ALPHABET)
    assert second.created_by == operator


def test_nobody_else_records_a_batch_and_bad_values_are_refused(tea):
    with pytest.raises(NotPermitted):
        record(FarmerFactory(home_village=tea.shop.village), tea)
    with pytest.raises(NotPermitted):
        record(StationFactory().operator, tea)
    owner = tea.shop.owner
    with pytest.raises(ValidationFailed) as error:
        record(owner, tea, harvested_on=timezone.localdate() + datetime.timedelta(days=2), quantity="-1")
    assert set(error.value.fields) == {"harvested_on", "quantity"}
    for quantity in ("0", "NaN", "1e9", "0.0001", "abc"):
        with pytest.raises(ValidationFailed):
            record(owner, tea, quantity=quantity)
    assert not ProduceBatch.objects.exists()


# --- the public story


def test_story_page_tells_village_farmer_label_and_certificates_light_and_public(
    client, tea, django_assert_num_queries
):
    village = tea.shop.village
    VillageCertification.objects.create(
        village=village,
        status=CertificationStatus.CERTIFIED,
        certified_on=TODAY,
        valid_until=timezone.localdate() + datetime.timedelta(days=300),
    )
    certificate = Certificate.objects.create(
        user=tea.shop.owner, course=CourseFactory(title="Tea picking"), code="CERT42"
    )
    batch = record(tea.shop.owner, tea, place="East slope", notes="No pesticide after flowering")
    response = client.get(f"/t/{batch.code}/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    html = response.content.decode()
    assert response.status_code == 200
    assert len(response.content) < 50 * 1024
    for text in (village.label, village.township.county.label, "李", "East slope", "No pesticide", batch.code):
        assert text in html
    assert "芳" not in html  # the farmer chose to show the family name only
    # The training shows, but not the way to the certificate's page, which names the holder in full.
    assert "Tea picking" in html and reverse("training:verify_code", args=[certificate.code]) not in html
    assert certificate.code not in html
    assert village.get_absolute_url() in html and "★" in html
    assert tea.get_absolute_url() in html
    assert "<script" not in html
    # Drawn once: a second scan reads the cache and counts with one UPDATE.
    with django_assert_num_queries(1):
        assert client.get(f"/t/{batch.code.lower()}/", HTTP_ACCEPT_LANGUAGE="zh-hans").status_code == 200
    batch.refresh_from_db()
    assert batch.scan_count == 2


def test_story_hides_the_farmer_when_asked_and_unknown_codes_are_404(client, tea):
    Certificate.objects.create(user=tea.shop.owner, course=CourseFactory(), code="CERT43")
    batch = record(tea.shop.owner, tea, farmer_shown="none")
    html = client.get(batch.get_absolute_url()).content.decode()
    assert "李" not in html.replace("李家茶园", "") and "CERT43" not in html
    assert client.get("/t/ZZZZZZZZZZ/").status_code == 404
    assert client.get("/t/" + "A" * 300 + "/").status_code == 404
    batch.refresh_from_db()
    assert batch.scan_count == 1


def test_labels_pdf_in_each_size_for_managers_only(client, tea):
    batch = record(tea.shop.owner, tea)
    client.force_login(tea.shop.owner)
    for size in ("small", "medium", "large"):
        response = client.get(reverse("traceability:batch_labels", args=[batch.code, size]))
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")
    assert client.get(reverse("traceability:batch_labels", args=[batch.code, "huge"])).status_code == 404
    client.force_login(FarmerFactory())
    assert client.get(reverse("traceability:batch_labels", args=[batch.code, "small"])).status_code == 404
    assert client.get(reverse("traceability:batch_detail", args=[batch.code])).status_code == 404


def test_batch_pages_record_show_scans_and_take_photos(client, tea, django_capture_on_commit_callbacks):
    client.force_login(tea.shop.owner)
    response = client.post(
        reverse("traceability:batch_list"),
        {
            "product": tea.pk,
            "harvested_on": (timezone.localdate() - datetime.timedelta(days=1)).isoformat(),
            "quantity": "50",
            "place": "East slope",
            "farmer_shown": "full",
        },
    )
    batch = ProduceBatch.objects.get()
    assert response.status_code == 302
    services.batch_scan_count(batch_id=batch.pk)
    listing = client.get(reverse("traceability:batch_list")).content.decode()
    assert batch.code in listing
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("traceability:batch_photo", args=[batch.code]), {"image": jpeg_upload()})
    photo = batch.photos.get()
    assert photo.status == "ready" and photo.thumbnail and not photo.original
    cache.clear()
    assert photo.thumbnail.url in client.get(batch.get_absolute_url()).content.decode()
    other = FarmerFactory()
    client.force_login(other)
    response = client.post(
        reverse("traceability:batch_list"),
        {"product": tea.pk, "harvested_on": "2026-01-01", "quantity": "5", "farmer_shown": "full"},
    )
    assert response.status_code == 200 and ProduceBatch.objects.count() == 1  # not a product they may choose


# --- orders and recall


@pytest.fixture
def shipped_order(tea):
    order = OrderFactory(shop=tea.shop, status="paid")
    line = OrderLineFactory(order=order, product=tea)
    return order, line


def test_seller_records_the_batch_of_a_line_and_the_buyer_sees_its_story(client, tea, shipped_order):
    order, line = shipped_order
    batch = record(tea.shop.owner, tea)
    other_product_batch = record(tea.shop.owner, ProductFactory(shop=tea.shop))
    with pytest.raises(NotPermitted):
        order_line_batch_set(actor=order.buyer, order=order, line_id=line.pk, code=batch.code)
    with pytest.raises(ValidationFailed):
        order_line_batch_set(actor=tea.shop.owner, order=order, line_id=line.pk, code=other_product_batch.code)
    order_line_batch_set(actor=tea.shop.owner, order=order, line_id=line.pk, code=batch.code.lower())
    line.refresh_from_db()
    assert line.batch == batch

    client.force_login(tea.shop.owner)
    page = client.get(reverse("orders:order_detail", args=[order.number])).content.decode()
    assert f'value="{batch.code}" selected' in page
    client.force_login(order.buyer)
    page = client.get(reverse("orders:order_detail", args=[order.number])).content.decode()
    assert batch.get_absolute_url() in page and "line-batch-form" not in page

    order.status = "completed"
    order.save()
    with pytest.raises(InvalidTransition):
        order_line_batch_set(actor=tea.shop.owner, order=order, line_id=line.pk, code="")


def test_seller_sets_the_batch_through_the_page(client, tea, shipped_order):
    order, line = shipped_order
    batch = record(tea.shop.owner, tea)
    client.force_login(tea.shop.owner)
    response = client.post(reverse("orders:order_line_batch", args=[order.number, line.pk]), {"code": batch.code})
    assert response.status_code == 302
    line.refresh_from_db()
    assert line.batch == batch
    client.force_login(order.buyer)
    client.post(reverse("orders:order_line_batch", args=[order.number, line.pk]), {"code": ""})
    line.refresh_from_db()
    assert line.batch == batch


def test_recall_traces_a_batch_to_every_order_for_admins_only(client, tea, shipped_order):
    order, line = shipped_order
    batch = record(tea.shop.owner, tea)
    second = OrderLineFactory(order=OrderFactory(shop=tea.shop, status="delivered"), product=tea)
    for item in (line, second):
        item.batch = batch
        item.save()
    OrderLineFactory(order=OrderFactory(shop=tea.shop, status="paid"), product=tea)  # another batch's
    client.force_login(AdminFactory())
    page = client.get(reverse("traceability:recall"), {"code": batch.code}).content.decode()
    assert order.number in page and second.order.number in page and page.count("/orders/TC") == 2
    assert "No batch has this code" in client.get(reverse("traceability:recall"), {"code": "NOPE"}).content.decode()
    client.force_login(tea.shop.owner)
    assert client.get(reverse("traceability:recall"), {"code": batch.code}).status_code in (302, 403)


def test_batch_quantity_is_decimal(tea):
    assert record(tea.shop.owner, tea, quantity="1.5").quantity == Decimal("1.500")


def test_the_batch_list_runs_the_same_queries_for_one_batch_or_several(client, tea, django_assert_max_num_queries):
    record(tea.shop.owner, tea)
    client.force_login(tea.shop.owner)
    with django_assert_max_num_queries(30) as one:
        assert client.get(reverse("traceability:batch_list")).status_code == 200
    for days in range(4, 8):
        record(
            tea.shop.owner,
            ProductFactory(shop=tea.shop),
            harvested_on=timezone.localdate() - datetime.timedelta(days=days),
        )
    with django_assert_max_num_queries(len(one.captured_queries)):
        assert client.get(reverse("traceability:batch_list")).status_code == 200
