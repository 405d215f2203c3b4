"""Posting rules: mentions, watching, trust levels, rate limits and crisis words."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import override_settings

from forum import posting
from forum.models import Post, Topic
from pbsite.models import Notification, Report

from .conftest import make_user

pytestmark = pytest.mark.django_db


def texts(user):
    return [n.text for n in Notification.objects.filter(recipient=user)]


def test_mention_of_a_display_name_with_a_space_notifies(member, other, category):
    topic = posting.create_topic(member, category, "Hello all", "Morning @Tom C, how are you?")
    assert texts(other) == [f"Maya H mentioned you: {topic.title}"]


def test_mention_does_not_notify_people_who_cannot_see_the_conversation(member, other):
    from conversations.services import start_conversation

    outsider = make_user("Ana")
    start_conversation(member, [other], "Private", "I told @Ana about it")
    assert texts(outsider) == []


def test_watchers_hear_about_replies_but_muted_people_do_not(member, other, category):
    topic = posting.create_topic(member, category, "A question", "Help?")
    muted = make_user("Muted Person")
    posting.set_watch(muted, topic, "muted")
    posting.reply(topic, other, "Here is an answer")
    assert texts(member) == [f"Tom C replied: {topic.title}"]  # the asker watches their topic
    assert texts(muted) == []
    assert texts(other) == []  # never about your own post


def test_repliers_watch_the_topic_afterwards(member, other, category):
    topic = posting.create_topic(member, category, "A question", "Help?")
    posting.reply(topic, other, "Answer")
    posting.reply(topic, member, "Thanks!")
    assert f"Maya H replied: {topic.title}" in texts(other)


def test_solved_answer_notifies_its_author(member, other, category):
    topic = posting.create_topic(member, category, "A question", "Help?")
    answer = posting.reply(topic, other, "Answer")
    posting.mark_solved(topic, answer, member)
    assert f"Maya H said your reply answered their question: {topic.title}" in texts(other)


def test_new_members_posts_wait_for_approval(newcomer, member, moderator, category):
    topic = posting.create_topic(newcomer, category, "My first question", "Hello?")
    post = topic.posts.get()
    assert not post.approved and not topic.approved
    assert not Topic.objects.visible_to(member).filter(pk=topic.pk).exists()
    assert Topic.objects.visible_to(newcomer).filter(pk=topic.pk).exists()  # the author sees it
    assert Topic.objects.visible_to(moderator).filter(pk=topic.pk).exists()
    assert Post.objects.awaiting_approval().filter(pk=post.pk).exists()

    posting.approve(post, moderator)
    topic.refresh_from_db()
    assert topic.approved
    assert Topic.objects.visible_to(member).filter(pk=topic.pk).exists()
    assert "Jo Moderator approved your post: My first question" in texts(newcomer)


def test_unapproved_reply_is_seen_only_by_its_author_and_moderators(
    member, newcomer, moderator, category
):
    topic = posting.create_topic(member, category, "Question", "Help?")
    waiting = posting.reply(topic, newcomer, "My first reply")
    assert not waiting.approved
    assert not Post.objects.visible_to(member).filter(pk=waiting.pk).exists()
    assert Post.objects.visible_to(newcomer).filter(pk=waiting.pk).exists()
    assert Post.objects.visible_to(moderator).filter(pk=waiting.pk).exists()
    topic.refresh_from_db()
    assert topic.reply_count == 0


@override_settings(FORUM_TRUST_APPROVED_POSTS=2)
def test_two_approved_posts_make_a_member_trusted(newcomer, member, moderator, category):
    topic = posting.create_topic(member, category, "Question", "Help?")
    for text in ("one", "two"):
        posting.approve(posting.reply(topic, newcomer, text), moderator)
    assert posting.reply(topic, newcomer, "three").approved


@override_settings(FORUM_TRUST_APPROVED_POSTS=5)
def test_the_trust_level_is_a_setting(member):
    assert not posting.is_trusted(member)  # two approved posts are not five


def test_links_from_new_members_wait_even_in_private(newcomer, member):
    from conversations.services import start_conversation

    plain = start_conversation(newcomer, [member], "Hi", "Hello, thanks for your post")
    assert plain.posts.get().approved
    linked = start_conversation(
        newcomer, [member], "Offer", "Cheap PAs at [this site](https://scam.example)"
    )
    assert not linked.posts.get().approved


def test_trusted_members_links_go_straight_up(member, category):
    topic = posting.create_topic(member, category, "Useful", "See [NHS](https://www.nhs.uk)")
    assert topic.posts.get().approved


@override_settings(FORUM_POSTS_PER_10_MINUTES=3)
def test_rate_limit_stops_a_flood_with_a_plain_message(member, category):
    topic = posting.create_topic(member, category, "Question", "Help?")
    posting.reply(topic, member, "two")
    posting.reply(topic, member, "three")
    with pytest.raises(posting.PostingError, match="wait 10 minutes"):
        posting.reply(topic, member, "four")
    assert topic.posts.count() == 3


@override_settings(FORUM_POSTS_PER_10_MINUTES=1)
def test_rate_limited_reply_keeps_the_text(client, member, category):
    topic = posting.create_topic(member, category, "Question", "Help?")
    client.force_login(member)
    response = client.post(topic.get_absolute_url(), {"body": "My carefully written answer"})
    assert response.status_code == 200
    assert "wait 10 minutes" in response.text
    assert "My carefully written answer" in response.text


def test_locked_topic_takes_no_replies(member, other, moderator, category):
    topic = posting.create_topic(member, category, "Question", "Help?")
    topic.locked = True
    topic.save()
    with pytest.raises(posting.PostingError, match="closed"):
        posting.reply(topic, other, "Late reply")
    assert posting.reply(topic, moderator, "Closing note").approved


def crisis_reports():
    post_type = ContentType.objects.get_for_model(Post)
    return Report.objects.filter(content_type=post_type, reason="crisis", reporter=None)


def test_crisis_words_file_a_system_report_and_nothing_is_blocked(member, category):
    topic = posting.create_topic(member, category, "Struggling", "Some days I want to die.")
    post = topic.posts.get()
    assert post.approved  # not blocked
    report = crisis_reports().get()
    assert report.object_id == str(post.pk)
    assert "want to die" in report.details


def test_crisis_reports_come_first_in_the_queue(member, other, category):
    topic = posting.create_topic(member, category, "Advert", "Buy my stuff")
    from pbsite import moderation

    moderation.report(topic.posts.get(), reason="spam", reporter=other)
    posting.reply(topic, other, "I can't go on like this")
    assert Report.objects.open().by_risk().first().reason == "crisis"


def test_everyday_words_are_not_crisis(member, category):
    posting.create_topic(member, category, "PA died", "My PA's dog died, she needs a week off.")
    assert not crisis_reports().exists()


def test_author_sees_crisis_help_after_posting(client, member, category):
    client.force_login(member)
    response = client.post(
        "/forum/new/",
        {"title": "Cannot cope", "category": category.pk, "body": "I keep thinking about suicide"},
        follow=True,
    )
    assert "116 123" in response.text and "option 2" in response.text and "999" in response.text
    assert "data-crisis-notice hidden" not in response.text.split("<form")[0]
    # Shown once, not on every later visit.
    again = client.get(response.redirect_chain[-1][0]).text
    assert "You do not have to wait for a reply here" not in again.split('id="reply"')[0]


def test_compose_page_carries_the_crisis_notice_for_the_script(client, member):
    client.force_login(member)
    text = client.get("/forum/new/").text
    assert "data-crisis-phrases=" in text and "Samaritans" in text


def test_quick_exit_is_a_plain_link(client, member):
    text = client.get("/forum/").text
    assert 'href="https://www.bbc.co.uk/weather"' in text and "data-quick-exit" in text
