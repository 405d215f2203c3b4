"""Vetting a PA: references, the code of conduct, right to work and safeguarding holds.

References
    A PA names up to two referees at a time (never themselves, never the same person twice).
    Each referee gets an email with a private link (``reference_token``): signed, naming the
    reference and a random secret kept on it; it works once, for ``REFERENCE_LINK_DAYS`` days.
    The referee answers a short form or says no (the PA is told and may name someone else).
    A moderator reads the answers in the admin, may ring the referee, and marks it checked.
    The profile then says "2 references checked (month year)", never the text. A holder the PA
    is talking to reads them only after the PA shares them (``share``), until withdrawn.

Code of conduct
    A PA is listed only once they accepted the current version (``models.CodeOfConduct``);
    a new version drops every profile until its PA accepts again.

Safeguarding
    A report of a safeguarding worry about a profile takes it off the register at once
    (``hold_for_safeguarding``); a moderator lifts it (dismisses the report) or keeps it off
    (hides the profile) in the moderation queue. The PA is told each time.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.core import signing
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.permissions import is_moderator
from conversations.services import have_talked, people_talked_with
from pbsite import ratelimit
from pbsite.notifications import notify
from pbsite.tasks import retrying_task

from .errors import RegisterError
from .models import (
    AdvertResponse,
    CodeOfConduct,
    PAProfile,
    Reference,
    ReferenceShare,
    ReferenceStatus,
)

REFERENCE_LINK_DAYS = 30
REFEREES_WANTED = 2
#: Each referee is an email the site sends to an address the PA typed: removing and naming
#: again must not turn it into a way to send mail to anyone.
REFEREES_A_DAY = 6
_SALT = "pa_register.reference"


# --- Rules on plain values ----------------------------------------------------------------------


def same_address(one: str, other: str) -> bool:
    return one.strip().lower() == other.strip().lower()


def referee_problem(email: str, pa_email: str, other_emails: list[str], active: int) -> str:
    """Why this referee cannot be added, or "" when they can."""
    if active >= REFEREES_WANTED:
        return _(
            "You have already named two referees. If one cannot help, remove them first, "
            "then name someone else."
        )
    if same_address(email, pa_email):
        return _(
            "This is your own email address. A referee must be someone else: a past employer, "
            "a person you supported or a colleague."
        )
    if any(same_address(email, other) for other in other_emails):
        return _(
            "You have already named this person. Please name two different referees, each "
            "with their own email address."
        )
    return ""


@dataclass(frozen=True)
class LinkState:
    ok: bool
    why: str = ""  # "unknown", "used", "declined", "expired"


def link_state(status: str, expired: bool) -> LinkState:
    if status == ReferenceStatus.GIVEN:
        return LinkState(False, "used")
    if status == ReferenceStatus.DECLINED:
        return LinkState(False, "declined")
    if expired:
        return LinkState(False, "expired")
    return LinkState(True)


# --- References ---------------------------------------------------------------------------------


def active_references(profile: PAProfile, now=None, references=None) -> list[Reference]:
    """The referees who count towards the two: asked (link still alive) or given, of
    ``references`` where the page has read all the profile's already."""
    return [
        reference
        for reference in (profile.references.all() if references is None else references)
        if reference.status == ReferenceStatus.GIVEN
        or (reference.status == ReferenceStatus.ASKED and not reference.is_expired(now))
    ]


def reference_token(reference: Reference) -> str:
    return signing.dumps([reference.pk, reference.nonce], salt=_SALT, compress=True)


