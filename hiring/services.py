"""What changes several rows: the kit, interview times, the supporter, decisions and offers."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from pa_register.models import Advert, AdvertResponse, WorkedTogether
from pbsite.calendar import CalendarEvent, calendar_bytes
from pbsite.notifications import notify
from pbsite.sites import site_for_request
from pbsite.tasks import retrying_task

from . import rules
from .models import Decision, HiringSettings, Interview, InterviewQuestion, InterviewSlot, Kit
from .question_bank import BANK


class HiringError(Exception):
    """Something a person asked for that cannot be done; the message says why, kindly."""


# --- the kit ----------------------------------------------------------------------------------


def save_kit(advert: Advert, user, answers: dict, *, days_per_week, notice_weeks) -> Kit:
    if user.pk != advert.author_id:
        raise HiringError(_("Only the person who wrote the advert can make its kit."))
    outcome = rules.employment_status(answers)
    kit = Kit.objects.filter(advert=advert).first() or Kit(advert=advert)
    kit.answers = {name: answers.get(name, "") for name in rules.QUESTION_NAMES}
    kit.status = outcome.status
    kit.days_per_week = days_per_week
    kit.notice_weeks = notice_weeks or 1
    kit.updated = timezone.now()
    kit.save()
    return kit


def question_bank() -> list[rules.Question]:
    """The starting bank and what editors added."""
    bank = [
        rules.Question(str(text), str(listen), kind, skill) for text, listen, kind, skill in BANK
    ]
    for question in InterviewQuestion.objects.select_related("skill"):
        bank.append(
            rules.Question(
                question.text,
                question.listen_for,
                question.kind,
                question.skill.slug if question.skill_id else "",
            )
        )
    return bank


def questions_for(advert: Advert) -> list[rules.Question]:
    return rules.choose_questions(
        question_bank(), advert.kinds, [skill.slug for skill in advert.skills.all()]
    )


def living_wage(request=None) -> HiringSettings:
    if request is not None:
        if not hasattr(request, "_wagtail_site"):
            # The Site from the process's memory, where Wagtail looks first, rather than its
            # ranked query on every view (pbsite.sites).
            request._wagtail_site = site_for_request(request)
        return HiringSettings.for_request(request)
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).first()
    return HiringSettings.for_site(site) if site else HiringSettings()


# --- interviews -------------------------------------------------------------------------------


def holds(response: AdvertResponse, user) -> bool:
    return user.is_authenticated and response.advert.author_id == user.pk


@transaction.atomic
def propose(
    response: AdvertResponse,
    user,
    starts: list[datetime.datetime],
    *,
    place: str,
    minutes: int,
    now=None,
) -> Interview:
    """Offer the PA interview times (2 to 5, in the future). Offering again before the PA has
    chosen replaces the times."""
    now = now or timezone.now()
    if not holds(response, user):
        raise HiringError(_("Only the person who wrote the advert can offer interview times."))
    if response.advert.filled:
        raise HiringError(_("This advert is filled, so there are no more interviews for it."))
    problems = rules.check_slots(starts, now)
    if problems:
        raise HiringError(" ".join(problems))
    interview = Interview.objects.select_for_update().filter(response=response).first()
    if interview is not None and interview.chosen_id:
        raise HiringError(
            _("The PA has already picked a time. Talk to them in your conversation to change it.")
        )
    if interview is None:
        try:
            with transaction.atomic():
                interview = Interview.objects.create(
                    response=response, place=place, minutes=minutes
                )
        except IntegrityError:  # another tab made it a moment ago
            interview = Interview.objects.select_for_update().get(response=response)
    interview.place = place
    interview.minutes = minutes
    interview.none_suit = False
    interview.none_suit_note = ""
    interview.save(update_fields=["place", "minutes", "none_suit", "none_suit_note"])
    interview.slots.all().delete()
    InterviewSlot.objects.bulk_create(
        InterviewSlot(interview=interview, starts_at=start) for start in sorted(starts)
    )
    notify(
        response.profile.user,
        _("would like to meet you for an interview. Please pick a time"),
        interview,
        actor=user,
    )
    return interview


def pick(interview: Interview, user, slot_id: int) -> InterviewSlot:
    """The PA picks one of the times. Picking twice (two tabs, a double tap) keeps the first."""
    if interview.role_of(user) != "pa":
        raise HiringError(_("Only the PA invited can pick a time."))
    slot = interview.slots.filter(pk=slot_id).first()
    if slot is None:
        raise HiringError(_("Pick one of the times offered."))
    if slot.starts_at <= timezone.now():
        raise HiringError(_("That time has passed. Pick a later one, or say none suit."))
    with transaction.atomic():
        claimed = Interview.objects.filter(pk=interview.pk, chosen__isnull=True).update(
            chosen=slot, none_suit=False
        )
    if not claimed:
        interview.refresh_from_db()
        raise HiringError(
            _("You have already picked %(time)s. To change it, ask in your conversation.")
            % {"time": str(interview.chosen)}
        )
    interview.refresh_from_db()
    holder = interview.response.advert.author
    notify(
        holder,
        _("picked a time for the interview: %(time)s") % {"time": str(slot)},
        interview,
        actor=user,
    )
    notify(user, _("Your interview is booked: %(time)s") % {"time": str(slot)}, interview)
    tell_supporter(interview)
    return slot


def none_suit(interview: Interview, user, note: str) -> None:
    if interview.role_of(user) != "pa":
        raise HiringError(_("Only the PA invited can answer."))
    if interview.chosen_id:
        raise HiringError(
            _("You have already picked a time. Ask in your conversation to change it.")
        )
    Interview.objects.filter(pk=interview.pk).update(none_suit=True, none_suit_note=note[:300])
    notify(
        interview.response.advert.author,
        _("says none of the interview times suit. Please offer others"),
        interview,
        actor=user,
    )


def set_supporter(
    interview: Interview, user, *, member=None, service=None, name: str = "", email: str = ""
) -> None:
    """Someone to come along with the holder: a member, a directory service or a name and email.
    They are told the time and place once a time is picked (now, if it is)."""
    if interview.role_of(user) != "holder":
        raise HiringError(_("Only the person interviewing can add a supporter."))
    if member is not None and member.pk in (interview.holder_id, interview.pa_user_id):
        raise HiringError(_("Choose someone other than yourself or the PA."))
    interview.supporter_user = member
    interview.supporter_service = service
    interview.supporter_name = name
    interview.supporter_email = email
    interview.supporter_told_at = None
    interview.save(
        update_fields=[
            "supporter_user",
            "supporter_service",
            "supporter_name",
            "supporter_email",
            "supporter_told_at",
        ]
    )
    if interview.chosen_id:
        tell_supporter(interview)


def tell_supporter(interview: Interview) -> None:
    """The supporter hears the time and the place (nothing else), once."""
    if not interview.has_supporter or not interview.chosen_id:
        return
    claimed = Interview.objects.filter(pk=interview.pk, supporter_told_at__isnull=True).update(
        supporter_told_at=timezone.now()
    )
    if not claimed:
        return
    holder = interview.response.advert.author
    if interview.supporter_user_id:
        notify(
            interview.supporter_user,
            _("asked you to come to an interview with them: %(time)s")
            % {"time": str(interview.chosen)},
            interview,
            actor=holder,
            url=interview.get_absolute_url(),
        )
    elif interview.supporter_email:
        transaction.on_commit(lambda: email_supporter.enqueue(interview.pk))


@retrying_task()
def email_supporter(interview_id: int) -> None:
    interview = (
        Interview.objects.select_related("chosen", "response__advert__author")
        .filter(pk=interview_id)
        .first()
    )
    if interview is None or not interview.chosen_id or not interview.supporter_email:
        return
    context = {
        "interview": interview,
        "holder": interview.response.advert.author.public_name,
        "site_url": settings.SITE_URL,
    }
    message = EmailMessage(
        subject=_("[Budget Circle] Can you come to an interview on %(time)s?")
        % {"time": str(interview.chosen)},
        body=render_to_string("hiring/email/supporter.txt", context),
        to=[interview.supporter_email],
    )
    message.attach(
        "interview.ics", calendar_bytes([event(interview, "supporter")]), "text/calendar"
    )
    message.send()


def event(interview: Interview, role: str) -> CalendarEvent:
    advert = interview.response.advert
    if role == "pa":
        title = _("Interview: %(advert)s") % {"advert": advert.title}
    elif role == "holder":
        title = _("Interview with %(pa)s") % {"pa": interview.response.profile.display_name}
    else:
        title = _("Interview with %(holder)s") % {"holder": advert.author.public_name}
    return CalendarEvent(
        uid=f"interview-{interview.pk}@budgetcircle",
        title=title,
        starts_at=interview.starts_at,
        ends_at=interview.ends_at,
        location=interview.place,
        description=_("Meet somewhere public, or with someone else there."),
        url=f"{settings.SITE_URL}{interview.get_absolute_url()}",
    )


# --- decisions and offers ---------------------------------------------------------------------


def decide(
    interview: Interview, user, decision: str, *, message: str = "", start_date=None, hours=None
) -> None:
    if interview.role_of(user) != "holder":
        raise HiringError(_("Only the person interviewing can decide."))
    if interview.answered_at:
        raise HiringError(_("The PA has already answered, so the decision cannot change now."))
    if interview.response.advert.filled and decision == Decision.OFFER:
        raise HiringError(_("This advert is already filled."))
    interview.decision = decision
    interview.decision_message = message.strip()
    interview.decided_at = timezone.now()
    interview.offer_start_date = start_date if decision == Decision.OFFER else None
    interview.offer_hours = hours if decision == Decision.OFFER else None
    interview.save(
        update_fields=[
            "decision",
            "decision_message",
            "decided_at",
            "offer_start_date",
            "offer_hours",
        ]
    )
    verb = (
        _("would like to offer you the job. Please say yes or no")
        if decision == Decision.OFFER
        else _("has decided about the interview: not this time. Thank you for coming")
    )
    notify(interview.response.profile.user, verb, interview, actor=user)


@transaction.atomic
def answer_offer(interview: Interview, user, *, accept: bool, now=None) -> WorkedTogether | None:
    """The PA says yes or no. Yes fills the advert (it stops taking replies), records that they
    work together (the ground for an endorsement later) and politely tells the others."""
    now = now or timezone.now()
    if interview.role_of(user) != "pa":
        raise HiringError(_("Only the PA offered the job can answer."))
    advert = interview.response.advert
    problem = rules.may_answer_offer(
        interview.decision, bool(interview.answered_at), advert.filled and accept
    )
    if problem:
        raise HiringError(problem)
    claimed = Interview.objects.filter(pk=interview.pk, answered_at__isnull=True).update(
        answered_at=now, offer_accepted=accept
    )
    if not claimed:  # another tab answered first
        raise HiringError(_("You have already answered this offer."))
    holder = advert.author
    if not accept:
        notify(holder, _("said no to your offer, with thanks"), interview, actor=user)
        return None
    filled = Advert.objects.filter(pk=advert.pk, filled=False).update(
        filled=True, closed_at=advert.closed_at or now
    )
    if not filled:
        raise HiringError(_("This job has already been filled."))
    link, _created = WorkedTogether.objects.get_or_create(
        holder=holder, profile=interview.response.profile
    )
    link.holder_confirmed_at = link.holder_confirmed_at or now
    link.pa_confirmed_at = link.pa_confirmed_at or now
    link.start_date = interview.offer_start_date
    link.hours_agreed = interview.offer_hours
    link.save()
    notify(holder, _("accepted your offer"), interview, actor=user)
    others = AdvertResponse.objects.filter(advert=advert).exclude(pk=interview.response_id)
    for other in others.select_related("profile__user"):
        notify(
            other.profile.user,
            _("has found a PA for their advert. Thank you for replying, and good luck"),
            advert,
            actor=holder,
        )
    return link


# --- reminders --------------------------------------------------------------------------------


def send_reminders(today: datetime.date | None = None) -> int:
    """The day before: remind the holder, the PA and a member supporter, once."""
    today = today or timezone.localdate()
    tomorrow = today + datetime.timedelta(days=1)
    london = timezone.get_current_timezone()
    start = datetime.datetime.combine(tomorrow, datetime.time(0, 0), tzinfo=london)
    end = datetime.datetime.combine(
        tomorrow + datetime.timedelta(days=1), datetime.time(0, 0), tzinfo=london
    )
    due = Interview.objects.filter(
        reminded_at__isnull=True,
        chosen__starts_at__gte=start,
        chosen__starts_at__lt=end,
        decision="",
    ).select_related(
        "chosen", "response__advert__author", "response__profile__user", "supporter_user"
    )
    sent = 0
    for interview in due:
        claimed = Interview.objects.filter(pk=interview.pk, reminded_at__isnull=True).update(
            reminded_at=timezone.now()
        )
        if not claimed:
            continue
        at = timezone.localtime(interview.starts_at).strftime("%H:%M")
        verb = _("reminds you: your interview is tomorrow at %(time)s") % {"time": at}
        notify(interview.response.advert.author, verb, interview)
        notify(interview.response.profile.user, verb, interview)
        if interview.supporter_user_id:
            notify(interview.supporter_user, verb, interview)
        sent += 1
    return sent


@retrying_task()
def send_reminders_today() -> int:
    """The daily job (registered in ``hiring.apps``)."""
    return send_reminders()
