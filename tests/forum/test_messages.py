"""Private messages are easy to start and to find: a link beside posts and on PA profiles (only
for people who may use it), "Messages" with an unread count in the header, and a true line about
a conversation's notifications."""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conversations.services import block, start_conversation
from forum import posting
from forum.models import WatchLevel
from pbsite.context_processors import site_chrome
from pbsite.models import Notification
from pbsite.registry import header_counts
from tests.pa_register.conftest import make_pa

from .conftest import trusted_member

pytestmark = pytest.mark.django_db


def message_link(person) -> str:
    return f'href="/forum/messages/new/?to={person.pk}"'


@pytest.fixture
def topic(member, other, category):
    topic = posting.create_topic(member, category, "Finding a PA quickly", "Any tips?")
    posting.reply(topic, other, "Try the PA register.")
    return topic


def test_posts_offer_a_private_message_to_their_authors_but_not_to_yourself(
    client, topic, member, other
):
    sam = trusted_member("Sam K")
    posting.reply(topic, sam, "Me too.")
    client.force_login(sam)
    page = client.get(topic.get_absolute_url()).text
    assert message_link(member) in page and message_link(other) in page
    assert message_link(sam) not in page
    assert 'Send a private message<span class="visually-hidden"> to Maya H</span>' in page

    client.logout()  # nobody signed out is offered one
    assert "/forum/messages/new/" not in client.get(topic.get_absolute_url()).text


def test_blocks_either_way_and_closed_accounts_hide_the_link(client, topic, member, other):
    sam = trusted_member("Sam K")
    gone = trusted_member("Gone Person")
    posting.reply(topic, gone, "I was here.")
    gone.deleted_at = timezone.now()
    gone.save()
    block(member, sam)  # Maya does not want to hear from Sam
    block(sam, other)  # Sam does not want to hear from Tom
    ann = trusted_member("Ann B")
    posting.reply(topic, ann, "Ask your council too.")
    client.force_login(sam)
    page = client.get(topic.get_absolute_url()).text
    assert message_link(ann) in page
    assert message_link(member) not in page
    assert message_link(other) not in page
    assert message_link(gone) not in page


def test_the_links_cost_one_query_however_many_people_posted(client, topic, member):
    sam = trusted_member("Sam K")
    client.force_login(sam)
    client.get(topic.get_absolute_url())  # warm up: session, content types
    with CaptureQueriesContext(connection) as few:
        client.get(topic.get_absolute_url())
    for number in range(5):
        posting.reply(topic, trusted_member(f"Person {number}"), f"Reply {number}")
    with CaptureQueriesContext(connection) as many:
        page = client.get(topic.get_absolute_url()).text
    assert page.count("/forum/messages/new/?to=") == 7
    assert len(many) == len(few)


def test_a_two_person_conversation_offers_no_link_but_a_group_one_does(client, member, other):
    sam = trusted_member("Sam K")
    pair = start_conversation(member, [other], "Just us", "Hello Tom")
    group = start_conversation(member, [other, sam], "All three", "Hello both")
    posting.reply(group, sam, "Hi all")
    client.force_login(other)
    assert "/forum/messages/new/" not in client.get(pair.get_absolute_url()).text
    page = client.get(group.get_absolute_url()).text
    assert message_link(member) in page and message_link(sam) in page


def test_a_pa_profile_offers_a_private_message_to_those_who_may_use_it(client, member):
    profile = make_pa("Priya PA")
    url = profile.get_absolute_url()
    assert message_link(profile.user) not in client.get(url).text  # signed out
    client.force_login(member)
    assert message_link(profile.user) in client.get(url).text
    block(profile.user, member)
    assert message_link(profile.user) not in client.get(url).text
    client.force_login(profile.user)
    assert message_link(profile.user) not in client.get(url).text  # their own profile


