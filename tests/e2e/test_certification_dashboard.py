import pytest
from playwright.sync_api import expect

from certification import services
from certification.models import AssessmentRun, CertificationDecision, RunTrigger
from tests.certification.conftest import CUTOFF, add_sales, add_shops
from tests.factories import PASSWORD, AdminFactory, VillageFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [1280, 360])
def test_admin_runs_an_assessment_and_grants_a_label(page, screenshot_dir, width):
    admin = AdminFactory()
    village = VillageFactory(name="Dinglou")
    add_shops(village, 100)
    add_sales(village, "9970000.00")
    short = VillageFactory(name="Libei", township=village.township)
    add_shops(short, 87)
    add_sales(short, "7373900.00")
    # A past run, so the dashboard has history; the new one starts from the page (in-process: no broker here).
    run, _ = services.assessment_run_start(trigger=RunTrigger.SCHEDULE, cutoff=CUTOFF, enqueue=False)
    services.assessment_run_execute(run_id=run.pk)

    page.set_viewport_size({"width": width, "height": 800})
    page.goto("/accounts/login/?next=/certification/")
    page.fill("input[name=username]", admin.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url("**/certification/")
    page.fill("input[name=cutoff]", CUTOFF.isoformat())
    page.click("text=Start a run")
    page.wait_for_url("**/certification/runs/*/")
    assert AssessmentRun.objects.count() == 2
    assert page.locator("progress").first.get_attribute("value") == "100"
    page.screenshot(path=screenshot_dir / f"certification-run-{width}.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    page.goto("/certification/")
    assert "Dinglou" in page.locator("text=Newly eligible").locator("..").inner_text()
    page.screenshot(path=screenshot_dir / f"certification-dashboard-{width}.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    page.goto(f"/certification/villages/{village.pk}/")
    page.fill("textarea[name=note]", "Over both thresholds")
    page.click("text=Grant for one year")
    page.wait_for_selector("text=The label was granted.")
    assert CertificationDecision.objects.filter(village=village).count() == 1
    page.screenshot(path=screenshot_dir / f"certification-village-file-{width}.png", full_page=True)

    page.goto(f"/villages/{short.pk}/")
    assert "87 / 100" in page.content() and "7.4 M / 10 M" in page.content()
    page.screenshot(path=screenshot_dir / f"certification-village-section-{width}.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_run_progress_updates_live_while_the_page_is_open(page):
    admin = AdminFactory()
    for _ in range(4):
        VillageFactory()
    run, _ = services.assessment_run_start(started_by=admin, cutoff=CUTOFF, enqueue=False)
    services.assessment_run_step(run_id=run.pk, chunk_size=1)
    page.goto("/accounts/login/")
    page.fill("input[name=username]", admin.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.goto(f"/certification/runs/{run.pk}/")
    assert page.locator("progress").get_attribute("value") == "25"
    services.assessment_run_step(run_id=run.pk, chunk_size=2)  # the worker moves on: 3 of 4
    # Polled with a locator: a wait_for_function string would need eval, which the CSP forbids.
    expect(page.locator("progress")).to_have_attribute("value", "75", timeout=10_000)
    assert page.locator('[data-field="villages_done"]').inner_text() == "3"
    services.assessment_run_execute(run_id=run.pk)
    # Finished: the page reloads once by itself and shows the evidence.
    page.wait_for_selector("text=Completed", timeout=10_000)
    page.wait_for_selector("text=Eligible")
    assert page.locator("progress").get_attribute("value") == "100"
