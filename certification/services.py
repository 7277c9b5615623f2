"""Write use cases for certification: policy versions, assessment runs and the admins' decisions."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.db.models.functions import Greatest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from certification import selectors
from certification.models import (
    AssessmentRun,
    CertificationDecision,
    CertificationPolicy,
    CertificationStatus,
    DecisionAction,
    RunStatus,
    RunTrigger,
    ShopsRule,
    VillageCertification,
    VillageEvidence,
)
from certification.notices import village_label_notify
from core.audit import audit_record
from core.errors import Conflict, InvalidTransition, NotFound, NotPermitted, ValidationFailed
from core.money import ZERO, quantize_yuan
from orders.services.activity import activity_rule_build_step, activity_rule_get_or_add
from villages.models import Village

POLICY_FIELDS = (
    "name",
    "effective_from",
    "min_sales_volume",
    "min_active_shops",
    "window_months",
    "active_min_days_open",
    "active_lookback_months",
    "active_min_orders_per_month",
    "households_rule_enabled",
    "households_share_percent",
    "town_min_certified_villages",
    "town_sales_rule_enabled",
    "town_min_sales_volume",
    "town_min_active_shops",
    "cluster_min_certified_villages",
    "label_valid_days",
    "note",
)


def _require_admin(user) -> None:
    if user is None or not user.is_authenticated or not user.is_admin:
        raise NotPermitted(_("Only admins may do this."))


@transaction.atomic
def policy_create(*, created_by, **values) -> CertificationPolicy:
    """Add a new policy version (versions are never edited: past evidence keeps the rule it used)."""
    _require_admin(created_by)
    unknown = set(values) - set(POLICY_FIELDS)
    if unknown:
        raise ValidationFailed(fields={name: [_("Unknown field.")] for name in sorted(unknown)})
    lookback = values.get("active_lookback_months", 3)
    window = values.get("window_months", 12)
    if lookback > window:
        raise ValidationFailed(
            fields={"active_lookback_months": [_("The look-back cannot be longer than the window.")]}
        )
    # Lock the table's last version so two admins adding a version at once get 1 and 2, not two 1s.
    latest = CertificationPolicy.objects.select_for_update().order_by("-version").first()
    version = (latest.version if latest else 0) + 1
    return CertificationPolicy.objects.create(version=version, created_by=created_by, **values)


def policy_default_ensure() -> CertificationPolicy:
    """The default policy (AliResearch's criteria) if no version exists yet; idempotent."""
    existing = CertificationPolicy.objects.order_by("version").first()
    if existing:
        return existing
    try:
        with transaction.atomic():
            return CertificationPolicy.objects.create(
                version=1, name=gettext_noop("AliResearch default"), effective_from=datetime.date(2020, 1, 1)
            )
    except IntegrityError:
        return CertificationPolicy.objects.get(version=1)


# --- Runs


def _enqueue(run_id: int) -> None:
    from certification.tasks import assessment_run_execute  # tasks import services: import late

    # robust: without a broker the task runs right here, and a failing run (marked failed) must not fail the request.
    transaction.on_commit(lambda: assessment_run_execute.delay(run_id), robust=True)


@transaction.atomic
def assessment_run_start(
    *, started_by=None, trigger: str = RunTrigger.ADMIN, cutoff: datetime.date | None = None, enqueue: bool = True
) -> tuple[AssessmentRun, bool]:
    """Start an assessment of every village, or return the run already in progress.

    Returns (run, created). Race-safe: a partial unique index allows one running run, so of two
    concurrent starts one inserts and the other gets the running run back.
    """
    if trigger == RunTrigger.ADMIN:
        _require_admin(started_by)
    running = AssessmentRun.objects.filter(status=RunStatus.RUNNING).first()
    if running is not None:
        return running, False
    cutoff = cutoff or timezone.localdate()
    policy = selectors.policy_in_force(on=cutoff) or policy_default_ensure()
    window = selectors.assessment_window(cutoff=cutoff, months=policy.window_months)
    try:
        with transaction.atomic():
            run = AssessmentRun.objects.create(
                status=RunStatus.RUNNING,
                trigger=trigger,
                started_by=started_by,
                policy=policy,
                cutoff=cutoff,
                window_start=window.start,
                window_end=window.end,
                villages_total=Village.objects.count(),
            )
    except IntegrityError:
        return AssessmentRun.objects.get(status=RunStatus.RUNNING), False
    if enqueue:
        _enqueue(run.pk)
    return run, True


@transaction.atomic
def assessment_run_resume(*, run_id: int, resumed_by=None, enqueue: bool = True) -> AssessmentRun:
    """Continue a failed or stalled run from its cursor (evidence already written is upserted, never doubled)."""
    if resumed_by is not None:
        _require_admin(resumed_by)
    run = AssessmentRun.objects.select_for_update().filter(pk=run_id).first()
    if run is None:
        raise NotFound(_("No such run."))
    if run.status == RunStatus.COMPLETED:
        raise InvalidTransition(_("This run is complete."))
    if run.status == RunStatus.RUNNING and not run.is_stalled():
        raise Conflict(_("This run is making progress; it cannot be resumed."))
    if run.status == RunStatus.FAILED:
        try:
            with transaction.atomic():
                AssessmentRun.objects.filter(pk=run.pk).update(
                    status=RunStatus.RUNNING, error="", heartbeat_at=timezone.now()
                )
        except IntegrityError:
            raise Conflict(_("Another run is in progress.")) from None
    else:
        AssessmentRun.objects.filter(pk=run.pk).update(heartbeat_at=timezone.now())
    if enqueue:
        _enqueue(run.pk)
    run.refresh_from_db()
    return run


def _evidence_for(
    *,
    run: AssessmentRun,
    policy: CertificationPolicy,
    village_id: int,
    households: int,
    figures,
    now,
    excluded: selectors.VillageExclusions | None = None,
) -> dict:
    """Decide eligibility from a village's figures under the run's policy (no query): the evidence row's values."""
    shops_total = figures.shops_total if figures else 0
    active = figures.active_shops if figures else 0
    volume = figures.sales_volume if figures else ZERO
    orders = figures.order_count if figures else 0
    required_shops = selectors.shops_needed(policy=policy, households=households)
    shops_rule = ShopsRule.COUNT if active >= policy.min_active_shops else ""
    if not shops_rule and active >= required_shops:
        shops_rule = ShopsRule.HOUSEHOLDS
    required_sales = policy.min_sales_volume
    eligible = bool(shops_rule) and volume >= required_sales
    excluded = excluded or selectors.VillageExclusions()
    return {
        "run_id": run.pk,
        "village_id": village_id,
        "policy_id": policy.pk,
        "policy_version": policy.version,
        "cutoff": run.cutoff,
        "window_start": run.window_start,
        "window_end": run.window_end,
        "shops_total": shops_total,
        "active_shops": active,
        "sales_volume": volume,
        "order_count": orders,
        "households": households,
        "required_active_shops": required_shops,
        "required_sales_volume": required_sales,
        "shops_rule": str(shops_rule),
        "eligible": eligible,
        "shops_shortfall": max(0, required_shops - active),
        "sales_shortfall": quantize_yuan(max(ZERO, required_sales - volume)),
        "held_orders": excluded.held_orders,
        "held_volume": excluded.held_volume,
        "fraud_orders": excluded.fraud_orders,
        "fraud_volume": excluded.fraud_volume,
        "computed_at": now,
    }


EVIDENCE_BATCH = 1000  # rows per INSERT ... VALUES (23 parameters each; SQLite allows 32,766)


def _evidence_upsert(rows: list[dict]) -> None:
    """Insert or overwrite (on run and village) the evidence rows of a chunk.

    Plain SQL rather than bulk_create, which spent as long preparing 19 fields a row as the database
    spent writing them. On PostgreSQL one array per column and unnest(): a long VALUES list took
    PostgreSQL 50 ms a chunk of 500 to parse, the same rows as arrays a few.
    """
    if not rows:
        return
    columns = list(rows[0])
    fields = {field.attname: field for field in VillageEvidence._meta.concrete_fields}
    computed_at = connection.ops.adapt_datetimefield_value(rows[0]["computed_at"])
    table = VillageEvidence._meta.db_table
    insert = f"INSERT INTO {table} ({', '.join(columns)})"
    upsert = "ON CONFLICT (run_id, village_id) DO UPDATE SET " + ", ".join(
        f"{name} = excluded.{name}" for name in columns if name not in ("run_id", "village_id")
    )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The run's constants once, the per-village values as arrays.
            constant = {"run_id", "policy_id", "policy_version", "cutoff", "window_start", "window_end"}
            constant |= {"required_sales_volume", "computed_at"}
            varying = [name for name in columns if name not in constant]
            arrays = ", ".join(f"%s::{fields[name].db_type(connection)}[]" for name in varying)
            select = ", ".join("%s" if name in constant else f"v.{name}" for name in columns)
            params = [computed_at if name == "computed_at" else rows[0][name] for name in columns if name in constant]
            # Array literals ('{"1","2"}'): PostgreSQL reads one string per column much faster than an
            # ARRAY[...] of 1,000 constants. The values are numbers, dates, booleans and the rule's codes.
            params += ["{" + ",".join(f'"{row[name]}"' for row in rows) + "}" for name in varying]
            cursor.execute(
                f"{insert} SELECT {select} FROM unnest({arrays}) AS v({', '.join(varying)}) {upsert}",  # noqa: S608
                params,
            )
            return
        row_sql = "(" + ", ".join(["%s"] * len(columns)) + ")"
        for start in range(0, len(rows), EVIDENCE_BATCH):
            batch = rows[start : start + EVIDENCE_BATCH]
            params = [row[name] if name != "computed_at" else computed_at for row in batch for name in columns]
            cursor.execute(f"{insert} VALUES {', '.join([row_sql] * len(batch))} {upsert}", params)  # noqa: S608


@transaction.atomic
def assessment_run_step(*, run_id: int, chunk_size: int | None = None) -> bool:
    """Assess the next chunk of villages of a run in one transaction; returns False when nothing is left.

    The run row is locked, so two workers on the same run (a redelivered task and a resume) take turns.
    Evidence is upserted on (run, village): a chunk done twice writes the same rows, never duplicates.
    """
    chunk_size = chunk_size or settings.CERTIFICATION_CHUNK_SIZE
    if connection.vendor == "postgresql":
        # Evidence is derived and the cursor moves in the same transaction: a commit lost in a server crash
        # only means the chunk is assessed again on resume, so this transaction need not wait for the WAL flush.
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit = off")
    run = AssessmentRun.objects.select_for_update().select_related("policy").filter(pk=run_id).first()
    if run is None or run.status != RunStatus.RUNNING:
        return False
    now = timezone.now()
    rule = activity_rule_get_or_add(
        lookback_months=run.policy.active_lookback_months,
        min_orders_per_month=run.policy.active_min_orders_per_month,
    )
    if rule is not None and not rule.ready:
        # A policy whose active-shop rule the database does not keep yet: each step fills a range of villages
        # of it (resumable like the run) and computes its own chunk from the shop rollups meanwhile; once the
        # rule is ready, a chunk reads one row per village.
        activity_rule_build_step(rule_id=rule.pk)
        rule.refresh_from_db()
    villages = list(
        Village.objects.filter(pk__gt=run.last_village_id).order_by("pk").values_list("pk", "households")[:chunk_size]
    )
    if not villages:
        done = VillageEvidence.objects.filter(run=run).count()
        AssessmentRun.objects.filter(pk=run.pk).update(
            status=RunStatus.COMPLETED, villages_done=done, villages_total=done, finished_at=now, heartbeat_at=now
        )
        return False
    figures = selectors.village_figures(
        policy=run.policy,
        cutoff=run.cutoff,
        window=selectors.Window(start=run.window_start, end=run.window_end),
        village_id_after=run.last_village_id,
        village_id_upto=villages[-1][0],
        rule=rule,
    )
    exclusions = selectors.village_exclusions(
        window=selectors.Window(start=run.window_start, end=run.window_end),
        village_id_after=run.last_village_id,
        village_id_upto=villages[-1][0],
    )
    _evidence_upsert(
        [
            _evidence_for(
                run=run,
                policy=run.policy,
                village_id=pk,
                households=households,
                figures=figures.get(pk),
                now=now,
                excluded=exclusions.get(pk),
            )
            for pk, households in villages
        ]
    )
    # The chunk's villages added to the count (the cursor moves in the same transaction, so a chunk is counted
    # once; a restart starts both from 0); counting the run's evidence here instead read a growing index each
    # chunk (500 chunks of up to 500,000 rows at national scale). The last step counts the evidence once.
    done = F("villages_done") + len(villages)
    AssessmentRun.objects.filter(pk=run.pk).update(
        last_village_id=villages[-1][0],
        villages_done=done,
        # Villages added during the run are assessed too: the total never shows fewer than done.
        villages_total=Greatest(F("villages_total"), done),
        heartbeat_at=now,
    )
    return True


def assessment_run_execute(*, run_id: int, chunk_size: int | None = None) -> AssessmentRun:
    """Work through a run chunk by chunk (each chunk its own transaction) until it completes.

    A failure marks the run failed with the error; it can be resumed from its cursor.
    """
    try:
        while assessment_run_step(run_id=run_id, chunk_size=chunk_size):
            pass
    except Exception as error:
        AssessmentRun.objects.filter(pk=run_id, status=RunStatus.RUNNING).update(
            status=RunStatus.FAILED, error=f"{type(error).__name__}: {error}"[:2000], finished_at=timezone.now()
        )
        raise
    return AssessmentRun.objects.get(pk=run_id)


def assessment_run_restart(*, run_id: int, restarted_by=None, enqueue: bool = True) -> AssessmentRun:
    """Start the same run over from the first village (its evidence is rewritten, identical for same data)."""
    if restarted_by is not None:
        _require_admin(restarted_by)
    with transaction.atomic():
        run = AssessmentRun.objects.select_for_update().filter(pk=run_id).first()
        if run is None:
            raise NotFound(_("No such run."))
        if run.status == RunStatus.COMPLETED:
            # Decisions rest on a completed run's evidence: it is never rewritten. Start a new run instead.
            raise InvalidTransition(_("This run is complete; start a new run."))
        if run.status == RunStatus.RUNNING and not run.is_stalled():
            raise Conflict(_("This run is making progress; it cannot be restarted."))
        try:
            with transaction.atomic():
                AssessmentRun.objects.filter(pk=run.pk).update(
                    status=RunStatus.RUNNING,
                    last_village_id=0,
                    villages_done=0,
                    villages_total=Village.objects.count(),
                    error="",
                    finished_at=None,
                    heartbeat_at=timezone.now(),
                )
        except IntegrityError:
            raise Conflict(_("Another run is in progress.")) from None
        if enqueue:
            _enqueue(run.pk)
    run.refresh_from_db()
    return run


# --- Decisions


def _lock_certification(village_id: int) -> VillageCertification | None:
    """Lock the village's label row (creating nothing): decisions on one village are serialised."""
    # Lock the village row first: it always exists, so even the first two decisions on a village take turns.
    if Village.objects.select_for_update().filter(pk=village_id).values_list("pk", flat=True).first() is None:
        raise NotFound(_("No such village."))
    return VillageCertification.objects.select_for_update().filter(village_id=village_id).first()


def _evidence_to_decide_on(*, village_id: int, evidence_id: int | None) -> VillageEvidence:
    if evidence_id is not None:
        evidence = VillageEvidence.objects.filter(pk=evidence_id, village_id=village_id).first()
        if evidence is None:
            raise ValidationFailed(fields={"evidence": [_("This evidence is not about this village.")]})
        return evidence
    evidence = selectors.latest_evidence_for_village(village_id=village_id)
    if evidence is None:
        raise ValidationFailed(_("This village has no evidence yet: run an assessment first."), code="no_evidence")
    return evidence


@transaction.atomic
def certification_grant(
    *,
    village_id: int,
    decided_by,
    note: str,
    override_reason: str = "",
    evidence_id: int | None = None,
) -> CertificationDecision:
    """Grant (or renew) the "Taobao village" label for a year on the latest evidence.

    A village that is not eligible needs an explicit override reason. Granting twice on the same evidence
    (two admins at once) is a conflict: the village row is locked, the second one sees the first's grant.
    """
    _require_admin(decided_by)
    note, override_reason = (note or "").strip(), (override_reason or "").strip()
    if not note:
        raise ValidationFailed(fields={"note": [_("Say why the label is granted.")]})
    current = _lock_certification(village_id)
    evidence = _evidence_to_decide_on(village_id=village_id, evidence_id=evidence_id)
    if not evidence.eligible and not override_reason:
        raise ValidationFailed(
            _("This village is not eligible: an override reason is required."),
            code="override_required",
            fields={"override_reason": [_("Required to grant a village that is not eligible.")]},
        )
    if (
        current is not None
        and current.is_valid()
        and current.last_decision is not None
        and current.last_decision.action == DecisionAction.GRANT
        and current.last_decision.evidence_id == evidence.pk
    ):
        raise Conflict(_("The label was already granted on this evidence."), code="already_granted")
    now = timezone.now()
    today = timezone.localdate(now)
    valid_until = today + datetime.timedelta(days=evidence.policy.label_valid_days)
    decision = CertificationDecision.objects.create(
        village_id=village_id,
        action=DecisionAction.GRANT,
        evidence=evidence,
        note=note,
        override_reason=override_reason,
        decided_by=decided_by,
        decided_at=now,
        valid_until=valid_until,
    )
    certified_on = current.certified_on if current is not None and current.is_valid(on=today) else today
    VillageCertification.objects.update_or_create(
        village_id=village_id,
        defaults={
            "status": CertificationStatus.CERTIFIED,
            "certified_on": certified_on,
            "valid_until": valid_until,
            "last_decision": decision,
        },
    )
    audit_record(
        actor=decided_by,
        action="certification_override" if override_reason else "certification_grant",
        target=decision,
        summary=f"village {village_id}: label granted until {valid_until}" + (" (override)" if override_reason else ""),
        details={
            "village_id": village_id,
            "evidence_id": evidence.pk,
            "eligible": evidence.eligible,
            "note": note,
            "override_reason": override_reason,
            "valid_until": valid_until.isoformat(),
        },
    )
    village_label_notify(decision=decision, event="village_certified", year=today.year)
    return decision


@transaction.atomic
def certification_revoke(*, village_id: int, decided_by, reason: str) -> CertificationDecision:
    """Revoke a village's label, with a reason, resting on its latest evidence."""
    _require_admin(decided_by)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(fields={"reason": [_("Say why the label is revoked.")]})
    current = _lock_certification(village_id)
    if current is None or current.status != CertificationStatus.CERTIFIED:
        raise InvalidTransition(_("This village does not hold the label."))
    evidence = _evidence_to_decide_on(village_id=village_id, evidence_id=None)
    decision = CertificationDecision.objects.create(
        village_id=village_id,
        action=DecisionAction.REVOKE,
        evidence=evidence,
        note=reason,
        decided_by=decided_by,
        decided_at=timezone.now(),
    )
    VillageCertification.objects.filter(pk=current.pk).update(
        status=CertificationStatus.REVOKED, valid_until=None, last_decision=decision, updated_at=timezone.now()
    )
    audit_record(
        actor=decided_by,
        action="certification_revoke",
        target=decision,
        summary=f"village {village_id}: label revoked",
        details={"village_id": village_id, "evidence_id": evidence.pk, "reason": reason},
    )
    village_label_notify(decision=decision, event="village_label_revoked", reason=reason)
    return decision
