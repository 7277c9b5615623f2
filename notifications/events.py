"""The events Taocun tells people about, and how each is worded (gettext: translated in notifications.po).

The raising app passes the parameters a message needs (numbers, codes, dates as text); this module never
reads another app's models. A message is rendered when it is shown or sent, in the reader's language.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Channel:
    INBOX = "inbox"
    SMS = "sms"
    EMAIL = "email"


# Channels a user can switch per event; the inbox always keeps the record.
SWITCHABLE_CHANNELS = (Channel.SMS, Channel.EMAIL)
CHANNEL_LABELS = {Channel.INBOX: _("Inbox"), Channel.SMS: _("SMS"), Channel.EMAIL: _("E-mail")}


@dataclass(frozen=True)
class Event:
    code: str
    label: object  # lazy translation: what the preferences page calls it
    title: object  # lazy translation with %(name)s placeholders filled from the event's params
    body: object
    defaults: frozenset[str]  # switchable channels on until the user says otherwise
    mandatory: frozenset[str] = frozenset()  # transactional: cannot be switched off
    urgent: bool = False  # sent at night too (quiet hours apply to the others)
    admins_only: bool = False

    def channel_locked(self, channel: str) -> bool:
        return channel in self.mandatory


SMS, EMAIL = Channel.SMS, Channel.EMAIL

EVENTS: dict[str, Event] = {
    event.code: event
    for event in (
        Event(
            "order_paid",
            _("Order paid"),
            _("Order %(number)s is paid"),
            _("Order %(number)s (¥%(total)s) is paid. The seller ships it next."),
            frozenset({EMAIL}),
        ),
        Event(
            "group_buy_refunded",
            _("Group buy not filled"),
            _("Your group buy did not fill: order %(number)s refunded"),
            _("The group of order %(number)s did not fill in time. ¥%(total)s goes back to you in full."),
            frozenset({SMS, EMAIL}),
        ),
        Event(
            "order_shipped",
            _("Order shipped"),
            _("Order %(number)s has shipped"),
            _("Order %(number)s has shipped with %(carrier)s, tracking number %(tracking_number)s."),
            frozenset({SMS, EMAIL}),
        ),
        Event(
            "order_delivered",
            _("Order delivered"),
            _("Order %(number)s is delivered"),
            _("Order %(number)s is marked delivered. It completes once the buyer confirms it."),
            frozenset({EMAIL}),
        ),
        Event(
            "parcel_arrived",
            _("Parcel at the station"),
            _("Your parcel is at the station: pickup code %(code)s"),
            _("%(item)s has arrived at %(station)s. Show the pickup code %(code)s to collect it."),
            frozenset({SMS, EMAIL}),
            mandatory=frozenset({SMS}),
            urgent=True,
        ),
        Event(
            "review_received",
            _("New review"),
            _("A %(stars)s-star review of %(product)s"),
            _("The buyer of order %(number)s rated %(product)s %(stars)s out of 5. You may answer once, on its page."),
            frozenset({EMAIL}),
        ),
        Event(
            "dispute_opened",
            _("Dispute opened"),
            _("A dispute was opened on order %(number)s"),
            _("The buyer opened a dispute on order %(number)s: %(reason)s"),
            frozenset({SMS, EMAIL}),
        ),
        Event(
            "dispute_answered",
            _("Dispute answered"),
            _("The seller answered your dispute on order %(number)s"),
            _("The seller answered your dispute on order %(number)s: %(answer)s"),
            frozenset({EMAIL}),
        ),
        Event(
            "dispute_decided",
            _("Dispute decided"),
            _("The dispute on order %(number)s is decided"),
            _("The dispute on order %(number)s is decided: %(outcome)s."),
            frozenset({SMS, EMAIL}),
        ),
        Event(
            "loan_approved",
            _("Loan approved"),
            _("Your loan of ¥%(amount)s is approved"),
            _("Your loan of ¥%(amount)s is approved and paid out. It is due on %(due_on)s."),
            frozenset({SMS, EMAIL}),
            mandatory=frozenset({SMS}),
        ),
        Event(
            "loan_due_soon",
            _("Loan due in 3 days"),
            _("Your loan is due on %(due_on)s"),
            _("Your loan #%(loan)s is due in 3 days, on %(due_on)s. You owe ¥%(owed)s."),
            frozenset({SMS, EMAIL}),
        ),
        Event(
            "loan_due_today",
            _("Loan due today"),
            _("Your loan is due today"),
            _("Your loan #%(loan)s is due today. You owe ¥%(owed)s."),
            frozenset({SMS, EMAIL}),
            mandatory=frozenset({SMS}),
        ),
        Event(
            "loan_overdue",
            _("Loan overdue"),
            _("Your loan is overdue since %(due_on)s"),
            _("Your loan #%(loan)s was due on %(due_on)s and is overdue. You owe ¥%(owed)s, and interest still runs."),
            frozenset({SMS, EMAIL}),
            mandatory=frozenset({SMS}),
        ),
        Event(
            "certificate_issued",
            _("Certificate issued"),
            _("Your certificate for %(course)s"),
            _("Congratulations: you completed %(course)s. Certificate number %(code)s."),
            frozenset({EMAIL}),
        ),
        Event(
            "village_certified",
            _("Village certified"),
            _("%(village)s is a Taobao village"),
            _("%(village)s has been certified a Taobao village (%(year)s)."),
            frozenset({SMS, EMAIL}),
        ),
        Event(
            "village_label_revoked",
            _("Village label revoked"),
            _("%(village)s lost its Taobao village label"),
            _("The Taobao village label of %(village)s was revoked: %(reason)s"),
            frozenset({SMS, EMAIL}),
        ),
        # Pre-sales (issue 23)
        Event(
            "presale_balance_called",
            _("Pre-sale: balance due"),
            _("Pay the balance of pre-sale order %(number)s"),
            _(
                "The harvest is in: pay the balance of ¥%(balance)s for pre-sale order %(number)s by %(due)s, or the "
                "deposit is kept as the terms said."
            ),
            frozenset({SMS, EMAIL}),
            mandatory=frozenset({SMS}),
        ),
        Event(
            "presale_forfeited",
            _("Pre-sale: deposit forfeited"),
            _("Deposit of pre-sale order %(number)s kept"),
            _(
                "The balance of pre-sale order %(number)s was not paid in time: the deposit of ¥%(deposit)s is kept, "
                "as the terms said."
            ),
            frozenset({EMAIL}),
        ),
        Event(
            "presale_refunded",
            _("Pre-sale: refunded"),
            _("Pre-sale order %(number)s refunded"),
            _("Pre-sale order %(number)s was not shipped by the last shipping date: everything paid is refunded."),
            frozenset({SMS, EMAIL}),
        ),
        Event(
            "flagged",
            pgettext_lazy("notification event", "Flagged for review"),
            _("Flagged for review: %(subject)s"),
            _("%(subject)s was flagged for review: %(reason)s"),
            frozenset({EMAIL}),
            urgent=True,
            admins_only=True,
        ),
    )
}


def events_for(user) -> list[Event]:
    """The events a user can receive (and so set preferences for)."""
    return [event for event in EVENTS.values() if not event.admins_only or user.is_admin]


def render(event_code: str, params: dict) -> tuple[str, str]:
    """(title, body) in the active language; a missing parameter shows as empty rather than failing."""
    event = EVENTS[event_code]
    values = _Lenient(params)
    return str(event.title) % values, str(event.body) % values


class _Lenient(dict):
    def __missing__(self, key):
        return ""
