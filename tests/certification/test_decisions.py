"""Grant and revoke: notes, override reasons, one-year labels, the queue, concurrent decisions."""

import datetime
import threading

import pytest
from django.db import connection
from django.utils import timezone

from certification import selectors, services
from certification.models import CertificationDecision, CertificationStatus, RunTrigger, VillageCertification
from core.errors import Conflict, InvalidTransition, NotPermitted, ValidationFailed
from tests.certification.conftest import CUTOFF, add_sales, add_shops
from tests.factories import AdminFactory, FarmerFactory, VillageFactory


def assess():
    run, _ = services.assessment_run_start(trigger=RunTrigger.SCHEDULE, cutoff=CUTOFF, enqueue=False)
    return services.assessment_run_execute(run_id=run.pk)


def eligible_village():
    village = VillageFactory()
    add_shops(village, 100)
    add_sales(village, "9970000.00")
    return village


@pytest.mark.django_db
def test_grant_an_eligible_village_for_one_year(admin_user):
    village = eligible_village()
    assess()
    decision = services.certification_grant(village_id=village.pk, decided_by=admin_user, note="Strong year")
    assert decision.evidence.eligible and decision.decided_by == admin_user
    assert decision.valid_until == timezone.localdate() + datetime.timedelta(days=365)
    label = VillageCertification.objects.get(village=village)
    assert label.is_valid() and label.last_decision == decision
    assert not label.is_valid(on=decision.valid_until + datetime.timedelta(days=1))
    assert selectors.certified_villages().filter(pk=village.pk).exists()


@pytest.mark.django_db
def test_a_village_that_is_not_eligible_needs_an_override_reason(admin_user):
    village = VillageFactory()
    add_shops(village, 10)
    assess()
    with pytest.raises(ValidationFailed) as error:
        services.certification_grant(village_id=village.pk, decided_by=admin_user, note="Please")
    assert "override_reason" in error.value.fields
    assert not CertificationDecision.objects.exists()
    decision = services.certification_grant(
        village_id=village.pk, decided_by=admin_user, note="Flood year", override_reason="Sales lost to the flood"
    )
    assert decision.override_reason == "Sales lost to the flood" and not decision.evidence.eligible


@pytest.mark.django_db
def test_no_decision_without_evidence_or_by_a_non_admin(admin_user):
    village = VillageFactory()
    with pytest.raises(ValidationFailed):
        services.certification_grant(village_id=village.pk, decided_by=admin_user, note="x", override_reason="y")
    with pytest.raises(NotPermitted):
        services.certification_grant(village_id=village.pk, decided_by=FarmerFactory(), note="x")


@pytest.mark.django_db
def test_revoke_keeps_every_decision(admin_user):
    village = eligible_village()
    assess()
    with pytest.raises(InvalidTransition):
        services.certification_revoke(village_id=village.pk, decided_by=admin_user, reason="Never had it")
    granted = services.certification_grant(village_id=village.pk, decided_by=admin_user, note="ok")
    with pytest.raises(Conflict):
        services.certification_grant(village_id=village.pk, decided_by=admin_user, note="again")
    revoked = services.certification_revoke(village_id=village.pk, decided_by=admin_user, reason="Fake orders")
    label = VillageCertification.objects.get(village=village)
    assert label.status == CertificationStatus.REVOKED and not label.is_valid()
    assert list(selectors.village_decisions(village_id=village.pk)) == [revoked, granted]
    assert revoked.evidence == granted.evidence and revoked.note == "Fake orders"


@pytest.mark.django_db
def test_queue_lists_newly_eligible_and_certified_villages_that_lost_eligibility(admin_user):
    newcomer = eligible_village()
    faded = eligible_village()
    assess()
    services.certification_grant(village_id=faded.pk, decided_by=admin_user, note="ok")
    queue = selectors.review_queue()
    assert [e.village_id for e in queue["newly_eligible"]] == [newcomer.pk]
    assert queue["lost_eligibility"] == []
    faded.shops.update(status="closed")
    assess()
    queue = selectors.review_queue()
    assert [e.village_id for e in queue["newly_eligible"]] == [newcomer.pk]
    assert [e.village_id for e in queue["lost_eligibility"]] == [faded.pk]


@pytest.mark.django_db
def test_towns_and_clusters_count_certified_villages(admin_user):
    villages = [eligible_village() for _ in range(3)]
    for village in villages[1:]:
        village.township = villages[0].township
        village.save()
    assess()
    township = villages[0].township
    assert not selectors.township_status(township=township).is_town
    for village in villages:
        services.certification_grant(village_id=village.pk, decided_by=admin_user, note="ok")
    town = selectors.township_status(township=township)
    assert (town.certified_villages, town.is_town) == (3, True)
    cluster = selectors.county_status(county=township.county)
    assert (cluster.certified_villages, cluster.required_villages, cluster.is_cluster) == (3, 10, False)


@pytest.mark.django_db
def test_town_by_the_optional_sales_rule(admin_user):
    village = VillageFactory()
    add_shops(village, 301)
    add_sales(village, "30000000.01")
    services.policy_create(
        created_by=admin_user,
        name="Town sales rule",
        effective_from=datetime.date(2026, 1, 1),
        town_sales_rule_enabled=True,
    )
    assess()
    town = selectors.township_status(township=village.township)
    assert (town.certified_villages, town.is_town, town.by_sales_rule) == (0, True, True)


@pytest.mark.django_db(transaction=True)
def test_concurrent_grants_make_one_decision():
    if connection.vendor != "postgresql":
        pytest.skip("a real race needs PostgreSQL (SQLite serialises writers)")
    admins = [AdminFactory(), AdminFactory()]
    village = eligible_village()
    assess()
    barrier = threading.Barrier(2)
    outcomes = []

    def grant(admin):
        try:
            barrier.wait()
            services.certification_grant(village_id=village.pk, decided_by=admin, note="ok")
            outcomes.append("granted")
        except Conflict:
            outcomes.append("conflict")
        finally:
            connection.close()

    threads = [threading.Thread(target=grant, args=(admin,)) for admin in admins]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["conflict", "granted"]
    assert CertificationDecision.objects.count() == 1
