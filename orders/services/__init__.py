"""Write use cases for orders, one module per use case; every function is one transaction.

Re-exported here so callers write `from orders import services` and `services.order_place(...)`.
"""

from orders.services.assisted import (
    PICKUP_LOCKOUT_SECONDS,
    PICKUP_MAX_FAILURES,
    TooManyAttempts,
    assisted_arrive,
    assisted_cancel,
    assisted_collect,
    assisted_order,
    assisted_request,
)
from orders.services.audits import orders_audit, rollups_audit, withdrawals_audit
from orders.services.checkout import (
    cart_checkout,
    cart_item_remove,
    cart_item_set,
    cart_quote,
    cart_validate,
    checkout_quote,
    order_place,
    quantity_check,
)
from orders.services.common import WEIGHED_UNITS, WEIGHT_TOLERANCE, InsufficientStock, ShipTo, is_seller
from orders.services.disputes import dispute_answer, dispute_decide, dispute_open
from orders.services.fulfilment import (
    order_cancel,
    order_complete,
    order_deliver,
    order_refund,
    order_ship,
    orders_auto_complete,
    orders_auto_deliver,
    orders_cancel_unpaid,
)
from orders.services.group_buys import (
    group_buy_expire,
    group_buy_join,
    group_buy_open,
    group_buys_expire,
)
from orders.services.payments import (
    checkout_payment_confirm,
    checkout_payment_simulate,
    checkout_payment_start,
    payment_callback_handle,
    payment_confirm,
    payment_simulate,
    payment_start,
)
from orders.services.reviews import review_post, reviewable_line_ids
from orders.services.rollups import LOCAL_TZ, month_of, sales_rollup_add, sales_rollup_rebuild, village_rollup_rebuild
from orders.services.settlement import commission_rate_current, commission_rate_set, payout_record, shop_balance
from orders.services.station_parcels import (
    buyer_station,
    checkout_to_station,
    station_parcel_collect,
    station_parcel_remind,
    station_parcel_scan,
)
from orders.services.tracking import (
    TrackingApplied,
    carrier_callback_handle,
    tracking_callback_handle,
    tracking_simulated_advance,
)
from orders.services.trust import OwnShopPurchase, order_review_clear, order_review_confirm_fraud, own_shop_check
from orders.services.withdrawals import (
    payout_account_add,
    payout_account_remove,
    withdrawal_approve,
    withdrawal_payout_callback_handle,
    withdrawal_payout_confirm,
    withdrawal_refuse,
    withdrawal_request,
)

__all__ = [
    "InsufficientStock",
    "OwnShopPurchase",
    "LOCAL_TZ",
    "PICKUP_LOCKOUT_SECONDS",
    "PICKUP_MAX_FAILURES",
    "ShipTo",
    "TooManyAttempts",
    "WEIGHED_UNITS",
    "WEIGHT_TOLERANCE",
    "assisted_arrive",
    "assisted_cancel",
    "assisted_collect",
    "assisted_order",
    "assisted_request",
    "carrier_callback_handle",
    "group_buy_expire",
    "group_buy_join",
    "group_buy_open",
    "group_buys_expire",
    "cart_checkout",
    "cart_item_remove",
    "cart_item_set",
    "cart_quote",
    "cart_validate",
    "checkout_payment_confirm",
    "checkout_payment_simulate",
    "checkout_payment_start",
    "checkout_quote",
    "commission_rate_current",
    "commission_rate_set",
    "dispute_answer",
    "dispute_decide",
    "dispute_open",
    "is_seller",
    "month_of",
    "order_cancel",
    "order_complete",
    "order_deliver",
    "order_review_clear",
    "order_review_confirm_fraud",
    "order_place",
    "order_refund",
    "order_ship",
    "orders_audit",
    "orders_auto_complete",
    "orders_auto_deliver",
    "own_shop_check",
    "orders_cancel_unpaid",
    "payment_callback_handle",
    "payment_confirm",
    "payment_simulate",
    "payment_start",
    "payout_record",
    "quantity_check",
    "rollups_audit",
    "sales_rollup_add",
    "sales_rollup_rebuild",
    "shop_balance",
    "village_rollup_rebuild",
    "TrackingApplied",
    "tracking_callback_handle",
    "tracking_simulated_advance",
    "buyer_station",
    "checkout_to_station",
    "station_parcel_collect",
    "station_parcel_remind",
    "station_parcel_scan",
    "payout_account_add",
    "payout_account_remove",
    "withdrawal_approve",
    "withdrawal_payout_callback_handle",
    "withdrawal_payout_confirm",
    "withdrawal_refuse",
    "withdrawal_request",
    "withdrawals_audit",
    "review_post",
    "reviewable_line_ids",
]
