"""One realistic world for the permission matrix: two villages, each with a station and its operator.

Village A holds everything the matrix reads and writes: a farmer with a shop and products (one with a photo),
orders in several states (awaiting payment with a started payment, paid, shipped, delivered with an open
dispute, completed), an assisted purchase, a course with an enrolment and a certificate, a microloan,
a certification run with its evidence and a grant. Village B, in another county, has its own operator only:
that operator must see none of A's private data and change none of it.
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from certification import services as certification_services
from certification.models import VillageEvidence
from credit import repayments
from credit import services as credit_services
from logistics.freight_services import freight_template_default_create
from orders import services as order_services
from orders.models import AssistedPurchase, Dispute, Order, Payment
from shops.models import Product, ProductImage, Shop
from tests.credit.factories import LoanProductFactory, completed_orders, verify_identity
from tests.factories import (
    AdminFactory,
    BuyerFactory,
    FarmerFactory,
    ProductFactory,
    ShopFactory,
    StationFactory,
    waybill,
)
from tests.orders.factories import options, pay, place, ship_to
from tests.promotions.factories import coupon as shop_coupon
from tests.training.factories import finish_course, make_course
from training.models import Certificate, Course, Enrollment

# A 1x1 PNG: enough for an ImageField row (the matrix never processes it).
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7V\xbd\xfa\x00\x00\x00\x00IEND\xaeB`\x82"
)


@dataclass
class World:
    village: object
    station: object
    operator: object
    other_village: object
    other_station: object
    other_operator: object
    farmer: object
    buyer: object
    admin: object
    shop: Shop
    product: Product
    draft_product: Product
    image: ProductImage
    order_pending: Order
    payment_pending: Payment
    checkout_payment_pending: object
    freight_template: object
    order_paid: Order
    order_shipped: Order
    order_delivered: Order
    order_completed: Order
    dispute: Dispute
    assisted: AssistedPurchase
    order_at_station: Order
    course: Course
    enrollment: Enrollment
    certificate: Certificate
    loan_product: object
    loan: object
    loan_payment_pending: object
    run: object
    evidence: VillageEvidence
    payout_account: object = None
    withdrawal: object = None
    review: object = None
    # Issue 22: a spreadsheet import by village A's operator (checked, not confirmed) and a batch of the product.
    product_import: object = None
    batch: object = None
    # Issue 23: two coupons of village A's shop (one to claim, one to end).
    coupon: object = None
    coupon_to_end: object = None
    # Issue 23: an open pre-sale of the product's "5 斤装" option, the buyer's reservation and its pending deposit.
    presale: object = None
    presale_order: object = None
    presale_payment_pending: object = None
    # Issue 23: a group-buy offer on an option of the product, and a group the buyer opened on it.
    group_offer: object = None
    group_buy: object = None

    def actor(self, name: str):
        return {
            "anonymous": None,
            "buyer": self.buyer,
            "farmer": self.farmer,
            "operator": self.operator,
            "other_operator": self.other_operator,
            "admin": self.admin,
        }[name]


def build_world() -> World:
    station = StationFactory()
    village = station.village
    other_station = StationFactory()  # another village in another county (factories make a county per village)
    admin = AdminFactory(username="matrix-admin")
    farmer = FarmerFactory(username="matrix-farmer", home_village=village)
    farmer.date_joined = timezone.now() - datetime.timedelta(days=800)
    farmer.save(update_fields=["date_joined"])
    buyer = BuyerFactory(username="matrix-buyer")
    farmer_neighbour = BuyerFactory(username="matrix-neighbour", home_village=village)

    shop = ShopFactory(owner=farmer, village=village, slug="matrix-shop", name="Matrix shop")
    product = ProductFactory(shop=shop, name="Pickled cabbage", stock=Decimal("500"))
    draft_product = ProductFactory(shop=shop, name="Chilli paste", status="draft")
    image = ProductImage(product=product, position=0, status="ready")
    for field in (image.image, image.thumbnail_small, image.thumbnail_large):  # processed: thumbnails exist
        field.save("matrix.png", ContentFile(PNG), save=False)
    image.save()

    # Orders through the real checkout and payment services.
    (order_pending,) = place(buyer, (product, 1))
    payment_pending = order_services.payment_start(
        order_id=order_pending.pk, payer=buyer, idempotency_key=uuid.uuid4().hex
    )
    checkout_payment_pending = order_services.checkout_payment_start(
        checkout_id=order_pending.checkout_id, payer=buyer, idempotency_key=uuid.uuid4().hex
    )
    freight_template = freight_template_default_create(shop=shop)
    (order_paid,) = place(buyer, (product, 2))
    pay(order_paid)
    (order_shipped,) = place(buyer, (product, 2))
    pay(order_shipped)
    order_services.order_ship(order_id=order_shipped.pk, actor=farmer, carrier="SF", tracking_number=waybill())
    (order_delivered,) = place(buyer, (product, 3))
    pay(order_delivered)
    order_services.order_ship(order_id=order_delivered.pk, actor=farmer, carrier="SF", tracking_number=waybill())
    order_services.order_deliver(order_id=order_delivered.pk, actor=buyer)
    dispute = order_services.dispute_open(order_id=order_delivered.pk, buyer=buyer, reason="Crushed jars.")
    (order_completed,) = place(buyer, (product, 1))
    pay(order_completed)
    order_services.order_ship(order_id=order_completed.pk, actor=farmer, carrier="SF", tracking_number=waybill())
    order_services.order_deliver(order_id=order_completed.pk, actor=buyer)
    order_services.order_complete(order_id=order_completed.pk, actor=buyer)

    # A parcel the buyer collects at village A's station, scanned in there.
    order_at_station = order_services.checkout_to_station(
        buyer=farmer_neighbour,
        recipient_name="Station buyer",
        recipient_phone="13900000042",
        place=lambda ship_to: order_services.order_place(
            buyer=farmer_neighbour, variants=options((product, 1)), ship_to=ship_to
        ),
    )[0]
    pay(order_at_station)
    order_services.order_ship(order_id=order_at_station.pk, actor=farmer, carrier="SF", tracking_number=waybill())
    order_at_station = order_services.station_parcel_scan(
        operator=station.operator,
        station_id=station.pk,
        tracking_number=Order.objects.get(pk=order_at_station.pk).tracking_number,
    )

    assisted = order_services.assisted_request(
        operator=station.operator,
        station_id=station.pk,
        villager_id=farmer.pk,
        description="Electric rice cooker",
        link="https://example.com/rice-cooker",
        price=Decimal("199.00"),
        deposit=Decimal("50.00"),
    )

    course = make_course(lessons=2, questions=2, slug="matrix-course")
    finish_course(user=farmer, course=course)
    enrollment = Enrollment.objects.get(user=farmer, course=course)
    certificate = Certificate.objects.get(user=farmer, course=course)

    # A trading record good enough for an instant microloan.
    verify_identity(farmer, station.operator)
    completed_orders(farmer, 48, shop=shop)
    loan_product = LoanProductFactory()
    application, _ = credit_services.loan_apply(
        borrower=farmer,
        product=loan_product,
        amount=Decimal("500.00"),
        term_days=30,
        purpose="Seeds",
        idempotency_key=uuid.uuid4().hex,
    )
    loan = application.loan
    loan_payment_pending, _ = repayments.loan_payment_start(
        loan_id=loan.pk, payer=farmer, amount=Decimal("100.00"), idempotency_key=uuid.uuid4().hex
    )

    payout_account = order_services.payout_account_add(
        owner=farmer, kind="alipay", holder_name="Matrix Holder", number="13800138000"
    )
    withdrawal = order_services.withdrawal_request(
        farmer=farmer, shop_id=shop.pk, account_id=payout_account.pk, amount=Decimal("1.00")
    )

    review = order_services.review_post(
        buyer=buyer, line_id=order_completed.lines.first().pk, rating=5, text="Matrix review"
    )

    run, _ = certification_services.assessment_run_start(started_by=admin, enqueue=False)
    certification_services.assessment_run_execute(run_id=run.pk)
    run.refresh_from_db()
    evidence = VillageEvidence.objects.filter(run=run, village=village).get()

    from shops.batches.services import batch_record
    from shops.imports.models import ProductImport

    product_import = ProductImport.objects.create(
        created_by=station.operator,
        file_name="matrix.csv",
        rows=[{"line": 2, "key": "A", "values": {"name": "Tea"}, "action": "create", "errors": []}],
        rows_total=1,
        counts={"create": 1},
    )
    batch = batch_record(actor=farmer, product=product, harvested_on=timezone.localdate(), quantity="10")

    coupon = shop_coupon(shop=shop, per_user=2)
    coupon_to_end = shop_coupon(shop=shop)
    from promotions.services import presale_open
    from shops.models import ProductVariant

    # A product of its own: a second option on `product` would make every other row name an option.
    presale_product = ProductFactory(shop=shop, name="Kiwi", stock=Decimal("0"))
    variant = ProductVariant.objects.get(product=presale_product)
    today = timezone.localdate()
    presale = presale_open(
        actor=farmer,
        variant_id=variant.pk,
        quantity_offered="100",
        deposit_per_unit="1.00",
        final_price_per_unit=str(presale_product.unit_price),
        harvest_from=today + datetime.timedelta(days=1),
        harvest_to=today + datetime.timedelta(days=10),
        ship_by=today + datetime.timedelta(days=30),
        terms="Matrix terms: the deposit is kept if the balance is not paid.",
    )
    presale_order = order_services.presale_reserve(
        buyer=buyer,
        presale_id=presale.pk,
        quantity="1",
        ship_to=ship_to(recipient_name="Matrix buyer", recipient_phone="13900000043"),
        accept_terms=True,
    )
    presale_payment_pending = order_services.presale_payment_start(
        presale_order_id=presale_order.pk, payer=buyer, idempotency_key=uuid.uuid4().hex
    )

    return World(
        product_import=product_import,
        batch=batch,
        presale=presale,
        presale_order=presale_order,
        presale_payment_pending=presale_payment_pending,
        village=village,
        station=station,
        operator=station.operator,
        other_village=other_station.village,
        other_station=other_station,
        other_operator=other_station.operator,
        farmer=farmer,
        buyer=buyer,
        admin=admin,
        shop=shop,
        product=product,
        draft_product=draft_product,
        image=image,
        order_pending=order_pending,
        payment_pending=payment_pending,
        checkout_payment_pending=checkout_payment_pending,
        freight_template=freight_template,
        order_paid=order_paid,
        order_shipped=order_shipped,
        order_delivered=order_delivered,
        order_completed=order_completed,
        dispute=dispute,
        assisted=assisted,
        order_at_station=order_at_station,
        course=course,
        enrollment=enrollment,
        certificate=certificate,
        loan_product=loan_product,
        loan=loan,
        loan_payment_pending=loan_payment_pending,
        run=run,
        evidence=evidence,
        payout_account=payout_account,
        withdrawal=withdrawal,
        coupon=coupon,
        coupon_to_end=coupon_to_end,
        review=review,
        **_group_buy_world(product, buyer),
    )


def _group_buy_world(product, buyer) -> dict:
    from orders.services.group_buys import group_buy_open
    from shops.models import ProductVariant
    from tests.orders.factories import ship_to
    from tests.promotions.factories import GroupBuyOfferFactory

    # A product of its own: a second option on `product` would make every other row name an option.
    group_product = ProductFactory(shop=product.shop, name="Group kiwi", unit_price=Decimal("30.00"))
    variant = ProductVariant.objects.get(product=group_product)
    offer = GroupBuyOfferFactory(variant=variant, group_price=Decimal("25.00"), group_size=3)
    member = group_buy_open(buyer=buyer, offer_id=offer.pk, ship_to=ship_to())
    return {"group_offer": offer, "group_buy": member.group}
