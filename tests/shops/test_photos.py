"""Photo uploads: what is accepted and cleaned, and every refusal (with nothing stored)."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from PIL import Image

from core.errors import NotFound, ValidationFailed
from shops import services
from shops.models import ImageStatus, ProductImage
from shops.photos import photo_clean
from tests.factories import ProductFactory
from tests.shops.photo_files import exif_with_gps_and_rotation, image_bytes, jpeg_upload, png_bomb, upload

pytestmark = pytest.mark.django_db


def stored_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


@pytest.fixture
def product(db):
    return ProductFactory()


def test_a_photo_is_cleaned_and_gets_thumbnails(product, django_capture_on_commit_callbacks):
    data = image_bytes("JPEG", size=(1200, 800), exif=exif_with_gps_and_rotation())
    with Image.open(io.BytesIO(data)) as original:
        assert original.getexif().get_ifd(0x8825)  # the upload really carries GPS
    with django_capture_on_commit_callbacks(execute=True):
        image = services.product_image_add(actor=product.shop.owner, product=product, upload=upload("a.jpg", data))
    image.refresh_from_db()
    assert image.status == ImageStatus.READY
    # The EXIF orientation was applied: 1200 x 800 shown rotated is 800 x 1200.
    assert (image.width, image.height) == (800, 1200)
    with Image.open(image.image.path) as stored:
        assert stored.format == "JPEG"
        assert not stored.getexif()
        assert "exif" not in stored.info and "icc_profile" not in stored.info
        assert b"PhoneMaker" not in Path(image.image.path).read_bytes()
        # After the rotation, the dark half is on top.
        assert stored.getpixel((400, 100))[0] < 60 and stored.getpixel((400, 1100))[0] > 150
    with Image.open(image.thumbnail_small.path) as small, Image.open(image.thumbnail_large.path) as large:
        assert max(small.size) == 320 and max(large.size) == 960


@pytest.mark.parametrize(
    ("name", "fmt", "content_type"),
    [("a.png", "PNG", "image/png"), ("a.webp", "WEBP", "image/webp"), ("a.JPEG", "JPEG", "image/jpeg")],
)
def test_png_webp_and_upper_case_extensions_are_accepted(product, name, fmt, content_type):
    image = services.product_image_add(
        actor=product.shop.owner, product=product, upload=upload(name, image_bytes(fmt), content_type)
    )
    with Image.open(image.image.path) as stored:
        assert stored.format == fmt


def test_png_metadata_is_dropped(product):
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "secret farm location")
    buffer = io.BytesIO()
    Image.new("RGB", (300, 200), (10, 200, 10)).save(buffer, "PNG", pnginfo=info)
    image = services.product_image_add(
        actor=product.shop.owner, product=product, upload=upload("a.png", buffer.getvalue(), "image/png")
    )
    assert b"secret farm location" not in Path(image.image.path).read_bytes()


def _truncated_jpeg() -> bytes:
    data = image_bytes("JPEG", size=(800, 600))
    return data[: len(data) // 2]


def _truncated_png() -> bytes:
    buffer = io.BytesIO()
    Image.effect_noise((400, 400), 60).convert("RGB").save(buffer, "PNG")
    data = buffer.getvalue()
    return data[: len(data) // 2]


REJECTED = {
    "not an image": (lambda: upload("notes.jpg", b"this is a shopping list, not a photo"), "not an image"),
    "a PDF named .png": (lambda: upload("scan.png", b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n"), "not an image"),
    "truncated JPEG": (lambda: upload("half.jpg", _truncated_jpeg()), "truncated"),
    "truncated PNG": (lambda: upload("half.png", _truncated_png(), "image/png"), "truncated"),
    "decompression bomb": (lambda: upload("bomb.png", png_bomb(), "image/png"), "too large"),
    "PNG content named .jpg": (lambda: upload("photo.jpg", image_bytes("PNG")), "content is PNG"),
    "JPEG content named .webp": (lambda: upload("photo.webp", image_bytes("JPEG")), "content is JPEG"),
    "a GIF": (lambda: upload("anim.gif", image_bytes("GIF"), "image/gif"), "JPEG, PNG or WebP"),
    "no extension": (lambda: upload("photo", image_bytes("JPEG")), "JPEG, PNG or WebP"),
    "over 10 MB": (lambda: upload("huge.jpg", image_bytes("JPEG") + b"\0" * (10 * 1024 * 1024)), "10 MB"),
    "empty": (lambda: upload("empty.jpg", b""), "empty"),
}


@pytest.mark.parametrize("case", sorted(REJECTED))
def test_rejected_uploads_store_nothing(product, case):
    make, message = REJECTED[case]
    with pytest.raises(ValidationFailed) as caught:
        services.product_image_add(actor=product.shop.owner, product=product, upload=make())
    assert message in caught.value.fields["image"][0]
    assert caught.value.code == "invalid_image"
    assert not ProductImage.objects.exists()
    assert stored_files() == []


def test_the_pixel_limit_is_a_setting(product, settings):
    settings.SHOPS_PHOTO_MAX_PIXELS = 500 * 500
    with pytest.raises(ValidationFailed, match="too large"):
        photo_clean(jpeg_upload(size=(600, 500)))
    assert photo_clean(jpeg_upload(size=(500, 500))).width == 500


def test_large_photos_are_scaled_down_for_storage(product):
    clean = photo_clean(jpeg_upload(size=(4000, 3000)))
    assert (clean.width, clean.height) == (2560, 1920)


def test_at_most_eight_photos(product):
    owner = product.shop.owner
    for n in range(8):
        services.product_image_add(actor=owner, product=product, upload=jpeg_upload(f"{n}.jpg", size=(64, 48)))
    files_before = len(stored_files())
    with pytest.raises(ValidationFailed, match="at most 8 photos"):
        services.product_image_add(actor=owner, product=product, upload=jpeg_upload("9.jpg", size=(64, 48)))
    assert product.images.count() == 8
    assert len(stored_files()) == files_before
    assert list(product.images.values_list("position", flat=True)) == list(range(8))


def test_reorder_delete_and_move(product):
    owner = product.shop.owner
    a, b, c = (
        services.product_image_add(actor=owner, product=product, upload=jpeg_upload(f"{n}.jpg", size=(64, 48)))
        for n in "abc"
    )
    services.product_images_reorder(actor=owner, product=product, image_ids=[c.pk, a.pk, b.pk])
    assert list(product.images.order_by("position").values_list("pk", flat=True)) == [c.pk, a.pk, b.pk]
    with pytest.raises(ValidationFailed):
        services.product_images_reorder(actor=owner, product=product, image_ids=[c.pk, a.pk])
    with pytest.raises(ValidationFailed):
        services.product_images_reorder(actor=owner, product=product, image_ids=[c.pk, a.pk, a.pk])
    services.product_image_move(actor=owner, image=ProductImage.objects.get(pk=b.pk), offset=-1)
    assert list(product.images.order_by("position").values_list("pk", flat=True)) == [c.pk, b.pk, a.pk]
    services.product_image_delete(actor=owner, image=ProductImage.objects.get(pk=b.pk))
    assert list(product.images.order_by("position").values_list("position", flat=True)) == [0, 1]


def test_deleting_a_photo_removes_its_files(product, django_capture_on_commit_callbacks):
    owner = product.shop.owner
    with django_capture_on_commit_callbacks(execute=True):
        image = services.product_image_add(actor=owner, product=product, upload=jpeg_upload(size=(400, 300)))
    image.refresh_from_db()
    assert len(stored_files()) == 3  # the photo and two thumbnails
    with django_capture_on_commit_callbacks(execute=True):
        services.product_image_delete(actor=owner, image=image)
    assert stored_files() == []


def test_deleting_a_photo_a_concurrent_request_deleted_is_not_found(product):
    """Found by the API fuzzer: two DELETEs of one photo at once, the second got a 500 (DoesNotExist)."""
    owner = product.shop.owner
    image = services.product_image_add(actor=owner, product=product, upload=jpeg_upload(size=(64, 48)))
    stale = ProductImage.objects.get(pk=image.pk)  # what the second request's view looked up
    services.product_image_delete(actor=owner, image=image)
    with pytest.raises(NotFound):
        services.product_image_delete(actor=owner, image=stale)
    assert not product.images.exists()


def test_moving_a_photo_a_concurrent_request_deleted_is_not_found(product):
    """The edit page's move buttons: the photo was deleted in another tab since the page loaded it."""
    owner = product.shop.owner
    image = services.product_image_add(actor=owner, product=product, upload=jpeg_upload(size=(64, 48)))
    stale = ProductImage.objects.get(pk=image.pk)
    services.product_image_delete(actor=owner, image=image)
    with pytest.raises(NotFound):
        services.product_image_move(actor=owner, image=stale, offset=1)


