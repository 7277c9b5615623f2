"""Beat tasks: thin, idempotent, each calls one service (see CELERY_BEAT_SCHEDULE in config/settings.py)."""

from celery import shared_task

from orders import services


@shared_task(name="orders.tasks.orders_cancel_unpaid")
def orders_cancel_unpaid() -> int:
    """Cancel orders left unpaid past ORDERS_UNPAID_TIMEOUT_MINUTES; their stock returns."""
    return services.orders_cancel_unpaid()


@shared_task(name="orders.tasks.group_buys_expire")
def group_buys_expire() -> int:
    """Close group buys past their deadline: paid members refunded, unpaid places released (issue 23)."""
    return services.group_buys_expire()


@shared_task(name="orders.tasks.orders_auto_complete")
def orders_auto_complete() -> int:
    """Complete orders delivered more than ORDERS_AUTO_COMPLETE_DAYS ago (no undecided dispute)."""
    return services.orders_auto_complete()


@shared_task(name="orders.tasks.orders_auto_deliver")
def orders_auto_deliver() -> int:
    """Deliver orders shipped more than ORDERS_AUTO_DELIVER_DAYS ago that nobody confirmed."""
    return services.orders_auto_deliver()


@shared_task(name="orders.tasks.tracking_simulate")
def tracking_simulate() -> int:
    """Development: the simulated tracking provider moves each parcel on by one due step."""
    return services.tracking_simulated_advance()


@shared_task(name="orders.tasks.withdrawal_payouts_resume")
def withdrawal_payouts_resume() -> int:
    """Send again the withdrawal payouts approved but never sent (a crash between the commit and the provider)."""
    return services.withdrawal_payouts_resume()


@shared_task(name="orders.tasks.presale_orders_expire")
def presale_orders_expire() -> int:
    """Pre-sales: unpaid reservations lapse; balances unpaid at the end of their window forfeit the deposit."""
    return services.presale_orders_expire()


@shared_task(name="orders.tasks.presales_refund_unshipped")
def presales_refund_unshipped() -> int:
    """Pre-sales past their last shipping date: every buyer whose order did not ship is refunded in full."""
    return services.presales_refund_unshipped()
