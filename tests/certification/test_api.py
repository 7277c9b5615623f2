"""REST: policy, runs (POST starts: 202), villages (grant / revoke): permissions, error shapes, query counts."""

import pytest
from rest_framework.authtoken.models import Token

from certification import services
from certification.models import AssessmentRun, CertificationPolicy, RunStatus, RunTrigger
from tests.certification.conftest import CUTOFF, add_sales, add_shops
from tests.factories import FarmerFactory, VillageFactory

pytestmark = pytest.mark.django_db


def login(api_client, user):
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return api_client


def assess():
    run, _ = services.assessment_run_start(trigger=RunTrigger.SCHEDULE, cutoff=CUTOFF, enqueue=False)
    return services.assessment_run_execute(run_id=run.pk)


def test_policy_is_readable_and_only_admins_add_versions(api_client, admin_user):
    response = api_client.get("/api/certification/policy/")
    assert response.status_code == 200
    assert response.json()[0]["min_sales_volume"] == "10000000.00"
    assert api_client.get("/api/certification/policy/current/").json()["version"] == 1
    body = {"name": "2027", "effective_from": "2027-01-01", "min_active_shops": 80, "households_rule_enabled": True}
    assert login(api_client, FarmerFactory()).post("/api/certification/policy/", body).status_code == 403
    created = login(api_client, admin_user).post("/api/certification/policy/", body)
    assert created.status_code == 201, created.json()
    assert (created.json()["version"], created.json()["min_active_shops"]) == (2, 80)
    bad = api_client.post("/api/certification/policy/", {**body, "window_months": 2, "active_lookback_months": 3})
    assert bad.status_code == 400 and "active_lookback_months" in bad.json()["fields"]
    assert CertificationPolicy.objects.count() == 2
    assert api_client.put(f"/api/certification/policy/{created.json()['id']}/", body).status_code == 405


def test_admin_starts_a_run_with_202_and_a_second_start_returns_it(api_client, admin_user):
    VillageFactory()
    login(api_client, admin_user)
    # No broker in tests: the task would run in-process at commit; the test transaction never commits.
    response = api_client.post("/api/certification/runs/", {"cutoff": "2026-11-01"})
    assert response.status_code == 202
    run = response.json()
    assert (run["status"], run["villages_done"], run["villages_total"], run["policy_version"]) == ("running", 0, 1, 1)
    assert run["window_start"] == "2025-11-01" and run["window_end"] == "2026-10-31"
    again = api_client.post("/api/certification/runs/", {})
    assert again.status_code == 200 and again.json()["id"] == run["id"]
    assert AssessmentRun.objects.count() == 1
    detail = api_client.get(f"/api/certification/runs/{run['id']}/").json()
    assert detail["percent"] == 0


def test_run_start_runs_the_task_after_commit(api_client, admin_user, django_capture_on_commit_callbacks):
    village = VillageFactory()
    add_shops(village, 3)
    login(api_client, admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = api_client.post("/api/certification/runs/", {"cutoff": "2026-11-01"})
    assert response.status_code == 202
    run = api_client.get(f"/api/certification/runs/{response.json()['id']}/").json()
    assert (run["status"], run["villages_done"], run["percent"]) == ("completed", 1, 100)


def test_bad_cutoff_is_a_400_with_fields(api_client, admin_user):
    response = login(api_client, admin_user).post("/api/certification/runs/", {"cutoff": "soon"})
    assert response.status_code == 400
    assert response.json()["code"] == "invalid" and "cutoff" in response.json()["fields"]


def test_non_admins_cannot_start_runs_or_decide(api_client):
    village = VillageFactory()
    assert api_client.post("/api/certification/runs/", {}).status_code == 401
    login(api_client, FarmerFactory())
    assert api_client.post("/api/certification/runs/", {}).status_code == 403
    assert api_client.post(f"/api/certification/villages/{village.pk}/grant/", {"note": "x"}).status_code == 403
    assert api_client.post(f"/api/certification/villages/{village.pk}/revoke/", {"reason": "x"}).status_code == 403
    assert not AssessmentRun.objects.exists()


def test_admin_grants_and_revokes_over_the_api(api_client, admin_user):
    eligible, short = VillageFactory(), VillageFactory()
    add_shops(eligible, 100)
    add_sales(eligible, "9970000.00")
    add_shops(short, 99)
    assess()
    login(api_client, admin_user)
    response = api_client.post(f"/api/certification/villages/{eligible.pk}/grant/", {"note": "Good year"})
    assert response.status_code == 201 and response.json()["action"] == "grant"
    assert api_client.post(f"/api/certification/villages/{eligible.pk}/grant/", {"note": "x"}).status_code == 409
    refused = api_client.post(f"/api/certification/villages/{short.pk}/grant/", {"note": "Please"})
    assert refused.status_code == 400 and "override_reason" in refused.json()["fields"]
    assert api_client.post(f"/api/certification/villages/{short.pk}/grant/", {}).status_code == 400
    assert api_client.post(f"/api/certification/villages/{short.pk}/revoke/", {"reason": "x"}).status_code == 409
    assert api_client.post("/api/certification/villages/999999/grant/", {"note": "x"}).status_code == 404
    revoked = api_client.post(f"/api/certification/villages/{eligible.pk}/revoke/", {"reason": "Fake orders"})
    assert revoked.status_code == 201
    detail = api_client.get(f"/api/certification/villages/{eligible.pk}/").json()
    assert [d["action"] for d in detail["decisions"]] == ["revoke", "grant"]
    assert detail["certification"]["status"] == "revoked"
    assert detail["latest_evidence"]["active_shops"] == 100
    assert detail["latest_evidence"]["eligible"] is True


@pytest.mark.parametrize("size", [3, 12])
def test_lists_run_a_constant_number_of_queries(api_client, admin_user, django_assert_num_queries, size):
    for _ in range(size):
        add_shops(VillageFactory(), 2)
    assess()
    assess()
    login(api_client, admin_user)
    with django_assert_num_queries(4):  # token with its user, count, page, latest evidence of the page
        response = api_client.get("/api/certification/villages/")
    assert len(response.json()["results"]) == size
    assert all(row["latest_evidence"]["active_shops"] == 2 for row in response.json()["results"])
    with django_assert_num_queries(3):
        response = api_client.get("/api/certification/runs/")
    assert response.json()["count"] == 2
    assert AssessmentRun.objects.filter(status=RunStatus.COMPLETED).count() == 2


def test_resume_and_restart_only_failed_or_stalled_runs(api_client, admin_user):
    VillageFactory()
    run, _ = services.assessment_run_start(started_by=admin_user, cutoff=CUTOFF, enqueue=False)
    login(api_client, admin_user)
    assert api_client.post(f"/api/certification/runs/{run.pk}/resume/").status_code == 409
    assert api_client.post(f"/api/certification/runs/{run.pk}/restart/").status_code == 409
    AssessmentRun.objects.filter(pk=run.pk).update(status=RunStatus.FAILED, error="worker lost")
    restarted = api_client.post(f"/api/certification/runs/{run.pk}/restart/")
    assert restarted.status_code == 202 and restarted.json()["status"] == "running"
    services.assessment_run_execute(run_id=run.pk)
    assert api_client.post(f"/api/certification/runs/{run.pk}/restart/").status_code == 409
    assert api_client.post(f"/api/certification/runs/{run.pk}/resume/").status_code == 409
    login(api_client, FarmerFactory())
    assert api_client.post(f"/api/certification/runs/{run.pk}/resume/").status_code == 403