def test_the_thumbnail_task_is_idempotent(product, django_capture_on_commit_callbacks):
    from shops.tasks import product_image_thumbnails

    with django_capture_on_commit_callbacks(execute=True):
        image = services.product_image_add(actor=product.shop.owner, product=product, upload=jpeg_upload())
    image.refresh_from_db()
    small = image.thumbnail_small.name
    assert product_image_thumbnails(image.pk) == ImageStatus.READY
    image.refresh_from_db()
    assert image.thumbnail_small.name == small
    assert product_image_thumbnails(999_999) is None


def test_a_photo_waits_as_processing_until_the_task_runs(product):
    image = services.product_image_add(actor=product.shop.owner, product=product, upload=jpeg_upload())
    assert image.status == ImageStatus.PROCESSING and not image.thumbnail_small


def test_another_farmer_cannot_add_photos(product):
    from core.errors import NotPermitted
    from tests.factories import FarmerFactory

    with pytest.raises(NotPermitted):
        services.product_image_add(actor=FarmerFactory(), product=product, upload=jpeg_upload())
    assert stored_files() == []


@pytest.fixture
def worker_media_root(settings, monkeypatch):
    """The worker process reads MEDIA_ROOT from its environment: point it at this test's media folder."""
    monkeypatch.setenv("MEDIA_ROOT", settings.MEDIA_ROOT)


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_makes_the_thumbnails(worker_media_root, celery_worker):
    import time

    product = ProductFactory()
    image = services.product_image_add(actor=product.shop.owner, product=product, upload=jpeg_upload())
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        image.refresh_from_db()
        if image.status == ImageStatus.READY:
            break
        time.sleep(0.2)
    assert image.status == ImageStatus.READY
    assert image.thumbnail_small and image.thumbnail_large
