import pytest

from tests.notifications.gateway import FakeGateway, provider_settings


@pytest.fixture
def gateway(settings):
    """The fake Aliyun gateway, with this process's settings pointing the SMS provider at it."""
    with FakeGateway() as fake:
        for name, value in provider_settings(fake).items():
            setattr(settings, name, value)
        yield fake


@pytest.fixture(autouse=True)
def _daytime(settings):
    """No quiet hours unless a test sets them: messages leave at once whatever the hour the suite runs."""
    settings.NOTIFICATIONS_QUIET_HOURS = (0, 0)


# A villager of good standing and a loan product, as the credit tests build them.
from tests.credit.conftest import good_farmer, product  # noqa: E402, F401
