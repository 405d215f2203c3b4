"""What people do with meetings: answer, cancel, get reminded, publish notes. Each write locks the
meeting first, so two people can never take the last place at once."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role
from pbsite.calendar import CalendarEvent
from pbsite.notifications import notify
from pbsite.statements import Statement
from pbsite.tasks import retrying_task

from . import rules
from .models import CalendarFeed, Meeting, Notes, OrganiserApproval, Rsvp, RsvpStatus, Series


class MeetingError(Exception):
    """Something a person may not do, said plainly."""


def is_organiser(user) -> bool:
    if user is None or not user.is_authenticated:
        return False
    return _organises(user, _roles(user))


def can_manage(user, meeting: Meeting) -> bool:
    """The meeting's organiser while they still organise, and moderators."""
    if user is None or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    roles = _roles(user)
    if Role.MODERATOR in roles:
        return True
    return meeting.organiser_id == user.pk and _organises(user, roles)


def _roles(user) -> set[str]:
    """Which of the roles that organise meetings ``user`` has."""
    return {Role.BUDDY.value, Role.MODERATOR.value} & user.role_values


def _organises(user, roles: set[str]) -> bool:
    if not user.is_active:
        return False
    is_buddy = Role.BUDDY in roles
    is_moderator = user.is_superuser or Role.MODERATOR in roles
    # An approval only counts for someone who is neither, so only they are looked up.
    approved = not (is_buddy or is_moderator) and (
        OrganiserApproval.objects.filter(user=user, active=True).exists()
    )
    return rules.can_organise(is_buddy=is_buddy, is_moderator=is_moderator, approved=approved)


def check_still_organiser(user) -> None:
    if not is_organiser(user):
        raise MeetingError(
            _(
                "You are no longer an organiser, so this can't be saved. If you think that is a "
                "mistake, ask a moderator through Contact a person."
            )
        )


@transaction.atomic
def create_meetings(organiser, fields: dict, *, repeat: str, count: int) -> list[Meeting]:
    """One meeting, or a series of them at the same London time (``fields`` from the form)."""
    check_still_organiser(organiser)
    repeat = rules.Repeat(repeat)
    times = rules.occurrences(
        fields["starts_at"], fields["ends_at"] - fields["starts_at"], repeat, count
    )
    series = None
    if repeat != rules.Repeat.ONCE and len(times) > 1:
        series = Series.objects.create(title=fields["title"], repeat=repeat, organiser=organiser)
    made = []
    for starts_at, ends_at in times:
        meeting = Meeting(**{**fields, "starts_at": starts_at, "ends_at": ends_at})
        meeting.organiser = organiser
        meeting.series = series
        meeting.save()
        made.append(meeting)
    return made


def _lock(meeting: Meeting) -> Meeting:
    """Re-read the meeting under a row lock (PostgreSQL: SELECT ... FOR UPDATE; SQLite lets one
    writer in at a time already, with BEGIN IMMEDIATE)."""
    return Meeting.objects.select_for_update().get(pk=meeting.pk)


def _coming(meeting: Meeting) -> int:
    return Rsvp.objects.filter(meeting=meeting, status=RsvpStatus.COMING).count()


def _check_open(meeting: Meeting) -> None:
    if meeting.cancelled or meeting.hidden:
        raise MeetingError(_("This meeting has been cancelled, so it can't take answers."))
    if meeting.starts_at <= timezone.now():
        raise MeetingError(_("This meeting has already started, so it can't take answers now."))


@transaction.atomic
def say_coming(meeting: Meeting, user, *, access_needs: str = "") -> Rsvp:
    """A place if one is left, otherwise the waiting list. Saying it again keeps the place."""
    meeting = _lock(meeting)
    _check_open(meeting)
    rsvp = Rsvp.objects.filter(meeting=meeting, user=user).first()
    if rsvp is not None and rsvp.status in (RsvpStatus.COMING, RsvpStatus.WAITING):
        rsvp.access_needs = access_needs.strip()
        rsvp.save(update_fields=["access_needs"])
        return rsvp
    status = rules.answer_for_coming(meeting.places, _coming(meeting))
    rsvp = rsvp or Rsvp(meeting=meeting, user=user)
    rsvp.status = status.value
    rsvp.access_needs = access_needs.strip()
    rsvp.answered_at = timezone.now()
    rsvp.reminded_at = None
    rsvp.save()
    if status == rules.Answer.COMING:
        notify(meeting.organiser, "is coming to your meeting", target=meeting, actor=user)
    return rsvp


