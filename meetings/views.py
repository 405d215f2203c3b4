from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pbsite.calendar import calendar_bytes, calendar_response
from pbsite.filters import panel_shows
from pbsite.forms import posted
from pbsite.fragments import render_once
from pbsite.pagination import paginate
from pbsite.statements import Statement

from . import rules, services
from .filters import MeetingFilter, listing_queryset, nearest_first
from .forms import AnswerForm, MeetingForm, NewMeetingForm, NotesForm, QuestionForm, RsvpForm
from .models import (
    CalendarFeed,
    ListenerQuestion,
    Meeting,
    Notes,
    Rsvp,
    RsvpStatus,
    Series,
    Venue,
)

FORM_FIELDS = "components/form_fields.html"


def meeting_list(request):
    meeting_filter = MeetingFilter(request.GET or None, queryset=listing_queryset())
    meetings = meeting_filter.qs if meeting_filter.is_bound else listing_queryset()
    place = meeting_filter.form.cleaned_data.get("postcode") if meeting_filter.is_bound else None
    if place is not None:
        meetings = nearest_first(meetings, place)
    page = paginate(request, meetings, per_page=12)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "meetings/list.html",
        {
            "form": meeting_filter.form,
            "filters": filters_panel(request, meeting_filter.form),
            "page": page,
            "cards": [meeting_card(meeting) for meeting in page.object_list],
            "query": query.urlencode(),
            "place": place,
            "can_organise": services.is_organiser(request.user),
        },
    )


def filters_panel(request, form) -> str:
    """The list's filter form (meetings/_filters.html), rendered once per process for what it
    shows (``pbsite.filters.panel_shows``: each field's value as sent and its errors; labels
    and choices come with the code and the language), as the finders' filter panels are."""
    shows = (request.method, panel_shows(form), tuple(str(e) for e in form.non_field_errors()))
    context = {"form": form, "request": request}
    return render_once("meetings/_filters.html", context, shows=shows)


def meeting_card(meeting: Meeting) -> str:
    """A meeting's card on the list (meetings/meeting_card.html), rendered once per process
    for what it shows (``pbsite.fragments``): the list's cards were most of its time."""
    shows = (
        meeting.get_absolute_url(),
        meeting.title,
        meeting.starts_at.isoformat(),
        meeting.is_online,
        None if meeting.is_online else (meeting.venue.name, meeting.district),
        str(getattr(meeting, "distance_note", "") or ""),
        meeting.who_for,
        timezone.get_current_timezone_name(),  # the times are shown in it
    )
    return render_once("meetings/meeting_card.html", {"meeting": meeting}, shows=shows)


#: What a meeting's pages read on every view, by ids alone: their SQL built once per process
#: (pbsite.statements), not by the ORM on each request. A meeting with its venue, series and
#: organiser (no ordering: one row by its id, as ``get`` reads it).
_meeting_by_id = Statement(
    lambda meeting: (
        Meeting.objects.select_related("venue", "series", "organiser").filter(pk=meeting).order_by()
    ),
    "meeting",
)
#: A person's answer to a meeting (one at most: the table's constraint).
_answer_of = Statement(
    lambda meeting, person: Rsvp.objects.filter(meeting_id=meeting, user_id=person).order_by()[:1],
    "meeting",
    "person",
)
#: How many are coming (Meeting.coming_count's count).
_coming_count = Statement(
    lambda meeting: (
        Rsvp.objects.filter(meeting_id=meeting, status=RsvpStatus.COMING)
        .order_by()
        .values("meeting_id")
        .annotate(coming=Count("pk"))
        .values("coming")
    ),
    "meeting",
)
#: The listener's questions, in the order the page lists them.
_questions_of = Statement(
    lambda meeting: ListenerQuestion.objects.filter(meeting_id=meeting), "meeting"
)
#: Whether the meeting has notes anyone may read.
_shown_notes = Statement(
    lambda meeting: (
        Notes.objects.filter(meeting_id=meeting, hidden=False).order_by().values("pk")[:1]
    ),
    "meeting",
)


