"""Uploads in S3-compatible object storage, against a real server (moto in server mode, or TEST_S3_ENDPOINT_URL):
photos as uploaded kept private, cleaned photos and thumbnails public-read, deletions, signed URLs, the move
from disk, and readiness when the storage is down."""

import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management import call_command
from PIL import Image

from core.storage import private_storage
from shops import services
from shops.models import ImageStatus, ProductImage
from tests.factories import ProductFactory
from tests.shops.photo_files import exif_with_gps_and_rotation, image_bytes, upload

pytestmark = pytest.mark.django_db


def keys(client, bucket) -> set[str]:
    return {item["Key"] for item in client.list_objects_v2(Bucket=bucket).get("Contents", [])}


def anonymous_get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def test_a_photo_goes_private_then_public_once_cleaned_and_is_deleted_with_its_thumbnails(
    s3_bucket, django_capture_on_commit_callbacks
):
    client, bucket = s3_bucket
    product = ProductFactory()
    data = image_bytes("JPEG", size=(1200, 800), exif=exif_with_gps_and_rotation())

    image = services.product_image_add(actor=product.shop.owner, product=product, upload=upload("gps.jpg", data))
    original_key = f"private/{image.original.name}"
    assert keys(client, bucket) == {original_key}
    assert client.get_object(Bucket=bucket, Key=original_key)["Body"].read() == data
    # As uploaded, with its GPS position: no anonymous read.
    assert anonymous_get(f"{client.meta.endpoint_url}/{bucket}/{original_key}")[0] == 403

    with django_capture_on_commit_callbacks(execute=True):  # what the media worker does
        assert services.product_image_process(image_id=image.pk).status == ImageStatus.READY
    image.refresh_from_db()
    assert not image.original
    public = {f"public/{f.name}" for f in (image.image, image.thumbnail_small, image.thumbnail_large)}
    assert keys(client, bucket) == public
    status, body = anonymous_get(image.image.url)
    assert status == 200 and b"PhoneMaker" not in body  # the plain URL works for anyone, metadata gone
    assert image.image.url.startswith(f"{client.meta.endpoint_url}/{bucket}/public/products/")
    assert "Signature" not in image.image.url
    with Image.open(image.thumbnail_small) as small:
        assert max(small.size) == 320
    head = client.head_object(Bucket=bucket, Key=f"public/{image.thumbnail_small.name}")
    assert head["CacheControl"] == "public, max-age=31536000, immutable"

    with django_capture_on_commit_callbacks(execute=True):
        services.product_image_delete(actor=product.shop.owner, image=image)
    assert keys(client, bucket) == set()


def test_the_original_is_dropped_from_the_bucket_once_processed(s3_bucket, django_capture_on_commit_callbacks):
    client, bucket = s3_bucket
    product = ProductFactory()
    with django_capture_on_commit_callbacks(execute=True):
        image = services.product_image_add(
            actor=product.shop.owner, product=product, upload=upload("a.png", image_bytes("PNG"), "image/png")
        )
    image.refresh_from_db()
    assert image.status == ImageStatus.READY
    assert not {key for key in keys(client, bucket) if key.startswith("private/")}


def test_private_files_have_signed_short_lived_urls(s3_bucket, settings):
    client, bucket = s3_bucket
    storage = private_storage()
    name = storage.save("evidence/receipt.txt", ContentFile(b"private"))
    url = storage.url(name)
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(url).query)
    assert query["X-Amz-Expires"] == [str(settings.STORAGE_SIGNED_URL_SECONDS)]
    assert "X-Amz-Signature" in query
    assert anonymous_get(url) == (200, b"private")
    unsigned = urllib.parse.urlunsplit(urllib.parse.urlsplit(url)._replace(query=""))
    assert anonymous_get(unsigned)[0] == 403
    # The lifetime follows the setting; the server refuses the URL after it (S3 and MinIO check X-Amz-Date +
    # X-Amz-Expires; moto does not enforce expiry, so here the signed lifetime is what is asserted).
    short = urllib.parse.parse_qs(urllib.parse.urlsplit(storage.url(name, expire=30)).query)
    assert short["X-Amz-Expires"] == ["30"]
    signed_at = time.strptime(short["X-Amz-Date"][0], "%Y%m%dT%H%M%SZ")
    assert abs(time.mktime(signed_at) - time.mktime(time.gmtime())) < 60


def test_moving_existing_files_from_disk_is_idempotent(s3_bucket, settings, tmp_path):
    client, bucket = s3_bucket
    root = Path(settings.MEDIA_ROOT)
    (root / "products/7").mkdir(parents=True)
    (root / "private/uploads/products/7").mkdir(parents=True)
    (root / "products/7/a.jpg").write_bytes(b"public photo")
    (root / "products/7/a-320.jpg").write_bytes(b"thumb")
    (root / "private/uploads/products/7/raw.jpg").write_bytes(b"as uploaded")

    out = tmp_path / "out.txt"
    with out.open("w") as handle:
        call_command("storage_move_to_bucket", stdout=handle)
    assert "copied 3 file(s), 0 already in the bucket" in out.read_text()
    assert keys(client, bucket) == {
        "public/products/7/a.jpg",
        "public/products/7/a-320.jpg",
        "private/uploads/products/7/raw.jpg",
    }
    assert storages["default"].open("products/7/a.jpg").read() == b"public photo"
    assert anonymous_get(storages["default"].url("products/7/a.jpg")) == (200, b"public photo")
    assert anonymous_get(f"{client.meta.endpoint_url}/{bucket}/private/uploads/products/7/raw.jpg")[0] == 403

    # Run again, after a file changed on disk: only that one is copied, under the same name.
    (root / "products/7/a.jpg").write_bytes(b"public photo, re-cleaned")
    with out.open("w") as handle:
        call_command("storage_move_to_bucket", "--delete-local", stdout=handle)
    assert "copied 1 file(s), 2 already in the bucket" in out.read_text()
    assert storages["default"].open("products/7/a.jpg").read() == b"public photo, re-cleaned"
    assert len(keys(client, bucket)) == 3
    assert not [p for p in root.rglob("*") if p.is_file()]


def test_the_move_refuses_without_a_bucket():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="STORAGE_BUCKET"):
        call_command("storage_move_to_bucket")


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_cleans_the_photo_from_and_to_the_bucket(s3_bucket, celery_worker):
    client, bucket = s3_bucket
    product = ProductFactory()
    image = services.product_image_add(
        actor=product.shop.owner, product=product, upload=upload("a.jpg", image_bytes("JPEG", size=(1000, 700)))
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        image.refresh_from_db()
        if image.status != ImageStatus.PROCESSING:
            break
        time.sleep(0.3)
    assert image.status == ImageStatus.READY
    assert anonymous_get(image.thumbnail_large.url)[0] == 200
    found = keys(client, bucket)
    assert {f"public/{image.image.name}", f"public/{image.thumbnail_small.name}"} <= found
    assert not [key for key in found if key.startswith("private/")]
    assert ProductImage.objects.get(pk=image.pk).width == 1000


def test_readiness_fails_when_the_storage_is_down(s3_bucket, settings, client):
    from config.storages import upload_storages

    assert client.get("/readyz").status_code == 200
    settings.STORAGES = {
        **upload_storages(bucket="unreachable", endpoint_url="http://127.0.0.1:9", access_key="k", secret_key="s"),
        "staticfiles": settings.STORAGES["staticfiles"],
    }
    response = client.get("/readyz")
    assert response.status_code == 503
    failing = [check for check, state in response.json().items() if state != "OK"]
    assert failing and all(check.startswith("Storage") for check in failing)
