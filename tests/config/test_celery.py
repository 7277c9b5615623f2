import pytest

from config.tasks import health_check


@pytest.mark.django_db
def test_health_check_runs_in_process_without_a_broker():
    assert health_check.delay().get(timeout=5) == {"status": "ok", "database": True}


@pytest.mark.celery_worker
def test_health_check_on_a_real_worker(celery_worker):
    """The task travels through Redis to a worker process, which reaches the test database."""
    result = health_check.delay()
    assert result.get(timeout=30) == {"status": "ok", "database": True}