@transaction.atomic
def say_not_coming(meeting: Meeting, user) -> Rsvp:
    """Not coming (or cancelling): a place freed goes to the first on the waiting list."""
    meeting = _lock(meeting)
    rsvp = Rsvp.objects.filter(meeting=meeting, user=user).first()
    was_coming = rsvp is not None and rsvp.status == RsvpStatus.COMING
    rsvp = rsvp or Rsvp(meeting=meeting, user=user)
    rsvp.status = RsvpStatus.NOT_COMING
    rsvp.access_needs = ""
    rsvp.answered_at = timezone.now()
    rsvp.save()
    if was_coming:
        promote_waiting(meeting)
    return rsvp


def promote_waiting(meeting: Meeting) -> list[Rsvp]:
    """Give free places to the waiting list, first come first served (inside a locked block)."""
    waiting = list(Rsvp.objects.filter(meeting=meeting, status=RsvpStatus.WAITING))
    promoted = []
    for _i in range(rules.how_many_to_promote(meeting.places, _coming(meeting), len(waiting))):
        chosen = rules.first_waiting([(r.answered_at, r.pk) for r in waiting])
        rsvp = next(r for r in waiting if r.pk == chosen)
        waiting.remove(rsvp)
        rsvp.status = RsvpStatus.COMING
        rsvp.save(update_fields=["status"])
        notify(rsvp.user, "has a place for you now", target=meeting, actor=None)
        promoted.append(rsvp)
    return promoted


@transaction.atomic
def change_places(meeting: Meeting, places: int) -> None:
    meeting = _lock(meeting)
    problem = rules.places_problem(places, _coming(meeting))
    if problem:
        raise MeetingError(problem)
    meeting.places = places
    meeting.save(update_fields=["places"])
    promote_waiting(meeting)


def waiting_position(rsvp: Rsvp) -> int:
    """Where a waiting answer is on its meeting's list: 1 for the first. Counted by the
    answer's id alone (the time it was given read in the SQL), so the SQL is built once per
    process (pbsite.statements): a meeting's page asks on every view by someone waiting."""
    found = _waiting_before.row(answer=rsvp.pk)
    return (found["before"] if found is not None else 0) + 1


#: Waiting answers to the same meeting given before this one.
_waiting_before = Statement(
    lambda answer: (
        Rsvp.objects.filter(
            meeting_id=Subquery(Rsvp.objects.filter(pk=answer).order_by().values("meeting_id")[:1]),
            status=RsvpStatus.WAITING,
            answered_at__lt=Subquery(
                Rsvp.objects.filter(pk=answer).order_by().values("answered_at")[:1]
            ),
        )
        .order_by()
        .values("meeting_id")
        .annotate(before=Count("pk"))
        .values("before")
    ),
    "answer",
)


# --- reminders --------------------------------------------------------------------------------


def send_reminders(today: datetime.date | None = None) -> int:
    """Remind everyone coming to a meeting tomorrow (London days), once each."""
    today = today or timezone.localdate()
    tomorrow = today + datetime.timedelta(days=1)
    start = rules.london_time(tomorrow, datetime.time(0, 0))
    end = rules.london_time(tomorrow + datetime.timedelta(days=1), datetime.time(0, 0))
    due = Rsvp.objects.filter(
        status=RsvpStatus.COMING,
        reminded_at__isnull=True,
        meeting__starts_at__gte=start,
        meeting__starts_at__lt=end,
        meeting__cancelled=False,
        meeting__hidden=False,
    ).select_related("meeting", "user")
    sent = 0
    for rsvp in due:
        with transaction.atomic():
            claimed = Rsvp.objects.filter(pk=rsvp.pk, reminded_at__isnull=True).update(
                reminded_at=timezone.now()
            )
            if not claimed:
                continue
            at = rsvp.meeting.local_start
            notify(
                rsvp.user,
                _("reminds you: your meeting is tomorrow at %(time)s")
                % {"time": at.strftime("%H:%M")},
                target=rsvp.meeting,
            )
            sent += 1
    return sent