def test_writing_to_someone_who_blocked_you_says_so_without_a_form(client, member, other):
    block(other, member)
    client.force_login(member)
    response = client.get(f"/forum/messages/new/?to={other.pk}")
    assert response.status_code == 403
    assert "You cannot send messages to Tom C" in response.text
    assert "<textarea" not in response.text


def test_writing_to_someone_you_blocked_says_how_to_undo_it(client, member, other):
    block(member, other)
    client.force_login(member)
    response = client.get(f"/forum/messages/new/?to={other.pk}")
    assert response.status_code == 403
    assert "You have blocked Tom C" in response.text
    assert 'href="/forum/blocked/"' in response.text


def header_count(client) -> str:
    page = client.get("/forum/").text
    start = page.index("data-unread-messages>") + len("data-unread-messages>")
    return page[start : page.index("<", start)]


def test_the_header_counts_unread_conversations_until_they_are_read(client, member, other):
    client.force_login(other)
    assert 'href="/forum/messages/">Messages' in client.get("/forum/").text
    assert header_count(client) == "0"

    conversation = start_conversation(member, [other], "Thursday", "Are you free?")
    assert header_count(client) == "1"
    assert "New messages" in client.get("/forum/messages/").text

    client.get(conversation.get_absolute_url())
    assert header_count(client) == "0"
    assert "New messages" not in client.get("/forum/messages/").text

    client.post(conversation.get_absolute_url(), {"body": "Yes, I am."})
    assert header_count(client) == "0"  # your own message is not news to you
    client.force_login(member)
    assert header_count(client) == "1"  # Tom's answer came after Maya last looked


def test_the_header_counts_are_one_query_and_none_for_visitors(member, other):
    for number in range(3):
        start_conversation(other, [member], f"Chat {number}", "Hello")
    Notification.objects.create(recipient=member, verb="replied to your topic")
    unread_notifications = member.notifications.unread().count()  # each chat told them too
    assert unread_notifications == 4
    request = RequestFactory().get("/")
    request.user = member
    with CaptureQueriesContext(connection) as queries:
        counts = header_counts.for_user(member)
    assert counts == {"unread_messages": 3, "unread_notifications": unread_notifications}
    assert len(queries) == 1
    assert site_chrome(request)["unread_messages"] == 3

    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    chrome = site_chrome(request)
    assert "unread_messages" not in chrome and "unread_notifications" not in chrome


def test_a_conversation_says_truly_how_we_tell_you_about_it(client, member, other):
    conversation = start_conversation(member, [other], "Thursday", "Are you free?")
    client.force_login(other)
    page = client.get(conversation.get_absolute_url()).text
    assert "only if someone mentions you" not in page
    assert "We tell you about every new message in this conversation." in page

    posting.reply(conversation, member, "Still free?")
    assert Notification.objects.filter(recipient=other, verb="sent a message").count() == 2

    response = client.post(f"/forum/t/{conversation.pk}/watch/", {"level": WatchLevel.MUTED})
    page = client.get(response["Location"]).text
    assert "You have muted this conversation" in page
    posting.reply(conversation, member, "Hello?")
    assert Notification.objects.filter(recipient=other, verb="sent a message").count() == 2


def test_a_line_break_in_a_title_is_a_space_and_the_email_still_goes(
    client, member, other, django_capture_on_commit_callbacks
):
    """A title sent with a line break (a script, or a paste into a box that hides it) used to
    make the notification email fail on every try (issue 13, item 9)."""
    from django.core import mail

    other.email_preference = "immediately"
    other.save(update_fields=["email_preference"])
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/forum/messages/new/?to={other.pk}",
            {"title": "About\r\nSunday\nplans", "body": "Are you free on Sunday?"},
        )
    assert response.status_code == 302
    assert other.conversations.get().title == "About Sunday plans"
    assert len(mail.outbox) == 1
    assert "About Sunday plans" in mail.outbox[0].subject
    assert "\n" not in mail.outbox[0].subject
