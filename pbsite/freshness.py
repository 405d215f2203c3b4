"""Freshness, the one policy: a register or a directory is only useful if it is current.

Whoever keeps a listing (a PA's profile, a provider's organisation) confirms now and then that
it is still right. Not confirmed for ``sinks_after`` (90 days): it sinks below fresher ones and
says so. For ``hidden_after`` (180 days): hidden until they confirm. They are reminded (through
``notify()``) a week before it sinks and two weeks before it hides; only the latest reminder due
goes, so someone away for months gets one message, not two.

Each part configures a ``FreshnessPolicy`` with its own reminders and wording, and asks it plain
questions. One date type: days, not moments. "Confirmed on 3 March" is what people say and what
Open Referral's ``assured_date`` holds; a part that keeps a moment (``DateTimeField``) gives it
here as it is and it is read as the local day. Such a part queries with ``after(day)``, the
first moment after a day, rather than ``__date`` lookups, which search backends cannot filter on.
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from pbsite.notifications import notify

SINKS_AFTER = datetime.timedelta(days=90)
HIDDEN_AFTER = datetime.timedelta(days=180)
FIRST_REMINDER_BEFORE_SINKING = datetime.timedelta(days=7)
LAST_REMINDER_BEFORE_HIDING = datetime.timedelta(days=14)
ONE_DAY = datetime.timedelta(days=1)


class Freshness(enum.Enum):
    FRESH = "fresh"
    STALE = "stale"  # sinks, and says so
    HIDDEN = "hidden"  # nobody finds it until its keeper confirms


def as_day(value: datetime.date | datetime.datetime | None = None) -> datetime.date:
    """A day: today when nothing is given, the local day of a moment, a date as it is."""
    if value is None:
        return timezone.localdate()
    if isinstance(value, datetime.datetime):
        if value.utcoffset() is None:  # naive: the day it names
            return value.date()
        # timezone.localdate(value), without its wrappers: a finder asks this for every result
        return value.astimezone(timezone.get_current_timezone()).date()
    return value


def after(day: datetime.date) -> datetime.datetime:
    """The first moment after ``day`` (local midnight): a moment is on or before ``day``
    exactly when it is earlier than this."""
    return timezone.make_aware(datetime.datetime.combine(day + ONE_DAY, datetime.time.min))


@dataclass(frozen=True)
class FreshnessPolicy:
    """How one kind of listing ages. ``sinking_reminder`` and ``hiding_reminder`` are the words
    of the two reminders; ``stale_advice`` follows "Not confirmed since 3 March." on a page."""

    sinking_reminder: str
    hiding_reminder: str
    stale_advice: str = "Some details may have changed."
    sinks_after: datetime.timedelta = SINKS_AFTER
    hidden_after: datetime.timedelta = HIDDEN_AFTER

    @property
    def reminders(self) -> list[tuple[datetime.timedelta, str]]:
        """(age at which the reminder goes, what it says), in the order they are sent."""
        return [
            (self.sinks_after - FIRST_REMINDER_BEFORE_SINKING, self.sinking_reminder),
            (self.hidden_after - LAST_REMINDER_BEFORE_HIDING, self.hiding_reminder),
        ]

    def age(self, last_confirmed, on=None) -> datetime.timedelta:
        return as_day(on) - as_day(last_confirmed)

    def freshness(self, last_confirmed, on=None) -> Freshness:
        age = self.age(last_confirmed, on)
        if age >= self.hidden_after:
            return Freshness.HIDDEN
        if age >= self.sinks_after:
            return Freshness.STALE
        return Freshness.FRESH

    def hidden_on_or_before(self, on=None) -> datetime.date:
        """Listings last confirmed on or before this day are hidden."""
        return as_day(on) - self.hidden_after

    def stale_on_or_before(self, on=None) -> datetime.date:
        """Listings last confirmed on or before this day sink (or are hidden)."""
        return as_day(on) - self.sinks_after

    def first_reminder_on_or_before(self, on=None) -> datetime.date:
        """Listings last confirmed on or before this day may be due a reminder."""
        return as_day(on) - self.reminders[0][0]

    def due_reminder(self, last_confirmed, reminders_sent: int, on=None) -> int | None:
        """The index in ``reminders`` of the one due now, if one is and it was not sent yet."""
        age = self.age(last_confirmed, on)
        if age >= self.hidden_after:
            return None
        due = [number for number, (at_age, _text) in enumerate(self.reminders) if age >= at_age]
        if not due or due[-1] < reminders_sent:
            return None
        return due[-1]

    def send_reminders(
        self,
        candidates: Iterable,
        *,
        recipients: Callable,
        url: Callable,
        about: Callable = lambda listing: None,
        on=None,
    ) -> int:
        """Remind the people ``recipients(listing)`` names about each listing due a reminder
        (each has ``last_confirmed`` and ``reminders_sent``). Returns how many listings."""
        sent = 0
        for listing in candidates:
            number = self.due_reminder(listing.last_confirmed, listing.reminders_sent, on)
            people = list(recipients(listing))
            if number is None or not people:
                continue
            with transaction.atomic():
                for person in people:
                    notify(person, self.reminders[number][1], about(listing), url=url(listing))
                listing.reminders_sent = number + 1
                listing.save(update_fields=["reminders_sent"])
            sent += 1
        return sent

    def note(self, last_confirmed, on=None) -> str:
        """What a listing says about how current it is, in words."""
        confirmed_on = as_day(last_confirmed)  # once: a moment's day asks for the time zone
        state = self.freshness(confirmed_on, on)
        when = f"{confirmed_on:%-d %B %Y}"
        if state is Freshness.FRESH:
            return f"Confirmed as up to date on {when}."
        if state is Freshness.STALE:
            return f"Not confirmed since {when}. {self.stale_advice}"
        return f"Hidden: not confirmed since {when}."
