import pytest
from django.urls import reverse

from certification import demo
from certification.models import AssessmentRun, CertificationPolicy, RunStatus, VillageEvidence
from tests.factories import AdminFactory, VillageFactory

pytestmark = pytest.mark.django_db

POLICY_FORM = {
    "name": "2027 rule",
    "effective_from": "2027-01-01",
    "min_sales_volume": "8000000.00",
    "min_active_shops": "80",
    "window_months": "12",
    "active_min_days_open": "30",
    "active_lookback_months": "3",
    "active_min_orders_per_month": "1",
    "households_share_percent": "10.00",
    "town_min_certified_villages": "3",
    "town_min_sales_volume": "30000000.00",
    "town_min_active_shops": "300",
    "cluster_min_certified_villages": "10",
    "label_valid_days": "365",
    "note": "",
}


def test_admins_add_a_policy_version_in_the_django_admin_and_used_versions_are_read_only(client):
    admin = AdminFactory(is_superuser=True)
    client.force_login(admin)
    response = client.post(reverse("admin:certification_certificationpolicy_add"), POLICY_FORM)
    assert response.status_code == 302, response.content.decode()[:2000]
    policy = CertificationPolicy.objects.get(version=2)
    assert (policy.min_active_shops, policy.created_by) == (80, admin)
    demo.seed(quiet=True)  # a run uses version 1
    change = client.get(reverse("admin:certification_certificationpolicy_change", args=[policy.pk]))
    assert change.status_code == 200
    used = CertificationPolicy.objects.get(version=1)
    response = client.post(reverse("admin:certification_certificationpolicy_change", args=[used.pk]), POLICY_FORM)
    assert response.status_code == 403
    assert CertificationPolicy.objects.get(version=1).min_active_shops == 100


def test_demo_seed_is_idempotent_and_leaves_one_completed_run():
    VillageFactory()
    VillageFactory()
    demo.seed(quiet=True)
    demo.seed(quiet=True)
    run = AssessmentRun.objects.get()
    assert (run.status, run.villages_done) == (RunStatus.COMPLETED, 2)
    assert VillageEvidence.objects.filter(run=run).count() == 2
    assert CertificationPolicy.objects.count() == 1
