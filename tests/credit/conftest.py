import datetime

import pytest
from django.utils import timezone

from tests.credit.factories import LoanProductFactory, completed_orders, verify_identity


@pytest.fixture
def product(db):
    return LoanProductFactory()


@pytest.fixture
def good_farmer(farmer, operator):
    """A verified villager of two years with 48 completed orders shipped on time: gold tier."""
    farmer.date_joined = timezone.now() - datetime.timedelta(days=800)
    farmer.save(update_fields=["date_joined"])
    verify_identity(farmer, operator)
    completed_orders(farmer, 48)
    return farmer
