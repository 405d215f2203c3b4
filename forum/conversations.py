"""Private conversations: topics with a list of participants, as Discourse does.

Other parts open conversations through ``start_conversation`` — contacting a PA or a provider,
a buddy pairing, a pool group's discussion::

    from forum.conversations import start_conversation, ConversationError

    topic = start_conversation(holder, [pa_user], "About your advert", "Hello, ...")
    redirect(topic.get_absolute_url())   # /forum/t/<id>/

It raises ``ConversationError`` (a plain-English message) when someone has blocked the
initiator, when there is nobody to talk to, or when the initiator has posted too much lately.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from pbsite import live
from pbsite.edit_versions import lock_row
from pbsite.notifications import notify

from .models import Block, Participant, Topic
from .posting import PostingError, check_rate, one_line, save_post


class ConversationError(PostingError):
    """Why a conversation could not be opened, in plain words. The one error every caller of
    ``start_conversation`` catches: a block, a closed account, or writing too fast all raise it,
    so the caller can show the message beside what the person typed."""


def rate_limit_message() -> str:
    return _(
        "You have sent a lot of messages in the last few minutes, so this one has not gone "
        "yet. Please wait 10 minutes, then try again."
    )


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
    blocks = Block.objects.filter(
        Q(blocker_id__in=candidates, blocked=viewer) | Q(blocker=viewer, blocked_id__in=candidates)
    ).values_list("blocker_id", "blocked_id")
    for blocker_id, blocked_id in blocks:
        candidates.discard(blocked_id if blocker_id == viewer.pk else blocker_id)
    return candidates


def may_offer_message(viewer, person) -> bool:
    return person is not None and person.pk in message_link_targets(viewer, [person])


def is_unread(last_activity, last_read, joined) -> bool:
    """A conversation is unread when something was said after the person last looked at it
    (or, if they never have, after they joined it)."""
    return last_activity > (last_read or joined)


def unread_conversations(user) -> int:
    """How many of ``user``'s conversations are unread (``is_unread``), in one query."""
    return (
        Participant.objects.filter(user=user, topic__is_private=True)
        .filter(topic__last_activity__gt=Coalesce(F("last_read"), F("joined")))
        .count()
    )


def mark_read(topic: Topic, user) -> None:
    Participant.objects.filter(topic=topic, user=user).update(last_read=timezone.now())


@transaction.atomic
def start_conversation(
    initiator, participants, title: str, first_message: str, *, check_rate_limit: bool = True
) -> Topic:
    """Open a private conversation between ``initiator`` and ``participants``; returns the topic.

    ``participants`` is any iterable of users (the initiator may be in it or not). The first
    message is posted by the initiator, and every other participant is notified.
    """
    others = _unique_others(initiator, participants)
    if not others:
        raise ConversationError("Choose at least one person to talk to.")
    for person in others:
        if not can_message(initiator, person):
            raise ConversationError(f"You cannot send messages to {person.public_name}.")
    # One at a time per person, so a double click finds the first conversation, not a twin.
    lock_row(initiator)
    if (same := _just_started(initiator, others, title, first_message)) is not None:
        return same
    if check_rate_limit:
        try:
            check_rate(initiator)
        except PostingError as error:
            raise ConversationError(rate_limit_message()) from error
    topic = Topic.objects.create(title=one_line(title)[:150], author=initiator, is_private=True)
    Participant.objects.bulk_create(
        [Participant(topic=topic, user=person) for person in [initiator, *others]]
    )
    save_post(topic, initiator, first_message)
    mark_read(topic, initiator)
    return topic


DOUBLE_SUBMIT_WINDOW = datetime.timedelta(minutes=2)


def _just_started(initiator, others, title: str, first_message: str) -> Topic | None:
    """The same conversation (same people, title and first words) the initiator opened a
    moment ago: the second press of a button gets the first one's result."""
    people = {initiator.pk, *(person.pk for person in others)}
    recent = Topic.objects.filter(
        author=initiator,
        is_private=True,
        title=title.strip()[:150],
        created__gte=timezone.now() - DOUBLE_SUBMIT_WINDOW,
        posts__body_markdown=first_message,
    ).order_by("-created")
    for topic in recent:
        if set(Participant.objects.filter(topic=topic).values_list("user_id", flat=True)) == people:
            return topic
    return None


def _unique_others(initiator, participants) -> list:
    seen, others = {initiator.pk}, []
    for person in participants:
        if person.pk not in seen:
            seen.add(person.pk)
            others.append(person)
    return others


def add_participant(topic: Topic, user, *, added_by=None) -> None:
    """Add someone to a conversation (a pool group's new member, for example)."""
    _link, created = Participant.objects.get_or_create(topic=topic, user=user)
    if created:
        notify(user, "added you to a conversation", topic, actor=added_by)


def remove_participant(topic: Topic, user) -> None:
    """Take someone out of a conversation; their open pages stop hearing it live."""
    Participant.objects.filter(topic=topic, user=user).delete()
    live.end_access(user.pk, "topic", topic.pk)


def block(blocker, blocked) -> None:
    """``blocked`` can no longer message ``blocker``, nor hear live what is said in a
    conversation of the two of them (see ``private_access.can_follow_topic``)."""
    if blocker.pk == blocked.pk:
        return
    Block.objects.get_or_create(blocker=blocker, blocked=blocked)
    shared = Participant.objects.filter(
        user=blocked,
        topic__is_private=True,
        topic__in=Participant.objects.filter(user=blocker).values("topic_id"),
    ).values_list("topic_id", flat=True)
    for topic_id in shared:
        live.end_access(blocked.pk, "topic", topic_id)


def unblock(blocker, blocked) -> None:
    Block.objects.filter(blocker=blocker, blocked=blocked).delete()
