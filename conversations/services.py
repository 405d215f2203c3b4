"""Private conversations: who may write to whom, opening one, joining, leaving and blocking.

Other parts open conversations through ``start_conversation`` — contacting a PA or a provider,
a buddy pairing, a pool group's discussion::

    from conversations.services import start_conversation, ConversationError

    topic = start_conversation(holder, [pa_user], "About your advert", "Hello, ...")
    redirect(topic.get_absolute_url())   # /forum/t/<id>/

It raises ``ConversationError`` (a plain-English message) when someone has blocked the
initiator, when there is nobody to talk to, or when the initiator has posted too much lately.

The words of a conversation are written where the forum's are (a private topic and its posts),
so replying, live updates, reporting and edits work the same everywhere. This app does not
import the forum: the forum hands it the way to open a thread (``register_thread_opener``, from
``forum.apps``), as the other registries in ``pbsite`` work.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from pbsite import live
from pbsite.edit_versions import lock_row
from pbsite.notifications import notify
from pbsite.statements import Statement

from .models import Block, Participant

#: The live stream a conversation's new messages are sent on (``pbsite.live``), keyed by the
#: conversation's id; whoever leaves it, or is blocked in it, is taken off at once.
STREAM = "topic"


class ConversationError(Exception):
    """Why a conversation could not be opened, in plain words. The one error every caller of
    ``start_conversation`` catches: a block, a closed account, or writing too fast all raise it,
    so the caller can show the message beside what the person typed."""


def rate_limit_message() -> str:
    return _(
        "You have sent a lot of messages in the last few minutes, so this one has not gone "
        "yet. Please wait 10 minutes, then try again."
    )


# --- Where the words are written: the forum registers this from its AppConfig.ready() ---------

#: ``opener(initiator, people, title, first_message, *, check_rate_limit) -> thread``: makes
#: the thread, adds ``people`` with ``add_people`` and posts the first message. It raises
#: ``ConversationError`` if the initiator is writing too fast.
ThreadOpener = Callable[..., object]
_thread_opener: ThreadOpener | None = None


def register_thread_opener(opener: ThreadOpener) -> None:
    global _thread_opener
    _thread_opener = opener


# --- Who may write to whom --------------------------------------------------------------------


def can_message(sender, recipient) -> bool:
    """Nobody can message someone who blocked them, or an account that is closed."""
    if not recipient.is_active or recipient.deleted_at:
        return False
    return not Block.objects.filter(blocker=recipient, blocked=sender).exists()


def message_link_targets(viewer, people) -> set[int]:
    """Of ``people``, the ids of those ``viewer`` may be offered "Send a private message".

    The same rule as ``can_message`` (an open account that has not blocked the viewer), and
    never to oneself, to someone signed out, or to someone the viewer has blocked (they could
    not answer). One query for any number of people.
    """
    if viewer is None or not viewer.is_authenticated or not viewer.is_active:
        return set()
    candidates = {
        person.pk
        for person in people
        if person is not None
        and person.pk != viewer.pk
        and person.is_active
        and not person.deleted_at
    }
    if not candidates:
        return set()
    for block in _blocks_of.rows(viewer=viewer.pk):
        blocker_id, blocked_id = block["blocker_id"], block["blocked_id"]
        candidates.discard(blocked_id if blocker_id == viewer.pk else blocker_id)
    return candidates


#: Every block a person made or was given (a handful at most), rather than a query naming each
#: candidate twice: as cheap to run, and its SQL built once per process (pbsite.statements).
_blocks_of = Statement(
    lambda viewer: (
        Block.objects.filter(Q(blocked_id=viewer) | Q(blocker_id=viewer))
        .order_by()
        .values("blocker_id", "blocked_id")
    ),
    "viewer",
)


def may_offer_message(viewer, person, *, blocked: bool | None = None) -> bool:
    """``message_link_targets`` for one person; ``blocked`` is whether either has blocked the
    other, where the page has read it already (``blocks_between``)."""
    if blocked is None:
        return person is not None and person.pk in message_link_targets(viewer, [person])
    if viewer is None or not viewer.is_authenticated or not viewer.is_active:
        return False
    return (
        person is not None
        and person.pk != viewer.pk
        and person.is_active
        and not person.deleted_at
        and not blocked
    )


def blocks_between(person, other):
    """The blocks either of them made of the other, as a queryset: ``other`` may be an
    ``OuterRef`` (as in ``talks_between``)."""
    return Block.objects.filter(Q(blocker=person, blocked=other) | Q(blocker=other, blocked=person))


def blocks_made_by(user):
    return Block.objects.filter(blocker=user)


def has_blocked(blocker, blocked) -> bool:
    return Block.objects.filter(blocker=blocker, blocked=blocked).exists()


def is_blocked_in(conversation_id: int, author) -> bool:
    """In a conversation of two, has the other person blocked ``author``?"""
    others = (
        Participant.objects.filter(topic_id=conversation_id).exclude(user=author).values("user_id")
    )
    if others.count() != 1:
        return False
    return Block.objects.filter(blocker__in=others, blocked=author).exists()


# --- Who is in a conversation -----------------------------------------------------------------


def is_participant(user, conversation_id: int) -> bool:
    return (
        user is not None
        and user.is_authenticated
        and Participant.objects.filter(topic_id=conversation_id, user=user).exists()
    )


def conversation_ids_of(user):
    """The ids of ``user``'s conversations, as a subquery."""
    return Participant.objects.filter(user=user).values("topic_id")


