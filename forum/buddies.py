"""Peer buddies: applying, being approved, being asked, accepting, declining and stepping back."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from accounts.models import Role
from conversations.services import ConversationError, start_conversation
from pbsite.edit_versions import lock_row
from pbsite.notifications import notify

from .matching import BuddyOffer, Match, Need, rank
from .models import (
    BuddyPairing,
    BuddyProfile,
    BuddyRequest,
    BuddyStatus,
    PairingStatus,
    RequestStatus,
)


class BuddyError(Exception):
    """A plain-English reason a buddy action cannot happen."""


ACTIVE = (PairingStatus.OFFERED, PairingStatus.ACCEPTED)


def approved_buddies():
    return BuddyProfile.objects.filter(
        status=BuddyStatus.APPROVED, user__is_active=True, user__deleted_at__isnull=True
    ).select_related("user")


def is_buddy(user) -> bool:
    return (
        user.is_authenticated
        and BuddyProfile.objects.filter(user=user, status=BuddyStatus.APPROVED).exists()
    )


@transaction.atomic
def approve_profile(profile: BuddyProfile, moderator=None) -> None:
    from django.contrib.auth.models import Group

    profile.status = BuddyStatus.APPROVED
    profile.approved_at = timezone.now()
    profile.save(update_fields=["status", "approved_at"])
    group, _ = Group.objects.get_or_create(name=Role.BUDDY.value)
    profile.user.groups.add(group)
    notify(profile.user, "approved you as a peer buddy", actor=moderator, url="/forum/buddies/")


def offers_for(request: BuddyRequest) -> list[BuddyOffer]:
    """Approved buddies who have not already been asked for this request, with free places."""
    asked = request.pairings.values("buddy_id")
    profiles = (
        approved_buddies()
        .exclude(user=request.newcomer)
        .exclude(user__in=asked)
        .annotate(
            active=Count("user__buddy_pairings", filter=Q(user__buddy_pairings__status__in=ACTIVE))
        )
    )
    return [
        BuddyOffer(
            key=profile.user_id,
            budget_types=frozenset(profile.budget_types),
            topics=frozenset(profile.topics),
            districts=frozenset(profile.district_list),
            languages=frozenset(lang.lower() for lang in profile.language_list),
            free_places=profile.capacity - profile.active,
        )
        for profile in profiles
    ]


def need_of(request: BuddyRequest) -> Need:
    return Need(
        budget_type=request.budget_type,
        topics=frozenset(request.topics),
        district=request.district,
        language=request.language or "English",
    )


def suggestions(request: BuddyRequest, limit: int = 3) -> list[tuple[BuddyProfile, Match]]:
    matches = rank(offers_for(request), need_of(request))[:limit]
    profiles = approved_buddies().in_bulk([m.offer.key for m in matches], field_name="user_id")
    return [(profiles[m.offer.key], m) for m in matches if m.offer.key in profiles]


def current_pairing(request: BuddyRequest) -> BuddyPairing | None:
    return request.pairings.filter(status__in=ACTIVE).first()


@transaction.atomic
@transaction.atomic
def offer(request: BuddyRequest, buddy_user) -> BuddyPairing:
    """The newcomer chose a buddy from the suggestions: ask that buddy. A second press of the
    button (the request row is locked meanwhile) finds the first one's pairing."""
    lock_row(request)
    if (pairing := current_pairing(request)) is not None and pairing.buddy_id == buddy_user.pk:
        return pairing
    if pairing is not None:
        raise BuddyError(
            "You have already asked a buddy. Wait for their answer, or ask for someone else."
        )
    allowed = {m.offer.key for m in rank(offers_for(request), need_of(request))}
    if buddy_user.pk not in allowed:
        raise BuddyError("That buddy cannot take anyone new just now. Please choose someone else.")
    pairing = BuddyPairing.objects.create(request=request, buddy=buddy_user)
    notify(buddy_user, "asked you to be their buddy", pairing, actor=request.newcomer)
    return pairing


@transaction.atomic
def accept(pairing: BuddyPairing, buddy_user) -> BuddyPairing:
    """The buddy says yes: a private conversation opens between the two of them."""
    _check_buddy(pairing, buddy_user, PairingStatus.OFFERED)
    request = pairing.request
    try:
        conversation = start_conversation(
            buddy_user,
            [request.newcomer],
            f"{buddy_user.public_name} and {request.newcomer.public_name}",
            f"Hello {request.newcomer.public_name}, I'm {buddy_user.public_name}. I'm happy to "
            "be your buddy. Tell me a bit about what is going on, and we can take it from "
            "there. There's no rush.",
            check_rate_limit=False,
        )
    except ConversationError as error:
        # One of them has blocked the other, or the newcomer has closed their account since
        # asking: say so, as for any other reason the pairing cannot start.
        raise BuddyError(str(error)) from error
    pairing.status = PairingStatus.ACCEPTED
    pairing.answered_at = timezone.now()
    pairing.conversation = conversation
    pairing.save(update_fields=["status", "answered_at", "conversation"])
    request.status = RequestStatus.MATCHED
    request.save(update_fields=["status"])
    notify(request.newcomer, "said yes to being your buddy", conversation, actor=buddy_user)
    return pairing


@transaction.atomic
def decline(pairing: BuddyPairing, buddy_user) -> BuddyPairing:
    _check_buddy(pairing, buddy_user, PairingStatus.OFFERED)
    pairing.status = PairingStatus.DECLINED
    pairing.answered_at = timezone.now()
    pairing.save(update_fields=["status", "answered_at"])
    notify(
        pairing.request.newcomer,
        "cannot be your buddy just now. You can choose someone else",
        pairing.request,
    )
    return pairing


@transaction.atomic
def end(pairing: BuddyPairing, user) -> BuddyPairing:
    """The buddy steps back, or the newcomer asks for someone else. The conversation stays."""
    newcomer = pairing.request.newcomer
    if user.pk not in (pairing.buddy_id, newcomer.pk):
        raise BuddyError("This is not your pairing.")
    if pairing.status not in ACTIVE:
        raise BuddyError("This pairing has already ended.")
    pairing.status = PairingStatus.ENDED
    pairing.ended_at = timezone.now()
    pairing.ended_by = user
    pairing.save(update_fields=["status", "ended_at", "ended_by"])
    pairing.request.status = RequestStatus.OPEN
    pairing.request.save(update_fields=["status"])
    other = newcomer if user.pk == pairing.buddy_id else pairing.buddy
    notify(other, "ended your buddy pairing", pairing.request, actor=user)
    return pairing


def _check_buddy(pairing: BuddyPairing, buddy_user, status: str) -> None:
    if pairing.buddy_id != buddy_user.pk:
        raise BuddyError("This request was sent to someone else.")
    if pairing.status != status:
        raise BuddyError("This request has already been answered.")


def tell_buddies_about_question(topic) -> None:
    """A new public question in a category a buddy chose: let them know."""
    if topic.category_id is None:
        return
    buddies = approved_buddies().filter(categories=topic.category_id).exclude(user=topic.author)
    for profile in buddies:
        notify(profile.user, "asked a new question", topic, actor=topic.author)
