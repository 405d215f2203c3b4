"""Booking an interview on a 320 px phone, JavaScript on: the holder offers times from the kit,
adds a supporter, the PA picks a time and downloads the calendar file."""

import datetime
from pathlib import Path

import icalendar
import pytest
from django.utils import timezone

from accounts.models import Role
from hiring import services
from hiring.models import Interview
from pa_register import adverts
from pa_register.models import Advert
from tests.browser_support import session_cookie
from tests.pa_register.conftest import make_pa
from tests.people import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def phone(chromium, person, live_server):
    context = chromium.new_context(
        locale="en-GB", viewport={"width": 320, "height": 700}, accept_downloads=True
    )
    context.add_cookies([session_cookie(person, live_server.url)])
    return context.new_page()


def test_a_holder_books_an_interview_and_the_pa_picks_a_time_on_a_phone(chromium, live_server):
    holder = make_user("Maya H", role=Role.HOLDER, verified=True)
    make_user("Ann Friend", role=Role.CARER, verified=True)
    advert = Advert.objects.create(
        author=holder, title="Morning PA in Cowley", details="Three mornings a week.",
        kinds=["personal_care"], district="OX4", hours_per_week=9, employment="employed",
    )  # fmt: skip
    sam = make_pa("Sam Patel")
    reply = adverts.respond(advert, sam)
    services.save_kit(
        advert, holder,
        {"control": "me", "substitute": "no", "business": "no", "equipment": "me", "paid": "wage"},
        days_per_week=3, notice_weeks=1,
    )  # fmt: skip
    day = timezone.localdate() + datetime.timedelta(days=3)

    page = phone(chromium, holder, live_server)
    page.goto(f"{live_server.url}/hiring/advert/{advert.pk}/")
    assert no_sideways_scroll(page)
    page.get_by_role("link", name="Offer interview times to Sam Patel").click()
    page.wait_for_url(f"**/hiring/replies/{reply.pk}/interview/")
    page.get_by_label("Where").fill("Cowley Library café")
    page.get_by_label("Time 1").fill(f"{day:%Y-%m-%d}T10:30")
    page.get_by_role("button", name="Send the times").click()
    page.get_by_text("Give at least 2 times").first.wait_for()  # kept what was typed
    assert page.get_by_label("Where").input_value() == "Cowley Library café"
    assert no_sideways_scroll(page)
    page.get_by_label("Time 2").fill(f"{day:%Y-%m-%d}T14:00")
    page.get_by_role("button", name="Send the times").click()
    page.get_by_role("heading", name="Interview with Sam Patel").wait_for()
    interview = Interview.objects.get(response=reply)
    page.get_by_label("Someone who uses Budget Circle").check()
    page.get_by_label("Their name on Budget Circle").fill("Ann Friend")
    page.get_by_role("button", name="Save who is coming").click()
    page.get_by_text("once it is picked").first.wait_for()
    assert no_sideways_scroll(page)

    page = phone(chromium, sam.user, live_server)
    page.goto(f"{live_server.url}{interview.get_absolute_url()}")
    page.get_by_label(f"{day:%-d %B %Y}, 14:00").check()
    page.get_by_role("button", name="Send my answer").click()
    page.get_by_text("Booked.").first.wait_for()
    assert no_sideways_scroll(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Add to my calendar").click()
    calendar = icalendar.Calendar.from_ical(Path(download_info.value.path()).read_bytes())
    event = calendar.walk("VEVENT")[0]
    assert event.decoded("dtstart").strftime("%H:%M") == "14:00"
    interview.refresh_from_db()
    assert interview.supporter_told_at is not None
