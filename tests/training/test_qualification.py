import pytest
from django.urls import reverse

from core.errors import Conflict, NotPermitted, ValidationFailed
from tests.factories import AdminFactory, OperatorFactory, StationFactory
from tests.training.factories import finish_course, make_course
from training import selectors, services
from training.models import OPERATOR_COURSE_SLUG, QualificationOverride
from villages.models import ServiceStation

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser():
    return AdminFactory(username="root", is_superuser=True)


@pytest.fixture
def operator_course():
    return make_course(lessons=1, questions=1, slug=OPERATOR_COURSE_SLUG, audience="station_operators")


def test_operator_without_certificate_is_unqualified(station, operator_course):
    qualification = selectors.station_operator_qualification(station=station)
    assert qualification.status == "unqualified" and not qualification.is_qualified


def test_operator_with_certificate_is_qualified(station, operator_course):
    finish_course(user=station.operator, course=operator_course)
    qualification = selectors.station_operator_qualification(station=station)
    assert qualification.status == "certified" and qualification.certificate.course == operator_course


def test_another_course_certificate_does_not_qualify(station, operator_course):
    finish_course(user=station.operator, course=make_course(lessons=1, questions=1))
    assert selectors.station_operator_qualification(station=station).status == "unqualified"


def test_station_without_operator(operator_course):
    station = StationFactory(operator=None)
    assert selectors.station_operator_qualification(station=station).status == "no_operator"


def test_override_is_kept_with_who_when_why(station, admin_user, operator_course):
    override = services.qualification_override_grant(
        station=station, reason="Ran the station for years; course booked for May.", granted_by=admin_user
    )
    qualification = selectors.station_operator_qualification(station=station)
    assert qualification.status == "override" and qualification.override == override
    assert override.granted_by == admin_user and override.granted_at and override.operator == station.operator
    with pytest.raises(Conflict):
        services.qualification_override_grant(station=station, reason="Twice is one too many.", granted_by=admin_user)
    services.qualification_override_revoke(override=override, revoked_by=admin_user)
    assert selectors.station_operator_qualification(station=station).status == "unqualified"
    override.refresh_from_db()
    assert override.revoked_by == admin_user and override.revoked_at  # the record stays
    with pytest.raises(Conflict):
        services.qualification_override_revoke(override=override, revoked_by=admin_user)


def test_override_does_not_cover_a_new_operator(station, admin_user, operator_course):
    services.qualification_override_grant(station=station, reason="Known to the county centre.", granted_by=admin_user)
    station.operator = OperatorFactory(home_village=station.village)
    station.save()
    assert selectors.station_operator_qualification(station=station).status == "unqualified"


@pytest.mark.parametrize("reason", ["", "   ", "because"])
def test_override_needs_a_reason(station, admin_user, reason):
    with pytest.raises(ValidationFailed):
        services.qualification_override_grant(station=station, reason=reason, granted_by=admin_user)
    assert not QualificationOverride.objects.exists()


def test_only_admins_override(station, farmer):
    with pytest.raises(NotPermitted):
        services.qualification_override_grant(station=station, reason="I say so, and loudly.", granted_by=farmer)


# --- the station admin enforces it


def _station_form_data(station, operator, reason=""):
    return {
        "village": station.village_id,
        "operator": operator.pk,
        "name": station.name,
        "address": station.address,
        "phone": "",
        "opened_on": "2018-05-01",
        "status": "active",
        "qualification_override_reason": reason,
    }


def test_admin_refuses_an_unqualified_operator_without_reason(client, superuser, station, operator_course):
    candidate = OperatorFactory(home_village=station.village)
    client.force_login(superuser)
    url = reverse("admin:villages_servicestation_change", args=[station.pk])
    response = client.post(url, _station_form_data(station, candidate))
    assert response.status_code == 200
    assert "does not hold the certificate" in response.content.decode()
    station.refresh_from_db()
    assert station.operator != candidate


def test_admin_accepts_an_override_reason_and_records_it(client, superuser, station, operator_course):
    candidate = OperatorFactory(home_village=station.village)
    client.force_login(superuser)
    url = reverse("admin:villages_servicestation_change", args=[station.pk])
    reason = "Former township clerk, trained in person in 2019."
    response = client.post(url, _station_form_data(station, candidate, reason))
    assert response.status_code == 302, response.content.decode()[:2000]
    station.refresh_from_db()
    assert station.operator == candidate
    override = QualificationOverride.objects.get()
    assert (override.operator, override.reason, override.granted_by) == (candidate, reason, superuser)


def test_admin_accepts_a_certified_operator(client, superuser, station, operator_course):
    candidate = OperatorFactory(home_village=station.village)
    finish_course(user=candidate, course=operator_course)
    client.force_login(superuser)
    url = reverse("admin:villages_servicestation_change", args=[station.pk])
    assert client.post(url, _station_form_data(station, candidate)).status_code == 302
    assert ServiceStation.objects.get(pk=station.pk).operator == candidate
    assert not QualificationOverride.objects.exists()


def test_admin_edit_keeping_an_unqualified_operator_is_saved_with_a_warning(
    client, superuser, station, operator_course
):
    client.force_login(superuser)
    url = reverse("admin:villages_servicestation_change", args=[station.pk])
    data = _station_form_data(station, station.operator) | {"phone": "0851-1234567"}
    response = client.post(url, data, follow=True)
    assert "is still not qualified" in response.content.decode()
    station.refresh_from_db()
    assert station.phone == "0851-1234567" and not QualificationOverride.objects.exists()


def test_admin_station_list_shows_qualification(client, superuser, station, operator_course):
    client.force_login(superuser)
    response = client.get(reverse("admin:villages_servicestation_changelist"))
    assert response.status_code == 200 and "NOT QUALIFIED" in response.content.decode()


# --- pages


def test_qualification_list_page_filters_and_runs_constant_queries(
    client, admin_user, operator_course, django_assert_num_queries
):
    certified = StationFactory()
    finish_course(user=certified.operator, course=operator_course)
    overridden = StationFactory()
    services.qualification_override_grant(station=overridden, reason="Trusted by the county.", granted_by=admin_user)
    unqualified = StationFactory()
    client.force_login(admin_user)
    url = reverse("training:station_list")
    body = client.get(url, {"status": "qualified"}).content.decode()
    assert certified.name in body and overridden.name in body and unqualified.name not in body
    body = client.get(url, {"status": "unqualified"}).content.decode()
    assert unqualified.name in body and certified.name not in body
    client.get(url)  # warm the session and content types
    with django_assert_num_queries(4) as small:
        client.get(url)
    StationFactory.create_batch(5)
    with django_assert_num_queries(len(small.captured_queries)):
        client.get(url)


def test_qualification_list_is_for_admins(client, operator):
    client.force_login(operator)
    assert client.get(reverse("training:station_list")).status_code == 403


def test_my_station_shows_the_operators_own_status(client, station, operator_course, admin_user):
    client.force_login(station.operator)
    body = client.get(reverse("villages:my_station")).content.decode()
    assert "Not qualified yet" in body and reverse("training:course_detail", args=[OPERATOR_COURSE_SLUG]) in body
    finish_course(user=station.operator, course=operator_course)
    body = client.get(reverse("villages:my_station")).content.decode()
    assert "You hold the station operator certificate" in body
