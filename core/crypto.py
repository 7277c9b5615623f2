"""Secrets kept in the database encrypted, so that a dump or a backup does not reveal them: payout account numbers.

Fernet (AES-128-CBC + HMAC-SHA256, from `cryptography`) under PAYOUT_ACCOUNT_KEY; unset, the key is derived from
the secret key, so changing DJANGO_SECRET_KEY without setting PAYOUT_ACCOUNT_KEY to the old derived key would make
the stored numbers unreadable (README, "Settings"). PAYOUT_ACCOUNT_OLD_KEYS lists keys that still decrypt while
`manage.py payout_accounts_reencrypt` rewrites every row under the current one.
"""

from __future__ import annotations

import base64
import hashlib
from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.db import models


def _fernet_key(value: str) -> bytes:
    """A Fernet key as given (44 url-safe base64 characters), or one derived from any other passphrase."""
    try:
        if len(base64.urlsafe_b64decode(value.encode())) == 32:
            return value.encode()
    except ValueError:
        pass
    return base64.urlsafe_b64encode(hashlib.sha256(f"payout-accounts:{value}".encode()).digest())


@cache
def _fernet(current: str, old: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(_fernet_key(key)) for key in (current, *old)])


def secrets_fernet() -> MultiFernet:
    return _fernet(settings.PAYOUT_ACCOUNT_KEY, tuple(settings.PAYOUT_ACCOUNT_OLD_KEYS))


def secret_encrypt(text: str) -> str:
    return secrets_fernet().encrypt(text.encode()).decode()


def secret_decrypt(token: str) -> str:
    """The clear text; InvalidToken when no configured key opened it (a key lost or a row tampered with)."""
    return secrets_fernet().decrypt(token.encode()).decode()


class EncryptedCharField(models.CharField):
    """A short secret, encrypted on its way to the database and decrypted on its way back: Python code sees the
    clear text, the table only tokens. Every write draws a new token, so the column cannot be searched or made
    unique: compare in Python after filtering on other columns. max_length bounds the stored token (a Fernet token
    of n bytes takes about 4/3 (73 + n) characters: 255 holds a 64-character secret)."""

    description = "Encrypted text"

    def from_db_value(self, value, expression, connection):
        return value if value in (None, "") else secret_decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return value if value in (None, "") else secret_encrypt(value)


__all__ = ["EncryptedCharField", "InvalidToken", "secret_decrypt", "secret_encrypt"]
