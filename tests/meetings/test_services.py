"""Coming, waiting, cancelling, reminders, notes and calendar files, through the services."""

import datetime
import threading

import icalendar
import pytest
import time_machine
from django.core import mail
from django.db import close_old_connections, connection
from django.utils import timezone

from forum.models import Topic
from meetings import services
from meetings.models import Notes, Rsvp, RsvpStatus
from meetings.rules import LONDON
from pbsite.calendar import CalendarEvent, calendar_bytes
from pbsite.models import Notification
from pbsite.tasks import run_due_jobs
from tests.meetings.factories import make_meeting, make_organiser
from tests.people import make_user

pytestmark = pytest.mark.django_db
UTC = datetime.UTC


def test_a_full_room_puts_people_on_the_waiting_list_and_a_cancel_promotes_the_first():
    meeting = make_meeting(places=2)
    ann, bo, cy, di = (make_user(n) for n in ("Ann", "Bo", "Cy", "Di"))
    assert services.say_coming(meeting, ann).status == RsvpStatus.COMING
    assert services.say_coming(meeting, bo).status == RsvpStatus.COMING
    cy_rsvp = services.say_coming(meeting, cy)
    di_rsvp = services.say_coming(meeting, di)
    assert (cy_rsvp.status, di_rsvp.status) == (RsvpStatus.WAITING, RsvpStatus.WAITING)
    assert services.waiting_position(di_rsvp) == 2
    services.say_not_coming(meeting, ann)
    assert Rsvp.objects.get(user=cy).status == RsvpStatus.COMING
    assert Rsvp.objects.get(user=di).status == RsvpStatus.WAITING
    assert Notification.objects.filter(recipient=cy, verb="has a place for you now").exists()


def test_a_bigger_room_lets_the_waiting_list_in_and_a_smaller_one_is_refused():
    meeting = make_meeting(places=2)
    ann, bo, cy = make_user("Ann"), make_user("Bo"), make_user("Cy")
    for person in (ann, bo, cy):
        services.say_coming(meeting, person)
    with pytest.raises(services.MeetingError, match="2 people have already said"):
        services.change_places(meeting, 1)
    services.change_places(meeting, 3)
    assert Rsvp.objects.get(user=cy).status == RsvpStatus.COMING


@pytest.mark.django_db(transaction=True)
def test_two_people_taking_the_last_place_at_once_gives_exactly_one_place():
    meeting = make_meeting(places=2)
    services.say_coming(meeting, make_user("Ann"))
    racers = [make_user(name) for name in ("Bo", "Cy", "Di")]
    barrier = threading.Barrier(len(racers))
    outcomes, errors = [], []

    def take_place(person):
        close_old_connections()
        try:
            barrier.wait(timeout=10)
            outcomes.append(services.say_coming(meeting, person).status)
        except Exception as error:  # noqa: BLE001 - the assertion below reports it
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=take_place, args=(p,)) for p in racers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert sorted(outcomes) == [RsvpStatus.COMING, RsvpStatus.WAITING, RsvpStatus.WAITING]
    assert Rsvp.objects.filter(meeting=meeting, status=RsvpStatus.COMING).count() == 2


def test_the_daily_job_reminds_people_coming_tomorrow_once_by_their_preference(
    django_capture_on_commit_callbacks,
):
    organiser = make_organiser()
    with time_machine.travel(datetime.datetime(2027, 3, 27, 8, 0, tzinfo=LONDON), tick=False):
        # Sunday 28 March 2027 is the clock change; the meeting is at 10:30 London time.
        tomorrow = make_meeting(organiser, days=1, at=(10, 30))
        later = make_meeting(organiser, days=2)
        eager = make_user("Eager E", email_preference="immediately")
        quiet = make_user("Quiet Q")
        services.say_coming(tomorrow, eager)
        services.say_coming(tomorrow, quiet)
        services.say_coming(later, quiet)
        mail.outbox.clear()
    at_nine = datetime.datetime(2027, 3, 27, 9, 5, tzinfo=LONDON)
    with time_machine.travel(at_nine, tick=False), django_capture_on_commit_callbacks(execute=True):
        assert "meeting reminders" in run_due_jobs()
        assert run_due_jobs() == []  # once a day
        assert services.send_reminders() == 0  # nobody twice
    reminders = Notification.objects.filter(verb__startswith="reminds you")
    assert sorted(n.recipient.display_name for n in reminders) == ["Eager E", "Quiet Q"]
    assert reminders.first().verb.endswith("tomorrow at 10:30")
    assert [m.to for m in mail.outbox] == [[eager.email]]
    assert "tomorrow at 10:30" in mail.outbox[0].subject


