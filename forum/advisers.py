"""Ask an expert: advisers a moderator checked, questions passed to them, and their answers.

The rules are plain functions on plain values (``adviser_rules``: ``is_current``,
``lapses_on``, ``may_pass``); the functions here do the work in the database and call the
rules. An adviser answers in the topic like anyone else (``posting.reply``), so the peer thread
carries on around the answer, and the answer is a post: it is reported, hidden and erased as
posts are.
"""

from __future__ import annotations

from functools import cache

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pbsite.notifications import notify
from pbsite.statements import Statement

from . import posting
from .adviser_rules import is_current, lapses_on, may_pass
from .models import (
    Adviser,
    AdviserAnswer,
    BuddyProfile,
    BuddyStatus,
    Escalation,
    Expertise,
    Post,
    Topic,
    in_categories_readable_by,
)
from .permissions import is_moderator

__all__ = ["AdviserError", "is_current", "lapses_on", "may_pass"]


class AdviserError(Exception):
    """A plain-English reason, for the person, why it cannot be done."""


def is_public(topic: Topic) -> bool:
    return topic.is_public


# --- Who is who ---------------------------------------------------------------------------------


def adviser_record(user) -> Adviser | None:
    if user is None or not user.is_authenticated:
        return None
    return Adviser.objects.filter(user=user).first()


def current_adviser(user) -> Adviser | None:
    """The person's adviser record if their check has not lapsed, else None."""
    record = adviser_record(user)
    return record if record is not None and record.is_current else None


def is_approved_buddy(user) -> bool:
    return (
        user is not None
        and user.is_authenticated
        and BuddyProfile.objects.filter(user=user, status=BuddyStatus.APPROVED).exists()
    )


def may_pass_topic(user, topic: Topic, *, is_buddy: bool | None = None) -> bool:
    """``is_buddy``: whether ``user`` is an approved buddy, if the caller knows it already."""
    return may_pass(
        person_id=user.pk if user is not None and user.is_authenticated else None,
        asker_id=topic.author_id,
        is_buddy=is_approved_buddy(user) if is_buddy is None else is_buddy,
        public=is_public(topic),
    )


#: What ``adviser_and_buddy`` reads of a person: asked on every topic page, so its SQL is built
#: once per process (pbsite.statements), not for each request.
_ADVISER_FIELDS = ["id", "organisation", "expertise", "checked_on", "checked_by_id"]
_adviser_and_buddy = Statement(
    lambda person: (
        get_user_model()
        .objects.filter(pk=person)
        .values(*(f"adviser_record__{field}" for field in _ADVISER_FIELDS), "buddy_profile__status")
    ),
    "person",
)


def adviser_and_buddy(user) -> tuple[Adviser | None, bool]:
    """``adviser_record(user)`` and ``is_approved_buddy(user)`` in one query, for the topic
    page, which asks both of everyone signed in."""
    if user is None or not user.is_authenticated:
        return None, False
    found = _adviser_and_buddy.row(person=user.pk) or {}
    record = None
    if found.get("adviser_record__id") is not None:
        # As the database gives it: every field read, none to fetch later, not a new record.
        values = [found[f"adviser_record__{field}"] for field in _ADVISER_FIELDS]
        record = Adviser.from_db("default", ["user_id", *_ADVISER_FIELDS], [user.pk, *values])
    return record, found.get("buddy_profile__status") == BuddyStatus.APPROVED


def current_advisers(expertise: str):
    today = timezone.localdate()
    return [
        record
        for record in Adviser.objects.filter(expertise=expertise, user__is_active=True)
        .select_related("user")
        .exclude(user__deleted_at__isnull=False)
        if is_current(record.checked_on, today)
    ]


# --- Passing a question on ----------------------------------------------------------------------


def pass_to_advisers(topic: Topic, user, expertise: str) -> Escalation:
    """Pass ``topic`` to the advisers of ``expertise`` and tell them; once per expertise."""
    if expertise not in Expertise.values:
        raise AdviserError(_("Choose which kind of adviser should answer, then send it again."))
    if not may_pass_topic(user, topic):
        raise AdviserError(
            _(
                "Only the person who asked, or a peer buddy, can pass a question to advisers. "
                "You can still reply to it."
            )
        )
    label = Expertise(expertise).label
    if Escalation.objects.filter(topic=topic, expertise=expertise).exists():
        raise AdviserError(
            _("This question is already with the %(expertise)s advisers.") % {"expertise": label}
        )
    try:
        with transaction.atomic():
            escalation = Escalation.objects.create(topic=topic, expertise=expertise, passed_by=user)
    except IntegrityError:  # two presses at once: the first one passed it
        return Escalation.objects.get(topic=topic, expertise=expertise)
    for record in current_advisers(expertise):
        notify(
            record.user,
            _("passed a question to %(expertise)s advisers") % {"expertise": label},
            topic,
            actor=user,
        )
    return escalation


def open_escalation_for(topic: Topic, adviser: Adviser) -> Escalation | None:
    return Escalation.objects.filter(topic=topic, expertise=adviser.expertise).first()


# --- Answering ----------------------------------------------------------------------------------


