"""Demo data for certification (called by `manage.py seed_demo` after the order history; idempotent).

Ensures the default policy and one completed assessment run over the demo villages (run in-process),
then the admin's decisions on it: the label granted to Daji town's three costume villages (丁楼村, 张庄村,
孙庄村), which makes 大集镇 a Taobao town. 周圈村 is eligible too and waits in the review queue; 立碑村 is
just short of 100 active shops. Every figure comes from the demo's orders through the run: nothing here
writes evidence.
"""

from core.progress import progress

# Villages whose label the admin granted (if the run finds them eligible), with the decision's note.
DEMO_GRANTS = {
    "Dinglou": "网店数和年销售额均达标：演出服产业带，授予“淘宝村”称号。",
    "Zhangzhuang": "网店数和年销售额均达标，与丁楼村同属大集镇演出服产业带。",
    "Sunzhuang": "网店数和年销售额均达标：桐木制品和演出服网店，授予称号。",
}


def seed(*, quiet: bool = False) -> None:
    from accounts.models import User
    from certification import selectors, services
    from certification.models import AssessmentRun, CertificationDecision, RunStatus, RunTrigger
    from villages.models import Village

    services.policy_default_ensure()
    if not AssessmentRun.objects.filter(trigger=RunTrigger.DEMO, status=RunStatus.COMPLETED).exists():
        run = AssessmentRun.objects.filter(trigger=RunTrigger.DEMO, status=RunStatus.RUNNING).first()
        if run is None:
            run, _created = services.assessment_run_start(trigger=RunTrigger.DEMO, enqueue=False)
        bar = progress(
            iter(lambda: services.assessment_run_step(run_id=run.pk), False), desc="certification", disable=quiet
        )
        for _step in bar:
            pass
    admin = User.objects.filter(username="admin").first()
    if admin is None:
        return
    for village in Village.objects.filter(name__in=DEMO_GRANTS).order_by("pk"):
        evidence = selectors.latest_evidence_for_village(village_id=village.pk)
        if evidence is None or not evidence.eligible or CertificationDecision.objects.filter(village=village).exists():
            continue
        services.certification_grant(
            village_id=village.pk, decided_by=admin, note=DEMO_GRANTS[village.name], evidence_id=evidence.pk
        )
