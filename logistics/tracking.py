"""Parcel tracking: the provider interface, the signed push callback, and the events it records.

The shape is the one of the common Chinese tracking aggregators (Kuaidi100 快递100, Kdniao 快递鸟): we subscribe a
waybill (carrier code + tracking number) once, when the order ships, and the aggregator pushes the parcel's
events to our callback as they happen, again and again (it retries until answered, and may resend old events or
send them out of order). A push is a JSON body signed by HMAC-SHA256 under CARRIER_WEBHOOK_SECRET in the
`X-Taocun-Signature` header:

    {"carrier": "SF", "number": "SF1234567890123",
     "events": [{"id": "e1", "status": "in_transit", "time": "2026-12-07T10:00:00+08:00",
                 "place": "杭州转运中心", "description": "快件已到达"}]}

The one-event form of the earlier carrier callback ({"carrier", "tracking_number", "status"}) is still read.
This module verifies and parses a push and records its events on the waybill; the orders app applies them to
the order (ARCHITECTURE.md: logistics verifies and parses, an orders service applies).

The simulated provider (development and demos) pushes, signed, the events a parcel would have: collected, in
transit, out for delivery, then delivered or arrived at the village station, one step each
TRACKING_SIMULATED_STEP_MINUTES, when beat (or `manage.py run_periodic`) calls it. It delivers orders that no
carrier carried, so with DEBUG off it refuses to run unless TRACKING_PROVIDER_ALLOW_SIMULATED=1.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import json
from dataclasses import dataclass
from typing import Protocol

from django.conf import settings
from django.core import checks
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from core.errors import DomainError, NotPermitted, ValidationFailed
from logistics.carriers import carrier_resolve, tracking_number_normalize
from logistics.models import TRACKING_FINAL, TRACKING_RANK, TrackingEvent, TrackingParcel, TrackingStatus

SIGNATURE_HEADER = "X-Taocun-Signature"
DEV_CARRIER_SECRET = "dev-only-carrier-webhook-secret"  # config/settings.py's default with DEBUG on
MAX_EVENTS_PER_PUSH = 100


def tracking_sign(body: bytes) -> str:
    """Hex HMAC-SHA256 of the raw push body under CARRIER_WEBHOOK_SECRET."""
    return hmac.new(settings.CARRIER_WEBHOOK_SECRET.encode(), body, hashlib.sha256).hexdigest()


def tracking_signature_valid(body: bytes, signature: str) -> bool:
    """A push signed under the key; the development key, public in this repository, signs nothing on a server
    that did not start in DEBUG (as core.payments refuses the payment one)."""
    if settings.CARRIER_WEBHOOK_SECRET == DEV_CARRIER_SECRET and not settings.CARRIER_DEV_SECRET_ACCEPTED:
        return False
    return bool(signature) and hmac.compare_digest(tracking_sign(body), signature)


@dataclass(frozen=True)
class PushedEvent:
    external_id: str
    status: str
    occurred_at: datetime.datetime
    place: str = ""
    description: str = ""


@dataclass(frozen=True)
class TrackingPush:
    carrier: str
    number: str
    events: tuple[PushedEvent, ...]


def tracking_push_body(*, carrier: str, number: str, events: list[dict]) -> bytes:
    """The canonical push body (what the simulated provider sends; tests sign it)."""
    return json.dumps({"carrier": carrier, "number": number, "events": events}, ensure_ascii=False).encode()


def _malformed(field: str | None = None, message: str | None = None) -> ValidationFailed:
    detail = _("The callback body is malformed.")
    return ValidationFailed(detail, code="malformed", fields={field: [message or detail]} if field else None)


def _event_parse(raw, *, carrier: str, number: str) -> PushedEvent:
    if not isinstance(raw, dict):
        raise _malformed("events")
    status = str(raw.get("status", ""))
    if status not in TRACKING_RANK:
        raise _malformed("status", _("Unknown tracking status."))
    time_text = raw.get("time")
    occurred_at = parse_datetime(time_text) if isinstance(time_text, str) else None
    if time_text is None:
        occurred_at = timezone.now()
    if occurred_at is None:
        raise _malformed("time", _("An ISO 8601 date and time."))
    if timezone.is_naive(occurred_at):  # aggregators send Beijing time without an offset
        occurred_at = timezone.make_aware(occurred_at, timezone.get_default_timezone())
    place, description = str(raw.get("place") or "")[:100], str(raw.get("description") or "")[:255]
    external_id = str(raw.get("id") or "")[:64]
    if not external_id:  # no id from the provider: the event itself is its identity, so a resend is a replay
        digest = f"{carrier}|{number}|{status}|{occurred_at.isoformat() if time_text else ''}|{place}"
        external_id = hashlib.sha256(digest.encode()).hexdigest()[:64]
    return PushedEvent(external_id, status, occurred_at, place, description)


def tracking_push_verify(*, body: bytes, signature: str) -> TrackingPush:
    """A verified, parsed push: NotPermitted (403) without a valid signature, before anything is read or written;
    ValidationFailed (400) for a malformed body."""
    if not tracking_signature_valid(body, signature):
        raise NotPermitted(_("The callback signature is not valid."), code="bad_signature")
    try:
        data = json.loads(body)
        carrier_value = str(data["carrier"])
        number = tracking_number_normalize(str(data.get("number") or data.get("tracking_number") or ""))
        raw_events = data["events"] if "events" in data else [{"status": data["status"]}]
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise _malformed() from exc
    carrier = carrier_resolve(carrier_value)
    if carrier is None:
        raise _malformed("carrier", _("Unknown carrier."))
    if not number:
        raise _malformed("number")
    if not isinstance(raw_events, list) or not raw_events or len(raw_events) > MAX_EVENTS_PER_PUSH:
        raise _malformed("events")
    events = tuple(_event_parse(raw, carrier=carrier.code, number=number) for raw in raw_events)
    return TrackingPush(carrier=carrier.code, number=number, events=events)


def tracking_events_record(push: TrackingPush) -> tuple[TrackingParcel | None, list[TrackingEvent]]:
    """Record a push's events on its waybill (inside the caller's transaction): events already recorded are
    skipped (a replay records nothing), late ones are kept but never take the parcel's status back. Returns the
    locked parcel (None: never subscribed) and the events new to us."""
    parcel = TrackingParcel.objects.select_for_update().filter(carrier=push.carrier, number=push.number).first()
    if parcel is None:
        return None, []
    known = set(
        TrackingEvent.objects.filter(parcel=parcel, external_id__in=[e.external_id for e in push.events]).values_list(
            "external_id", flat=True
        )
    )
    new: list[TrackingEvent] = []
    for event in push.events:
        if event.external_id in known:
            continue
        known.add(event.external_id)
        try:
            with transaction.atomic():  # two pushes of one event at once: the unique constraint keeps one
                new.append(
                    TrackingEvent.objects.create(
                        parcel=parcel,
                        external_id=event.external_id,
                        status=event.status,
                        occurred_at=event.occurred_at,
                        place=event.place,
                        description=event.description,
                    )
                )
        except IntegrityError:
            continue
    best = max(new, key=lambda e: (TRACKING_RANK[e.status], e.occurred_at), default=None)
    if best is not None and TRACKING_RANK[best.status] >= TRACKING_RANK.get(parcel.status, 0):
        parcel.status, parcel.status_at, parcel.place = best.status, best.occurred_at, best.place
        parcel.save(update_fields=["status", "status_at", "place"])
    return parcel, new


def tracking_events_for(*, carrier: str, number: str) -> list[TrackingEvent]:
    """A waybill's events in the order they happened (a selector: one query)."""
    return list(
        TrackingEvent.objects.filter(parcel__carrier=carrier, parcel__number=number).order_by("occurred_at", "pk")
    )


