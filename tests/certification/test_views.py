"""Pages: the admins' dashboard, run page with its progress endpoint, village file, and the page sections."""

import pytest
from django.urls import reverse

from certification import services
from certification.models import AssessmentRun, CertificationDecision, RunTrigger
from tests.certification.conftest import CUTOFF, add_sales, add_shops
from tests.factories import PASSWORD, FarmerFactory, VillageFactory

pytestmark = pytest.mark.django_db


def assess():
    run, _ = services.assessment_run_start(trigger=RunTrigger.SCHEDULE, cutoff=CUTOFF, enqueue=False)
    return services.assessment_run_execute(run_id=run.pk)


def test_only_admins_see_the_dashboard_and_start_runs(client):
    dashboard = reverse("certification:dashboard")
    assert client.get(dashboard).status_code == 302
    client.login(username=FarmerFactory().username, password=PASSWORD)
    assert client.get(dashboard).status_code == 403
    assert client.post(reverse("certification:run_start")).status_code == 403
    assert not AssessmentRun.objects.exists()


def test_admin_starts_a_run_from_the_page_and_watches_it(client, admin_user, django_capture_on_commit_callbacks):
    add_shops(VillageFactory(), 5)
    client.force_login(admin_user)
    page = client.get(reverse("certification:dashboard"))
    assert b"Start a run" in page.content and b"certification-progress.js" in page.content
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("certification:run_start"), {"cutoff": "2026-11-01"})
    run = AssessmentRun.objects.get()
    assert response.status_code == 302 and response["Location"] == run.get_absolute_url()
    detail = client.get(run.get_absolute_url())
    assert b'<progress max="100" value="100"' in detail.content
    progress = client.get(reverse("certification:run_progress", args=[run.pk])).json()
    assert progress == {
        "id": run.pk,
        "status": "completed",
        "status_display": "Completed",
        "villages_done": 1,
        "villages_total": 1,
        "percent": 100,
        "stalled": False,
    }


def test_a_running_run_shows_its_progress_and_a_refresh_link(client, admin_user):
    for _ in range(4):
        VillageFactory()
    run, _ = services.assessment_run_start(started_by=admin_user, cutoff=CUTOFF, enqueue=False)
    services.assessment_run_step(run_id=run.pk, chunk_size=1)
    client.force_login(admin_user)
    page = client.get(run.get_absolute_url()).content.decode()
    assert '<progress max="100" value="25"' in page and "Refresh" in page
    dashboard = client.get(reverse("certification:dashboard")).content.decode()
    assert "is in progress" in dashboard and "Start a run" not in dashboard


def test_admin_grants_and_revokes_from_the_village_file(client, admin_user):
    village = VillageFactory()
    add_shops(village, 87)
    add_sales(village, "7373900.00")  # + 87 x 300 = 7,400,000.00
    assess()
    client.force_login(admin_user)
    url = reverse("certification:village_detail", args=[village.pk])
    page = client.get(url).content.decode()
    assert "87 / 100" in page and "7.4 M / 10 M" in page and "override reason" in page
    refused = client.post(reverse("certification:village_grant", args=[village.pk]), {"note": "Please"})
    assert refused.status_code == 400 and "Required to grant a village that is not eligible" in refused.content.decode()
    assert not CertificationDecision.objects.exists()
    granted = client.post(
        reverse("certification:village_grant", args=[village.pk]), {"note": "Please", "override_reason": "Flood"}
    )
    assert granted.status_code == 302
    revoked = client.post(reverse("certification:village_revoke", args=[village.pk]), {"reason": "Audit"})
    assert revoked.status_code == 302
    page = client.get(url).content.decode()
    assert "Flood" in page and "Audit" in page


def test_village_page_shows_the_badge_and_both_progress_bars(client, admin_user):
    village = VillageFactory()
    add_shops(village, 87)
    add_sales(village, "7373900.00")
    assess()
    page = client.get(village.get_absolute_url()).content.decode()
    assert "87 / 100" in page and "active shops" in page
    assert "7.4 M / 10 M" in page and "13 more active shops needed" in page
    assert "Not certified" in page
    eligible = VillageFactory(township=village.township)
    add_shops(eligible, 100)
    add_sales(eligible, "9970000.00")
    assess()
    services.certification_grant(village_id=eligible.pk, decided_by=admin_user, note="ok")
    page = client.get(eligible.get_absolute_url()).content.decode()
    assert "★ Taobao village" in page and "100 / 100" in page and "10 M / 10 M" in page
    township = client.get(village.township.get_absolute_url()).content.decode()
    assert "1 / 3" in township and "certified Taobao villages" in township
    county = client.get(village.township.county.get_absolute_url()).content.decode()
    assert "1 / 10" in county and eligible.name in county


@pytest.mark.parametrize("size", [2, 8])
def test_dashboard_runs_a_constant_number_of_queries(client, admin_user, django_assert_num_queries, size):
    for _ in range(size):
        add_shops(VillageFactory(), 1)
    assess()
    client.force_login(admin_user)
    with django_assert_num_queries(12):
        response = client.get(reverse("certification:dashboard"))
    assert response.status_code == 200


def test_operator_sees_their_village_progress_on_my_station(client, station):
    add_shops(station.village, 87)
    add_sales(station.village, "7373900.00")
    assess()
    client.login(username=station.operator.username, password=PASSWORD)
    page = client.get(reverse("villages:my_station")).content.decode()
    assert "Taobao village certification" in page and "87 / 100" in page and "7.4 M / 10 M" in page
    assert "Certification file" not in page  # the admins' file is not for operators
