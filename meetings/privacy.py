"""Meetings' part of "download my data" and "delete my account": a person's answers and the
access needs they told organisers; their feed address. Meetings they organised stay (others are
coming), without their name; notes stay as the group's record."""

from .models import CalendarFeed, Meeting, Rsvp


def export(user) -> dict:
    return {
        "answers": [
            {
                "meeting": str(rsvp.meeting),
                "status": rsvp.status,
                "access_needs": rsvp.access_needs,
                "answered_at": rsvp.answered_at,
            }
            for rsvp in Rsvp.objects.filter(user=user).select_related("meeting")
        ],
        "meetings_organised": [str(m) for m in Meeting.objects.filter(organiser=user)],
        "has_calendar_feed": CalendarFeed.objects.filter(user=user).exists(),
    }


def erase(user) -> None:
    from . import services

    for rsvp in Rsvp.objects.filter(user=user).select_related("meeting"):
        if rsvp.status == "coming" and not rsvp.meeting.has_ended:
            services.say_not_coming(rsvp.meeting, user)  # their place goes to the waiting list
    Rsvp.objects.filter(user=user).delete()
    CalendarFeed.objects.filter(user=user).delete()
