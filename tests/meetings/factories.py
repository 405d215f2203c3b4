"""Meetings for tests."""

import datetime

from django.utils import timezone

from accounts.models import Role
from meetings.models import Format, Meeting, Venue
from meetings.rules import LONDON
from tests.people import make_user


def make_venue(**fields) -> Venue:
    defaults = {
        "name": "East Oxford Community Centre",
        "address": "44 Princes Street, Oxford",
        "postcode": "OX4 1DD",
        "district": "OX4",
        "step_free": True,
        "hearing_loop": True,
        "bus_stop": "Cowley Road, Manzil Way",
    }
    return Venue.objects.create(**{**defaults, **fields})


def make_organiser(name="Rosa B"):
    """A peer buddy (the same one again if asked twice for the same name)."""
    from accounts.models import User

    email = f"{name.lower().replace(' ', '.')}@example.com"
    existing = User.objects.filter(email=email).first()
    return existing or make_user(name, role=Role.BUDDY, verified=True)


def make_meeting(organiser=None, *, days=3, at=(10, 30), **fields) -> Meeting:
    day = timezone.localdate() + datetime.timedelta(days=days)
    starts = datetime.datetime.combine(day, datetime.time(*at), tzinfo=LONDON)
    defaults = {
        "title": "Cowley peer network",
        "about": "Tea and a chat about finding PAs.",
        "who_for": "Anyone with a personal budget",
        "topic": "meeting_up",
        "starts_at": starts,
        "ends_at": starts + datetime.timedelta(hours=2),
        "format": Format.IN_PERSON,
        "places": 10,
    }
    values = {**defaults, **fields}
    if values["format"] == Format.IN_PERSON and "venue" not in values:
        values["venue"] = make_venue()
    return Meeting.objects.create(organiser=organiser or make_organiser(), **values)
