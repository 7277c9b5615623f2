"""Uploaded files, served so that they can never run: only files under MEDIA_ROOT, a fixed content type,
no sniffing, a sandboxing policy, and anything that is not an image downloaded as an attachment.

This serves the local disk (`make run`, a single host). With object storage (STORAGE_BUCKET) the files'
URLs point at the bucket, which the reverse proxy serves under the same headers, and Django is not involved.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest
from django.views.decorators.http import require_GET

from core.storage import PRIVATE_DIRECTORY

# Raster images only: an SVG can carry script, so it is downloaded like any other file.
IMAGE_TYPES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".gif": "image/gif",
    ".webp": "image/webp",
}


def _resolve(path: str) -> Path:
    """The file under MEDIA_ROOT that `path` names, or Http404 (traversal, absolute paths, links out, dirs)."""
    if "\x00" in path or "\\" in path:
        raise Http404
    normalised = posixpath.normpath(path).lstrip("/")
    if normalised != path or normalised.startswith("..") or normalised in ("", "."):
        raise Http404
    if normalised.split("/", 1)[0] == PRIVATE_DIRECTORY:  # photos as uploaded, metadata and all (core.storage)
        raise Http404
    root = Path(settings.MEDIA_ROOT).resolve()
    candidate = (root / normalised).resolve()
    if root not in candidate.parents or not candidate.is_file():
        raise Http404
    return candidate


@require_GET
def serve_media(request: HttpRequest, path: str) -> FileResponse:
    """Serve one uploaded file with headers that keep a browser from running it."""
    target = _resolve(path)
    content_type = IMAGE_TYPES.get(target.suffix.lower())
    is_image = content_type is not None
    response = FileResponse(
        target.open("rb"),
        content_type=content_type or "application/octet-stream",
        as_attachment=not is_image,
        filename=target.name,
    )
    if is_image:
        response["Content-Disposition"] = "inline"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["Cache-Control"] = "public, max-age=86400"
    return response


__all__ = ["serve_media"]
