"""Uploads are served from a path that never executes: images inline, anything else downloaded, no traversal."""

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture
def media_root(tmp_path, settings):
    root = tmp_path / "media"
    (root / "products").mkdir(parents=True)
    (root / "products" / "tea.png").write_bytes(PNG)
    (root / "products" / "photo.JPG").write_bytes(b"\xff\xd8\xff")
    (root / "products" / "evil.html").write_text("<script>alert(1)</script>")
    (root / "products" / "evil.svg").write_text("<svg onload='alert(1)'/>")
    (tmp_path / "secret.txt").write_text("outside")
    settings.MEDIA_ROOT = str(root)
    return root


def _assert_safe(response):
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"


def test_an_image_is_served_inline_with_its_type(client, media_root):
    response = client.get("/media/products/tea.png")
    assert response.status_code == 200 and b"".join(response.streaming_content) == PNG
    assert response["Content-Type"] == "image/png" and response["Content-Disposition"] == "inline"
    _assert_safe(response)
    assert client.get("/media/products/photo.JPG")["Content-Type"] == "image/jpeg"


@pytest.mark.parametrize("name", ["evil.html", "evil.svg"])
def test_anything_else_is_an_attachment_that_is_never_rendered(client, media_root, name):
    response = client.get(f"/media/products/{name}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment")
    _assert_safe(response)


@pytest.mark.parametrize(
    "path",
    [
        "/media/../secret.txt",
        "/media/products/../../secret.txt",
        "/media/%2e%2e/secret.txt",
        "/media/products/%2e%2e/%2e%2e/secret.txt",
        "/media//etc/passwd",
        "/media/products/..%5c..%5csecret.txt",
        "/media/products/",
        "/media/products/missing.png",
        "/media/products/tea.png%00.html",
    ],
)
def test_traversal_and_missing_files_are_404(client, media_root, path):
    assert client.get(path).status_code == 404


def test_a_symlink_out_of_media_root_is_404(client, media_root, tmp_path):
    (media_root / "products" / "link.png").symlink_to(tmp_path / "secret.txt")
    assert client.get("/media/products/link.png").status_code == 404


def test_writes_are_refused(client, media_root):
    assert client.post("/media/products/tea.png").status_code == 405


@override_settings(DEBUG=False)
def test_served_when_debug_is_off(client, media_root):
    assert client.get("/media/products/tea.png").status_code == 200
