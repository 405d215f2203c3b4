"""A year of believable meetings in Oxfordshire and online: past ones with notes (one with the
council's listener and their questions), upcoming ones with places left, and one full meeting
with a waiting list. Dates are relative to today, so the demo always has a past and a future.
The venues, series, notes and the listener are data (``meetings/demo_content/meetings.yaml``);
the dates and who comes are worked out here."""

import datetime

from django.utils import timezone

from accounts.demo import DEMO_MEMBERS, demo_member, demo_user
from accounts.models import Role
from pbsite.demo_loading import read_demo

from . import rules, services
from .models import Format, ListenerQuestion, Meeting, Notes, Rsvp, RsvpStatus, Series, Venue


def _venues(rows) -> list[Venue]:
    return [Venue.objects.update_or_create(name=v["name"], defaults=v)[0] for v in rows]


def load(stdout) -> None:
    data = read_demo("meetings", "meetings", expect=dict)
    if Series.objects.filter(title=data["series"][0]["title"]).exists():
        stdout.write("Demo meetings already loaded.")
        return
    venues = _venues(data["venues"])
    venue_named = {venue.name: venue for venue in venues}
    buddy = demo_user(Role.BUDDY)
    holder = demo_user(Role.HOLDER)
    carer = demo_user(Role.CARER)
    people = [demo_member(email, name) for email, name in DEMO_MEMBERS]
    today = timezone.localdate()
    # Each series runs monthly, from about ten months ago to three months ahead.
    first_month = (today.replace(day=1) - datetime.timedelta(days=300)).replace(day=1)
    for row in data["series"]:
        title, venue = row["title"], venue_named.get(row["venue"])
        first_day = rules.nth_weekday(first_month.year, first_month.month, row["weekday"], 2)
        starts = rules.london_time(first_day, datetime.time(row["hour"], 30))
        fields = {
            "title": title,
            "about": row["about"],
            "who_for": row["who_for"],
            "topic": row["topic"],
            "starts_at": starts,
            "ends_at": starts + datetime.timedelta(hours=1, minutes=30),
            "format": Format.ONLINE if venue is None else Format.IN_PERSON,
            "venue": venue,
            "online_link": row.get("online_link", ""),
            "dial_in": row.get("dial_in", ""),
            "captions": venue is None,
            "places": row["places"],
        }
        series = Series.objects.create(title=title, repeat="monthly", organiser=buddy)
        for starts_at, ends_at in rules.occurrences(
            starts, fields["ends_at"] - starts, rules.Repeat.MONTHLY, 13
        ):
            Meeting.objects.create(
                **{**fields, "starts_at": starts_at, "ends_at": ends_at},
                series=series,
                organiser=buddy,
            )
    now = timezone.now()
    past = list(Meeting.objects.filter(ends_at__lt=now).order_by("-starts_at"))
    upcoming = list(Meeting.objects.filter(starts_at__gt=now).order_by("starts_at"))
    # Past meetings: people came, and the latest few have notes.
    for meeting in past:
        for person in people[: 3 + meeting.pk % 3]:
            Rsvp.objects.create(meeting=meeting, user=person, status=RsvpStatus.COMING)
    listener_meeting = next(m for m in past if m.venue_id == venues[0].pk)
    listener = data["listener"]
    listener_meeting.listener_name = listener["name"]
    listener_meeting.listener_role = listener["role"]
    listener_meeting.save()
    for meeting, notes in zip(past[:2], data["notes"], strict=False):
        services.publish_notes(meeting, buddy, notes)
    if not Notes.objects.filter(meeting=listener_meeting).exists():
        services.publish_notes(listener_meeting, buddy, listener["notes"])
    for question in listener["questions"]:
        ListenerQuestion.objects.create(
            meeting=listener_meeting,
            question=question["question"],
            answer=question.get("answer", ""),
            answered_at=(
                now - datetime.timedelta(days=question["answered_days_ago"])
                if "answered_days_ago" in question
                else None
            ),
        )
    # Upcoming: places left everywhere but the next Banbury coffee morning, which is full.
    full = next(m for m in upcoming if m.venue_id == venues[1].pk)
    full.places = len(people) + 1
    full.save(update_fields=["places"])
    for person in people + [carer]:
        services.say_coming(full, person)
    for meeting in upcoming:
        if meeting != full:
            for person in people[:2]:
                services.say_coming(meeting, person)
    next_cowley = next(m for m in upcoming if m.venue_id == venues[0].pk)
    services.say_coming(next_cowley, holder, access_needs="I use a wheelchair; a seat by the door.")
    # The holder waits for the full one, behind a carer.
    services.say_coming(full, holder)
    stdout.write(
        f"Demo meetings: {Meeting.objects.count()} across {Series.objects.count()} series."
    )