@retrying_task()
def send_reminders_today() -> int:
    """The daily job (registered in ``meetings.apps``)."""
    return send_reminders()


# --- notes and the listener -------------------------------------------------------------------


def notes_markdown(notes: Notes) -> str:
    parts = [(_("What we talked about"), notes.discussed)]
    parts += [(_("What we agreed"), notes.agreed)]
    parts += [(_("Questions for the council"), notes.council_questions)]
    parts += [(_("Who to contact"), notes.contacts)]
    return "\n\n".join(f"**{title}**\n\n{text}" for title, text in parts if text.strip())


def forum_category():
    from forum.models import Category

    category, _created = Category.objects.get_or_create(
        slug="meetings",
        defaults={
            "name": "Meetings",
            "description": "Notes from peer-network meetings, to talk over afterwards.",
            "order": 90,
        },
    )
    return category


@transaction.atomic
def publish_notes(meeting: Meeting, author, fields: dict) -> Notes:
    """Save the notes; the first time, open a forum topic to talk them over."""
    from forum import posting

    if not can_manage(author, meeting):
        check_still_organiser(author)
        raise MeetingError(_("Only the meeting's organiser can write its notes."))
    if not meeting.has_ended:
        raise MeetingError(_("Notes can be written once the meeting has finished."))
    notes = Notes.objects.filter(meeting=meeting).first() or Notes(meeting=meeting)
    for name, value in fields.items():
        setattr(notes, name, value)
    notes.author = notes.author or author
    notes.save()
    if notes.forum_topic_id is None:
        link = f"{settings.SITE_URL}{notes.get_absolute_url()}"
        body = f"{notes_markdown(notes)}\n\n" + _("The notes on the meeting's page: %(link)s") % {
            "link": link
        }
        title = _("Notes: %(meeting)s") % {"meeting": meeting}
        try:
            topic = posting.create_topic(author, forum_category(), title, body)
        except posting.PostingError as error:
            raise MeetingError(str(error)) from error
        notes.forum_topic = topic
        notes.save(update_fields=["forum_topic"])
    return notes


# --- calendar files ---------------------------------------------------------------------------


def calendar_event(meeting: Meeting, *, with_link: bool) -> CalendarEvent:
    url = f"{settings.SITE_URL}{meeting.get_absolute_url()}"
    description = f"{meeting.about}\n\n{url}"
    if meeting.is_online:
        location = _("Online")
        if with_link and meeting.online_link:
            location = meeting.online_link
            if meeting.dial_in:
                description += "\n\n" + _("By phone: %(dial_in)s") % {"dial_in": meeting.dial_in}
    else:
        venue = meeting.venue
        location = f"{venue.name}, {venue.address}, {venue.postcode}" if venue else ""
    return CalendarEvent(
        uid=f"meeting-{meeting.pk}@budgetcircle",
        title=meeting.title,
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        description=description,
        location=location,
        url=url,
        cancelled=meeting.cancelled,
    )


def feed_for(user) -> CalendarFeed:
    feed, _created = CalendarFeed.objects.get_or_create(user=user)
    return feed


def revoke_feed(user) -> CalendarFeed:
    """A new private address: the old one stops working at once."""
    from .models import new_feed_token

    feed = feed_for(user)
    feed.token = new_feed_token()
    feed.created_at = timezone.now()
    feed.save(update_fields=["token", "created_at"])
    return feed


def meetings_in_feed(user):
    since = timezone.now() - datetime.timedelta(days=30)
    return (
        Meeting.objects.filter(
            rsvps__user=user, rsvps__status=RsvpStatus.COMING, hidden=False, ends_at__gte=since
        )
        .select_related("venue")
        .order_by("starts_at")
    )
