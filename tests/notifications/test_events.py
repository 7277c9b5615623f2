"""Real events: orders, disputes, assisted purchases, loans, certificates and village labels tell the right people."""

import datetime
from decimal import Decimal

import pytest

from certification import services as certification_services
from certification.models import RunTrigger
from credit import services as credit_services
from credit.models import Loan
from credit.notices import loan_reminders_send, reminder_for
from notifications.models import Delivery, Notification
from orders import services as order_services
from tests.certification.conftest import CUTOFF, add_sales, add_shops
from tests.factories import (
    AdminFactory,
    BuyerFactory,
    FarmerFactory,
    ProductFactory,
    ShopFactory,
    VillageFactory,
    waybill,
)
from tests.orders.factories import AssistedPurchaseFactory, pay, place
from tests.training.factories import finish_course, make_course

pytestmark = pytest.mark.django_db


def told(event):
    """{recipient username: params} of one event's inbox entries."""
    return {
        n.recipient.username: n.params for n in Notification.objects.filter(event=event).select_related("recipient")
    }


def test_an_order_tells_buyer_and_seller_along_its_life(django_capture_on_commit_callbacks, gateway):
    shop = ShopFactory(owner=FarmerFactory(username="seller", phone="13800138001"))
    buyer = BuyerFactory(username="buyer", phone="13900139001", preferred_language="zh-hans")
    (order,) = place(buyer, (ProductFactory(shop=shop, stock=Decimal("10")), 2))
    assert not Notification.objects.exists()  # placing tells nobody: the payment does
    with django_capture_on_commit_callbacks(execute=True):
        pay(order)
    assert told("order_paid").keys() == {"buyer", "seller"}
    assert told("order_paid")["buyer"]["number"] == order.number
    parcel = waybill()
    with django_capture_on_commit_callbacks(execute=True):
        order_services.order_ship(order_id=order.pk, actor=shop.owner, carrier="SF", tracking_number=parcel)
    assert told("order_shipped") == {
        "buyer": {
            "number": order.number,
            "total": f"{order.total:.2f}",
            "carrier": "顺丰速运",
            "tracking_number": parcel,
        }
    }
    # The buyer chose nothing: shipping is one of the text messages on by default, in their language.
    (sms,) = gateway.received
    assert sms["phone"] == "13900139001" and parcel in sms["params"]["content"] and "已由" in sms["params"]["content"]
    order_services.order_deliver(order_id=order.pk, actor=buyer)
    assert told("order_delivered").keys() == {"seller", "buyer"}
    order_services.dispute_open(order_id=order.pk, buyer=buyer, reason="两袋破了")
    assert told("dispute_opened") == {"seller": {"number": order.number, "reason": "两袋破了"}}
    dispute = order.dispute
    order_services.dispute_answer(dispute_id=dispute.pk, seller=shop.owner, answer="补发")
    assert told("dispute_answered") == {"buyer": {"number": order.number, "answer": "补发"}}
    order_services.dispute_decide(dispute_id=dispute.pk, admin=AdminFactory(), refund=True, note="ok")
    assert told("dispute_decided").keys() == {"buyer", "seller"}
    # Each of them once, whatever was raised: one inbox entry per (event, recipient).
    assert Notification.objects.count() == 2 + 1 + 2 + 1 + 1 + 2


def test_a_failed_payment_tells_nobody():
    (order,) = place(BuyerFactory(), (ProductFactory(stock=Decimal("10")), 1))
    payment = order_services.payment_start(order_id=order.pk, payer=order.buyer, idempotency_key="k")
    order_services.payment_simulate(payment=payment, succeed=False)
    assert not Notification.objects.exists()


def test_the_pickup_code_reaches_the_villager_by_sms(station, django_capture_on_commit_callbacks, gateway):
    villager = BuyerFactory(username="villager", phone="13700137000", home_village=station.village)
    villager.notification_preferences.create(event="parcel_arrived", channel="email", enabled=False)
    purchase = AssistedPurchaseFactory(station=station, villager=villager)
    order_services.assisted_order(purchase_id=purchase.pk, operator=station.operator)
    with django_capture_on_commit_callbacks(execute=True):
        purchase = order_services.assisted_arrive(purchase_id=purchase.pk, operator=station.operator)
    assert told("parcel_arrived")["villager"]["code"] == purchase.pickup_code
    (sms,) = gateway.received
    assert sms["phone"] == "13700137000" and purchase.pickup_code in sms["params"]["content"]
    assert Delivery.objects.get().status == "sent"