def visible_meeting(request, pk) -> Meeting:
    found = _meeting_by_id.objects(meeting=pk)
    if not found:
        raise Http404
    meeting = found[0]
    if meeting.hidden and not services.can_manage(request.user, meeting):
        raise Http404
    return meeting


def _my_rsvp(request, meeting, answers=None) -> Rsvp | None:
    """The viewer's answer: found among everyone's when the page has read them (``answers``, as
    the organiser's does), else read alone."""
    if not request.user.is_authenticated:
        return None
    if answers is not None:
        return next((answer for answer in answers if answer.user_id == request.user.pk), None)
    found = _answer_of.objects(meeting=meeting.pk, person=request.user.pk)
    return found[0] if found else None


def detail(request, pk, *, rsvp_form=None, question_form=None, problem=""):
    meeting = visible_meeting(request, pk)
    manages = services.can_manage(request.user, meeting)
    answers = _answers(meeting) if manages else None
    rsvp = _my_rsvp(request, meeting, answers)
    is_coming = rsvp is not None and rsvp.status == RsvpStatus.COMING
    initial = {"access_needs": rsvp.access_needs} if rsvp else {}
    rsvp_form = rsvp_form or RsvpForm(initial=initial)
    question_form = question_form or QuestionForm()
    # The organiser's page has read everyone's answers: no need to count them again.
    coming_count = _count_coming(meeting) if answers is None else _coming(answers)
    questions = _questions_of.objects(meeting=meeting.pk)
    context = {
        "meeting": meeting,
        "venue": meeting.venue,
        "venue_facts": _venue_facts(meeting.venue)
        if meeting.venue and not meeting.is_online
        else "",
        "rsvp": rsvp,
        "is_coming": is_coming,
        "is_waiting": rsvp is not None and rsvp.status == RsvpStatus.WAITING,
        "waiting_position": services.waiting_position(rsvp)
        if rsvp and rsvp.status == RsvpStatus.WAITING
        else None,
        # The link and dial-in only for people coming, and the organiser.
        "shows_link": is_coming or manages,
        "manages": manages,
        "places_left": rules.places_left(meeting.places, coming_count),
        "coming_count": coming_count,
        "rsvp_form": rsvp_form,
        "rsvp_fields": _form_fields(rsvp_form) if _takes_answers(request, meeting) else "",
        "problem": problem,
        "has_notes": bool(_shown_notes.rows(meeting=meeting.pk)),
        "questions": questions,
        "question_form": question_form,
        "question_fields": _form_fields(question_form) if manages else "",
        # A form only for the questions still to answer: the page shows no other.
        "answer_forms": [
            (q, _form_fields(AnswerForm(instance=q, prefix=f"q{q.pk}")))
            for q in questions
            if not q.is_answered
        ]
        if manages
        else [],
        "people": _people(answers) if manages else [],
        "next_dates": _next_dates(meeting) if meeting.series_id else "",
    }
    return render(request, "meetings/detail.html", context)


def _takes_answers(request, meeting: Meeting) -> bool:
    """Whether the page shows the form to say you are coming."""
    return request.user.is_authenticated and not (meeting.has_ended or meeting.cancelled)


def _form_fields(form) -> str:
    """A form's fields (the form_fields component). A blank form (not sent, nothing filled in)
    is the same HTML for everyone, so it is rendered once per process for its class and prefix."""
    context = {"form": form}
    if form.is_bound or any(form.initial.values()):
        return render_to_string(FORM_FIELDS, context)
    kind = f"{type(form).__module__}.{type(form).__qualname__}"
    return render_once(FORM_FIELDS, context, shows=(kind, form.prefix))


def _answers(meeting: Meeting) -> list[Rsvp]:
    """Everyone's answer, for the organiser: with only what the page shows (each person's public
    name, their answer and what they need) and what their own answer needs (when it was given:
    the waiting-list order)."""
    return _everyones_answers.objects(meeting=meeting.pk)


#: Everyone's answer to a meeting, with what the organiser's list shows of each person.
_everyones_answers = Statement(
    lambda meeting: (
        Rsvp.objects.filter(meeting_id=meeting)
        .select_related("user")
        .only(
            "meeting",
            "user",
            "status",
            "access_needs",
            "answered_at",
            "user__display_name",
            "user__deleted_at",
        )
    ),
    "meeting",
)