@transaction.atomic
def answer(topic: Topic, user, body: str) -> Post:
    """Reply in ``topic`` as an adviser: the post is marked with the adviser's expertise and the
    date of their check, and the asker (and whoever passed it on) is told."""
    record = adviser_record(user)
    if record is None:
        raise AdviserError(_("Only advisers checked by a moderator can answer as an adviser."))
    if not record.is_current:
        raise AdviserError(
            _(
                "Your adviser check lapsed on %(date)s, so you cannot answer as an adviser until "
                "a moderator checks it again. You can still reply as a member."
            )
            % {"date": record.lapses_on.strftime("%-d %B %Y")}
        )
    if not topic.is_visible_to(user) or not is_public(topic):
        raise AdviserError(_("This question is no longer open."))
    escalation = open_escalation_for(topic, record)
    if escalation is None:
        raise AdviserError(
            _("This question was not passed to %(expertise)s advisers.")
            % {"expertise": record.get_expertise_display()}
        )
    if not body.strip():
        raise AdviserError(_("Write your answer, then send it."))
    post = posting.reply(topic, user, body)
    if not post.approved:
        # A moderator has already checked who an adviser is: their answer shows at once.
        post.approved = True
        post.save(update_fields=["approved"])
        posting.announce(post)
    AdviserAnswer.objects.create(
        post=post,
        escalation=escalation,
        expertise=record.expertise,
        organisation=record.organisation,
        checked_on=record.checked_on,
    )
    verb = _("answered your question as an adviser (%(expertise)s)") % {
        "expertise": record.get_expertise_display()
    }
    for person in {topic.author, escalation.passed_by} - {None}:
        notify(person, verb, topic, actor=user, url=post.get_absolute_url())
    return post


def answers_for(escalation_ids) -> dict[int, list[AdviserAnswer]]:
    """Shown answers by escalation (a hidden answer does not count: the question waits again)."""
    found: dict[int, list[AdviserAnswer]] = {}
    if not escalation_ids:  # most questions: no query to build
        return found
    answers = (
        AdviserAnswer.objects.filter(
            escalation_id__in=escalation_ids, post__hidden=False, post__approved=True
        )
        .select_related("post__author")
        # What the lists show of an answer: its address, when, and the adviser's name.
        .only(
            "escalation",
            "answered_at",
            "post__topic",
            "post__author",
            "post__author__display_name",
            "post__author__deleted_at",
        )
    )
    for item in answers:
        found.setdefault(item.escalation_id, []).append(item)
    return found


#: What the advisers' list shows of a question, and no more (two people of twenty columns each).
QUEUE_FIELDS = [
    "created",
    "topic__title",
    "topic__category__name",
    "topic__category__slug",
    *[
        f"{person}__{field}"
        for person in ("topic__author", "passed_by")
        for field in ("display_name", "deleted_at")
    ],
]


def answers_among(posts, escalation_ids) -> dict[int, list[AdviserAnswer]]:
    """``answers_for`` from a topic's posts already read with their ``adviser_answer``, for a
    page that read every post neither hidden nor waiting (``Post.objects.on_topic_page``)."""
    wanted = set(escalation_ids)
    answers = [
        post.adviser_answer
        for post in posts
        if not post.hidden and post.approved and getattr(post, "adviser_answer", None)
    ]
    found: dict[int, list[AdviserAnswer]] = {}
    # In AdviserAnswer's own order: the latest first.
    for item in sorted(answers, key=lambda item: (item.answered_at, item.pk), reverse=True):
        if item.escalation_id in wanted:
            found.setdefault(item.escalation_id, []).append(item)
    return found


def queue(adviser: Adviser, *, answered: bool, user=None):
    """Questions passed to this adviser's expertise that they may read, waiting or answered.
    ``user`` is the adviser's account, if the caller has it already."""
    user = user or adviser.user
    return _queue(adviser.expertise, answered, user.pk, moderator=is_moderator(user))


def queue_start(adviser: Adviser, *, answered: bool, user, size: int) -> list[Escalation]:
    """The first ``size`` questions of ``queue``, by SQL built once per process for each kind
    of list (building the queue's query, with its two subqueries, was a third of the page)."""
    moderator = is_moderator(user)
    start = _queue_start(adviser.expertise, answered, moderator, size)
    return start.objects() if moderator else start.objects(reader=user.pk)


@cache
def _queue_start(expertise: str, answered: bool, moderator: bool, size: int) -> Statement:
    if moderator:
        return Statement(lambda: _queue(expertise, answered, None, moderator=True)[:size])
    return Statement(
        lambda reader: _queue(expertise, answered, reader, moderator=False)[:size], "reader"
    )


def _queue(expertise: str, answered: bool, reader, *, moderator: bool):
    """``queue`` for the adviser of this id, a moderator or not."""
    answered_ids = AdviserAnswer.objects.filter(
        post__hidden=False, post__approved=True, escalation__isnull=False
    ).values("escalation_id")
    readable = in_categories_readable_by(reader, moderator=moderator)
    escalations = (
        Escalation.objects.filter(
            expertise=expertise, topic__in=Topic.objects.filter(readable).filter(hidden=False)
        )
        .select_related("topic__category", "topic__author", "passed_by")
        .only(*QUEUE_FIELDS)
    )
    if answered:
        return escalations.filter(pk__in=answered_ids).order_by("-created", "-pk")
    return escalations.exclude(pk__in=answered_ids).order_by("created", "pk")
