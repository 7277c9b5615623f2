"""Certificate verification codes: 80 random bits in Crockford base32, read aloud or typed from paper."""

from __future__ import annotations

import secrets

# Crockford's alphabet: no I, L, O or U, so a code copied by hand is not misread.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_LENGTH = 16  # 16 x 5 bits = 80 bits: unguessable, and short enough to type
_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})


def certificate_code_new() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, _LENGTH, 4))


def certificate_code_normalise(text: str) -> str | None:
    """The canonical form of a typed code (case, spaces, dashes and look-alike letters forgiven), or None."""
    compact = "".join((text or "").upper().split()).replace("-", "").translate(_LOOKALIKES)
    if len(compact) != _LENGTH or any(char not in ALPHABET for char in compact):
        return None
    return "-".join(compact[i : i + 4] for i in range(0, _LENGTH, 4))
