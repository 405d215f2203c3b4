"""Writing in the forum: new topics, replies, edits, approval and solved answers.

Every rule lives here as a plain function, so views stay thin and tests need no request. A post
that waits for a moderator is saved but not announced; ``announce()`` runs when it is approved.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone

from conversations import services as conversations
from pbsite import live, moderation
from pbsite.edit_versions import check_edit_version
from pbsite.models import ReportFlag, ReportReason
from pbsite.moderation_rules import scam_signs
from pbsite.notifications import notify
from pbsite.statements import Statement

from . import ratelimit
from .mentions import mentioned_users
from .models import (
    BuddyProfile,
    BuddyStatus,
    Post,
    PostRevision,
    Topic,
    TopicWatch,
    WatchLevel,
)
from .permissions import is_moderator
from .post_component import render_post
from .rendering import contains_link
from .safety import crisis_phrases_found

#: A new public question is up (its first post announced): ``topic=``. The buddies connect to it
#: (``forum.apps``), so writing a post never imports who reacts to it.
question_asked = Signal()


class PostingError(Exception):
    """A plain-English reason a post cannot be saved; what was typed is kept by the caller."""


RATE_LIMIT_MESSAGE = (
    "You have posted a lot in the last few minutes. Please wait 10 minutes, then send it "
    "again. What you wrote is still here."
)


def trust_threshold() -> int:
    return getattr(settings, "FORUM_TRUST_APPROVED_POSTS", 2)


def is_trusted(user) -> bool:
    """Moderators, approved buddies, and members with enough approved posts post straight away."""
    if is_moderator(user):
        return True
    if BuddyProfile.objects.filter(user=user, status=BuddyStatus.APPROVED).exists():
        return True
    approved = Post.objects.filter(author=user, approved=True, hidden=False).count()
    return approved >= trust_threshold()


def needs_approval(author, topic: Topic, body: str) -> bool:
    """A new member's public posts wait; in private conversations, only their links wait."""
    if is_trusted(author):
        return False
    if topic.is_private:
        return contains_link(body)
    return True


def is_blocked_between(topic: Topic, author) -> bool:
    """In a two-person conversation, has the other person blocked the author?"""
    return topic.blocked_for(author)


def check_can_reply(topic: Topic, author) -> None:
    if topic.is_private and not conversations.is_participant(author, topic.pk):
        raise PostingError("You are not part of this conversation.")
    if topic.locked and not is_moderator(author):
        raise PostingError("This topic is closed, so nobody can reply to it now.")
    if topic.is_private and is_blocked_between(topic, author):
        raise PostingError("You cannot send messages to this person any more.")
    check_rate(author)


def one_line(title: str) -> str:
    """A title is one line: a line break typed or pasted into one (which the browser's box
    cannot show, and which an email subject cannot carry) becomes a space."""
    return " ".join((title or "").split())


def check_rate(author) -> None:
    """Count this post against the author's limit, or refuse it. Called inside the transaction
    that saves the post, so a post that is not saved is not counted."""
    if not ratelimit.take_turn(author):
        raise PostingError(RATE_LIMIT_MESSAGE)


@transaction.atomic
def create_topic(author, category, title: str, body: str) -> Topic:
    check_rate(author)
    topic = Topic.objects.create(category=category, title=one_line(title), author=author)
    post = save_post(topic, author, body)
    if not post.approved:
        topic.approved = False
        topic.save(update_fields=["approved"])
    set_watch(author, topic, WatchLevel.WATCHING)
    return topic


@transaction.atomic
def reply(topic: Topic, author, body: str, *, reply_to: Post | None = None) -> Post:
    check_can_reply(topic, author)
    if reply_to is not None and reply_to.topic_id != topic.pk:
        reply_to = None
    post = save_post(topic, author, body, reply_to=reply_to)
    if topic.is_private:
        conversations.mark_read(topic, author)
    if not topic.is_private and not TopicWatch.objects.filter(user=author, topic=topic).exists():
        set_watch(author, topic, WatchLevel.WATCHING)
    return post


DOUBLE_SUBMIT_WINDOW = datetime.timedelta(minutes=2)


