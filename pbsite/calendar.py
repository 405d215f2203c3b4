"""Calendar files (.ics) for any part: one event, or a feed of several, built with icalendar.

    from pbsite.calendar import CalendarEvent, calendar_bytes, calendar_response

    event = CalendarEvent(uid="meeting-12@budgetcircle", title="...", starts_at=..., ends_at=...)
    return calendar_response(calendar_bytes([event]), "meeting.ics")

Times are written in Europe/London with the VTIMEZONE a calendar program needs, so an event at
10:30 shows at 10:30 on either side of the clock change. Meetings and interviews use it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import icalendar
from django.http import HttpResponse
from django.utils import timezone

LONDON = ZoneInfo("Europe/London")
PRODID = "-//Budget Circle//budgetcircle//EN"


@dataclass
class CalendarEvent:
    uid: str
    title: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    description: str = ""
    location: str = ""
    url: str = ""
    cancelled: bool = False


def _event(item: CalendarEvent, stamp: datetime.datetime) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", item.uid)
    event.add("dtstamp", stamp)
    event.add("summary", item.title)
    event.add("dtstart", item.starts_at.astimezone(LONDON))
    event.add("dtend", item.ends_at.astimezone(LONDON))
    if item.description:
        event.add("description", item.description)
    if item.location:
        event.add("location", item.location)
    if item.url:
        event.add("url", item.url)
    event.add("status", "CANCELLED" if item.cancelled else "CONFIRMED")
    return event


def calendar_bytes(events: list[CalendarEvent], *, name: str = "") -> bytes:
    """A VCALENDAR holding ``events`` (one for a single file, many for a feed)."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if name:
        calendar.add("x-wr-calname", name)
    stamp = timezone.now().astimezone(datetime.UTC)
    for item in events:
        calendar.add_component(_event(item, stamp))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def calendar_response(content: bytes, filename: str, *, download: bool = True) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    if download:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
