import io

import pytest
from django.core.cache import cache
from django.core.management import call_command

from core.errors import NotPermitted, ValidationFailed
from tests.factories import BuyerFactory, CountyFactory, FarmerFactory, TownshipFactory, VillageFactory
from tests.training.factories import finish_course, make_course
from training import selectors, services
from training.models import Certificate, Course, Enrollment

pytestmark = pytest.mark.django_db


@pytest.fixture
def geography():
    county_a = CountyFactory(name="Xifeng")
    county_b = CountyFactory(name="Kaiyang", province=county_a.province)
    village_a1 = VillageFactory(name="Libei", township=TownshipFactory(county=county_a))
    village_a2 = VillageFactory(name="Yangwan", township=village_a1.township)
    village_b = VillageFactory(name="Longguang", township=TownshipFactory(county=county_b))
    return village_a1, village_a2, village_b


def test_stats_by_village_county_province(geography):
    libei, yangwan, longguang = geography
    youth = make_course(lessons=1, questions=1, audience="rural_youth")
    other = make_course(lessons=1, questions=1, audience="villagers")
    a, b = FarmerFactory(home_village=libei), FarmerFactory(home_village=libei)
    finish_course(user=a, course=youth)
    finish_course(user=a, course=other)
    services.enrol(user=b, course=youth)
    finish_course(user=FarmerFactory(home_village=yangwan), course=youth)
    services.enrol(user=FarmerFactory(home_village=longguang), course=other)
    services.enrol(user=BuyerFactory(), course=other)

    villages = {row.place.name if row.place else None: row for row in selectors.training_stats_by(level="village")}
    assert (villages["Libei"].learners, villages["Libei"].enrolments) == (2, 3)
    assert (villages["Libei"].completions, villages["Libei"].certificates) == (2, 2)
    assert (villages["Yangwan"].learners, villages["Yangwan"].certificates) == (1, 1)
    assert (villages["Longguang"].learners, villages["Longguang"].certificates) == (1, 0)
    assert villages[None].learners == 1  # the buyer has no home village
    counties = {row.place.name if row.place else None: row for row in selectors.training_stats_by(level="county")}
    assert (counties["Xifeng"].learners, counties["Xifeng"].completions, counties["Xifeng"].certificates) == (3, 3, 3)
    assert counties["Kaiyang"].learners == 1
    provinces = [row for row in selectors.training_stats_by(level="province") if row.place]
    assert [(row.place.name, row.learners, row.certificates) for row in provinces] == [("Guizhou", 4, 3)]
    assert selectors.training_stats_by(level="village")[0].place.name == "Libei"  # most learners first
    summary = selectors.training_summary()
    assert (summary["learners"], summary["enrolments"], summary["completions"], summary["certificates"]) == (5, 6, 3, 3)
    assert summary["certified"] == 2


def test_a_course_and_its_translations_count_as_one_course(db):
    original = make_course()
    make_course(translation_of=original, language="zh-hans")
    make_course(translation_of=original, language="fr")
    assert selectors.training_summary()["courses"] == 1


@pytest.mark.parametrize(("level", "queries"), [("village", 4), ("county", 4), ("province", 4)])
def test_stats_run_constant_queries(geography, level, queries, django_assert_num_queries):
    course = make_course(lessons=1, questions=1)
    finish_course(user=FarmerFactory(home_village=geography[0]), course=course)
    with django_assert_num_queries(queries):
        selectors.training_stats_by(level=level)
    for village in geography:
        for _ in range(3):
            finish_course(user=FarmerFactory(home_village=village), course=course)
    with django_assert_num_queries(queries):
        rows = selectors.training_stats_by(level=level)
    assert sum(row.certificates for row in rows) == 10


def test_target_progress_counts_certified_people_of_the_audience(admin_user):
    youth = make_course(lessons=1, questions=1, audience="rural_youth")
    youth_2 = make_course(lessons=1, questions=1, audience="rural_youth")
    villagers = make_course(lessons=1, questions=1, audience="villagers")
    person = FarmerFactory()
    finish_course(user=person, course=youth)
    finish_course(user=person, course=youth_2)  # one person, counted once
    finish_course(user=FarmerFactory(), course=villagers)
    progress = selectors.target_progress()
    assert (progress.goal, progress.reached, progress.target) == (1_000_000, 1, None)
    assert progress.bar_percent == 1  # a sliver, so the bar shows that training has started
    services.training_target_set(label="Every villager", goal=4, audience="", set_by=admin_user)
    progress = selectors.target_progress()
    assert (progress.goal, progress.reached, progress.percent) == (4, 2, 50.0)


@pytest.mark.parametrize(
    ("goal", "label", "audience"), [(0, "x", ""), (5, "", ""), (5, "x", "martians"), (True, "x", "")]
)
def test_target_bad_input(admin_user, goal, label, audience):
    with pytest.raises(ValidationFailed):
        services.training_target_set(label=label, goal=goal, audience=audience, set_by=admin_user)


def test_target_is_set_by_admins_only(farmer):
    with pytest.raises(NotPermitted):
        services.training_target_set(label="Mine", goal=10, audience="", set_by=farmer)


def test_load_courses_command_and_demo_are_idempotent():
    call_command("load_courses", stdout=io.StringIO())
    # Nine courses in each language whose seed catalogue is present (English, zh-hans, and fr once written).
    assert Course.objects.filter(is_published=True).count() == 9 * len(services.seed_catalogues())
    call_command("seed_demo", quiet=True)
    counts = (Course.objects.count(), Enrollment.objects.count(), Certificate.objects.count())
    call_command("seed_demo", quiet=True)
    assert (Course.objects.count(), Enrollment.objects.count(), Certificate.objects.count()) == counts
    assert Certificate.objects.filter(user__username="op_libei", course__slug="running-a-service-station").exists()
    assert Certificate.objects.filter(user__username="farmer_long", course__slug="first-online-shop").exists()
    dinglou = selectors.station_operator_qualification(
        station=selectors.station_qualification_list().get(operator__username="op_dinglou")
    )
    assert dinglou.status == "override"


def test_dashboard_statistics_are_computed_once_per_five_minutes(geography, django_assert_num_queries):
    course = make_course(lessons=1, questions=1)
    finish_course(user=FarmerFactory(home_village=geography[0]), course=course)
    first, computed_at = selectors.training_stats_cached()
    finish_course(user=FarmerFactory(home_village=geography[0]), course=course)
    with django_assert_num_queries(0):
        again, again_at = selectors.training_stats_cached()
    assert again_at == computed_at and again["village"][0].learners == first["village"][0].learners == 1
    cache.clear()
    assert selectors.training_stats_cached()[0]["village"][0].learners == 2
