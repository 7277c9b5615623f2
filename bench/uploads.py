"""Photo uploads (issue 15, item 8): what a web request spends on one, now that only the header is read there,
beside what the media worker then spends decoding and cleaning the same file.

The file is the outside test's: a PNG of 7000 x 5600 pixels (39 megapixels, just under the limit) that
compresses to about a hundred kilobytes; it cost a web worker about 4.5 s when the request decoded it. The
request's work runs inside a transaction that is rolled back, so the worker's task never runs in-process
and the rows do not pile up; its files go to a temporary MEDIA_ROOT.
"""

from __future__ import annotations

import io
import tempfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import override_settings
from PIL import Image

from bench.report import Row, median_p95, timings_ms

REPEAT = {"small": 10, "full": 30}
WEB_GOAL_MS = 100.0


class _Rollback(Exception):
    pass


def _png(width: int, height: int) -> bytes:
    image = Image.new("RGB", (width, height), (90, 140, 60))
    image.paste((200, 180, 40), (0, 0, width // 3, height // 2))
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def run(*, scale: str) -> list[Row]:
    from shops import services
    from shops.photos import photo_clean
    from tests.factories import ProductFactory

    data = _png(7000, 5600)
    repeat = REPEAT[scale]
    with (
        tempfile.TemporaryDirectory() as media,
        override_settings(MEDIA_ROOT=media, SHOPS_PHOTO_UPLOADS_PER_HOUR=10**6),
        transaction.atomic(),
    ):
        product = ProductFactory()
        owner = product.shop.owner

        def web_side():
            try:
                with transaction.atomic():
                    services.product_image_add(
                        actor=owner, product=product, upload=SimpleUploadedFile("field.png", data, "image/png")
                    )
                    raise _Rollback
            except _Rollback:
                pass

        web = timings_ms(web_side, repeat=repeat)
        worker = timings_ms(lambda: photo_clean(SimpleUploadedFile("field.png", data)), repeat=3, warmup=0)
        transaction.set_rollback(True)
    web_median, web_p95 = median_p95(web)
    worker_median, _ = median_p95(worker)
    setting = f"PNG 7000 x 5600 px, {len(data) // 1024} KB"
    return [
        Row(
            "photo upload: web request (header check, original stored)",
            setting,
            f"{web_median:.1f} ms",
            f"{web_p95:.1f} ms",
            f"p95 < {WEB_GOAL_MS:.0f} ms",
            web_p95 < WEB_GOAL_MS,
        ),
        Row("photo upload: media worker (decode, clean, re-encode)", setting, f"{worker_median:.0f} ms", "", "", None),
    ]
