"""Meetings through the site: the list and its filters, the page, answering, organising, notes,
calendar files and privacy."""

import datetime

import icalendar
import pytest
from django.utils import timezone

from accounts.models import Role
from meetings import services
from meetings.models import ListenerQuestion, Meeting, OrganiserApproval, Rsvp, RsvpStatus
from tests.meetings.factories import make_meeting, make_organiser, make_venue
from tests.people import make_user

pytestmark = pytest.mark.django_db


def online(**fields):
    return make_meeting(
        format="online", venue=None, online_link="https://meet.example.org/zebra-quokka",
        dial_in="03069 990456 then 7781#", captions=True, **fields,
    )  # fmt: skip


def test_the_list_finds_meetings_near_ox4_nearest_first_and_online_ones_too(client):
    organiser = make_organiser()
    make_meeting(organiser, title="Cowley peer network")
    make_meeting(organiser, title="Headington coffee", venue=make_venue(district="OX3"))
    make_meeting(organiser, title="Banbury carers", venue=make_venue(district="OX16"))
    online(organiser=organiser, title="PA question hour")
    make_meeting(organiser, title="Last year's meeting", days=-30)
    page = client.get("/meetings/", {"postcode": "OX4", "within": "5"}).content.decode()
    assert page.index("Cowley peer network") < page.index("Headington coffee")
    assert "Banbury carers" not in page and "Last year" not in page
    assert "PA question hour" in page and "about 2 miles away" in page
    page = client.get("/meetings/", {"format": "online"}).content.decode()
    assert "PA question hour" in page and "Cowley" not in page
    page = client.get("/meetings/", {"postcode": "Newport"}).content.decode()
    assert "There is more than one Newport" in page


def test_this_week_and_this_month_and_topic(client):
    organiser = make_organiser()
    make_meeting(organiser, title="Soon", days=1, topic="benefits")
    make_meeting(organiser, title="Far off", days=70, topic="benefits")
    make_meeting(organiser, title="Other topic", days=1, topic="carers")
    page = client.get("/meetings/", {"when": "month", "topic": "benefits"}).content.decode()
    assert "Soon" in page and "Far off" not in page and "Other topic" not in page
    page = client.get("/meetings/", {"when": "week"}).content.decode()
    assert "Far off" not in page


@pytest.mark.parametrize(
    "params", [{"postcode": "<script>x</script>"}, {"when": "yesterday"}, {"page": "-1"}]
)
def test_the_list_answers_bad_input_plainly(client, params):
    response = client.get("/meetings/", params)
    assert response.status_code == 200
    assert "<script>x</script>" not in response.content.decode()


def test_the_link_and_dial_in_only_reach_people_coming(client):
    meeting = online()
    outsider = client.get(meeting.get_absolute_url()).content.decode()
    assert "zebra-quokka" not in outsider and "7781" not in outsider
    assert "Captions" in outsider
    person = make_user("Ann")
    client.force_login(person)
    assert "zebra-quokka" not in client.get(meeting.get_absolute_url()).content.decode()
    assert b"zebra-quokka" not in client.get(f"/meetings/{meeting.pk}/meeting.ics").content
    client.post(f"/meetings/{meeting.pk}/answer/", {"answer": "coming", "access_needs": ""})
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "https://meet.example.org/zebra-quokka" in page and "7781#" in page
    event = icalendar.Calendar.from_ical(
        client.get(f"/meetings/{meeting.pk}/meeting.ics").content
    ).walk("VEVENT")[0]
    assert str(event["LOCATION"]) == "https://meet.example.org/zebra-quokka"


def test_access_needs_reach_the_organiser_only_and_never_search(client):
    organiser = make_organiser()
    meeting = make_meeting(organiser)
    ann, bo = make_user("Ann"), make_user("Bo")
    client.force_login(ann)
    client.post(
        f"/meetings/{meeting.pk}/answer/",
        {"answer": "coming", "access_needs": "Needs a hoist for transfers"},
    )
    assert Rsvp.objects.get(user=ann).access_needs == "Needs a hoist for transfers"
    client.force_login(bo)
    assert "hoist" not in client.get(meeting.get_absolute_url()).content.decode()
    client.force_login(organiser)
    assert "Needs a hoist for transfers" in client.get(meeting.get_absolute_url()).content.decode()
    client.logout()
    assert meeting.get_absolute_url() in client.get("/search/", {"q": "Cowley"}).content.decode()
    assert meeting.get_absolute_url() not in client.get("/search/", {"q": "hoist"}).content.decode()


def test_online_links_never_reach_search(client):
    meeting = online(title="PA question hour")
    assert (
        meeting.get_absolute_url()
        in client.get("/search/", {"q": "question hour"}).content.decode()
    )
    for query in ("zebra quokka", "zebra-quokka", "7781"):
        page = client.get("/search/", {"q": query}).content.decode()
        assert meeting.get_absolute_url() not in page, query