# --- providers


class TrackingProvider(Protocol):
    name: str

    def subscribe(self, *, parcel: TrackingParcel, callback_url: str) -> None:
        """Ask the aggregator to push this waybill's events to callback_url (a real one POSTs its API)."""
        ...


class SimulatedTrackingProvider:
    """Pushes the events a parcel would have, one step at a time (see the module's docstring)."""

    name = "simulated"
    ROUTE = (
        TrackingStatus.COLLECTED,
        TrackingStatus.IN_TRANSIT,
        TrackingStatus.OUT_FOR_DELIVERY,
    )

    def subscribe(self, *, parcel: TrackingParcel, callback_url: str) -> None:
        return None  # the parcel row is the subscription

    def next_status(self, parcel: TrackingParcel) -> str | None:
        if parcel.status in TRACKING_FINAL:
            return None
        if not parcel.status:
            return TrackingStatus.COLLECTED
        index = self.ROUTE.index(parcel.status)
        if index + 1 < len(self.ROUTE):
            return self.ROUTE[index + 1]
        return TrackingStatus.AT_STATION if parcel.to_station else TrackingStatus.DELIVERED

    # What the aggregators push is the carrier's own Chinese text, whatever the reader's language: the
    # simulation sends the same (the status itself is translated on the page).
    DESCRIPTIONS = {
        TrackingStatus.COLLECTED: "快件已揽收",
        TrackingStatus.IN_TRANSIT: "快件已到达转运中心",
        TrackingStatus.OUT_FOR_DELIVERY: "快件正在派送中",
        TrackingStatus.AT_STATION: "快件已到达村服务站，请凭取件码取件",
        TrackingStatus.DELIVERED: "快件已签收",
    }

    def _place(self, parcel: TrackingParcel, status: str) -> str:
        if status == TrackingStatus.COLLECTED:
            return parcel.origin
        if status == TrackingStatus.IN_TRANSIT:
            return f"{(parcel.destination or parcel.origin).split(' ')[0]}转运中心"
        return parcel.destination

    def pushes_due(self, *, now: datetime.datetime | None = None, limit: int = 200) -> list[tuple[bytes, str]]:
        """The signed pushes of every simulated parcel whose next step is due (one step each)."""
        tracking_simulated_check()
        now = now or timezone.now()
        step = datetime.timedelta(minutes=settings.TRACKING_SIMULATED_STEP_MINUTES)
        parcels = (
            TrackingParcel.objects.filter(provider=self.name).exclude(status__in=TRACKING_FINAL).order_by("pk")[:limit]
        )
        pushes = []
        for parcel in parcels:
            if (parcel.status_at or parcel.subscribed_at) > now - step:
                continue
            status = self.next_status(parcel)
            event = {
                "id": f"sim-{parcel.pk}-{status}",
                "status": status,
                "time": timezone.localtime(now).isoformat(),
                "place": self._place(parcel, status),
                "description": self.DESCRIPTIONS[status],
            }
            body = tracking_push_body(carrier=parcel.carrier, number=parcel.number, events=[event])
            pushes.append((body, tracking_sign(body)))
        return pushes


