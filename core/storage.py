"""Where uploads live: the "default" storage (public: product photos) and the "private" one (files only the
application reads: photos as uploaded, with their metadata, until the worker has cleaned them).

On the local disk the private files sit under MEDIA_ROOT/private/, which core.media never serves. In a bucket
(STORAGE_BUCKET) they sit under private/ with no public-read ACL and are reached, if ever, by signed URLs that
expire after STORAGE_SIGNED_URL_SECONDS; public files sit under public/ and their URLs are plain and stable
(STORAGE_PUBLIC_URL when the reverse proxy serves the bucket's public/ prefix as /media/).
"""

from __future__ import annotations

import os
from urllib.parse import urljoin

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.core.signals import setting_changed
from django.utils.encoding import filepath_to_uri
from django.utils.functional import LazyObject, empty
from storages.backends.s3 import S3Storage
from storages.utils import clean_name

PRIVATE_DIRECTORY = "private"


class PublicS3Storage(S3Storage):
    """Public-read objects; URLs under `public_url` (the proxy's /media/) when it is given."""

    def get_default_settings(self):
        return {**super().get_default_settings(), "public_url": ""}

    def url(self, name, parameters=None, expire=None, http_method=None):
        if self.public_url:
            return urljoin(self.public_url, filepath_to_uri(clean_name(name)))
        return super().url(name, parameters=parameters, expire=expire, http_method=http_method)


class PrivateFileSystemStorage(FileSystemStorage):
    """MEDIA_ROOT/private/ (follows MEDIA_ROOT); no URL: these files are never served as they are."""

    @property
    def base_location(self):
        return os.path.join(settings.MEDIA_ROOT, PRIVATE_DIRECTORY)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Private files have no URL on the local disk.")


class _PrivateStorage(LazyObject):
    def _setup(self):
        self._wrapped = storages["private"]


private_storage_instance = _PrivateStorage()


def private_storage():
    """FileField(storage=private_storage): resolved when used, so tests may switch STORAGES."""
    return private_storage_instance


def _reset(*, setting, **kwargs):
    if setting in ("STORAGES", "MEDIA_ROOT"):
        private_storage_instance._wrapped = empty


setting_changed.connect(_reset)