def test_a_full_room_says_so_and_puts_you_on_the_waiting_list(client):
    meeting = make_meeting(places=1)
    services.say_coming(meeting, make_user("Ann"))
    client.force_login(make_user("Bo"))
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Full: you can join the waiting list" in page and "Join the waiting list" in page
    response = client.post(
        f"/meetings/{meeting.pk}/answer/", {"answer": "coming", "access_needs": "Quiet seat"},
        follow=True,
    )  # fmt: skip
    page = response.content.decode()
    assert "on the waiting list" in page and "You are number 1 on the waiting list" in page


def test_an_access_need_too_long_is_kept_with_a_plain_message(client):
    meeting = make_meeting()
    client.force_login(make_user("Ann"))
    typed = "I need a ramp. " * 80
    response = client.post(
        f"/meetings/{meeting.pk}/answer/", {"answer": "coming", "access_needs": typed}
    )
    page = response.content.decode()
    assert "Please keep this under 1,000 characters." in page
    assert "I need a ramp. I need a ramp." in page
    assert not Rsvp.objects.exists()


def test_what_someone_needs_is_shown_back_to_them_only(client):
    """The answer form is kept once for everyone while it is blank, never with what one person
    typed in it."""
    meeting, ann = make_meeting(), make_user("Ann")
    services.say_coming(meeting, ann, access_needs="A seat near the door")
    client.force_login(ann)
    assert "A seat near the door" in client.get(meeting.get_absolute_url()).text
    client.force_login(make_user("Bo"))
    assert "A seat near the door" not in client.get(meeting.get_absolute_url()).text


# Parts of the page kept for what they show (pbsite.fragments): a change shows at once.


def test_a_venue_changed_shows_at_once_on_its_meetings(client):
    meeting = make_meeting()
    assert "Cowley Road, Manzil Way" in client.get(meeting.get_absolute_url()).text
    venue = meeting.venue
    venue.bus_stop, venue.quiet_room = "Cowley Road, Templars Square", True
    venue.save()
    page = client.get(meeting.get_absolute_url()).text
    assert "Cowley Road, Templars Square" in page and "Manzil Way" not in page


def test_a_series_next_dates_follow_a_cancelled_date_at_once(client):
    client.force_login(make_organiser())
    client.post("/meetings/new/", form_data(repeat="weekly", count="3", day="2099-02-10"))
    first, second, third = Meeting.objects.order_by("starts_at")
    page = client.get(first.get_absolute_url()).text
    assert f'href="{second.get_absolute_url()}"' in page
    second.cancelled = True
    second.save()
    page = client.get(first.get_absolute_url()).text
    assert f'href="{second.get_absolute_url()}"' not in page
    assert f'href="{third.get_absolute_url()}"' in page


def test_answering_a_cancelled_meeting_is_refused_plainly(client):
    meeting = make_meeting(cancelled=False)
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - datetime.timedelta(minutes=5)
    )
    client.force_login(make_user("Ann"))
    response = client.post(f"/meetings/{meeting.pk}/answer/", {"answer": "coming"})
    assert "already started" in response.content.decode()
    assert not Rsvp.objects.exists()


def form_data(**changes):
    day = timezone.localdate() + datetime.timedelta(days=10)
    data = {
        "title": "Didcot peer network",
        "about": "A chat about budgets.",
        "who_for": "Anyone with a budget",
        "topic": "meeting_up",
        "format": "in_person",
        "venue": str(make_venue(name="Didcot Civic Hall", district="OX11").pk),
        "online_link": "",
        "dial_in": "",
        "places": "10",
        "day": day.isoformat(),
        "start_time": "10:30",
        "end_time": "12:00",
        "repeat": "once",
        "count": "1",
        "listener_name": "",
        "listener_role": "",
    }
    return {**data, **changes}


def test_only_organisers_may_organise_and_a_moderator_can_approve_a_holder(client):
    holder = make_user("Holly", role=Role.HOLDER)
    client.force_login(holder)
    response = client.get("/meetings/new/")
    assert response.status_code == 403 and "ask a moderator" in response.content.decode()
    OrganiserApproval.objects.create(user=holder)
    assert client.get("/meetings/new/").status_code == 200


