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


def test_a_topic_hit_read_as_values_is_described_as_the_topic_is():
    """The search page shows topics from a row of values, not Topic instances: the same title,
    address, summary and meta for every demo topic, whichever language the reader has, as a
    topic read through the search's queryset or on its own. (One demo: loading it is slow.)"""
    import io

    from django.utils import translation

    from accounts import demo as accounts_demo
    from forum import demo

    accounts_demo.load(io.StringIO())
    demo.load(io.StringIO())
    kind = site_search.get("forum")
    visible = kind.visible_to(None)
    rows = {row["pk"]: row for row in visible.values("pk", *kind.hit_values)}
    assert len(rows) >= 40
    for language, prefix in (("en-gb", "/forum/"), ("pl", "/pl/forum/")):
        with translation.override(language):
            for topic in visible:
                described = kind.describe(topic)
                assert described.url.startswith(prefix) and described.meta.startswith("Forum · ")
                assert kind.describe_found(rows[topic.pk]) == described
                assert kind.describe(Topic.objects.get(pk=topic.pk)) == described


def test_a_topic_whose_first_post_is_not_readable_is_described_as_before(member, category):
    """Its hit shows what the topic shows: the first post anyone may read, or nothing."""
    kind = site_search.get("forum")
    answered = posting.create_topic(member, category, "A question", "Words now hidden")
    Post.objects.create(topic=answered, author=member, body_markdown="A  *reply*\nstill read")
    answered.posts.order_by("created", "pk").first().hide()
    waiting = posting.create_topic(member, category, "Another question", "Words held back")
    waiting.posts.get().hold_for_review()
    rows = {row["pk"]: row for row in kind.visible_to(None).values("pk", *kind.hit_values)}
    for topic, summary in ((answered, "A *reply* still read"), (waiting, "")):
        described = kind.describe(Topic.objects.get(pk=topic.pk))
        assert described.summary == summary
        assert kind.describe_found(rows[topic.pk]) == described


def test_a_hidden_topic_never_appears_in_search_results(member, category):
    """The hits are read through the visible queryset, so the database checks each one, even
    when the index has not heard that a topic was hidden."""
    from search.site import search_site

    shown = posting.create_topic(member, category, "Night-time PA cover", "Any ideas?")
    hidden = posting.create_topic(member, category, "Night-time PA hidden", "Any ideas?")
    hidden.hide()
    stale = posting.create_topic(member, category, "Night-time PA stale", "Any ideas?")
    Topic.objects.filter(pk=stale.pk).update(hidden=True)  # no signal: the index still has it
    for user in (None, member):
        results = search_site("night-time PA", user)
        assert [hit.url for hit in results.hits] == [shown.get_absolute_url()]
        assert [hit.title for hit in results.hits] == ["Night-time PA cover"]


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
