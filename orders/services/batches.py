"""Which traceability batch an order line was shipped from (issue 22): set by the seller, read by the buyer's
order page (a link to the batch's story) and by the recall list."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from core.errors import InvalidTransition, NotFound, NotPermitted, ValidationFailed
from orders.models import Order, OrderLine, OrderStatus
from orders.services.common import is_seller
from shops.batches.models import ProduceBatch
from shops.batches.services import batch_code_normalise

# From payment (packing) to delivery; a completed order's lines keep the batch they had.
BATCH_SETTABLE = {OrderStatus.PAID, OrderStatus.SHIPPED, OrderStatus.DELIVERED}


@transaction.atomic
def order_line_batch_set(*, actor: User, order: Order, line_id: int, code: str) -> OrderLine:
    """Record the batch a line was shipped from (an empty code clears it); the batch must be of the line's product."""
    order = Order.objects.select_for_update().select_related("shop").get(pk=order.pk)
    if not is_seller(actor, order):
        raise NotPermitted(_("Only the seller may say which batch an order was shipped from."))
    if order.status not in BATCH_SETTABLE:
        raise InvalidTransition(_("The batch is recorded between payment and delivery."))
    line = OrderLine.objects.filter(pk=line_id, order=order).first()
    if line is None:
        raise NotFound(_("Not found."))
    code = batch_code_normalise(code)
    batch = None
    if code:
        batch = ProduceBatch.objects.filter(code=code, product_id=line.product_id).first()
        if batch is None:
            message = _("No batch of this product has this code.")
            raise ValidationFailed(message, code="unknown_batch", fields={"batch": [message]})
    line.batch = batch
    line.save(update_fields=["batch"])
    return line
