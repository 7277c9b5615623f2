"""notify(): one inbox entry per recipient, one delivery per chosen channel, sent once, in the reader's language."""

import datetime

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from core.errors import ValidationFailed
from notifications import services
from notifications.models import Delivery, DeliveryStatus, Notification
from tests.factories import BuyerFactory, FarmerFactory

pytestmark = pytest.mark.django_db
committed = None


@pytest.fixture
def villager():
    return FarmerFactory(phone="138 0013 8000", email="li@example.com", preferred_language="zh-hans")


@pytest.fixture(autouse=True)
def _commit(django_capture_on_commit_callbacks):
    """notify() queues its tasks when the caller's transaction commits: run them as a commit would."""
    global committed
    committed = django_capture_on_commit_callbacks


def notify(**kwargs):
    with committed(execute=True):
        return services.notify(**kwargs)


def parcel(user, key="assisted:1", code="482913"):
    return notify(
        event="parcel_arrived",
        recipients=[user],
        key=key,
        params={"item": "电饭煲", "station": "立碑村", "code": code},
        url="/orders/assisted/mine/",
    )


def test_one_event_one_inbox_entry_one_message_per_channel(villager, gateway):
    assert parcel(villager) == 1
    notification = Notification.objects.get(recipient=villager)
    assert notification.params["code"] == "482913" and notification.read_at is None
    deliveries = {d.channel: d for d in Delivery.objects.filter(notification=notification)}
    assert deliveries.keys() == {"sms", "email"}
    assert {d.status for d in deliveries.values()} == {DeliveryStatus.SENT}
    assert deliveries["sms"].address == "+8613800138000" and deliveries["sms"].provider_reference == "biz-1"
    (sms,) = gateway.received
    assert sms["phone"] == "13800138000" and "482913" in sms["params"]["content"]
    assert "取件码 482913" in sms["params"]["content"]  # in the villager's language
    (email,) = mail.outbox
    assert email.to == ["li@example.com"] and "482913" in email.subject


def test_raising_the_same_event_again_tells_nobody_twice(villager, gateway):
    parcel(villager)
    assert parcel(villager) == 0
    assert Notification.objects.count() == 1 and Delivery.objects.count() == 2
    assert len(gateway.received) == 1 and len(mail.outbox) == 1


def test_a_retried_task_does_not_send_twice(villager, gateway):
    parcel(villager)
    sms = Delivery.objects.get(channel="sms")
    from notifications.tasks import delivery_send

    assert delivery_send.delay(sms.pk).get() == DeliveryStatus.SENT
    assert len(gateway.received) == 1
    sms.refresh_from_db()
    assert sms.attempts == 1


def test_messages_follow_the_readers_language(gateway):
    french = BuyerFactory(phone="13900139000", preferred_language="fr")
    notify(
        event="order_shipped",
        recipients=[french],
        key="order:9",
        params={"number": "TC1", "carrier": "SF", "tracking_number": "SF1"},
    )
    assert gateway.received[0]["params"]["content"].startswith("La commande TC1 est partie avec SF")


def test_a_rolled_back_change_tells_nobody(villager, gateway):
    with pytest.raises(RuntimeError), transaction.atomic():
        services.notify(event="parcel_arrived", recipients=[villager], key="k", params={"code": "1"})
        raise RuntimeError("the payment failed after all")
    assert not Notification.objects.exists() and gateway.received == []


def test_no_phone_no_sms(gateway):
    user = BuyerFactory(phone="", email="")
    parcel(user)
    assert Notification.objects.filter(recipient=user).exists()
    assert not Delivery.objects.exists() and gateway.received == []


def test_preferences_decide_the_channels(villager, gateway):
    services.preferences_set(user=villager, choices={("order_shipped", "sms"): False, ("order_paid", "sms"): True})
    for event in ("order_shipped", "order_paid"):
        notify(event=event, recipients=[villager], key="order:1", params={"number": "TC1"})
    assert [(d.notification.event, d.channel) for d in Delivery.objects.order_by("pk")] == [
        ("order_shipped", "email"),
        ("order_paid", "sms"),
        ("order_paid", "email"),
    ]


def test_transactional_messages_cannot_be_switched_off(villager, gateway):
    with pytest.raises(ValidationFailed) as error:
        services.preferences_set(user=villager, choices={("parcel_arrived", "sms"): False})
    assert "parcel_arrived.sms" in error.value.fields
    services.preferences_set(user=villager, choices={("parcel_arrived", "email"): False})
    parcel(villager)
    assert list(Delivery.objects.values_list("channel", flat=True)) == ["sms"]


def test_admin_only_events_are_not_offered_to_others(villager):
    with pytest.raises(ValidationFailed):
        services.preferences_set(user=villager, choices={("flagged", "email"): True})


def retry_due(delivery):
    """Run deliveries_release when the delivery's retry is overdue (in-process tasks cannot wait to retry)."""
    delivery.refresh_from_db()
    with committed(execute=True):
        return services.deliveries_release(now=delivery.not_before + datetime.timedelta(seconds=61))