def test_notes_are_saved_and_opened_as_a_forum_topic_once():
    organiser = make_organiser()
    meeting = make_meeting(organiser, days=-2)
    fields = {"discussed": "Holiday pay for PAs.", "agreed": "Ask payroll.", "contacts": ""}
    notes = services.publish_notes(meeting, organiser, {**fields, "council_questions": ""})
    topic = Topic.objects.get(pk=notes.forum_topic_id)
    assert topic.category.slug == "meetings"
    assert "Holiday pay for PAs." in topic.posts.first().body_markdown
    assert notes.get_absolute_url() in topic.posts.first().body_markdown
    services.publish_notes(meeting, organiser, {**fields, "discussed": "Corrected."})
    assert Topic.objects.filter(category__slug="meetings").count() == 1
    assert Notes.objects.get().discussed == "Corrected."


def test_notes_wait_for_the_meeting_and_for_an_organiser():
    organiser = make_organiser()
    with pytest.raises(services.MeetingError, match="once the meeting has finished"):
        services.publish_notes(make_meeting(organiser), organiser, {"discussed": "x"})
    organiser.groups.clear()
    with pytest.raises(services.MeetingError, match="no longer an organiser"):
        services.publish_notes(make_meeting(organiser, days=-1), organiser, {"discussed": "x"})


# --- calendar files ---------------------------------------------------------------------------


def _events(content: bytes) -> list:
    calendar = icalendar.Calendar.from_ical(content)
    return list(calendar.walk("VEVENT"))


@pytest.mark.parametrize(
    ("day", "utc_hour"),
    [
        (datetime.date(2027, 3, 23), 10),  # GMT, before the clocks go forward on the 28th
        (datetime.date(2027, 3, 30), 9),  # BST after it
        (datetime.date(2027, 10, 26), 9),  # still BST: the clocks go back on 31 October...
        (datetime.date(2027, 11, 2), 10),  # ...and GMT the week after
    ],
)
def test_a_calendar_file_keeps_10_30_london_time_across_the_clock_change(day, utc_hour):
    starts = datetime.datetime.combine(day, datetime.time(10, 30), tzinfo=LONDON)
    event = CalendarEvent(
        uid="x@budgetcircle", title="Peer network", starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=1), location="East Oxford",
    )  # fmt: skip
    content = calendar_bytes([event])
    calendar = icalendar.Calendar.from_ical(content)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/London"]
    offsets = {part["TZOFFSETTO"].to_ical() for part in calendar.walk("DAYLIGHT")}
    assert offsets == {"+0100"}  # the calendar file itself says when BST applies
    (parsed,) = _events(content)
    start = parsed.decoded("DTSTART")
    assert (start.hour, start.minute) == (10, 30)
    assert parsed["DTSTART"].params["TZID"] == "Europe/London"
    assert start.astimezone(UTC).hour == utc_hour
    assert str(parsed["SUMMARY"]) == "Peer network" and parsed["UID"] == "x@budgetcircle"


def test_the_online_link_is_in_the_calendar_only_for_people_coming():
    meeting = make_meeting(
        format="online", venue=None, online_link="https://meet.example.org/secret-room",
        dial_in="03069 990456 code 99#",
    )  # fmt: skip
    outsider = calendar_bytes([services.calendar_event(meeting, with_link=False)])
    insider = calendar_bytes([services.calendar_event(meeting, with_link=True)])
    assert b"secret-room" not in outsider and b"990456" not in outsider
    (event,) = _events(insider)
    assert str(event["LOCATION"]) == "https://meet.example.org/secret-room"
    assert "03069 990456" in str(event["DESCRIPTION"])


def test_a_revoked_feed_address_stops_and_the_feed_lists_meetings_coming_to():
    person = make_user("Ann")
    coming, not_coming = make_meeting(), make_meeting(title="Another one")
    services.say_coming(coming, person)
    services.say_not_coming(not_coming, person)
    old = services.feed_for(person).token
    assert list(services.meetings_in_feed(person)) == [coming]
    new = services.revoke_feed(person).token
    assert new != old and services.feed_for(person).token == new


def test_export_and_erase_cover_answers_and_access_needs():
    from pbsite.registry import personal_data

    meeting = make_meeting(places=1)
    ann, bo = make_user("Ann"), make_user("Bo")
    services.say_coming(meeting, ann, access_needs="A chair with arms, please")
    services.say_coming(meeting, bo)
    exported = personal_data.export(ann)["meetings"]
    assert exported["answers"][0]["access_needs"] == "A chair with arms, please"
    personal_data.sections["meetings"].erase(ann)
    assert not Rsvp.objects.filter(user=ann).exists()
    assert Rsvp.objects.get(user=bo).status == RsvpStatus.COMING  # her place went on
    assert timezone.now()  # (the meeting is still there for others)