def open_conversation_thread(
    initiator, people, title: str, first_message: str, *, check_rate_limit: bool = True
) -> Topic:
    """Where a private conversation's words are written: a private topic, its people and the
    first message (``conversations.services.start_conversation`` calls this, registered from
    ``forum.apps``; it has already checked who may be written to)."""
    if (same := _just_started(initiator, people, title, first_message)) is not None:
        return same
    if check_rate_limit:
        try:
            check_rate(initiator)
        except PostingError as error:
            raise conversations.ConversationError(conversations.rate_limit_message()) from error
    topic = Topic.objects.create(title=one_line(title)[:150], author=initiator, is_private=True)
    conversations.add_people(topic, people)
    save_post(topic, initiator, first_message)
    conversations.mark_read(topic, initiator)
    return topic


def _just_started(initiator, people, title: str, first_message: str) -> Topic | None:
    """The same conversation (same people, title and first words) the initiator opened a
    moment ago: the second press of a button gets the first one's result."""
    recent = Topic.objects.filter(
        author=initiator,
        is_private=True,
        title=title.strip()[:150],
        created__gte=timezone.now() - DOUBLE_SUBMIT_WINDOW,
        posts__body_markdown=first_message,
    ).order_by("-created")
    people_ids = {person.pk for person in people}
    for topic in recent:
        if conversations.same_people(topic.pk, people_ids):
            return topic
    return None


def save_post(topic: Topic, author, body: str, *, reply_to: Post | None = None) -> Post:
    """Save a post, flag crisis words to moderators, and announce it if it needs no approval."""
    post = Post.objects.create(
        topic=topic,
        author=author,
        body_markdown=body,
        reply_to=reply_to,
        approved=not needs_approval(author, topic, body),
    )
    flag_if_crisis(post)
    flag_if_scam(post)
    if post.approved:
        announce(post)
    return post


def flag_if_crisis(post: Post) -> bool:
    phrases = crisis_phrases_found(post.body_markdown)
    if phrases:
        moderation.report(
            post,
            reason="crisis",
            reporter=None,
            details="Words that may mean someone is in crisis: " + ", ".join(phrases),
        )
    return bool(phrases)


def flag_if_scam(post: Post) -> list[str]:
    """Words of a scam against budget holders: nothing is hidden (honest questions use them
    too), but a public post goes first in the moderators' queue, once, and readers see a safety
    note beside it (``post_component``). A private message gets the note only: a report would open
    it to moderators, who read private conversations only when a person reports them."""
    signs = scam_signs(post.body_markdown)
    if post.topic.is_private:
        return signs
    if signs and not moderation.open_reports_about(post).filter(flag=ReportFlag.SCAM).exists():
        moderation.report(
            post,
            reason=ReportReason.SPAM,
            reporter=None,
            details="Looks like a scam against budget holders: " + ", ".join(signs),
            flag=ReportFlag.SCAM,
        )
    return signs


def announce(post: Post) -> None:
    """A post everyone may now see: update the topic, tell people, and send it live."""
    topic = post.topic
    topic.refresh_stats()
    told = set()
    for person in mentioned_users(post.body_markdown):
        if person.pk != post.author_id and topic.is_visible_to(person):
            notify(person, "mentioned you", topic, actor=post.author, url=post.get_absolute_url())
            told.add(person.pk)
    verb = "sent a message" if topic.is_private else "replied"
    for person in people_to_tell(topic, exclude={post.author_id, *told}):
        notify(person, verb, topic, actor=post.author, url=post.get_absolute_url())
    if is_first_post(post) and not topic.is_private:
        question_asked.send(sender=Topic, topic=topic)
    transaction.on_commit(lambda: broadcast(post.pk))


def is_first_post(post: Post) -> bool:
    return not Post.objects.filter(topic=post.topic, created__lt=post.created).exists()


def people_to_tell(topic: Topic, *, exclude: set[int]):
    """Watchers of a public topic; every participant of a conversation who has not muted it."""
    from django.contrib.auth import get_user_model

    muted = TopicWatch.objects.filter(topic=topic, level=WatchLevel.MUTED).values("user_id")
    if topic.is_private:
        ids = conversations.participant_ids(topic.pk)
    else:
        ids = TopicWatch.objects.filter(topic=topic, level=WatchLevel.WATCHING).values("user_id")
    return get_user_model().objects.filter(pk__in=ids).exclude(pk__in=muted).exclude(pk__in=exclude)


