"""Endorsements tied to real work.

1. A holder who has talked with a PA says "we have worked together"; the PA confirms (or the
   other way round). Only people who share a private conversation can start this.
2. Once both have confirmed, the holder may write one short endorsement. No stars, no
   anonymous reviews: it shows the holder's display name.
3. A moderator approves it before it shows. The PA may reply once.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from accounts.permissions import is_moderator
from conversations import services as conversations
from pbsite.notifications import notify
from pbsite.statements import Statement

from .errors import RegisterError
from .models import AdvertResponse, Endorsement, PAProfile, ReferenceShare, WorkedTogether


def have_talked(holder, profile: PAProfile) -> bool:
    """Do they share a private conversation?"""
    return conversations.have_talked(holder, profile.user)


@dataclass(frozen=True)
class ViewerLinks:
    """What a signed-in viewer has to do with the PA whose profile they open."""

    said_worked: bool  # they have said they worked with the PA (``confirm_work``)
    talked: bool  # they share a private conversation (``have_talked``)
    answered: bool  # the PA answered an advert of theirs (with ``talked``: ``vetting.is_talking``)
    shared: bool  # the PA shared their references with them (``vetting.may_read``)
    blocked: bool  # either has blocked the other (no "Send a private message")


def _viewer_links(viewer, profile):
    return PAProfile.objects.filter(pk=profile).values(
        said_worked=Exists(WorkedTogether.objects.filter(holder=viewer, profile=profile)),
        talked=Exists(conversations.talks_between(viewer, OuterRef("user"))),
        answered=Exists(AdvertResponse.objects.filter(profile=profile, advert__author=viewer)),
        shared=Exists(ReferenceShare.objects.filter(profile=profile, holder=viewer)),
        blocked=Exists(conversations.blocks_between(viewer, OuterRef("user"))),
    )


# The same question on every signed-in view of a profile: its SQL is built once per process.
_links = Statement(_viewer_links, "viewer", "profile")


def links_to(profile: PAProfile, viewer) -> ViewerLinks | None:
    """What ``viewer`` has to do with ``profile``'s PA, in one query (None when signed out)."""
    if viewer is None or not viewer.is_authenticated:
        return None
    return ViewerLinks(**_links.row(viewer=viewer.pk, profile=profile.pk))


@transaction.atomic
def confirm_work(user, profile: PAProfile, holder=None, *, now=None) -> WorkedTogether:
    """``user`` says they worked together: the holder (about ``profile``) or the PA (about
    ``holder``). Each side's confirmation is recorded; the other side is told."""
    now = now or timezone.now()
    if user.pk == profile.user_id:
        if holder is None:
            raise RegisterError("Say who you worked with.")
        link = WorkedTogether.objects.filter(holder=holder, profile=profile).first()
        if link is None or not link.holder_confirmed_at:
            raise RegisterError("They need to say first that you worked together.")
        link.pa_confirmed_at = link.pa_confirmed_at or now
        link.save(update_fields=["pa_confirmed_at"])
        notify(
            holder,
            "confirmed you worked together. You can now write an endorsement",
            profile,
            actor=user,
        )
        return link
    if not have_talked(user, profile):
        raise RegisterError("You can only say this about a PA you have talked to here.")
    link, _ = WorkedTogether.objects.get_or_create(holder=user, profile=profile)
    if not link.holder_confirmed_at:
        link.holder_confirmed_at = now
        link.save(update_fields=["holder_confirmed_at"])
        notify(profile.user, "says you have worked together. Please confirm", profile, actor=user)
    return link


def endorse(link: WorkedTogether, user, text: str) -> Endorsement:
    link.refresh_from_db()  # the other side may have confirmed since this was read
    if user.pk != link.holder_id or not link.both_confirmed:
        raise RegisterError(
            "You can write an endorsement once you both confirm you worked together."
        )
    if link.start_date and link.start_date > timezone.localdate():
        # An offer accepted through the recruitment kit: endorse once they have started.
        raise RegisterError(
            "You can write an endorsement once they have started: their first day is "
            f"{link.start_date:%-d %B %Y}."
        )
    if hasattr(link, "endorsement"):
        raise RegisterError("You have already written an endorsement for this PA.")
    return Endorsement.objects.create(work=link, text=text.strip())


def approve(endorsement: Endorsement, moderator, *, now=None) -> None:
    if not is_moderator(moderator):
        raise RegisterError("Only a moderator can approve an endorsement.")
    endorsement.approved_at = now or timezone.now()
    endorsement.approved_by = moderator
    endorsement.save(update_fields=["approved_at", "approved_by"])
    notify(
        endorsement.work.profile.user,
        "wrote an endorsement of you",
        endorsement,
        actor=endorsement.work.holder,
    )


def reply(endorsement: Endorsement, user, text: str, *, now=None) -> None:
    if user.pk != endorsement.work.profile.user_id:
        raise RegisterError("Only the PA can reply to an endorsement.")
    if endorsement.reply:
        raise RegisterError("You have already replied to this endorsement.")
    if not endorsement.approved_at:
        raise RegisterError("You can reply once a moderator has approved it.")
    endorsement.reply = text.strip()
    endorsement.replied_at = now or timezone.now()
    endorsement.save(update_fields=["reply", "replied_at"])


#: What a profile page shows of an endorsement: its words, its date, the reply, and who wrote
#: it (an account has dozens of columns, each converted for every endorsement).
SHOWN = (
    "text",
    "created",
    "reply",
    "work",
    "work__holder__display_name",
    "work__holder__deleted_at",
)


def shown_for(profile: PAProfile):
    return (
        Endorsement.objects.filter(work__profile=profile, approved_at__isnull=False, hidden=False)
        .select_related("work__holder")
        .only(*SHOWN)
    )
