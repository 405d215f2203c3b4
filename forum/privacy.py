"""The forum's part of "download my data" and "delete my account".

Deleting an account keeps public posts (others' answers quote and build on them) but the
author shows as "Former member" because ``User.public_name`` says so. Everything private goes:
conversation messages, conversation membership, watches, blocks, and all buddy data.
"""

from __future__ import annotations

from django.utils.translation import gettext
from wagtail.search import index

from conversations.services import blocks_made_by, forget_blocks, leave_all

from .models import (
    BuddyPairing,
    BuddyProfile,
    BuddyRequest,
    Post,
    PostRevision,
    Topic,
    TopicWatch,
)


def _post(post: Post) -> dict:
    return {
        "topic": post.topic.title,
        "url": post.get_absolute_url(),
        "written": post.created,
        "edited": post.edited_at,
        "message": post.body_markdown,
    }


def export_forum(user) -> dict:
    posts = Post.objects.filter(author=user).select_related("topic").order_by("created")
    conversations = Topic.objects.conversations_of(user)
    profile = BuddyProfile.objects.filter(user=user).first()
    return {
        "topics_started": [
            {"title": t.title, "url": t.get_absolute_url(), "started": t.created}
            for t in Topic.objects.filter(author=user, is_private=False)
        ],
        "posts": [_post(p) for p in posts if not p.topic.is_private],
        "conversations": [
            {
                "title": topic.title,
                "with": [p.public_name for p in topic.participants.exclude(pk=user.pk)],
                "my_messages": [_post(p) for p in posts if p.topic_id == topic.pk],
            }
            for topic in conversations
        ],
        "people_i_blocked": [b.blocked.public_name for b in blocks_made_by(user)],
        "buddy_profile": None
        if profile is None
        else {
            "status": profile.status,
            "budget_types": profile.budget_types,
            "topics": profile.topics,
            "health_topics": profile.health_topics,
            "districts": profile.districts,
            "languages": profile.languages,
            "capacity": profile.capacity,
            "about": profile.about,
        },
        "buddy_requests": [
            {"created": r.created, "topics": r.topics, "district": r.district, "details": r.details}
            for r in BuddyRequest.objects.filter(newcomer=user)
        ],
    }


def _without_name(text: str, name: str, replacement: str) -> str:
    return text.replace(name, replacement) if name and len(name) >= 3 else text


def _forget_in_conversations(user) -> None:
    """Others keep their conversations with the person, but not the person in them: the titles
    they typed go, and their name is taken out of titles and messages that used it ("Asking
    Eve about PA work", a buddy's "Hello Eve")."""
    name = (user.display_name or "").strip()
    former = gettext("a former member")
    for topic in Topic.objects.conversations_of(user):
        if topic.author_id == user.pk:
            title = gettext("A conversation with a former member")
        else:
            title = _without_name(topic.title, name, former)
        if title != topic.title:
            topic.title = title
            topic.save(update_fields=["title"])
        for post in topic.posts.exclude(author=user):
            body = _without_name(post.body_markdown, name, former)
            if body != post.body_markdown:
                post.body_markdown = body
                post.save()
            for revision in post.revisions.all():
                earlier = _without_name(revision.body_markdown, name, former)
                if earlier != revision.body_markdown:
                    revision.body_markdown = earlier
                    revision.save(update_fields=["body_markdown"])


def erase_forum(user) -> None:
    _forget_in_conversations(user)
    private = Post.objects.filter(author=user, topic__is_private=True)
    topic_ids = set(private.values_list("topic_id", flat=True))
    private.delete()
    # A conversation's search entry holds its first message: index it again without theirs.
    for topic in Topic.objects.filter(pk__in=topic_ids):
        index.insert_or_update_object(topic)
    # Public posts stay (others' answers build on them) under "Former member"; what they said
    # before each edit goes, as does the reason they gave for an edit.
    PostRevision.objects.filter(post__author=user).delete()
    leave_all(user)
    TopicWatch.objects.filter(user=user).delete()
    forget_blocks(user)
    BuddyPairing.objects.filter(buddy=user).delete()
    BuddyRequest.objects.filter(newcomer=user).delete()
    BuddyProfile.objects.filter(user=user).delete()