def participant_ids(conversation_id: int):
    """The user ids of a conversation's people, as a subquery."""
    return Participant.objects.filter(topic_id=conversation_id).values("user_id")


def people_talked_with(user):
    """The user ids of everyone in a conversation with ``user`` (``user`` too), as a subquery."""
    return Participant.objects.filter(topic_id__in=conversation_ids_of(user)).values("user_id")


def have_talked(person, other) -> bool:
    """Have ``person`` and ``other`` ever been in a conversation together?"""
    return talks_between(person, other).exists()


def talks_between(person, other):
    """``other``'s places in ``person``'s conversations, as a queryset: ``other`` may be an
    ``OuterRef`` to ask ``have_talked`` with each row of another query (``Exists``)."""
    return Participant.objects.filter(user=other, topic_id__in=conversation_ids_of(person))


def is_unread(last_activity, last_read, joined) -> bool:
    """A conversation is unread when something was said after the person last looked at it
    (or, if they never have, after they joined it)."""
    return last_activity > (last_read or joined)


def mark_read(conversation, user) -> None:
    Participant.objects.filter(topic_id=conversation.pk, user=user).update(last_read=timezone.now())


# --- Opening, joining, leaving, blocking ------------------------------------------------------


@transaction.atomic
def start_conversation(
    initiator, participants, title: str, first_message: str, *, check_rate_limit: bool = True
):
    """Open a private conversation between ``initiator`` and ``participants``; returns it (the
    forum topic its words are written in: ``.get_absolute_url()``, ``.participants``).

    ``participants`` is any iterable of users (the initiator may be in it or not). The first
    message is posted by the initiator, and every other participant is notified.
    """
    others = _unique_others(initiator, participants)
    if not others:
        raise ConversationError("Choose at least one person to talk to.")
    for person in others:
        if not can_message(initiator, person):
            raise ConversationError(f"You cannot send messages to {person.public_name}.")
    if _thread_opener is None:  # pragma: no cover - the forum registers it when Django starts
        raise RuntimeError("No thread opener: is the forum in INSTALLED_APPS?")
    # One at a time per person, so a double click finds the first conversation, not a twin.
    lock_row(initiator)
    return _thread_opener(
        initiator, [initiator, *others], title, first_message, check_rate_limit=check_rate_limit
    )


def add_people(conversation, people: Iterable) -> None:
    """The first people of a new conversation (the thread opener calls this)."""
    Participant.objects.bulk_create(
        [Participant(topic_id=conversation.pk, user=person) for person in people]
    )


def same_people(conversation_id: int, people_ids: set[int]) -> bool:
    return set(participant_ids(conversation_id).values_list("user_id", flat=True)) == people_ids


def add_participant(conversation, user, *, added_by=None) -> None:
    """Add someone to a conversation (a pool group's new member, for example)."""
    _link, created = Participant.objects.get_or_create(topic_id=conversation.pk, user=user)
    if created:
        notify(user, "added you to a conversation", conversation, actor=added_by)


def remove_participant(conversation, user) -> None:
    """Take someone out of a conversation; their open pages stop hearing it live."""
    Participant.objects.filter(topic_id=conversation.pk, user=user).delete()
    live.end_access(user.pk, STREAM, conversation.pk)


def leave_all(user) -> None:
    """Take ``user`` out of every conversation (their account is being erased)."""
    for conversation_id in conversation_ids_of(user).values_list("topic_id", flat=True):
        live.end_access(user.pk, STREAM, conversation_id)
    Participant.objects.filter(user=user).delete()


def forget_blocks(user) -> None:
    Block.objects.filter(blocker=user).delete()
    Block.objects.filter(blocked=user).delete()


def block(blocker, blocked) -> None:
    """``blocked`` can no longer message ``blocker``, nor hear live what is said in a
    conversation of the two of them (the forum's ``private_access.can_follow_topic``)."""
    if blocker.pk == blocked.pk:
        return
    Block.objects.get_or_create(blocker=blocker, blocked=blocked)
    shared = Participant.objects.filter(
        user=blocked, topic_id__in=conversation_ids_of(blocker)
    ).values_list("topic_id", flat=True)
    for conversation_id in shared:
        live.end_access(blocked.pk, STREAM, conversation_id)


def unblock(blocker, blocked) -> None:
    Block.objects.filter(blocker=blocker, blocked=blocked).delete()


def _unique_others(initiator, participants) -> list:
    seen, others = {initiator.pk}, []
    for person in participants:
        if person.pk not in seen:
            seen.add(person.pk)
            others.append(person)
    return others
