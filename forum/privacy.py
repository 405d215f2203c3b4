"""The forum's part of "download my data" and "delete my account".

Deleting an account keeps public posts (others' answers quote and build on them) but the
author shows as "Former member" because ``User.public_name`` says so. Everything private goes:
conversation messages, conversation membership, watches, blocks, and all buddy data.
"""

from __future__ import annotations

from pbsite import live

from .models import (
    Block,
    BuddyPairing,
    BuddyProfile,
    BuddyRequest,
    Participant,
    Post,
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
        "people_i_blocked": [b.blocked.public_name for b in Block.objects.filter(blocker=user)],
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


def erase_forum(user) -> None:
    Post.objects.filter(author=user, topic__is_private=True).delete()
    for topic_id in Participant.objects.filter(user=user).values_list("topic_id", flat=True):
        live.end_access(user.pk, "topic", topic_id)
    Participant.objects.filter(user=user).delete()
    TopicWatch.objects.filter(user=user).delete()
    Block.objects.filter(blocker=user).delete()
    Block.objects.filter(blocked=user).delete()
    BuddyPairing.objects.filter(buddy=user).delete()
    BuddyRequest.objects.filter(newcomer=user).delete()
    BuddyProfile.objects.filter(user=user).delete()
