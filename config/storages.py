"""The STORAGES setting for uploads: the local disk, or an S3-compatible bucket (used by settings and tests)."""

from __future__ import annotations


def upload_storages(
    *,
    bucket: str = "",
    endpoint_url: str = "",
    access_key: str = "",
    secret_key: str = "",
    region: str = "",
    public_url: str = "",
    signed_url_seconds: int = 300,
) -> dict:
    """ "default" (public: product photos) and "private" (photos as uploaded) storages."""
    if not bucket:
        return {
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "private": {"BACKEND": "core.storage.PrivateFileSystemStorage"},
        }
    common = {
        "bucket_name": bucket,
        "endpoint_url": endpoint_url or None,
        "access_key": access_key or None,
        "secret_key": secret_key or None,
        "region_name": region or None,
        "file_overwrite": False,
        "signature_version": "s3v4",
        "addressing_style": "path",
    }
    return {
        "default": {
            "BACKEND": "core.storage.PublicS3Storage",
            "OPTIONS": {
                **common,
                "location": "public",
                "default_acl": "public-read",
                "querystring_auth": False,
                "public_url": public_url,
                # Names never change content (a new photo gets a new name): browsers and the proxy may keep them.
                "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
            },
        },
        "private": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                **common,
                "location": "private",
                "default_acl": "private",
                "querystring_auth": True,
                "querystring_expire": signed_url_seconds,
            },
        },
    }