def test_a_loan_approval_and_its_reminders_each_once(good_farmer, product):
    application, _ = credit_services.loan_apply(
        borrower=good_farmer,
        product=product,
        amount="3000.00",
        term_days=30,
        purpose="seedlings",
        idempotency_key="k1",
        today=datetime.date(2026, 3, 1),
    )
    loan = application.loan
    assert told("loan_approved")[good_farmer.username] == {"amount": "3000.00", "due_on": "2026-03-31"}
    due = loan.due_on
    days = [due - datetime.timedelta(days=3), due - datetime.timedelta(days=2), due]
    days += [due + datetime.timedelta(days=n) for n in (1, 2, 7, 8, 30, 31)]
    sent = {day: loan_reminders_send(today=day) for day in days}
    assert [sent[day] for day in days] == [1, 0, 1, 1, 0, 1, 0, 1, 0]
    assert sorted(Notification.objects.filter(recipient=good_farmer).values_list("key", flat=True)) == [
        f"loan:{loan.pk}",
        f"loan:{loan.pk}:due_soon:{due}",
        f"loan:{loan.pk}:due_today:{due}",
        f"loan:{loan.pk}:overdue:1:{due}",
        f"loan:{loan.pk}:overdue:30:{due}",
        f"loan:{loan.pk}:overdue:7:{due}",
    ]
    # The reminder says what is owed that day.
    reminder = Notification.objects.get(key=f"loan:{loan.pk}:due_soon:{due}")
    assert Decimal(reminder.params["owed"]) > Decimal("3000.00")
    # A repaid loan is not reminded.
    Loan.objects.filter(pk=loan.pk).update(status="repaid")
    assert loan_reminders_send(today=due + datetime.timedelta(days=1)) == 0


@pytest.mark.parametrize(
    ("days_left", "event"),
    [
        (4, None),
        (3, "loan_due_soon"),
        (1, "loan_due_soon"),
        (0, "loan_due_today"),
        (-1, "loan_overdue"),
        (-6, "loan_overdue"),
        (-7, "loan_overdue"),
        (-14, None),
        (-30, "loan_overdue"),
        (-37, None),
    ],
)
def test_which_reminder_a_day_calls_for(days_left, event):
    today = datetime.date(2026, 6, 15)
    reminder = reminder_for(due_on=today + datetime.timedelta(days=days_left), today=today)
    assert (reminder and reminder[0]) == event


def test_a_certificate_tells_the_learner():
    learner = FarmerFactory(username="learner")
    course = make_course(lessons=1, questions=1)
    finish_course(user=learner, course=course)
    (params,) = told("certificate_issued").values()
    assert params["course"] == course.title and params["code"] == learner.certificates.get().code


def test_a_village_label_tells_its_station_and_confirmed_villagers(admin_user, station):
    village = station.village
    add_shops(village, 100)
    add_sales(village, "9970000.00")
    FarmerFactory(username="confirmed", home_village=village)
    FarmerFactory(username="claimed", home_village=village, home_village_confirmed_at=None)
    FarmerFactory(username="elsewhere", home_village=VillageFactory())
    run, _ = certification_services.assessment_run_start(trigger=RunTrigger.SCHEDULE, cutoff=CUTOFF, enqueue=False)
    certification_services.assessment_run_execute(run_id=run.pk)
    certification_services.certification_grant(village_id=village.pk, decided_by=admin_user, note="Strong year")
    recipients = set(told("village_certified"))
    assert {"confirmed", station.operator.username} <= recipients
    assert not {"claimed", "elsewhere"} & recipients
    certification_services.certification_revoke(village_id=village.pk, decided_by=admin_user, reason="造假")
    assert {params["reason"] for params in told("village_label_revoked").values()} == {"造假"}


def test_a_payment_confirmed_for_another_amount_flags_the_order_to_admins():
    admin = AdminFactory(username="watcher")
    (order,) = place(BuyerFactory(), (ProductFactory(stock=Decimal("10")), 1))
    payment = order_services.payment_start(order_id=order.pk, payer=order.buyer, idempotency_key="k")
    order_services.payment_confirm(reference=payment.reference, status="succeeded", amount=payment.amount / 2)
    (flag,) = Notification.objects.filter(event="flagged")
    assert flag.recipient == admin and flag.params["subject"] == order.number
    assert str(payment.reference) in flag.params["reason"]
    assert not Notification.objects.filter(event="order_paid").exists()


def test_a_paid_order_held_as_suspect_is_flagged_to_admins():
    """An order held at checkout (the buyer shares the seller's phone) reaches the admins once it is paid."""
    admin = AdminFactory(username="reviewer")
    shop = ShopFactory(owner=FarmerFactory(phone="13800000017"))
    (order,) = place(BuyerFactory(phone="13800000017"), (ProductFactory(shop=shop, stock=Decimal("10")), 1))
    assert order.trust_review == "held"
    assert not Notification.objects.filter(event="flagged").exists()  # unpaid: nothing to review yet
    pay(order)
    (flag,) = Notification.objects.filter(event="flagged")
    assert flag.recipient == admin and flag.params["subject"] == order.number
    assert flag.params["reason"] == ", ".join(order.suspect_reason_labels())