def test_a_monthly_series_makes_one_page_per_date_at_the_same_london_time(client):
    organiser = make_organiser()
    client.force_login(organiser)
    response = client.post(
        "/meetings/new/", form_data(repeat="monthly", count="6", day="2099-02-10")
    )
    assert response.status_code == 302
    meetings = list(Meeting.objects.order_by("starts_at"))
    assert len(meetings) == 6 and len({m.series_id for m in meetings}) == 1
    assert {m.local_start.strftime("%H:%M") for m in meetings} == {"10:30"}
    page = client.get(meetings[0].series.get_absolute_url()).content.decode()
    assert page.count("Didcot peer network") >= 6


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"day": "2020-01-01"}, "That date and time has already passed"),
        ({"end_time": "09:00"}, "The meeting ends before it starts"),
        (
            {"format": "online", "online_link": "http://meet.example.org/x"},
            "The link must start with https://",
        ),
        ({"venue": "999999"}, "That venue has been removed"),
        ({"places": "0"}, "A meeting needs at least one place."),
    ],
)
def test_bad_meeting_details_get_a_plain_message_and_keep_what_was_typed(client, changes, message):
    client.force_login(make_organiser())
    response = client.post("/meetings/new/", form_data(title="Typed title kept", **changes))
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page and "Typed title kept" in page
    assert not Meeting.objects.exists()


def test_a_room_made_smaller_than_the_people_coming_is_refused(client):
    organiser = make_organiser()
    meeting = make_meeting(organiser, places=3)
    for name in ("Ann", "Bo"):
        services.say_coming(meeting, make_user(name))
    client.force_login(organiser)
    data = form_data(venue=str(meeting.venue_id), places="1", title="Kept title")
    response = client.post(f"/meetings/{meeting.pk}/edit/", data)
    assert "2 people have already said they are coming" in response.content.decode()
    assert "Kept title" in response.content.decode()
    assert Meeting.objects.get().places == 3


def test_an_organiser_who_stopped_being_one_is_told_plainly(client):
    organiser = make_organiser()
    meeting = make_meeting(organiser)
    organiser.groups.clear()
    client.force_login(organiser)
    data = form_data(venue=str(meeting.venue_id), title="My new title")
    response = client.post(f"/meetings/{meeting.pk}/edit/", data)
    page = response.content.decode()
    assert "You are no longer an organiser" in page and "My new title" in page
    assert Meeting.objects.get().title != "My new title"


def test_a_meeting_whose_venue_was_deleted_still_shows_and_says_so(client):
    meeting = make_meeting()
    meeting.venue.delete()
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "The venue for this meeting has been removed" in page


def test_notes_are_published_linked_searchable_and_in_the_forum(client):
    organiser = make_organiser()
    meeting = make_meeting(organiser, days=-3, listener_name="Priya Shah")
    client.force_login(organiser)
    notes = {"discussed": "We talked about **holiday pay** for PAs.", "agreed": ""}
    response = client.post(f"/meetings/{meeting.pk}/notes/write/", notes)
    assert response.status_code == 302
    client.logout()
    assert (
        "Read the notes from this meeting"
        in client.get(meeting.get_absolute_url()).content.decode()
    )
    page = client.get(f"/meetings/{meeting.pk}/notes/").content.decode()
    assert "<strong>holiday pay</strong>" in page and "Talk about these notes in the forum" in page


def test_notes_are_searchable_and_their_meeting_too(client):
    organiser = make_organiser()
    meeting = make_meeting(organiser, days=-3)
    services.publish_notes(meeting, organiser, {"discussed": "We talked about holiday pay."})
    found = client.get("/search/", {"q": "holiday pay"}).content.decode()
    assert f"/meetings/{meeting.pk}/notes/" in found


def test_questions_to_the_listener_go_from_asked_to_answered(client):
    organiser = make_organiser()
    meeting = make_meeting(organiser, days=-3, listener_name="Priya Shah")
    client.force_login(organiser)
    client.post(
        f"/meetings/{meeting.pk}/questions/", {"question": "When do statements go monthly?"}
    )
    question = ListenerQuestion.objects.get()
    assert (
        "Asked:</strong> When do statements go monthly?"
        in client.get(meeting.get_absolute_url()).content.decode()
    )
    client.post(
        f"/meetings/{meeting.pk}/questions/{question.pk}/",
        {f"q{question.pk}-answer": "From April."},
    )
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Answered:</strong> When do statements go monthly?" in page and "From April." in page
    client.force_login(make_user("Ann"))
    client.post(f"/meetings/{meeting.pk}/questions/", {"question": "Not the organiser"})
    assert ListenerQuestion.objects.count() == 1


def test_the_personal_feed_lists_meetings_and_a_revoked_address_stops(client):
    person = make_user("Ann")
    meeting = online(title="PA question hour")
    services.say_coming(meeting, person)
    client.force_login(person)
    page = client.get("/meetings/calendar/").content.decode()
    old = services.feed_for(person).get_absolute_url()
    assert old in page
    client.logout()
    feed = icalendar.Calendar.from_ical(client.get(old).content)
    (event,) = feed.walk("VEVENT")
    assert str(event["SUMMARY"]) == "PA question hour"
    client.force_login(person)
    client.post("/meetings/calendar/")
    client.logout()
    assert client.get(old).status_code == 404
    assert client.get(services.feed_for(person).get_absolute_url()).status_code == 200


