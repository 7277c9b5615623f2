import pytest
from django.core.management import call_command

from accounts.models import Role, User
from villages.models import County, ServiceStation, Village


@pytest.mark.django_db
def test_seed_demo_is_complete_and_idempotent():
    call_command("seed_demo", quiet=True)
    counts = (Village.objects.count(), ServiceStation.objects.count(), User.objects.count(), County.objects.count())
    call_command("seed_demo", quiet=True)
    assert (
        Village.objects.count(),
        ServiceStation.objects.count(),
        User.objects.count(),
        County.objects.count(),
    ) == counts
    assert counts[0] >= 20 and counts[1] == counts[0]
    assert County.objects.filter(is_poverty_county=True).exists()
    assert set(User.objects.values_list("role", flat=True)) == {r.value for r in Role}
    assert User.objects.get(username="op_libei").check_password("taocun-demo-2026")
    # The demo's money is as real as the services would make it: both books balance.
    call_command("orders_audit")
    call_command("credit_audit")