class TrackingUnavailable(DomainError):
    status_code = 503
    default_code = "tracking_unavailable"


def tracking_simulated_check() -> None:
    if not settings.TRACKING_PROVIDER_ALLOW_SIMULATED:
        raise TrackingUnavailable(_("The simulated tracking provider is not allowed on this server."))


PROVIDERS: dict[str, TrackingProvider] = {"simulated": SimulatedTrackingProvider()}


def tracking_provider_get(name: str | None = None) -> TrackingProvider:
    return PROVIDERS[name or settings.TRACKING_PROVIDER]


@transaction.atomic
def tracking_subscribe(
    *,
    carrier: str,
    number: str,
    origin: str = "",
    destination: str = "",
    to_station: bool = False,
    callback_url: str = "",
    lock: bool = False,
) -> TrackingParcel:
    """Subscribe a waybill at the configured provider (once: a second call returns the same parcel). With
    `lock`, the parcel row stays locked until the caller's transaction ends."""
    provider = tracking_provider_get()
    parcel, created = TrackingParcel.objects.get_or_create(
        carrier=carrier,
        number=number,
        defaults={
            "provider": provider.name,
            "origin": origin[:100],
            "destination": destination[:100],
            "to_station": to_station,
        },
    )
    if created:
        provider.subscribe(parcel=parcel, callback_url=callback_url)
    if lock:
        parcel = TrackingParcel.objects.select_for_update().get(pk=parcel.pk)
    return parcel


@checks.register(checks.Tags.security)
def tracking_provider_check(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """An unknown provider name stops the server. The simulated one with DEBUG off starts, but never moves a
    parcel (tracking_simulated_check): orders are then delivered by the buyer, a station pickup and the timer."""
    if settings.TRACKING_PROVIDER not in PROVIDERS:
        return [checks.Error(f"Unknown TRACKING_PROVIDER {settings.TRACKING_PROVIDER!r}.", id="logistics.E001")]
    return []