def test_meetings_and_notes_can_be_reported(client):
    meeting = make_meeting()
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Report this meeting" in page


def report_path(obj):
    from django.contrib.contenttypes.models import ContentType

    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
    return f"/report/{content_type.pk}/{obj.pk}/"


def test_a_reported_meeting_and_notes_reach_the_queue_and_hiding_takes_them_off(client):
    from pbsite import moderation
    from pbsite.models import Report

    organiser = make_organiser()
    meeting = make_meeting(organiser, days=-2, title="Selling miracle cures")
    notes = services.publish_notes(meeting, organiser, {"discussed": "Buy my pills."})
    client.force_login(make_user("Ann"))
    for thing in (meeting, notes):
        response = client.post(report_path(thing), {"reason": "spam", "details": ""})
        assert "Thank you for telling us" in response.content.decode()
    notes_report, meeting_report = Report.objects.order_by("-pk")[:2]
    assert "Buy my pills." in notes_report.content_summary
    moderator = make_user("Jo Moderator", role=Role.MODERATOR)
    moderation.hide_content(notes_report, moderator)
    moderation.hide_content(meeting_report, moderator)
    client.logout()
    assert client.get(meeting.get_absolute_url()).status_code == 404
    assert client.get(f"/meetings/{meeting.pk}/notes/").status_code == 404
    assert meeting.get_absolute_url() not in client.get("/search/", {"q": "pills"}).text


def test_deleting_an_account_erases_answers_and_access_needs_and_frees_the_place(client):
    from accounts.privacy import delete_account

    meeting = make_meeting(places=1)
    ann, bo = make_user("Ann"), make_user("Bo")
    services.say_coming(meeting, ann, access_needs="Hearing loop please")
    services.say_coming(meeting, bo)
    client.force_login(ann)
    exported = client.post("/accounts/export/")
    assert "Hearing loop please" in exported.content.decode()
    delete_account(ann)
    assert not Rsvp.objects.filter(user=ann).exists()
    assert Rsvp.objects.get(user=bo).status == RsvpStatus.COMING


def test_notes_written_through_the_page_are_found_by_search(client):
    organiser = make_organiser()
    meeting = make_meeting(organiser, days=-3)
    client.force_login(organiser)
    notes = {"discussed": "We talked about holiday pay.", "agreed": ""}
    assert client.post(f"/meetings/{meeting.pk}/notes/write/", notes).status_code == 302
    client.logout()
    found = client.get("/search/", {"q": "holiday pay"}).content.decode()
    assert f"/meetings/{meeting.pk}/notes/" in found


def past_dates_in_a_series(count: int):
    """A series of ``count`` past meetings, the first with notes, the second with notes a
    moderator has hidden."""
    from meetings.models import Notes, Series

    organiser = make_organiser()
    series = Series.objects.create(title="Cowley peer network", organiser=organiser)
    meetings = [make_meeting(organiser, days=-7 * n, series=series) for n in range(1, count + 1)]
    Notes.objects.create(meeting=meetings[0], discussed="Holiday pay.")
    if count > 1:
        Notes.objects.create(meeting=meetings[1], discussed="Buy my pills.", hidden=True)
    return series, meetings


def test_a_series_links_the_notes_anyone_may_read_in_a_fixed_number_of_queries(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    series, _ = past_dates_in_a_series(1)
    client.get(series.get_absolute_url())  # what the first page view reads once
    with CaptureQueriesContext(connection) as one_date:
        client.get(series.get_absolute_url())
    Meeting.objects.all().delete()
    series, meetings = past_dates_in_a_series(4)
    with CaptureQueriesContext(connection) as four_dates:
        page = client.get(series.get_absolute_url()).content.decode()
    assert len(four_dates) == len(one_date)
    assert f"/meetings/{meetings[0].pk}/notes/" in page
    assert f"/meetings/{meetings[1].pk}/notes/" not in page  # hidden by a moderator
    assert f"/meetings/{meetings[2].pk}/notes/" not in page  # none written


def test_the_organisers_page_counts_and_lists_answers_and_shows_their_own(client):
    organiser = make_organiser()
    meeting = make_meeting(organiser, places=2)
    for name, status in [("Ann", "coming"), ("Bo", "not_coming"), ("Cy", "coming")]:
        Rsvp.objects.create(meeting=meeting, user=make_user(name), status=status)
    Rsvp.objects.create(meeting=meeting, user=organiser, status=RsvpStatus.WAITING)
    client.force_login(organiser)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Full: you can join the waiting list" in page
    assert "Ann: Coming" in page and "Cy: Coming" in page and "Bo:" not in page
    assert "You are number 1 on the waiting list." in page
    assert "Rosa B: On the waiting list" in page