def broadcast(post_id: int) -> None:
    """Send the new post, rendered, to everyone following the topic's live stream."""
    post = (
        Post.objects.select_related("author__buddy_profile", "topic", "reply_to__author")
        .filter(pk=post_id, approved=True, hidden=False)
        .first()
    )
    if post is None:
        return
    html = render_post(post, topic=post.topic, live=True)
    author = post.author.public_name if post.author else "Someone"
    live.publish(
        "topic",
        post.topic_id,
        {"event": "post", "post_id": post.pk, "author": author, "html": html},
    )


def set_watch(user, topic: Topic, level: str | None) -> None:
    """Watch, mute, or (``None``) go back to the default for this topic."""
    if level is None:
        TopicWatch.objects.filter(user=user, topic=topic).delete()
        return
    TopicWatch.objects.update_or_create(user=user, topic=topic, defaults={"level": level})


def watch_level(user, topic: Topic) -> str | None:
    if not user.is_authenticated:
        return None
    found = _watch_level.row(person=user.pk, topic=topic.pk)
    return found["level"] if found is not None else None


#: By ids, and no ordering: a person has one watch per topic at most (the table's constraint),
#: and a topic page asks on every view, so its SQL is built once per process (pbsite.statements).
_watch_level = Statement(
    lambda person, topic: (
        TopicWatch.objects.filter(user_id=person, topic_id=topic).order_by().values("level")[:1]
    ),
    "person",
    "topic",
)


def can_edit(user, post: Post) -> bool:
    if not user.is_authenticated:
        return False
    return post.author_id == user.pk or is_moderator(user)


@transaction.atomic
def edit_post(
    post: Post, editor, body: str, *, reason: str = "", edit_version: int | None = None
) -> Post:
    """Keep the old words for moderators, then save the new ones with an "edited" mark.

    The post is locked while this runs, so of two edits at once each keeps what it replaced in
    the history. ``edit_version`` is the version the editor started from: if the post changed
    since, nothing is saved and ``EditConflict`` carries the post as it is now."""
    if not can_edit(editor, post):
        raise PostingError("You can only change your own posts.")
    current = Post.objects.select_for_update().get(pk=post.pk)
    check_edit_version(current, edit_version)
    if body == current.body_markdown:
        return current
    PostRevision.objects.create(
        post=current, body_markdown=current.body_markdown, edited_by=editor, reason=reason
    )
    current.body_markdown = body
    current.edited_at = timezone.now()
    current.save(update_fields=["body_markdown", "edited_at"])
    flag_if_crisis(current)
    flag_if_scam(current)
    return current


@transaction.atomic
def approve(post: Post, moderator=None) -> None:
    if post.approved:
        return
    post.approved = True
    post.save(update_fields=["approved"])
    after_approval(post, moderator)


def after_approval(post: Post, moderator=None) -> None:
    """A moderator let a waiting post through: show its topic, announce it, tell the author."""
    topic = post.topic
    if not topic.approved and is_first_post(post):
        topic.approved = True
        topic.save(update_fields=["approved"])
    announce(post)
    if post.author:
        notify(post.author, "approved your post", topic, actor=moderator)


@transaction.atomic
def mark_solved(topic: Topic, post: Post, user) -> None:
    """The asker says which reply answered their question."""
    if user.pk != topic.author_id and not is_moderator(user):
        raise PostingError("Only the person who asked can choose the answer.")
    if post.topic_id != topic.pk or is_first_post(post):
        raise PostingError("Choose one of the replies.")
    topic.solved_post = post
    topic.save(update_fields=["solved_post"])
    if post.author:
        notify(post.author, "said your reply answered their question", topic, actor=user)


def quote_text(post: Post) -> str:
    """Markdown that quotes a post, for the reply box."""
    name = post.author.public_name if post.author else "Someone"
    quoted = "\n".join(f"> {line}" if line else ">" for line in post.body_markdown.splitlines())
    return f"{name} wrote:\n{quoted}\n\n"
