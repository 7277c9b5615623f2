"""Red-team campaign on the photos-by-zip of a spreadsheet import: crafted archives whose entries zipfile refuses
to read (an encrypted entry, an unknown compression method, a bad CRC) must be reported per file, never a 500,
and the sound photos of the same zip still added."""

from __future__ import annotations

import io
import struct
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from shops.imports import services
from shops.models import ProductImage
from tests.shops.photo_files import image_bytes
from tests.shops.test_imports import check_and_run, csv_upload, row, village_shops  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def _local_header(blob: bytearray, name: bytes) -> int:
    at = 0
    while True:
        at = blob.index(b"PK\x03\x04", at)
        if blob[at + 30 : at + 30 + len(name)] == name:
            return at
        at += 4


def _central_entry(blob: bytearray, name: bytes) -> int:
    at = 0
    while True:
        at = blob.index(b"PK\x01\x02", at)
        if blob[at + 46 : at + 46 + len(name)] == name:
            return at
        at += 4


def crafted_zip() -> bytes:
    """good.jpg is sound; locked.jpg says it is encrypted, odd.jpg uses compression method 99, bad.jpg a wrong CRC."""
    jpeg = image_bytes("JPEG")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        for name in ("good.jpg", "locked.jpg", "odd.jpg", "bad.jpg"):
            archive.writestr(name, jpeg)
    blob = bytearray(out.getvalue())
    for name, patch in (
        (
            b"locked.jpg",
            lambda local, central: (
                struct.pack_into("<H", blob, local + 6, 1),
                struct.pack_into("<H", blob, central + 8, 1),
            ),
        ),
        (
            b"odd.jpg",
            lambda local, central: (
                struct.pack_into("<H", blob, local + 8, 99),
                struct.pack_into("<H", blob, central + 10, 99),
            ),
        ),
        (
            b"bad.jpg",
            lambda local, central: (
                struct.pack_into("<I", blob, local + 14, 0),
                struct.pack_into("<I", blob, central + 16, 0),
            ),
        ),
    ):
        patch(_local_header(blob, name), _central_entry(blob, name))
    return bytes(blob)


@pytest.mark.usefixtures("village_shops")
def test_unreadable_entries_are_reported_per_file_and_the_sound_photo_is_added(
    client, operator, django_capture_on_commit_callbacks
):
    done = check_and_run(
        operator,
        csv_upload([row(key="A", villager="lifang", name="Cabbage", photos="good.jpg;locked.jpg;odd.jpg;bad.jpg")]),
        django_capture_on_commit_callbacks,
    )
    with django_capture_on_commit_callbacks(execute=True):
        result = services.product_import_photos_attach(
            actor=operator, product_import=done, upload=SimpleUploadedFile("photos.zip", crafted_zip())
        )
    assert result["added"] == 1
    assert sorted(error.split(":")[0] for error in result["errors"]) == ["bad.jpg", "locked.jpg", "odd.jpg"]
    assert ProductImage.objects.filter(product__name="Cabbage").count() == 1
    # Through the page: a redirect with the messages, not a server error.
    client.force_login(operator)
    response = client.post(
        reverse("shops:import_photos", args=[done.pk]),
        {"photos": SimpleUploadedFile("photos.zip", crafted_zip())},
    )
    assert response.status_code == 302
