"""Reads of the produce's story and of a batch's recall."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from certification.models import VillageCertification
from orders.models import OrderLine
from shops.batches.models import FarmerShown, ProduceBatch
from shops.batches.selectors import batch_by_code
from training.models import Certificate


@dataclass
class Story:
    batch: ProduceBatch
    farmer: str
    certification: VillageCertification | None
    certificates: list[Certificate]

    @property
    def certificates_linked(self) -> bool:
        """A certificate's verify page names its holder in full: linked only when the farmer shows their full name
        (a family-name-only story lists the courses without the way to the full name)."""
        return self.batch.farmer_shown == FarmerShown.FULL

    @property
    def label_valid(self) -> bool:
        return self.certification is not None and self.certification.is_valid()


def farmer_shown_name(batch: ProduceBatch) -> str:
    """The farmer as they chose to be shown: full name, family name, or nothing (the shop's name stands)."""
    owner = batch.product.shop.owner
    if batch.farmer_shown == FarmerShown.FULL:
        return owner.display_name
    if batch.farmer_shown == FarmerShown.FAMILY and owner.last_name.strip():
        return _("the %(name)s family") % {"name": owner.last_name.strip()}
    return ""


def story_for(*, code: str) -> Story | None:
    """Everything the public page tells about a batch, in 4 queries."""
    batch = batch_by_code(code=code)
    if batch is None:
        return None
    shop = batch.product.shop
    certification = VillageCertification.objects.filter(village_id=shop.village_id).first()
    certificates = []
    if batch.farmer_shown != FarmerShown.NONE:
        certificates = list(
            Certificate.objects.filter(user_id=shop.owner_id).select_related("course").order_by("-issued_at")[:6]
        )
    return Story(batch=batch, farmer=farmer_shown_name(batch), certification=certification, certificates=certificates)


def batch_recall_lines(*, batch: ProduceBatch) -> QuerySet[OrderLine]:
    """Every order line shipped from the batch, with its order and buyer (one query)."""
    return (
        OrderLine.objects.filter(batch=batch)
        .select_related("order__buyer", "order__shop")
        .order_by("-order__placed_at", "pk")
    )
