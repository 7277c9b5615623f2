"""Product photo checks and re-encoding with Pillow.

An upload is read fully into memory (it is at most 10 MB), checked, and re-encoded from its pixels only:
the EXIF orientation is applied first, then everything else the file carried (EXIF with GPS, XMP, ICC,
comments) is left behind. Nothing touches storage until the file has passed every check.
"""

from __future__ import annotations

import io
import os
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from core.errors import ValidationFailed

MAX_PHOTOS_PER_PRODUCT = 8
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# 40 megapixels: above any phone camera, far below what would exhaust the worker's memory once decoded.
DEFAULT_MAX_PIXELS = 40_000_000
# The stored original is capped at this long edge: buyers on a rural link never need more.
MAX_STORED_EDGE = 2560
THUMBNAIL_SIZES = {"small": 320, "large": 960}

# Pillow format -> accepted file extensions, and the extension we store it under.
FORMATS = {"JPEG": ({".jpg", ".jpeg"}, ".jpg"), "PNG": ({".png"}, ".png"), "WEBP": ({".webp"}, ".webp")}
ALLOWED_EXTENSIONS = sorted(ext for exts, _stored in FORMATS.values() for ext in exts)


@dataclass(frozen=True)
class CleanPhoto:
    content: ContentFile
    width: int
    height: int
    format: str


def max_pixels() -> int:
    return getattr(settings, "SHOPS_PHOTO_MAX_PIXELS", DEFAULT_MAX_PIXELS)


def _reject(message: str) -> ValidationFailed:
    return ValidationFailed(message, code="invalid_image", fields={"image": [message]})


def photo_clean(upload) -> CleanPhoto:
    """Check an uploaded file and return it re-encoded without metadata; raise ValidationFailed otherwise."""
    name = getattr(upload, "name", "") or ""
    extension = os.path.splitext(name)[1].lower()
    if extension not in ALLOWED_EXTENSIONS:
        raise _reject(_("Upload a JPEG, PNG or WebP photo (.jpg, .png or .webp)."))
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_UPLOAD_BYTES:
        raise _reject(_("This photo is larger than 10 MB. Send a smaller one."))
    upload.seek(0)
    data = upload.read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        raise _reject(_("This photo is larger than 10 MB. Send a smaller one."))
    if not data:
        raise _reject(_("The file is empty."))

    limit = max_pixels()
    with warnings.catch_warnings():
        # Pillow warns between its own limit and twice it; any bomb warning is a refusal here.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data)) as probe:
                image_format = probe.format
                width, height = probe.size
                if width * height > limit:
                    raise _reject(
                        _("This image is too large (%(width)s × %(height)s pixels; the limit is %(limit)s megapixels).")
                        % {"width": width, "height": height, "limit": limit // 1_000_000}
                    )
                probe.verify()
        except ValidationFailed:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise _reject(_("This image is too large: it has too many pixels to be processed safely.")) from None
        except (UnidentifiedImageError, SyntaxError):
            raise _reject(_("This file is not an image we can read.")) from None
        except (OSError, ValueError, EOFError):
            raise _reject(_("This image is damaged or incomplete (truncated). Send it again.")) from None

        if image_format not in FORMATS:
            raise _reject(_("Upload a JPEG, PNG or WebP photo (.jpg, .png or .webp)."))
        accepted_extensions, stored_extension = FORMATS[image_format]
        if extension not in accepted_extensions:
            raise _reject(
                _("The file name says %(extension)s but the content is %(format)s: rename or re-export the photo.")
                % {"extension": extension, "format": image_format}
            )
        try:
            # verify() leaves the image unusable: decode it again, fully, to catch truncated pixel data.
            with Image.open(io.BytesIO(data)) as image:
                image.load()
                image = ImageOps.exif_transpose(image)
                pixels = _pixels_only(image)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise _reject(_("This image is too large: it has too many pixels to be processed safely.")) from None
        except (OSError, ValueError, SyntaxError, EOFError):
            raise _reject(_("This image is damaged or incomplete (truncated). Send it again.")) from None

    pixels.thumbnail((MAX_STORED_EDGE, MAX_STORED_EDGE), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    _save(pixels, buffer, image_format)
    base = os.path.splitext(os.path.basename(name))[0][:40] or "photo"
    return CleanPhoto(
        content=ContentFile(buffer.getvalue(), name=f"{base}{stored_extension}"),
        width=pixels.width,
        height=pixels.height,
        format=image_format,
    )


def _pixels_only(image: Image.Image) -> Image.Image:
    """A new image holding only the pixels: no EXIF, GPS, XMP, ICC profile or text chunks survive."""
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
    mode = "RGBA" if has_alpha else ("L" if image.mode in ("1", "L", "I;16") else "RGB")
    converted = image.convert(mode)
    return Image.frombytes(mode, converted.size, converted.tobytes())


def _save(image: Image.Image, buffer: io.BytesIO, image_format: str) -> None:
    if image_format == "JPEG":
        if image.mode == "RGBA":
            image = image.convert("RGB")
        image.save(buffer, "JPEG", quality=85, optimize=True, progressive=True)
    elif image_format == "PNG":
        image.save(buffer, "PNG", optimize=True)
    else:
        image.save(buffer, "WEBP", quality=82, method=4)


def thumbnail_make(source, *, edge: int, name: str) -> ContentFile:
    """A JPEG thumbnail whose long edge is at most `edge` pixels (transparent areas on white)."""
    with Image.open(source) as image:
        image.load()
        if image.mode in ("RGBA", "LA", "P"):
            rgba = image.convert("RGBA")
            background = Image.new("RGB", rgba.size, (255, 255, 255))
            background.paste(rgba, mask=rgba.split()[-1])
            image = background
        else:
            image = image.convert("RGB")
        image.thumbnail((edge, edge), Image.Resampling.LANCZOS)
        buffer = io.BytesIO()
        # The 320 px thumbnails fill the catalogue's cards: a page of them must fit a slow link's budget
        # (docs/performance.md), and at that size quality 72 looks the same as 80 for 14 % fewer bytes.
        image.save(buffer, "JPEG", quality=72 if edge <= 320 else 80, optimize=True, progressive=True)
    return ContentFile(buffer.getvalue(), name=name)