def test_a_transient_failure_is_retried_with_backoff_then_sent(villager, gateway, settings):
    settings.NOTIFICATIONS_RETRY_BASE_SECONDS = 100
    gateway.script = ["http500", "throttle"]
    before = timezone.now()
    parcel(villager)
    sms = Delivery.objects.get(channel="sms")
    assert sms.status == DeliveryStatus.FAILED and sms.attempts == 1 and "HTTP 500" in sms.last_error
    assert 80 <= (sms.not_before - before).total_seconds() <= 121  # base +- 20 %
    assert services.deliveries_release(now=before) == 0  # not yet
    retry_due(sms)
    sms.refresh_from_db()
    assert sms.status == DeliveryStatus.FAILED and sms.attempts == 2
    assert 160 <= (sms.not_before - before).total_seconds() <= 250  # doubled
    retry_due(sms)
    sms.refresh_from_db()
    assert sms.status == DeliveryStatus.SENT and sms.attempts == 3 and sms.last_error == ""
    assert len(gateway.received) == 1


def test_retries_give_up_after_the_last_attempt(villager, gateway, settings):
    settings.NOTIFICATIONS_MAX_ATTEMPTS = 3
    gateway.script = ["http500"] * 5
    parcel(villager)
    sms = Delivery.objects.get(channel="sms")
    retry_due(sms)
    retry_due(sms)
    sms.refresh_from_db()
    assert sms.status == DeliveryStatus.GAVE_UP and sms.attempts == 3
    assert services.deliveries_release(now=timezone.now() + datetime.timedelta(days=1)) == 0
    assert gateway.received == []


def test_a_permanent_failure_gives_up_at_once(villager, gateway):
    gateway.script = ["bad_number"]
    parcel(villager)
    sms = Delivery.objects.get(channel="sms")
    assert sms.status == DeliveryStatus.GAVE_UP and sms.attempts == 1


def test_quiet_hours_hold_what_is_not_urgent(villager, gateway, settings, monkeypatch):
    settings.NOTIFICATIONS_QUIET_HOURS = (22, 8)
    night = datetime.datetime(2026, 12, 7, 23, 30, tzinfo=services.SHANGHAI)
    monkeypatch.setattr(timezone, "now", lambda: night)
    notify(event="order_shipped", recipients=[villager], key="order:1", params={"number": "TC1"})
    parcel(villager)  # urgent: the pickup code leaves at night too
    held = Delivery.objects.get(notification__event="order_shipped", channel="sms")
    assert held.status == DeliveryStatus.QUEUED
    assert held.not_before == datetime.datetime(2026, 12, 8, 8, 0, tzinfo=services.SHANGHAI)
    assert [m["params"]["code"] for m in gateway.received] == ["482913"]
    assert services.deliveries_release(now=night) == 0
    with committed(execute=True):
        assert services.deliveries_release(now=held.not_before) == 1
    held.refresh_from_db()
    assert held.status == DeliveryStatus.SENT and len(gateway.received) == 2


@pytest.mark.parametrize(
    ("hour", "quiet"), [(21, False), (22, True), (23, True), (0, True), (7, True), (8, False), (12, False)]
)
def test_quiet_hours_wrap_around_midnight(settings, hour, quiet):
    settings.NOTIFICATIONS_QUIET_HOURS = (22, 8)
    moment = datetime.datetime(2026, 12, 7, hour, 15, tzinfo=services.SHANGHAI)
    assert (services.quiet_until(moment) is not None) == quiet


def test_the_per_phone_limit_holds_the_rest(villager, gateway, settings):
    settings.NOTIFICATIONS_SMS_PER_PHONE = 2
    for n in range(3):
        parcel(villager, key=f"assisted:{n}", code=f"00000{n}")
    assert len(gateway.received) == 2
    held = Delivery.objects.get(channel="sms", status=DeliveryStatus.QUEUED)
    assert held.not_before > timezone.now()


def test_a_villager_registered_without_a_phone_is_texted_through_the_station(settings):
    """Issue 17: the station registered them with a name only; the pickup code goes to the station's phone."""
    from core import sms
    from tests.factories import StationFactory
    from villages.services import resident_register

    settings.SMS_PROVIDER = "memory"
    sms.outbox.clear()
    station = StationFactory(phone="139 0013 9000")
    villager = resident_register(actor=station.operator, last_name="张", first_name="三")
    villager.preferred_language = "zh-hans"
    villager.save()
    parcel(villager)
    (delivery,) = Delivery.objects.filter(notification__recipient=villager, channel="sms")
    assert delivery.address == "+8613900139000" and delivery.status == DeliveryStatus.SENT
    assert sms.outbox[-1]["text"].startswith("致张三：") and "482913" in sms.outbox[-1]["text"]
    # A villager who signed up themselves without a phone gets no text on the station's phone.
    other = FarmerFactory(home_village=station.village, phone="")
    parcel(other, key="assisted:2")
    assert not Delivery.objects.filter(notification__recipient=other, channel="sms").exists()
    sms.outbox.clear()
