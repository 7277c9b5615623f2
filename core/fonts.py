"""The CJK font every printed PDF uses (certificates, traceability labels, packing lists and waybills).

Chinese names need a CJK font. Debian's fonts-noto-cjk provides one; TRAINING_PDF_FONT (a .ttf/.otf/.ttc path, in
settings or the environment) picks another. A machine without one (a fresh laptop, a slim container) still prints:
callers fall back to fpdf2's built-in Helvetica with the text reduced to what it can draw.
"""

from __future__ import annotations

import os
from functools import cache

from django.conf import settings

# (path, index inside a font collection): Noto Sans CJK's collection holds SC at index 2.
FONT_CANDIDATES = [
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
    ("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", 2),
    ("/usr/share/fonts/truetype/noto/NotoSansCJK-Regular.ttc", 2),
]


@cache
def cjk_font() -> tuple[str, int] | None:
    """(path, index in the collection) of the first CJK-capable font on this machine, or None."""
    configured = getattr(settings, "TRAINING_PDF_FONT", "") or os.environ.get("TRAINING_PDF_FONT", "")
    candidates = [(configured, 0)] if configured else []
    for path, index in [*candidates, *FONT_CANDIDATES]:
        if path and os.path.isfile(path):
            return path, (index if path.endswith(".ttc") else 0)
    return None
