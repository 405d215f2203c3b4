"""A year of believable meetings in Oxfordshire and online: past ones with notes (one with the
council's listener and their questions), upcoming ones with places left, and one full meeting
with a waiting list. Dates are relative to today, so the demo always has a past and a future."""

import datetime

from django.utils import timezone

from accounts.demo import DEMO_MEMBERS, demo_member, demo_user
from accounts.models import Role

from . import rules, services
from .models import Format, ListenerQuestion, Meeting, Notes, Rsvp, RsvpStatus, Series, Venue

VENUES = [
    {
        "name": "East Oxford Community Centre",
        "address": "44 Princes Street, Oxford",
        "postcode": "OX4 1DD",
        "district": "OX4",
        "step_free": True,
        "accessible_toilet": True,
        "changing_places": False,
        "hearing_loop": True,
        "bsl": "on_request",
        "parking": "No car park; street parking on Cowley Road is pay and display.",
        "blue_badge_spaces": 2,
        "bus_stop": "Cowley Road, Manzil Way (buses 1, 5 and 10), 2 minutes' walk",
        "quiet_room": True,
        "carers_free": True,
        "ask_us": "Ring the centre on 01865 000 001 about anything else.",
    },
    {
        "name": "Banbury Library meeting room",
        "address": "Marlborough Road, Banbury",
        "postcode": "OX16 5DB",
        "district": "OX16",
        "step_free": True,
        "accessible_toilet": True,
        "changing_places": True,
        "hearing_loop": True,
        "bsl": "",
        "parking": "Castle Quay car park, 5 minutes' walk.",
        "blue_badge_spaces": 4,
        "bus_stop": "Banbury bus station, 3 minutes' walk",
        "quiet_room": False,
        "carers_free": True,
        "ask_us": "Ask the library desk on 01865 000 002.",
    },
    {
        "name": "Witney Methodist Church hall",
        "address": "High Street, Witney",
        "postcode": "OX28 6HG",
        "district": "OX28",
        "step_free": True,
        "accessible_toilet": True,
        "changing_places": False,
        "hearing_loop": False,
        "bsl": "booked",
        "parking": "Free car park behind the hall.",
        "blue_badge_spaces": 3,
        "bus_stop": "Witney, Market Square (S1 and S2), 1 minute's walk",
        "quiet_room": True,
        "carers_free": True,
        "ask_us": "",
    },
]

SERIES = [
    # (title, venue index or None for online, topic, who for, about, weekday offset, hour)
    (
        "Cowley peer network",
        0,
        "meeting_up",
        "Anyone with a personal budget or a health budget, and their carers",
        "Tea, cake and an hour to swap what works: finding PAs, dealing with the council, "
        "getting out and about. New people are very welcome; you don't have to talk.",
        10,
    ),
    (
        "Employing PAs: online question hour",
        None,
        "employing_pas",
        "Holders who employ their own PAs, or are thinking about it",
        "Bring your questions about contracts, holiday pay, payroll and what to do when a PA "
        "is off sick. Captions are on, and you can join by phone.",
        18,
    ),
    (
        "Banbury carers' coffee morning",
        1,
        "carers",
        "Family carers who manage a budget for someone",
        "A relaxed coffee morning for carers. Bring the person you care for if you like.",
        11,
    ),
]

NOTES = [
    (
        "We talked about how hard it is to find PAs for early mornings, and about the new "
        "statement format. Two people shared how they wrote their PA adverts.",
        "To write down three tips for adverts and put them on the forum.",
        "Why do some people get their statement three months late?",
        "Ask Rosa (the organiser) through the forum, or ring 03069 990123.",
    ),
    (
        "Holiday pay for PAs on irregular hours, and what to do if payroll is late.",
        "Someone will ask the council's payroll team how they work out holiday pay.",
        "",
        "Send questions for next time through the forum topic below.",
    ),
]


def _venues() -> list[Venue]:
    return [Venue.objects.update_or_create(name=v["name"], defaults=v)[0] for v in VENUES]


def load(stdout) -> None:
    if Series.objects.filter(title=SERIES[0][0]).exists():
        stdout.write("Demo meetings already loaded.")
        return
    venues = _venues()
    buddy = demo_user(Role.BUDDY)
    holder = demo_user(Role.HOLDER)
    carer = demo_user(Role.CARER)
    people = [demo_member(email, name) for email, name in DEMO_MEMBERS]
    today = timezone.localdate()
    # Each series runs monthly, from about ten months ago to three months ahead.
    first_month = (today.replace(day=1) - datetime.timedelta(days=300)).replace(day=1)
    for index, (title, venue, topic, who_for, about, hour) in enumerate(SERIES):
        # The second Tuesday, Thursday and Wednesday of each month.
        weekday = (1, 3, 2)[index]
        first_day = rules.nth_weekday(first_month.year, first_month.month, weekday, 2)
        starts = rules.london_time(first_day, datetime.time(hour, 30))
        fields = {
            "title": title,
            "about": about,
            "who_for": who_for,
            "topic": topic,
            "starts_at": starts,
            "ends_at": starts + datetime.timedelta(hours=1, minutes=30),
            "format": Format.ONLINE if venue is None else Format.IN_PERSON,
            "venue": None if venue is None else venues[venue],
            "online_link": "https://meet.budgetcircle.example/pa-questions"
            if venue is None
            else "",
            "dial_in": "03069 990456, then code 4417#" if venue is None else "",
            "captions": venue is None,
            "places": 12 if venue != 1 else 8,
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
    listener_meeting.listener_name = "Priya Shah"
    listener_meeting.listener_role = "Direct payments team, Oxfordshire County Council"
    listener_meeting.save()
    for meeting, (discussed, agreed, questions, contacts) in zip(past[:2], NOTES, strict=False):
        services.publish_notes(
            meeting,
            buddy,
            {
                "discussed": discussed,
                "agreed": agreed,
                "council_questions": questions,
                "contacts": contacts,
            },
        )
    if not Notes.objects.filter(meeting=listener_meeting).exists():
        services.publish_notes(
            listener_meeting,
            buddy,
            {
                "discussed": "Priya from the council listened to what slows down direct "
                "payments starting, and answered questions about statements.",
                "agreed": "Priya will come back in three months to say what changed.",
                "council_questions": "When will statements come monthly, not quarterly?",
                "contacts": "The direct payments team: 01865 000 003.",
            },
        )
    ListenerQuestion.objects.create(
        meeting=listener_meeting,
        question="When will statements come monthly, not quarterly?",
        answer="From April: the team is moving everyone over in the spring.",
        answered_at=now - datetime.timedelta(days=10),
    )
    ListenerQuestion.objects.create(
        meeting=listener_meeting,
        question="Can a PA's training be paid from the budget?",
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
