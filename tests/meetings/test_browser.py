"""The done-means journey (issue 17), in a real browser with JavaScript on, on a 320 px phone:
a holder finds a meeting near OX4, says they are coming with an access need, saves the calendar
file, gets the reminder the day before from the daily job, and reads the notes afterwards."""

import datetime
from pathlib import Path

import icalendar
import pytest
from django.utils import timezone

from accounts.models import Role
from meetings import services
from meetings.models import Meeting, Rsvp, RsvpStatus
from meetings.rules import LONDON
from pbsite.tasks import run_due_jobs
from tests.browser_support import session_cookie
from tests.meetings.factories import make_meeting, make_organiser, make_venue
from tests.people import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_holder_on_a_phone_finds_a_meeting_near_ox4_and_comes(chromium, live_server):
    organiser = make_organiser()
    holder = make_user("Maya H", role=Role.HOLDER, verified=True)
    make_meeting(organiser, title="Banbury carers' coffee", venue=make_venue(district="OX16"))
    meeting = make_meeting(organiser, title="Cowley peer network", days=1, at=(10, 30))
    context = chromium.new_context(
        locale="en-GB", viewport={"width": 320, "height": 700}, accept_downloads=True
    )
    context.add_cookies([session_cookie(holder, live_server.url)])
    page = context.new_page()

    page.goto(f"{live_server.url}/meetings/")
    assert page.locator('nav[aria-label="Main"] a[href="/meetings/"]').count() == 1
    page.get_by_label("Postcode or town").fill("OX4")
    page.get_by_role("button", name="Show meetings").click()
    page.wait_for_url("**/meetings/?*postcode=OX4*")
    page.get_by_role("link", name="Cowley peer network").wait_for()
    assert page.get_by_role("link", name="Banbury carers' coffee").count() == 0
    assert no_sideways_scroll(page)
    page.get_by_role("link", name="Cowley peer network").click()
    page.wait_for_url(f"**{meeting.get_absolute_url()}")
    page.get_by_text("Step-free entrance").first.wait_for()
    assert no_sideways_scroll(page)

    page.get_by_label("Anything the organiser should know").fill("I use a wheelchair")
    page.get_by_role("button", name="I'm coming").click()
    page.get_by_text("You are coming.", exact=False).first.wait_for()
    rsvp = Rsvp.objects.get(meeting=meeting, user=holder)
    assert (rsvp.status, rsvp.access_needs) == (RsvpStatus.COMING, "I use a wheelchair")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Add to your calendar").click()
    calendar = icalendar.Calendar.from_ical(Path(download_info.value.path()).read_bytes())
    (event,) = calendar.walk("VEVENT")
    start = event.decoded("DTSTART")
    assert str(event["SUMMARY"]) == "Cowley peer network"
    assert (start.astimezone(LONDON).hour, start.astimezone(LONDON).minute) == (10, 30)
    assert start == meeting.starts_at
    assert "East Oxford Community Centre" in str(event["LOCATION"])

    # The daily job runs at 09:00: the meeting is tomorrow, so the holder is reminded.
    nine = timezone.localtime().replace(hour=9, minute=5)
    assert "meeting reminders" in run_due_jobs(nine)
    page.goto(f"{live_server.url}/notifications/")
    page.get_by_text("your meeting is tomorrow at 10:30").first.wait_for()
    assert no_sideways_scroll(page)

    # After the meeting, the organiser publishes notes and the holder reads them.
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=meeting.starts_at - datetime.timedelta(days=3),
        ends_at=meeting.ends_at - datetime.timedelta(days=3),
    )
    services.publish_notes(
        Meeting.objects.get(pk=meeting.pk),
        organiser,
        {"discussed": "Finding PAs for early mornings.", "agreed": "Share advert tips."},
    )
    page.goto(f"{live_server.url}{meeting.get_absolute_url()}")
    page.get_by_role("link", name="Read the notes from this meeting").click()
    page.get_by_text("Finding PAs for early mornings.").wait_for()
    assert page.get_by_role("link", name="Talk about these notes in the forum").is_visible()
    assert no_sideways_scroll(page)
    context.close()
