import pytest

from tests.shops.reference_data import ensure_reference_data


@pytest.fixture(autouse=True)
def _reference_data(request):
    """Channels, categories and provinces, even after an earlier transactional test flushed them."""
    if "django_db_setup" in request.fixturenames or request.node.get_closest_marker("django_db"):
        request.getfixturevalue("db" if not _transactional(request) else "transactional_db")
        ensure_reference_data()


def _transactional(request) -> bool:
    marker = request.node.get_closest_marker("django_db")
    return bool(marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])))
