"""How each route's URL kwargs are built from the world (routes without kwargs need no entry)."""

from django.contrib.auth.tokens import default_token_generator
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode


def _reset(w):
    return {
        "uidb64": urlsafe_base64_encode(force_bytes(w.buyer.pk)),
        "token": default_token_generator.make_token(w.buyer),
    }


KWARGS = {
    # Issue 23: coupons.
    "coupon-detail": lambda w: {"pk": w.coupon.pk},
    "coupon-claim": lambda w: {"pk": w.coupon.pk},
    "coupon-grant": lambda w: {"pk": w.coupon.pk},
    "coupon-end": lambda w: {"pk": w.coupon_to_end.pk},
    "promotions:coupon_claim": lambda w: {"pk": w.coupon.pk},
    "promotions:coupon_end": lambda w: {"pk": w.coupon_to_end.pk},
    "promotions:shop_coupons": lambda w: {"slug": w.shop.slug},
    "order-refund-line": lambda w: {"number": w.order_delivered.number},
    # Issue 23: pre-sales.
    "orders:presale_reserve": lambda w: {"presale_id": w.presale.pk},
    "orders:presale_detail": lambda w: {"presale_id": w.presale.pk},
    "orders:presale_call": lambda w: {"presale_id": w.presale.pk},
    "orders:presale_pay": lambda w: {"number": w.presale_order.number},
    "orders:presale_ship": lambda w: {"number": w.presale_order.number},
    "orders:presale_simulated_pay": lambda w: {"reference": w.presale_payment_pending.reference},
    "presale-detail": lambda w: {"pk": w.presale.pk},
    "presale-call": lambda w: {"pk": w.presale.pk},
    "presale-reserve": lambda w: {"pk": w.presale.pk},
    "presale-order-detail": lambda w: {"number": w.presale_order.number},
    "presale-order-pay": lambda w: {"number": w.presale_order.number},
    "presale-order-ship": lambda w: {"number": w.presale_order.number},
    # Issue 22: spreadsheet import and traceability.
    "shops:import_template": lambda w: {"file_format": "xlsx"},
    "shops:import_detail": lambda w: {"pk": w.product_import.pk},
    "shops:import_confirm": lambda w: {"pk": w.product_import.pk},
    "shops:import_progress": lambda w: {"pk": w.product_import.pk},
    "shops:import_report": lambda w: {"pk": w.product_import.pk, "file_format": "csv"},
    "shops:import_photos": lambda w: {"pk": w.product_import.pk},
    "traceability:story": lambda w: {"code": w.batch.code},
    "traceability:batch_detail": lambda w: {"code": w.batch.code},
    "traceability:batch_photo": lambda w: {"code": w.batch.code},
    "traceability:batch_labels": lambda w: {"code": w.batch.code, "size": "small"},
    "orders:order_line_batch": lambda w: {"number": w.order_paid.number, "line_id": w.order_paid.lines.first().pk},
    "accounts:password_reset_confirm": _reset,
    "media": lambda w: {"path": w.image.thumbnail_small.name},
    "villages:village_detail": lambda w: {"pk": w.village.pk},
    "villages:station_detail": lambda w: {"pk": w.station.pk},
    "villages:county_detail": lambda w: {"pk": w.village.township.county.pk},
    "villages:township_detail": lambda w: {"pk": w.village.township.pk},
    "shops:product_detail": lambda w: {"pk": w.product.pk},
    "shops:shop_detail": lambda w: {"slug": w.shop.slug},
    "shops:village_shops": lambda w: {"village_id": w.village.pk},
    "shops:shop_edit": lambda w: {"slug": w.shop.slug},
    "shops:product_create": lambda w: {"slug": w.shop.slug},
    "shops:product_edit": lambda w: {"pk": w.product.pk},
    "shops:product_stock": lambda w: {"pk": w.product.pk},
    "shops:product_options": lambda w: {"pk": w.product.pk},
    "shops:photo_upload": lambda w: {"pk": w.product.pk},
    "shops:photo_action": lambda w: {"pk": w.product.pk, "image_id": w.image.pk, "action": "delete"},
    "shops:product_move": lambda w: {"pk": w.product.pk, "move": "unpublish"},
    "orders:checkout_done": lambda w: {"checkout_id": w.order_paid.checkout_id},
    "orders:assisted_action": lambda w: {"pk": w.assisted.pk, "action": "order"},
    "orders:dispute_respond": lambda w: {"pk": w.dispute.pk, "action": "answer"},
    "orders:simulated_pay": lambda w: {"reference": w.payment_pending.reference},
    "orders:checkout_pay": lambda w: {"checkout_id": w.order_pending.checkout_id},
    "orders:simulated_checkout_pay": lambda w: {"reference": w.checkout_payment_pending.reference},
    "checkout-pay": lambda w: {"checkout_id": str(w.order_pending.checkout_id)},
    "freight:freight_create": lambda w: {"shop_id": w.shop.pk},
    "freight:freight_default_create": lambda w: {"shop_id": w.shop.pk},
    "freight:freight_edit": lambda w: {"template_id": w.freight_template.pk},
    "freight:freight_delete": lambda w: {"template_id": w.freight_template.pk},
    "freight-template-detail": lambda w: {"pk": w.freight_template.pk},
    "orders:order_detail": lambda w: {"number": w.order_paid.number},
    "orders:order_pay": lambda w: {"number": w.order_pending.number},
    "orders:dispute_open": lambda w: {"number": w.order_completed.number},
    "orders:order_action": lambda w: {"number": w.order_paid.number, "action": "ship"},
    "orders:order_print": lambda w: {"number": w.order_paid.number, "kind": "label"},
    "orders:station_parcel_action": lambda w: {"number": w.order_at_station.number, "action": "remind"},
    "orders:review_action": lambda w: {"number": w.order_paid.number, "action": "clear"},
    "orders:payout_account_remove": lambda w: {"pk": w.payout_account.pk},
    "orders:review_post": lambda w: {"number": w.order_completed.number},
    "orders:buy_again": lambda w: {"number": w.order_completed.number},
    "shops:review_action": lambda w: {"pk": w.review.pk, "action": "reply"},
    "product-review-detail": lambda w: {"pk": w.review.pk},
    "product-review-reply": lambda w: {"pk": w.review.pk},
    "product-review-hide": lambda w: {"pk": w.review.pk},
    "orders:withdrawal_decide": lambda w: {"pk": w.withdrawal.pk, "action": "refuse"},
    "payout-account-detail": lambda w: {"pk": w.payout_account.pk},
    "withdrawal-detail": lambda w: {"pk": w.withdrawal.pk},
    "withdrawal-approve": lambda w: {"pk": w.withdrawal.pk},
    "withdrawal-refuse": lambda w: {"pk": w.withdrawal.pk},
    "certification:run_detail": lambda w: {"pk": w.run.pk},
    "certification:run_progress": lambda w: {"pk": w.run.pk},
    "certification:run_evidence_export": lambda w: {"pk": w.run.pk, "kind": "csv"},
    "certification:run_resume": lambda w: {"pk": w.run.pk},
    "certification:village_detail": lambda w: {"pk": w.village.pk},
    "certification:village_grant": lambda w: {"pk": w.village.pk},
    "certification:village_revoke": lambda w: {"pk": w.village.pk},
    "credit:loan_repay": lambda w: {"pk": w.loan.pk},
    "credit:simulated_pay": lambda w: {"reference": w.loan_payment_pending.reference},
    "credit:identity_verify": lambda w: {"user_id": w.farmer.pk},
    "credit:loan_write_off": lambda w: {"pk": w.loan.pk},
    "training:course_detail": lambda w: {"slug": w.course.slug},
    "training:course_enrol": lambda w: {"slug": w.course.slug},
    "training:lesson_detail": lambda w: {"slug": w.course.slug, "position": 1},
    "training:lesson_mark_read": lambda w: {"slug": w.course.slug, "position": 1},
    "training:lesson_quiz": lambda w: {"slug": w.course.slug, "position": 1},
    "training:certificate_detail": lambda w: {"code": w.certificate.code},
    "training:certificate_pdf": lambda w: {"code": w.certificate.code},
    "training:verify_code": lambda w: {"code": w.certificate.code},
    "insights:village": lambda w: {"pk": w.village.pk},
    "insights:county": lambda w: {"pk": w.village.township.county.pk},
    "insights:province": lambda w: {"pk": w.village.township.county.province.pk},
    "insights:farmer": lambda w: {"pk": w.farmer.pk},
    "insights:csv": lambda w: {"kind": "village", "pk": w.village.pk, "table": "monthly"},
    "village-stats": lambda w: {"pk": w.village.pk},
    "county-stats": lambda w: {"pk": w.village.township.county.pk},
    "province-stats": lambda w: {"pk": w.village.township.county.province.pk},
    "province-detail": lambda w: {"pk": w.village.township.county.province.pk},
    "county-detail": lambda w: {"pk": w.village.township.county.pk},
    "village-detail": lambda w: {"pk": w.village.pk},
    "station-detail": lambda w: {"pk": w.station.pk},
    "resident-detail": lambda w: {"pk": w.farmer.pk},
    "resident-confirm": lambda w: {"pk": w.farmer.pk},
    "resident-unlock": lambda w: {"pk": w.farmer.pk},
    "villages:resident_confirm": lambda w: {"pk": w.farmer.pk},
    "villages:resident_unlock": lambda w: {"pk": w.farmer.pk},
    "category-detail": lambda w: {"pk": w.product.category.pk},
    "shop-detail": lambda w: {"pk": w.shop.pk},
    "product-detail": lambda w: {"pk": w.product.pk},
    "product-archive": lambda w: {"pk": w.product.pk},
    "product-image-delete": lambda w: {"pk": w.product.pk, "image_id": w.image.pk},
    "product-images": lambda w: {"pk": w.product.pk},
    "product-images-reorder": lambda w: {"pk": w.product.pk},
    "product-publish": lambda w: {"pk": w.draft_product.pk},
    "product-stock": lambda w: {"pk": w.product.pk},
    "product-unpublish": lambda w: {"pk": w.product.pk},
    "course-detail": lambda w: {"slug": w.course.slug},
    "course-enrol": lambda w: {"slug": w.course.slug},
    "course-lessons": lambda w: {"slug": w.course.slug},
    "enrollment-detail": lambda w: {"pk": w.enrollment.pk},
    "certificate-verify": lambda w: {"code": w.certificate.code},
    "certificate-detail": lambda w: {"code": w.certificate.code},
    "order-detail": lambda w: {"number": w.order_paid.number},
    "order-cancel": lambda w: {"number": w.order_paid.number},
    "order-complete": lambda w: {"number": w.order_shipped.number},
    "order-deliver": lambda w: {"number": w.order_shipped.number},
    "order-review-clear": lambda w: {"number": w.order_paid.number},
    "order-review-fraud": lambda w: {"number": w.order_paid.number},
    "order-pay": lambda w: {"number": w.order_pending.number},
    "order-refund": lambda w: {"number": w.order_paid.number},
    "order-ship": lambda w: {"number": w.order_paid.number},
    "station-parcel-collect": lambda w: {"number": w.order_at_station.number},
    "order-label": lambda w: {"number": w.order_paid.number},
    "order-packing-list": lambda w: {"number": w.order_paid.number},
    "station-parcel-remind": lambda w: {"number": w.order_at_station.number},
    "cart-detail": lambda w: {"pk": w.product.pk},
    "dispute-detail": lambda w: {"pk": w.dispute.pk},
    "dispute-answer": lambda w: {"pk": w.dispute.pk},
    "dispute-decide": lambda w: {"pk": w.dispute.pk},
    "assisted-purchase-detail": lambda w: {"pk": w.assisted.pk},
    "assisted-purchase-arrive": lambda w: {"pk": w.assisted.pk},
    "assisted-purchase-cancel": lambda w: {"pk": w.assisted.pk},
    "assisted-purchase-collect": lambda w: {"pk": w.assisted.pk},
    "assisted-purchase-mark-ordered": lambda w: {"pk": w.assisted.pk},
    "certification-policy-detail": lambda w: {"pk": w.run.policy_id},
    "certification-run-detail": lambda w: {"pk": w.run.pk},
    "certification-run-restart": lambda w: {"pk": w.run.pk},
    "certification-run-resume": lambda w: {"pk": w.run.pk},
    "certification-village-detail": lambda w: {"pk": w.village.pk},
    "certification-village-grant": lambda w: {"pk": w.village.pk},
    "certification-village-revoke": lambda w: {"pk": w.village.pk},
    "loan-product-detail": lambda w: {"pk": w.loan_product.pk},
    "loan-detail": lambda w: {"pk": w.loan.pk},
    "loan-repay": lambda w: {"pk": w.loan.pk},
    "notifications:mark_read": lambda w: {"pk": _farmer_notification(w)},
    "notification-detail": lambda w: {"pk": _farmer_notification(w)},
    "notification-read": lambda w: {"pk": _farmer_notification(w)},
}


