"""Freshness: a directory is only useful if it is current. The same rules as the PA register.

A provider confirms now and then that its listing is still right. Not confirmed for 90 days:
its services sink below fresher ones and say so. For 180 days: hidden until it confirms. Its
owners are reminded (through ``notify()``) a week before it sinks and two weeks before it hides.
Dates, not times: "confirmed on 3 March" is what people say and what Open Referral's
``assured_date`` holds.
"""

from __future__ import annotations

import datetime
import enum

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from pbsite.notifications import notify

SINKS_AFTER = datetime.timedelta(days=90)
HIDDEN_AFTER = datetime.timedelta(days=180)

# (age at which this reminder goes, what it says), in the order they are sent.
REMINDERS = [
    (
        SINKS_AFTER - datetime.timedelta(days=7),
        "Is your directory listing still right? Please confirm it this week, or it will move "
        "down the list",
    ),
    (
        HIDDEN_AFTER - datetime.timedelta(days=14),
        "Your directory listing will be hidden in 2 weeks. Confirm it is still right to keep "
        "it in the directory",
    ),
]


class Freshness(enum.Enum):
    FRESH = "fresh"
    STALE = "stale"  # sinks, and says so
    HIDDEN = "hidden"  # nobody finds it until the provider confirms


def _today(on=None) -> datetime.date:
    return on or timezone.localdate()


def freshness(last_confirmed: datetime.date, on=None) -> Freshness:
    age = _today(on) - last_confirmed
    if age >= HIDDEN_AFTER:
        return Freshness.HIDDEN
    if age >= SINKS_AFTER:
        return Freshness.STALE
    return Freshness.FRESH


def hidden_on_or_before(on=None) -> datetime.date:
    """Listings last confirmed on or before this day are hidden."""
    return _today(on) - HIDDEN_AFTER


def stale_on_or_before(on=None) -> datetime.date:
    return _today(on) - SINKS_AFTER


def confirm(organisation, on=None) -> None:
    """The provider says "our listing is still right"."""
    organisation.last_confirmed = _today(on)
    organisation.reminders_sent = 0
    organisation.save(update_fields=["last_confirmed", "reminders_sent", "modified"])


def due_reminder(organisation, on=None) -> int | None:
    """The index in REMINDERS of the reminder due now, if one is and it was not sent yet.

    Only the latest due one goes: a provider away for months gets one message, not two.
    """
    age = _today(on) - organisation.last_confirmed
    if age >= HIDDEN_AFTER:
        return None
    due = [number for number, (at_age, _text) in enumerate(REMINDERS) if age >= at_age]
    if not due or due[-1] < organisation.reminders_sent:
        return None
    return due[-1]


def send_reminders(on=None) -> int:
    """Remind the owners of every listing about to sink or hide. Returns how many listings."""
    from .models import ListingStatus, Organisation

    on = _today(on)
    candidates = Organisation.objects.filter(
        status=ListingStatus.APPROVED,
        hidden=False,
        last_confirmed__lte=on - REMINDERS[0][0],
        last_confirmed__gt=hidden_on_or_before(on),
    ).prefetch_related("owners")
    sent = 0
    for organisation in candidates:
        number = due_reminder(organisation, on)
        owners = list(organisation.owners.all())
        if number is None or not owners:
            continue
        with transaction.atomic():
            for owner in owners:
                notify(
                    owner,
                    REMINDERS[number][1],
                    organisation,
                    url=reverse("directory:edit", args=[organisation.slug]),
                )
            organisation.reminders_sent = number + 1
            organisation.save(update_fields=["reminders_sent"])
        sent += 1
    return sent


def freshness_note(last_confirmed: datetime.date, on=None) -> str:
    """What a listing says about how current it is, in words."""
    state = freshness(last_confirmed, on)
    when = f"{last_confirmed:%-d %B %Y}"
    if state is Freshness.FRESH:
        return f"Confirmed as up to date on {when}."
    if state is Freshness.STALE:
        return f"Not confirmed since {when}. Some details may have changed: ask them first."
    return f"Hidden: not confirmed since {when}."
