"""Freshness: a register is only useful if it is current.

A PA confirms now and then that their profile is still right. Not confirmed for 90 days: the
profile sinks below fresher ones and says so. For 180 days: it is hidden until they confirm.
They are reminded (through ``notify()``) a week before it sinks and two weeks before it hides.
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

# (how old a profile is when this reminder goes, what it says). In the order they are sent.
REMINDERS = [
    (
        SINKS_AFTER - datetime.timedelta(days=7),
        "Is your PA profile still right? Please confirm it this week, or it will move down "
        "the list",
    ),
    (
        HIDDEN_AFTER - datetime.timedelta(days=14),
        "Your PA profile will be hidden in 2 weeks. Confirm it is still right to keep it on "
        "the register",
    ),
]


class Freshness(enum.Enum):
    FRESH = "fresh"
    STALE = "stale"  # sinks, and says so
    HIDDEN = "hidden"  # nobody finds it until the PA confirms


def freshness(last_confirmed: datetime.datetime, now=None) -> Freshness:
    age = (now or timezone.now()) - last_confirmed
    if age >= HIDDEN_AFTER:
        return Freshness.HIDDEN
    if age >= SINKS_AFTER:
        return Freshness.STALE
    return Freshness.FRESH


def hidden_before(now=None) -> datetime.datetime:
    """Profiles confirmed at or before this moment are hidden."""
    return (now or timezone.now()) - HIDDEN_AFTER


def stale_before(now=None) -> datetime.datetime:
    return (now or timezone.now()) - SINKS_AFTER


def confirm(profile, now=None) -> None:
    """The PA says "my profile is still right"."""
    profile.last_confirmed = now or timezone.now()
    profile.reminders_sent = 0
    profile.save(update_fields=["last_confirmed", "reminders_sent"])


def due_reminder(profile, now=None) -> int | None:
    """The index in REMINDERS of the reminder this profile should get now, if any.

    Only the latest one that is due is sent: someone away for months gets one message, not two.
    """
    now = now or timezone.now()
    age = now - profile.last_confirmed
    if profile.paused or age >= HIDDEN_AFTER:
        return None
    due = [number for number, (at_age, _text) in enumerate(REMINDERS) if age >= at_age]
    if not due or due[-1] < profile.reminders_sent:
        return None
    return due[-1]


def send_reminders(now=None) -> int:
    """Remind every PA whose profile is about to sink or hide. Returns how many were sent."""
    from .models import PAProfile

    now = now or timezone.now()
    first_due = now - REMINDERS[0][0]
    candidates = PAProfile.objects.filter(
        paused=False,
        hidden=False,
        last_confirmed__lte=first_due,
        last_confirmed__gt=hidden_before(now),
    ).select_related("user")
    sent = 0
    for profile in candidates:
        number = due_reminder(profile, now)
        if number is None:
            continue
        with transaction.atomic():
            notify(profile.user, REMINDERS[number][1], url=reverse("pa_register:edit_profile"))
            profile.reminders_sent = number + 1
            profile.save(update_fields=["reminders_sent"])
        sent += 1
    return sent


def freshness_note(last_confirmed, now=None) -> str:
    """What a profile says about how current it is, in words."""
    state = freshness(last_confirmed, now)
    when = f"{timezone.localtime(last_confirmed):%-d %B %Y}"
    if state is Freshness.FRESH:
        return f"Confirmed as up to date on {when}."
    if state is Freshness.STALE:
        return f"Not confirmed since {when}. Some details may have changed."
    return f"Hidden: not confirmed since {when}."
