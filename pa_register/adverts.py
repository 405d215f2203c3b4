""" "PA wanted" adverts: who hears about them, responding, shortlisting, closing and expiry."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Role
from pbsite import ratelimit
from pbsite.edit_versions import lock_row
from pbsite.notifications import notify
from pbsite.statements import Statement

from . import finding
from .errors import RegisterError
from .groups import advert_groups
from .matching import Candidate, Need, matches_advert, score
from .models import Advert, AdvertResponse, PAProfile

EXPIRY_REMINDER_BEFORE = datetime.timedelta(days=3)


def can_post_adverts(user) -> bool:
    if user is None or not user.is_authenticated:
        return False
    return user.is_superuser or user.has_role(Role.HOLDER, Role.CARER)


NEW_ADVERTS_WINDOW_SECONDS = 24 * 3600
TOO_MANY_ADVERTS = _(
    "You have posted a lot of adverts today, so this one is not up yet. Please try again "
    "tomorrow, or change one of your adverts instead. What you wrote is still here."
)


def adverts_allowed() -> int:
    """New adverts one person may post in a day (changing an advert is not limited)."""
    return getattr(settings, "ADVERTS_PER_DAY", 5)


def may_post_another(user) -> bool:
    """Count a new advert by ``user``; False when they have posted ``adverts_allowed()`` today."""
    return ratelimit.hit(
        "register.new_advert", user.pk, adverts_allowed(), NEW_ADVERTS_WINDOW_SECONDS
    )


def need_of(advert: Advert) -> Need:
    return Need(
        skills={skill.slug: skill.sentence for skill in advert.skill_rows()},
        kinds=frozenset(advert.kinds),
        slots=advert.slots,
        district=advert.district,
        max_rate_pence=advert.rate_pence,
        short_notice=advert.emergency,
    )


def matching_profiles(advert: Advert, now=None) -> list[PAProfile]:
    """Listed PAs who cover the advert's district and fit it well."""
    need = need_of(advert)
    queryset = PAProfile.objects.listed(now).covering(advert.district)
    if advert.emergency:
        queryset = queryset.filter(short_notice=True)
    fitting = [c.pk for c in finding.candidates(queryset) if matches_advert(c, need, now)]
    return list(PAProfile.objects.filter(pk__in=fitting).select_related("user"))


def announce(advert: Advert, now=None) -> int:
    """Tell matching PAs about a new advert (notify() respects how each wants to hear)."""
    profiles = matching_profiles(advert, now)
    verb = (
        "posted an urgent request for a PA that fits your profile"
        if advert.emergency
        else ("is looking for a PA, and your profile fits")
    )
    for profile in profiles:
        notify(profile.user, verb, advert, actor=advert.author)
    return len(profiles)


def audience(advert: Advert) -> list:
    """Who a reply reaches: the author, and every current member of the group that posted it."""
    people = {advert.author_id: advert.author}
    for person in advert_groups.members(advert.group):
        people.setdefault(person.pk, person)
    return list(people.values())


def group_note(advert: Advert) -> str:
    """What a group's advert tells PAs about the job being shared ("" for one person's)."""
    if not advert.group:
        return ""
    return (
        f"{len(audience(advert))} people will share this PA, each employing them for their own "
        "hours. If you reply, your message reaches all of them."
    )


@transaction.atomic
def respond(advert: Advert, profile: PAProfile, *, now=None) -> AdvertResponse:
    """A PA says "I'm interested". It opens a private conversation with the advert's author
    (and, for a group's advert, with every member who may be messaged)."""
    from conversations.services import can_message, start_conversation

    if not advert.is_open(now):
        raise RegisterError("This advert is closed, so it cannot take new replies.")
    if profile.user_id == advert.author_id:
        raise RegisterError("You cannot reply to your own advert.")
    # A double click: the second waits for the first (the profile row is locked), then gets
    # the first one's response instead of a second conversation and a unique-constraint error.
    lock_row(profile)
    existing = AdvertResponse.objects.filter(advert=advert, profile=profile).first()
    if existing is not None:
        existing.already_sent = True
        return existing
    group = [p for p in audience(advert)[1:] if can_message(profile.user, p)]
    topic = start_conversation(
        profile.user,
        [advert.author, *group],
        f"PA wanted: {advert.title}"[:150],
        f"Hello, I'm interested in your advert “{advert.title}”. "
        f"You can see my profile here: {profile.get_absolute_url()}",
    )
    return AdvertResponse.objects.create(advert=advert, profile=profile, conversation=topic)


RESPONSE_FIELDS = (
    "advert",
    "profile",
    "created",
    "shortlisted",
    "conversation",
    # What matching reads of a PA (``Candidate.from_profile``), then their rate and name.
    *(
        f"profile__{field}"
        for field in ("kinds", "availability", "districts", "last_confirmed", "short_notice")
    ),
    "profile__rate_min_pence",
    "profile__rate_max_pence",
    "profile__user__display_name",
    "profile__user__deleted_at",
)


_responses_of = Statement(
    lambda advert: (
        AdvertResponse.objects.filter(advert=advert)
        .select_related("profile__user")
        .only(*RESPONSE_FIELDS)
    ),
    "advert",
)


def responders(advert: Advert, now=None):
    """Responses with why each PA fits, best fit first (shortlisted ones on top)."""
    need = need_of(advert)
    # Not the conversation: the page links to it by its id alone. Of each PA, what the card
    # shows and matching reads.
    # By SQL built once per process (``pbsite.statements``): only the advert's id varies.
    responses = _responses_of.objects(advert=advert.pk)
    for response in responses:
        response.advert = advert  # as ``advert.responses`` gives them
    # As the finder reads its results: the verified checks a card names, and skill slugs only
    # when the advert asks for skills (matching compares nothing else), not Skill objects.
    ids = [response.profile_id for response in responses]
    verified = finding.verified_checks(ids) if ids else {}
    slugs = finding.skill_slugs(ids) if ids and need.skills else {}
    today = timezone.localdate()
    rows = []
    for response in responses:
        profile = response.profile
        finding.describe_result(profile, verified.get(profile.pk, []), today)
        candidate = Candidate.from_profile(profile, skills=slugs.get(profile.pk, ()))
        rows.append((response, score(candidate, need, now)))
    rows.sort(key=lambda row: (not row[0].shortlisted, -row[1].score))
    return rows


def shortlist(response: AdvertResponse, user, *, on: bool = True) -> None:
    if user.pk != response.advert.author_id:
        raise RegisterError("Only the person who posted the advert can shortlist a reply.")
    response.shortlisted = on
    response.save(update_fields=["shortlisted"])


def close(advert: Advert, user, *, filled: bool, now=None) -> None:
    if user.pk != advert.author_id:
        raise RegisterError("Only the person who posted the advert can close it.")
    advert.closed_at = now or timezone.now()
    advert.filled = filled
    advert.save(update_fields=["closed_at", "filled"])


def send_expiry_reminders(now=None) -> int:
    """Remind authors a few days before their advert expires, once."""
    now = now or timezone.now()
    due = Advert.objects.open(now).filter(
        expires_at__lte=now + EXPIRY_REMINDER_BEFORE, expiry_reminded_at__isnull=True
    )
    count = 0
    for advert in due.select_related("author"):
        notify(
            advert.author,
            "Your PA wanted advert ends in a few days. Post it again if you still need someone",
            advert,
        )
        advert.expiry_reminded_at = now
        advert.save(update_fields=["expiry_reminded_at"])
        count += 1
    return count
