"""Collections at the station: who to call or visit this week, and what was said.

The operator of a village follows up its villagers' instalments (due this week, and late ones by age); each contact
(called, visited, promised to pay on a day, no answer) is kept with the operator's name. Money itself is still
taken only through the station's cash entry (credit.repayments.station_cash_record) or the payment provider.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from core.audit import audit_record
from core.errors import NotPermitted, ValidationFailed
from credit.models import OPEN_LOAN_STATUSES, CollectionContact, ContactKind, Loan
from villages.selectors import user_operates_village


@transaction.atomic
def collection_contact_record(
    *, operator, loan_id: int, kind: str, note: str = "", promised_on: datetime.date | None = None, today: datetime.date
) -> CollectionContact:
    """Keep one follow-up of a running loan by the operator of the borrower's village."""
    loan = Loan.objects.select_related("borrower").filter(pk=loan_id).first()
    if (
        loan is None
        or not operator.is_operator
        or not loan.borrower.home_village_id
        or not user_operates_village(user=operator, village_id=loan.borrower.home_village_id)
    ):
        raise NotPermitted(_("Only the station operator of the borrower's village follows this loan up."))
    if loan.status not in OPEN_LOAN_STATUSES:
        raise ValidationFailed(_("This loan is not running any more."), code="loan_closed")
    if kind not in ContactKind.values:
        raise ValidationFailed(fields={"kind": [_("Choose what happened.")]})
    if kind == ContactKind.PROMISED:
        if promised_on is None:
            raise ValidationFailed(fields={"promised_on": [_("Say on which day they promised to pay.")]})
        if promised_on < today:
            raise ValidationFailed(fields={"promised_on": [_("A promise to pay is for today or a later day.")]})
    else:
        promised_on = None
    contact = CollectionContact.objects.create(
        loan=loan, operator=operator, kind=kind, promised_on=promised_on, note=(note or "").strip()[:255]
    )
    audit_record(
        actor=operator,
        action="loan_collection_contact",
        target=contact,
        summary=f"{operator.username} {kind} about loan {loan.pk}",
        details={"loan_id": loan.pk, "kind": kind, "promised_on": promised_on.isoformat() if promised_on else None},
    )
    return contact