def _count_coming(meeting: Meeting) -> int:
    """:meth:`Meeting.coming_count`, by SQL built once per process."""
    found = _coming_count.row(meeting=meeting.pk)
    return found["coming"] if found is not None else 0


def _coming(answers: list[Rsvp]) -> int:
    """How many are coming (what :meth:`Meeting.coming_count` counts), from everyone's answers."""
    return sum(answer.status == RsvpStatus.COMING for answer in answers)


def _people(answers: list[Rsvp]) -> list[Rsvp]:
    """Who is coming or waiting: the organiser's list."""
    return [answer for answer in answers if answer.status != RsvpStatus.NOT_COMING]


def _next_dates(meeting: Meeting) -> str:
    """The series' next meetings, the same for everyone: read as their ids and times alone, and
    rendered once per process for those."""
    upcoming = Meeting.objects.listed().upcoming().filter(series=meeting.series_id)
    shows = tuple(upcoming.exclude(pk=meeting.pk).values_list("pk", "starts_at")[:6])
    if not shows:
        return ""
    context = {"dates": shows, "series": meeting.series, "london": rules.LONDON}
    return render_once("meetings/next_dates.html", context, shows=(meeting.series_id, shows))


def _venue_facts(venue: Venue) -> str:
    """A venue's access facts, the same for everyone who looks: rendered once per process for
    the venue's values (every column, so whatever the template reads is in the key)."""
    shows = tuple(getattr(venue, field.attname) for field in Venue._meta.concrete_fields)
    return render_once("meetings/venue_facts.html", {"venue": venue}, shows=shows)


@login_required
@require_POST
def answer(request, pk):
    meeting = visible_meeting(request, pk)
    form = RsvpForm(request.POST)
    if request.POST.get("answer") not in ("coming", "not_coming"):
        return redirect(meeting)
    if request.POST["answer"] == "coming" and not form.is_valid():
        return detail(request, pk, rsvp_form=form)
    try:
        if request.POST["answer"] == "coming":
            rsvp = services.say_coming(
                meeting, request.user, access_needs=form.cleaned_data["access_needs"]
            )
        else:
            rsvp = services.say_not_coming(meeting, request.user)
    except services.MeetingError as error:
        return detail(request, pk, rsvp_form=form, problem=str(error))
    if rsvp.status == RsvpStatus.COMING:
        messages.success(request, _("You are coming. The online link, if any, is on this page."))
    elif rsvp.status == RsvpStatus.WAITING:
        messages.info(
            request,
            _(
                "This meeting is full, so you are on the waiting list. We will tell you if a "
                "place comes free."
            ),
        )
    else:
        messages.success(request, _("You are not coming. Thank you for letting us know."))
    return redirect(meeting)


def calendar_file(request, pk):
    meeting = visible_meeting(request, pk)
    rsvp = _my_rsvp(request, meeting)
    with_link = services.can_manage(request.user, meeting) or (
        rsvp is not None and rsvp.status == RsvpStatus.COMING
    )
    content = calendar_bytes([services.calendar_event(meeting, with_link=with_link)])
    return calendar_response(content, f"meeting-{meeting.pk}.ics")


def _not_an_organiser(request):
    return render(request, "meetings/not_organiser.html", status=403)


@login_required
def create(request):
    if not services.is_organiser(request.user):
        return _not_an_organiser(request)
    form = NewMeetingForm(posted(request))
    if form.is_valid():
        try:
            made = services.create_meetings(
                request.user,
                form.meeting_fields(),
                repeat=form.cleaned_data["repeat"],
                count=form.cleaned_data["count"],
            )
        except services.MeetingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("Your meeting is on the list.")
                if len(made) == 1
                else _("Your %(count)d meetings are on the list.") % {"count": len(made)},
            )
            return redirect(made[0])
    return render(request, "meetings/form.html", {"form": form, "meeting": None})


