"""The meetings' business rules, as plain functions on plain values (no request, no database).

Times: a meeting is stored as an aware datetime (UTC in the database) and always shown and
repeated in Europe/London, so a monthly meeting at 10:30 stays at 10:30 across the clock change.
"""

from __future__ import annotations

import calendar
import datetime
from enum import StrEnum
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

LONDON = ZoneInfo("Europe/London")
MOST_OCCURRENCES = 24


class Repeat(StrEnum):
    ONCE = "once"
    WEEKLY = "weekly"
    FORTNIGHTLY = "fortnightly"
    MONTHLY = "monthly"  # the same weekday of the month: "the second Tuesday"


class Answer(StrEnum):
    COMING = "coming"
    WAITING = "waiting"
    NOT_COMING = "not_coming"


def can_organise(*, is_buddy: bool, is_moderator: bool, approved: bool) -> bool:
    """Peer buddies, moderators, and holders a moderator approved organise meetings."""
    return is_buddy or is_moderator or approved


def places_left(places: int, coming: int) -> int:
    return max(0, places - coming)


def answer_for_coming(places: int, coming: int) -> Answer:
    """Someone says they are coming: a place if one is left, else the waiting list."""
    return Answer.COMING if coming < places else Answer.WAITING


def first_waiting(waiting: list[tuple[datetime.datetime, int]]) -> int | None:
    """Who a freed place goes to: the earliest on the waiting list (then the lowest id)."""
    return min(waiting)[1] if waiting else None


def how_many_to_promote(places: int, coming: int, waiting: int) -> int:
    """When places open (someone cancels, or the organiser adds places)."""
    return min(waiting, places_left(places, coming))


def local(moment: datetime.datetime) -> datetime.datetime:
    return moment.astimezone(LONDON)


def london_time(day: datetime.date, at: datetime.time) -> datetime.datetime:
    """A wall-clock time in Europe/London on a day, as an aware datetime."""
    return datetime.datetime.combine(day, at, tzinfo=LONDON)


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> datetime.date:
    """The nth (1-5) weekday of a month; a fifth that does not exist is the month's last."""
    days = [week[weekday] for week in calendar.monthcalendar(year, month) if week[weekday] != 0]
    return datetime.date(year, month, days[min(nth, len(days)) - 1])


def occurrence_days(first: datetime.date, repeat: Repeat, count: int) -> list[datetime.date]:
    """The days a series meets on, starting with ``first``."""
    count = max(1, min(count, MOST_OCCURRENCES))
    if repeat == Repeat.ONCE:
        return [first]
    if repeat in (Repeat.WEEKLY, Repeat.FORTNIGHTLY):
        step = datetime.timedelta(weeks=1 if repeat == Repeat.WEEKLY else 2)
        return [first + step * i for i in range(count)]
    nth = (first.day - 1) // 7 + 1
    days = []
    for i in range(count):
        month_index = first.month - 1 + i
        year, month = first.year + month_index // 12, month_index % 12 + 1
        days.append(nth_weekday(year, month, first.weekday(), nth))
    return days


def occurrences(
    first_start: datetime.datetime, length: datetime.timedelta, repeat: Repeat, count: int
) -> list[tuple[datetime.datetime, datetime.datetime]]:
    """(start, end) of each meeting in a series, at the same London wall-clock time each day."""
    start = local(first_start)
    result = []
    for day in occurrence_days(start.date(), repeat, count):
        begins = london_time(day, start.time().replace(tzinfo=None))
        result.append((begins, begins + length))
    return result


def time_problems(
    starts_at: datetime.datetime | None,
    ends_at: datetime.datetime | None,
    now: datetime.datetime,
) -> dict[str, str]:
    """Field name -> a plain message, for a meeting's times."""
    problems = {}
    if starts_at is not None and starts_at <= now:
        problems["starts_at"] = _(
            "That date and time has already passed. Choose a day from tomorrow onwards."
        )
    if starts_at is not None and ends_at is not None and ends_at <= starts_at:
        problems["ends_at"] = _(
            "The meeting ends before it starts. Choose an end time after the start time."
        )
    return problems


def link_problem(url: str) -> str:
    """An online meeting's link must be a full https:// address."""
    parts = urlsplit(url.strip())
    if parts.scheme != "https" or not parts.netloc:
        return _(
            "The link must start with https:// so it is private on the way. Copy the whole "
            "link from your meeting invitation, like https://meet.example.org/abc-defg."
        )
    return ""


def places_problem(places: int, coming: int) -> str:
    """An organiser may not make the room smaller than the people already coming."""
    if places < 1:
        return _("A meeting needs at least one place.")
    if places < coming:
        return ngettext(
            "%(coming)d person has already said they are coming, so the room needs at least "
            "%(coming)d place. Ask them to cancel first, or choose a bigger room.",
            "%(coming)d people have already said they are coming, so the room needs at least "
            "%(coming)d places. Ask people to cancel first, or choose a bigger room.",
            coming,
        ) % {"coming": coming}
    return ""


def reminder_day(starts_at: datetime.datetime) -> datetime.date:
    """The London day the reminder goes: the day before the meeting."""
    return local(starts_at).date() - datetime.timedelta(days=1)


def week_range(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """This week: today to Sunday (inclusive)."""
    return today, today + datetime.timedelta(days=6 - today.weekday())


def month_range(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """This month: today to the month's last day (inclusive)."""
    last = calendar.monthrange(today.year, today.month)[1]
    return today, today.replace(day=last)
