"""The audit log: each decision leaves one entry with who, what, on what and from where."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from certification import services as certification_services
from certification.models import RunTrigger
from core.audit import current_ip
from core.models import AuditEntry
from credit import services as credit_services
from credit.models import Loan
from orders.models import LedgerKind, ShopLedgerEntry
from tests.certification.conftest import CUTOFF, add_sales, add_shops
from tests.credit.conftest import good_farmer  # noqa: F401, F811 (a fixture)
from tests.credit.factories import LoanProductFactory
from tests.factories import AdminFactory, FarmerFactory, ShopFactory, VillageFactory
from training import services as training_services

pytestmark = pytest.mark.django_db

ADDRESS = "203.0.113.7"


def only_entry(action: str) -> AuditEntry:
    entries = list(AuditEntry.objects.filter(action=action))
    assert len(entries) == 1, [str(e) for e in AuditEntry.objects.all()]
    return entries[0]


def assert_entry(entry: AuditEntry, *, actor, target_type: str, target_id) -> None:
    assert entry.actor == actor
    assert entry.target_type == target_type and entry.target_id == str(target_id)
    assert entry.ip_address == ADDRESS
    assert entry.summary and entry.created_at


def assess():
    run, _ = certification_services.assessment_run_start(trigger=RunTrigger.SCHEDULE, cutoff=CUTOFF, enqueue=False)
    return certification_services.assessment_run_execute(run_id=run.pk)


def test_certification_grant_override_and_revoke_are_audited(api_client, admin_user):
    eligible, short = VillageFactory(), VillageFactory()
    add_shops(eligible, 100)
    add_sales(eligible, "9970000.00")
    add_shops(short, 3)
    assess()
    api_client.force_authenticate(admin_user)
    url = "/api/certification/villages/{}/{}/"
    granted = api_client.post(url.format(eligible.pk, "grant"), {"note": "Good year"}, REMOTE_ADDR=ADDRESS)
    assert granted.status_code == 201
    entry = only_entry("certification_grant")
    assert_entry(
        entry, actor=admin_user, target_type="certification.certificationdecision", target_id=granted.json()["id"]
    )
    assert entry.details["village_id"] == eligible.pk and entry.details["eligible"] is True

    overridden = api_client.post(
        url.format(short.pk, "grant"), {"note": "Please", "override_reason": "Flood year"}, REMOTE_ADDR=ADDRESS
    )
    assert overridden.status_code == 201
    entry = only_entry("certification_override")
    assert_entry(
        entry, actor=admin_user, target_type="certification.certificationdecision", target_id=overridden.json()["id"]
    )
    assert entry.details["override_reason"] == "Flood year" and entry.details["eligible"] is False

    revoked = api_client.post(url.format(eligible.pk, "revoke"), {"reason": "Fake orders"}, REMOTE_ADDR=ADDRESS)
    assert revoked.status_code == 201
    entry = only_entry("certification_revoke")
    assert_entry(
        entry, actor=admin_user, target_type="certification.certificationdecision", target_id=revoked.json()["id"]
    )
    assert entry.details["reason"] == "Fake orders"


def test_refused_decisions_leave_no_entry(api_client, admin_user):
    short = VillageFactory()
    add_shops(short, 3)
    assess()
    api_client.force_authenticate(admin_user)
    assert api_client.post(f"/api/certification/villages/{short.pk}/grant/", {"note": "x"}).status_code == 400
    assert not AuditEntry.objects.exists()


def _apply(api_client, product, *, key, amount):
    return api_client.post(
        "/api/loans/",
        {"product": product.pk, "amount": amount, "term_days": 30, "purpose": "seeds"},
        format="json",
        HTTP_IDEMPOTENCY_KEY=key,
        REMOTE_ADDR=ADDRESS,
    )


def test_loan_approvals_and_declines_are_audited_with_reason_codes(api_client, good_farmer):  # noqa: F811
    product = LoanProductFactory()
    api_client.force_authenticate(good_farmer)
    approved = _apply(api_client, product, key="a-1", amount="500.00")
    assert approved.status_code == 201 and approved.json()["decision"] == "approved"
    entry = only_entry("loan_approved")
    assert_entry(entry, actor=good_farmer, target_type="credit.loanapplication", target_id=approved.json()["id"])
    assert entry.details["reason_codes"] == [] and entry.details["amount"] == "500.00"

    declined = _apply(api_client, product, key="a-2", amount="999999.00")
    assert declined.status_code == 201 and declined.json()["decision"] == "declined"
    entry = only_entry("loan_declined")
    assert_entry(entry, actor=good_farmer, target_type="credit.loanapplication", target_id=declined.json()["id"])
    assert entry.details["reason_codes"] and all(code in str(declined.json()) for code in entry.details["reason_codes"])

    # A replay of the same key is the same decision: no second entry.
    assert _apply(api_client, product, key="a-1", amount="500.00").status_code == 200
    assert AuditEntry.objects.filter(action="loan_approved").count() == 1


def test_write_off_is_audited(client, admin_user):
    credit_services.loan_apply(
        borrower=FarmerFactory(),
        product=LoanProductFactory(),
        amount="1000.00",
        term_days=10,
        purpose="x",
        idempotency_key="k1",
        today=datetime.date(2026, 1, 1),
    )
    credit_services.loans_mark_overdue()
    loan = Loan.objects.get()
    client.force_login(admin_user)
    client.post(reverse("credit:loan_write_off", args=[loan.pk]), {"reason": "moved away"}, REMOTE_ADDR=ADDRESS)
    loan.refresh_from_db()
    assert loan.status == "written_off"
    assert_entry(only_entry("loan_write_off"), actor=admin_user, target_type="credit.loan", target_id=loan.pk)


def test_qualification_override_grant_and_revoke_are_audited(client, station):
    admin_user = AdminFactory(is_staff=True, is_superuser=True)
    # Granted from the station's admin form (the middleware sets the address; here set as it would be).
    token = current_ip.set(ADDRESS)
    try:
        override = training_services.qualification_override_grant(
            station=station, reason="Only person in the village who can.", granted_by=admin_user
        )
    finally:
        current_ip.reset(token)
    entry = only_entry("qualification_override_grant")
    assert_entry(entry, actor=admin_user, target_type="training.qualificationoverride", target_id=override.pk)
    assert entry.details["operator_id"] == station.operator_id

    client.force_login(admin_user)
    response = client.post(
        reverse("admin:training_qualificationoverride_changelist"),
        {"action": "revoke_overrides", "_selected_action": [override.pk]},
        REMOTE_ADDR=ADDRESS,
    )
    assert response.status_code == 302
    entry = only_entry("qualification_override_revoke")
    assert_entry(entry, actor=admin_user, target_type="training.qualificationoverride", target_id=override.pk)


def test_payout_is_audited(api_client, admin_user):
    shop = ShopFactory()
    ShopLedgerEntry.objects.create(shop=shop, kind=LedgerKind.SALE, amount=Decimal("80.00"), note="sale")
    api_client.force_authenticate(admin_user)
    response = api_client.post(
        "/api/payouts/", {"shop": shop.pk, "amount": "50.00", "note": "May"}, format="json", REMOTE_ADDR=ADDRESS
    )
    assert response.status_code == 201
    entry = only_entry("payout")
    assert_entry(entry, actor=admin_user, target_type="orders.shopledgerentry", target_id=response.json()["id"])
    assert entry.details == {"shop_id": shop.pk, "amount": "50.00", "note": "May"}


def test_admins_see_the_audit_log_and_others_do_not(client, admin_user):
    AuditEntry.objects.create(
        actor=admin_user, action="payout", target_type="orders.shop", target_id="1", summary="x", ip_address=ADDRESS
    )
    client.force_login(AdminFactory(is_staff=True, is_superuser=True))
    assert client.get("/admin/core/auditentry/").status_code == 200
    client.force_login(FarmerFactory())
    assert client.get("/admin/core/auditentry/").status_code == 302