def _farmer_notification(w) -> int:
    """The farmer's inbox entry for their loan's approval (loan_apply raised it when the world was built)."""
    from notifications.models import Notification

    return Notification.objects.get(recipient=w.farmer, event="loan_approved").pk


def _buyer_address(w, *, fresh: bool = False) -> int:
    """A saved address of the buyer (made on first use; `fresh`: a new one, for the row that deletes it)."""
    from villages.models import Address, City, District, Province

    address = None if fresh else Address.objects.filter(user=w.buyer).first()
    if address is None:
        district = District.objects.select_related("city__province").get(code="330106")
        address = Address.objects.create(
            user=w.buyer,
            recipient_name="Matrix",
            recipient_phone="+8613800138000",
            province=Province.objects.get(pk=district.city.province_id),
            city=City.objects.get(pk=district.city_id),
            district=district,
            street="1 Road",
        )
    return address.pk


KWARGS.update(
    {
        "address-detail": lambda w: {"pk": _buyer_address(w)},
        "address-set-default": lambda w: {"pk": _buyer_address(w)},
        "villages:address_edit": lambda w: {"pk": _buyer_address(w)},
        "villages:address_default": lambda w: {"pk": _buyer_address(w)},
        "villages:address_delete": lambda w: {"pk": _buyer_address(w, fresh=True)},
        "city-detail": lambda w: {"pk": __import__("villages.models").models.City.objects.get(code="3301").pk},
        "district-detail": lambda w: {
            "pk": __import__("villages.models").models.District.objects.get(code="330106").pk
        },
    }
)

# Issue 23: group buys.
KWARGS.update(
    {
        "group-buy-offer-detail": lambda w: {"pk": w.group_offer.pk},
        "group-buy-offer-end": lambda w: {"pk": w.group_offer.pk},
        "group-buy-offer-open-group": lambda w: {"pk": w.group_offer.pk},
        "group-buy-detail": lambda w: {"code": w.group_buy.code},
        "group-buy-join": lambda w: {"code": w.group_buy.code},
        "orders:group_buy_offer_end": lambda w: {"offer_id": w.group_offer.pk},
        "orders:group_buy_start": lambda w: {"offer_id": w.group_offer.pk},
        "orders:group_buy": lambda w: {"code": w.group_buy.code},
    }
)