@login_required
def edit(request, pk):
    meeting = visible_meeting(request, pk)
    if meeting.organiser_id != request.user.pk and not services.can_manage(request.user, meeting):
        raise Http404
    form = MeetingForm(posted(request), instance=meeting, coming=meeting.coming_count())
    if request.method == "POST" and form.is_valid():
        try:
            if not services.can_manage(request.user, meeting):
                services.check_still_organiser(request.user)
            with transaction.atomic():
                fields = form.meeting_fields()
                places = fields.pop("places")
                Meeting.objects.filter(pk=meeting.pk).update(**fields)
                services.change_places(meeting, places)
        except services.MeetingError as error:
            form.add_error(None, str(error))
        else:
            meeting.refresh_from_db()
            meeting.save()  # the search index takes the new words
            messages.success(request, _("Your changes are saved."))
            return redirect(meeting)
    return render(request, "meetings/form.html", {"form": form, "meeting": meeting})


def series(request, pk):
    found = get_object_or_404(Series, pk=pk)
    meetings = found.meetings.listed().with_notes_shown().select_related("venue")
    now = timezone.now()
    return render(
        request,
        "meetings/series.html",
        {
            "series": found,
            "upcoming": [m for m in meetings if m.ends_at > now],
            "past": [m for m in meetings if m.ends_at <= now][::-1],
        },
    )


def notes(request, pk):
    meeting = visible_meeting(request, pk)
    found = Notes.objects.filter(meeting=meeting).select_related("forum_topic").first()
    if found is None or (found.hidden and not services.can_manage(request.user, meeting)):
        raise Http404
    return render(
        request,
        "meetings/notes.html",
        {"meeting": meeting, "notes": found, "questions": meeting.questions.all()},
    )


@login_required
def notes_edit(request, pk):
    meeting = visible_meeting(request, pk)
    if meeting.organiser_id != request.user.pk and not services.can_manage(request.user, meeting):
        raise Http404
    existing = Notes.objects.filter(meeting=meeting).first()
    form = NotesForm(posted(request), instance=existing)
    if request.method == "POST" and form.is_valid():
        try:
            services.publish_notes(meeting, request.user, form.cleaned_data)
        except services.MeetingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The notes are published, with a forum topic to talk."))
            return redirect("meetings:notes", pk=meeting.pk)
    return render(request, "meetings/notes_form.html", {"meeting": meeting, "form": form})


@login_required
@require_POST
def ask_question(request, pk):
    meeting = visible_meeting(request, pk)
    if not services.can_manage(request.user, meeting):
        raise Http404
    form = QuestionForm(request.POST)
    if not form.is_valid():
        return detail(request, pk, question_form=form)
    ListenerQuestion.objects.create(meeting=meeting, question=form.cleaned_data["question"])
    messages.success(request, _("The question is on the list as asked."))
    return redirect(meeting)


@login_required
@require_POST
def answer_question(request, pk, question_id):
    meeting = visible_meeting(request, pk)
    if not services.can_manage(request.user, meeting):
        raise Http404
    question = get_object_or_404(ListenerQuestion, pk=question_id, meeting=meeting)
    form = AnswerForm(request.POST, instance=question, prefix=f"q{question.pk}")
    if not form.is_valid():
        messages.error(request, " ".join(form.errors.get("answer", [])))
        return redirect(meeting)
    question.answer = form.cleaned_data["answer"]
    question.answered_at = question.answered_at or timezone.now()
    question.save()
    messages.success(request, _("The answer is saved, and the question shows as answered."))
    return redirect(meeting)


@login_required
def my_calendar(request):
    if request.method == "POST":
        services.revoke_feed(request.user)
        messages.success(
            request,
            _("Your calendar has a new private address. The old one has stopped working."),
        )
        return redirect("meetings:my_calendar")
    feed = services.feed_for(request.user)
    return render(
        request,
        "meetings/calendar.html",
        {
            "feed_url": request.build_absolute_uri(feed.get_absolute_url()),
            "meetings": services.meetings_in_feed(request.user),
        },
    )


def feed(request, token):
    found = CalendarFeed.objects.filter(token=token).select_related("user").first()
    if found is None or not found.user.is_active:
        raise Http404
    events = [
        services.calendar_event(m, with_link=True) for m in services.meetings_in_feed(found.user)
    ]
    content = calendar_bytes(events, name=_("My Budget Circle meetings"))
    return calendar_response(content, "budget-circle-meetings.ics", download=False)
