"""The forum in the site search, and in "download my data" / "delete my account"."""

import json

import pytest

from accounts.privacy import delete_account, export_json
from conversations.models import Participant
from conversations.services import start_conversation
from forum import buddies, posting
from forum.models import BuddyProfile, BuddyRequest, Post, Topic
from search.registry import site_search

from .conftest import make_buddy, make_user

pytestmark = pytest.mark.django_db


def test_search_covers_public_topics_only(member, other, newcomer, category):
    public = posting.create_topic(member, category, "Finding a night-time PA", "Any ideas?")
    hidden = posting.create_topic(member, category, "Hidden night-time PA", "x")
    hidden.hide()
    waiting = posting.create_topic(newcomer, category, "Waiting night-time PA", "x")
    private = start_conversation(member, [other], "Private night-time PA", "x")

    kind = site_search.get("forum")
    visible = kind.visible_to(member)
    assert public in visible
    assert hidden not in visible and waiting not in visible and private not in visible
    found = list(visible.search("night-time"))
    assert found == [public]
    hit = kind.describe(public)
    assert hit.url == public.get_absolute_url() and "Any ideas?" in hit.summary


def test_export_has_my_posts_conversations_and_buddy_data(member, other, category):
    topic = posting.create_topic(member, category, "My question", "My words")
    start_conversation(member, [other], "Just us", "Private hello")
    BuddyRequest.objects.create(newcomer=member, topics=["money"], details="Need help")
    data = json.loads(export_json(member))["forum"]
    assert any(p["message"] == "My words" for p in data["posts"])
    assert data["topics_started"][-1]["title"] == topic.title or any(
        t["title"] == topic.title for t in data["topics_started"]
    )
    conversation = data["conversations"][0]
    assert conversation["with"] == ["Tom C"]
    assert conversation["my_messages"][0]["message"] == "Private hello"
    assert data["buddy_requests"][0]["details"] == "Need help"


def test_delete_keeps_public_posts_as_former_member_and_removes_private(
    client, member, other, category
):
    topic = posting.create_topic(other, category, "Question", "Help?")
    reply = posting.reply(topic, member, "Public answer")
    conversation = start_conversation(member, [other], "Just us", "Private hello")
    make_buddy("Grace B")
    BuddyProfile.objects.create(user=member)
    BuddyRequest.objects.create(newcomer=member, topics=["money"])

    delete_account(member)

    assert Post.objects.filter(pk=reply.pk).exists()
    assert "Former member" in client.get(topic.get_absolute_url()).text
    assert "Maya H" not in client.get(topic.get_absolute_url()).text
    assert not Post.objects.filter(topic=conversation, author=member).exists()
    assert not Participant.objects.filter(user=member).exists()
    assert not BuddyProfile.objects.filter(user=member).exists()
    assert not BuddyRequest.objects.filter(newcomer=member).exists()
    assert Topic.objects.filter(pk=conversation.pk).exists()  # the other person keeps theirs


def test_reporting_a_post_and_a_conversation(client, member, other, category):
    topic = posting.create_topic(member, category, "Question", "Help?")
    post = topic.posts.get()
    client.force_login(other)
    page = client.get(topic.get_absolute_url()).text
    assert "Report this post" in page and "Report this topic" in page
    conversation = start_conversation(member, [other], "Just us", "Hello")
    assert "Report this conversation" in client.get(conversation.get_absolute_url()).text
    outsider = make_user("Outsider")
    client.force_login(outsider)
    from django.contrib.contenttypes.models import ContentType

    private_post = conversation.posts.get()
    url = f"/report/{ContentType.objects.get_for_model(Post).pk}/{private_post.pk}/"
    assert client.get(url).status_code == 404  # outsiders cannot even report what they can't see
    url = f"/report/{ContentType.objects.get_for_model(Post).pk}/{post.pk}/"
    assert client.post(url, {"reason": "abuse"}).status_code == 200


def test_moderation_hide_hides_the_post(member, other, category):
    from pbsite import moderation

    topic = posting.create_topic(member, category, "Question", "Help?")
    bad = posting.reply(topic, other, "Rude words")
    moderation.report(bad, reason="abuse", reporter=member)
    # What the queue's "hide" runs (hide_content also writes an audit-log entry).
    moderation.reportable_for(bad).hide(bad)
    bad.refresh_from_db()
    topic.refresh_from_db()
    assert bad.hidden and topic.reply_count == 0


def test_buddy_data_in_export(member):
    profile = BuddyProfile.objects.create(user=member, districts="OX4", capacity=2)
    buddies.approve_profile(profile)
    data = json.loads(export_json(member))["forum"]
    assert data["buddy_profile"]["districts"] == "OX4"
