"""A meeting's page reads by SQL built once per process (pbsite.statements): the same answers
as the ORM queries they replace, for meetings with and without answers, questions and notes."""

import datetime

import pytest
from django.utils import timezone

from meetings import services, views
from meetings.models import ListenerQuestion, Meeting, Notes, Rsvp, RsvpStatus
from tests.meetings.factories import make_meeting
from tests.people import make_user

pytestmark = pytest.mark.django_db


def test_a_meeting_its_answers_count_and_questions_read_as_the_orm_reads_them():
    full = make_meeting(places=1)
    empty = make_meeting(places=3)
    people = [make_user(name) for name in ("Ann", "Bo", "Cy")]
    statuses = [RsvpStatus.COMING, RsvpStatus.WAITING, RsvpStatus.NOT_COMING]
    for person, status in zip(people, statuses, strict=True):
        Rsvp.objects.create(meeting=full, user=person, status=status, access_needs="A ramp")
    later = timezone.now() + datetime.timedelta(hours=1)
    ListenerQuestion.objects.create(meeting=full, question="Later", asked_at=later)
    ListenerQuestion.objects.create(meeting=full, question="First")
    Notes.objects.create(meeting=full, discussed="Budgets", hidden=True)
    Notes.objects.create(meeting=empty, discussed="Rotas")

    for meeting in (full, empty):
        read = views._meeting_by_id.objects(meeting=meeting.pk)[0]
        expected = Meeting.objects.select_related("venue", "series", "organiser").get(pk=meeting.pk)
        fields = [field.attname for field in Meeting._meta.concrete_fields]
        assert [getattr(read, name) for name in fields] == [
            getattr(expected, name) for name in fields
        ]
        assert read.organiser.public_name == expected.organiser.public_name
        assert views._count_coming(meeting) == meeting.coming_count()
        assert views._questions_of.objects(meeting=meeting.pk) == list(meeting.questions.all())
        assert [q.question for q in views._questions_of.objects(meeting=meeting.pk)] == (
            [q.question for q in meeting.questions.all()]
        )
        assert bool(views._shown_notes.rows(meeting=meeting.pk)) == (
            Notes.objects.filter(meeting=meeting, hidden=False).exists()
        )
        answers = views._answers(meeting)
        assert answers == list(meeting.rsvps.all())
        assert [(a.status, a.access_needs, a.user.public_name) for a in answers] == [
            (a.status, a.access_needs, a.user.public_name) for a in meeting.rsvps.all()
        ]
        for person in people:
            found = views._answer_of.objects(meeting=meeting.pk, person=person.pk)
            assert found == list(Rsvp.objects.filter(meeting=meeting, user=person))
    assert views._meeting_by_id.objects(meeting=empty.pk + 1000) == []


def test_the_waiting_position_counts_the_earlier_waiting_answers_to_that_meeting_only():
    meeting, other = make_meeting(places=0), make_meeting(places=0)
    start = timezone.now() - datetime.timedelta(hours=5)
    answers = []
    for hour, name in enumerate(("Ann", "Bo", "Cy", "Di")):
        person = make_user(name)
        answered_at = start + datetime.timedelta(hours=hour)
        answers.append(
            Rsvp.objects.create(
                meeting=meeting, user=person, status=RsvpStatus.WAITING, answered_at=answered_at
            )
        )
        # An earlier answer to another meeting is not counted.
        Rsvp.objects.create(
            meeting=other, user=person, status=RsvpStatus.WAITING, answered_at=start
        )
    answers[1].status = RsvpStatus.COMING  # no longer waiting: not counted before the others
    answers[1].save()
    assert [services.waiting_position(answer) for answer in answers] == [1, 2, 2, 3]


def test_the_lists_cards_and_filters_kept_per_process_show_each_change_at_once(client):
    """``views.meeting_card`` and ``views.filters_panel`` (pbsite.fragments): kept for what
    they show, so an edit to a meeting or its venue, a new time, and each search's own
    words and errors show at once."""
    meeting = make_meeting(title="Cowley peer network", days=3)
    page = client.get("/meetings/").content.decode()
    assert "Cowley peer network" in page and "East Oxford Community Centre" in page
    Meeting.objects.filter(pk=meeting.pk).update(
        title="Cowley tea",
        who_for="Carers too",
        starts_at=meeting.starts_at + datetime.timedelta(days=1),
    )
    meeting.venue.name = "Cowley Library"
    meeting.venue.save()
    moved = (meeting.starts_at + datetime.timedelta(days=1)).astimezone(views.rules.LONDON)
    page = client.get("/meetings/").content.decode()
    assert "Cowley tea" in page and "Carers too" in page and "Cowley Library" in page
    assert "Cowley peer network" not in page and "East Oxford Community Centre" not in page
    assert f'datetime="{moved.isoformat()}"' in page
    Meeting.objects.filter(pk=meeting.pk).update(format="online", venue=None)
    page = client.get("/meetings/").content.decode()
    assert "Cowley Library" not in page
    bad = client.get("/meetings/", {"postcode": "not a postcode"}).content.decode()
    assert 'aria-invalid="true"' in bad and 'value="not a postcode"' in bad
    good = client.get("/meetings/", {"postcode": "OX4"}).content.decode()
    assert 'aria-invalid="true"' not in good and 'value="OX4"' in good
    polish = client.get("/pl/meetings/", {"postcode": "not a postcode"}).content.decode()
    assert polish != bad