def reference_from_token(token: str) -> Reference | None:
    """The reference a link names, or None for a link that is made up, mangled or used up."""
    try:
        pk, nonce = signing.loads(token, salt=_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    reference = Reference.objects.select_related("profile__user").filter(pk=pk).first()
    if reference is None:
        return None
    if not reference.nonce or not secrets.compare_digest(str(reference.nonce), str(nonce)):
        # Used (the secret is cleared then) or asked again since: treat as used.
        reference._token_spent = True
    return reference


def state_of(reference: Reference | None, now=None) -> LinkState:
    if reference is None:
        return LinkState(False, "unknown")
    if getattr(reference, "_token_spent", False) and reference.status == ReferenceStatus.ASKED:
        return LinkState(False, "used")
    return link_state(reference.status, reference.is_expired(now))


def reference_url(reference: Reference) -> str:
    return reverse("pa_register:give_reference", args=[reference_token(reference)])


@transaction.atomic
def ask_referee(profile: PAProfile, *, name: str, relationship: str, email: str) -> Reference:
    active = active_references(profile)
    problem = referee_problem(
        email, profile.user.email, [r.referee_email for r in active], len(active)
    )
    if problem:
        raise RegisterError(problem)
    if not ratelimit.hit("pa_register.referee", profile.user_id, REFEREES_A_DAY, 86400):
        raise RegisterError(
            _(
                "You have asked %(count)s referees today, which is as many as we send in a day. "
                "Please try again tomorrow, or contact us if something went wrong."
            )
            % {"count": REFEREES_A_DAY}
        )
    reference = Reference.objects.create(
        profile=profile,
        referee_name=name.strip(),
        relationship=relationship.strip(),
        referee_email=email.strip(),
        nonce=secrets.token_urlsafe(24),
    )
    transaction.on_commit(lambda: send_reference_request.enqueue(reference.pk))
    return reference


@retrying_task()
def send_reference_request(reference_id: int) -> None:
    """Email a referee their private link (built here, so no secret waits in the queue)."""
    from django.conf import settings
    from django.core.mail import send_mail
    from django.template.loader import render_to_string

    reference = (
        Reference.objects.select_related("profile__user")
        .filter(pk=reference_id, status=ReferenceStatus.ASKED)
        .exclude(nonce="")
        .first()
    )
    if reference is None:
        return
    context = {
        "reference": reference,
        "pa_name": reference.profile.display_name,
        "link": f"{settings.SITE_URL}{reference_url(reference)}",
        "days": REFERENCE_LINK_DAYS,
        "site_url": settings.SITE_URL,
    }
    subject = _("[Budget Circle] %(name)s asked you for a reference") % {
        "name": reference.profile.display_name
    }
    send_mail(
        subject=" ".join(subject.split()),  # a line break in a name would stop the email
        message=render_to_string("pa_register/email/reference_request.txt", context),
        from_email=None,
        recipient_list=[reference.referee_email],
    )


def _spend(reference: Reference, status: str, now=None) -> None:
    reference.status = status
    reference.answered_at = now or timezone.now()
    reference.nonce = ""


@transaction.atomic
def give_reference(reference: Reference, answers: dict, now=None) -> None:
    fresh = Reference.objects.select_for_update().get(pk=reference.pk)
    if not state_of(reference, now).ok or fresh.nonce != reference.nonce:
        raise RegisterError(_("This link has already been used."))
    for field in ("known_for", "role", "reliability", "would_again", "employer_notes"):
        setattr(fresh, field, answers.get(field, ""))
    _spend(fresh, ReferenceStatus.GIVEN, now)
    fresh.save()
    notify(
        fresh.profile.user,
        _("has your reference from %(name)s. A moderator will check it")
        % {"name": fresh.referee_name},
        url=reverse("pa_register:my_references"),
    )


@transaction.atomic
def decline_reference(reference: Reference, now=None) -> None:
    fresh = Reference.objects.select_for_update().get(pk=reference.pk)
    if not state_of(reference, now).ok or fresh.nonce != reference.nonce:
        raise RegisterError(_("This link has already been used."))
    _spend(fresh, ReferenceStatus.DECLINED, now)
    fresh.save()
    notify(
        fresh.profile.user,
        _("heard from %(name)s, who cannot give you a reference. You can name someone else")
        % {"name": fresh.referee_name},
        url=reverse("pa_register:my_references"),
    )


def remove_referee(reference: Reference) -> None:
    reference.delete()


def mark_checked(reference: Reference, moderator, now=None) -> None:
    if not is_moderator(moderator):
        raise RegisterError(_("Only a moderator can check a reference."))
    if reference.status != ReferenceStatus.GIVEN:
        raise RegisterError(_("Only a reference the referee has given can be checked."))
    reference.checked_at = reference.checked_at or now or timezone.now()
    reference.checked_by = reference.checked_by or moderator


# --- Sharing references with a holder ------------------------------------------------------------


def talking_to(profile: PAProfile) -> list:
    """The people this PA is talking to: in a private conversation, or whose advert they
    answered. Only they can be offered the PA's references."""
    return list(_people_talking_to(profile).distinct().order_by("display_name"))


def _people_talking_to(profile: PAProfile):
    from django.contrib.auth import get_user_model

    user_model = get_user_model()
    people = user_model.objects.filter(is_active=True, deleted_at__isnull=True).exclude(
        pk=profile.user_id
    )
    advert_authors = AdvertResponse.objects.filter(profile=profile).values("advert__author")
    return people.filter(Q(pk__in=people_talked_with(profile.user)) | Q(pk__in=advert_authors))


def is_talking(profile: PAProfile, holder, links=None) -> bool:
    """Is ``holder`` among ``talking_to(profile)``? Asked of one person (reading references,
    sharing them), so of their own account and then two small questions, a conversation and
    an advert the PA answered: the people query narrowed to one person cost Django more to
    build than both. ``links``: both answers, where the page has read them already
    (``endorsements.links_to``)."""
    if holder is None or not holder.is_authenticated or holder.pk == profile.user_id:
        return False
    if not holder.is_active or holder.deleted_at:
        return False
    if links is not None:
        return links.talked or links.answered
    return (
        have_talked(holder, profile.user_id)
        or AdvertResponse.objects.filter(profile=profile, advert__author=holder).exists()
    )


def share(profile: PAProfile, holder) -> ReferenceShare:
    if not is_talking(profile, holder):
        raise RegisterError(
            _("You can share your references only with someone you are talking to here.")
        )
    shared, created = ReferenceShare.objects.get_or_create(profile=profile, holder=holder)
    if created:
        notify(
            holder,
            _("shared their references with you"),
            actor=profile.user,
            url=reverse("pa_register:read_references", args=[profile.pk]),
        )
    return shared


def withdraw(profile: PAProfile, holder) -> None:
    ReferenceShare.objects.filter(profile=profile, holder=holder).delete()


def may_read(user, profile: PAProfile, links=None) -> bool:
    """Only a holder the PA shared them with, and is still talking to. Not the PA, not other
    holders, not moderators on the site (they read them in the admin). ``links``: what the
    page read already of ``user`` and the PA (``endorsements.links_to``)."""
    if user is None or not user.is_authenticated:
        return False
    shared = links.shared if links is not None else profile.shares_references_with(user)
    return shared and is_talking(profile, user, links)


# --- Code of conduct ------------------------------------------------------------------------------


def accept_conduct(profile: PAProfile, code: CodeOfConduct, now=None) -> None:
    if code is None:
        raise RegisterError(_("There is no code of conduct to accept yet."))
    profile.conduct_version = max(profile.conduct_version, code.version)
    profile.conduct_accepted_at = now or timezone.now()
    profile.save(update_fields=["conduct_version", "conduct_accepted_at"])


# --- Right to work --------------------------------------------------------------------------------


def set_right_to_work_ready(profile: PAProfile, ready: bool, today=None) -> None:
    profile.right_to_work_ready_on = (today or timezone.localdate()) if ready else None
    profile.save(update_fields=["right_to_work_ready_on"])


# --- Safeguarding -------------------------------------------------------------------------------


def has_open_safeguarding_report(profile: PAProfile) -> bool:
    from pbsite.models import ReportReason
    from pbsite.moderation import open_reports_about

    return open_reports_about(profile).filter(reason=ReportReason.SAFETY).exists()


def hold_for_safeguarding(profile: PAProfile, now=None) -> None:
    """After a report: a safeguarding worry takes the profile off the register at once."""
    if profile.safeguarding_hold_since or not has_open_safeguarding_report(profile):
        return
    profile.safeguarding_hold_since = now or timezone.now()
    profile.save(update_fields=["safeguarding_hold_since"])
    notify(
        profile.user,
        _(
            "has taken your PA profile off the register for now, because someone raised a "
            "safeguarding worry. A moderator will look at it soon and tell you what they decide"
        ),
        profile,
    )


def lift_safeguarding_hold(profile: PAProfile) -> None:
    """A moderator dismissed the reports: the profile is listed again."""
    if not profile.safeguarding_hold_since:
        return
    profile.safeguarding_hold_since = None
    profile.save(update_fields=["safeguarding_hold_since"])
    notify(
        profile.user,
        _("looked at the safeguarding worry about you. Your PA profile is back on the register"),
        profile,
    )


def hide_profile(profile: PAProfile) -> None:
    """The moderation queue's "hide": after a safeguarding report, the moderator keeps the
    profile off the register, and the PA is told."""
    held = bool(profile.safeguarding_hold_since)
    profile.hide()
    if held:
        notify(
            profile.user,
            _(
                "looked at the safeguarding worry about you and is keeping your PA profile off "
                "the register. Please contact us if you want to talk about it"
            ),
            profile,
        )
