"""Moderators read a private message only through a report on it, and that reading is recorded.

A conversation is for its participants. A moderator who is not one gets "not found" for every
per-post page of a private message, unless an open report on that very message sends them
there; then the report's audit log says who read it.
"""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from wagtail.models import ModelLogEntry

from accounts.demo import ensure_role_groups
from accounts.models import Role
from conversations.services import start_conversation
from forum import posting
from forum.private_access import READ_PRIVATE_ACTION
from pbsite import moderation
from pbsite.models import Report
from tests.people import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def queue_moderator(db):
    """A moderator as the site makes them: in the Moderator group, so the queue is theirs."""
    user = make_user("Jo Moderator")
    user.groups.add(ensure_role_groups()[Role.MODERATOR.value])
    return user


@pytest.fixture
def private_post(member, other):
    conversation = start_conversation(member, [other], "Just us", "My bank is Lloyds, sort code")
    post = conversation.posts.get()
    posting.edit_post(post, member, "Something private about my health")
    return post


def history_url(post, **query):
    url = reverse("forum:post_history", args=[post.pk])
    return url + "".join(f"?{key}={value}" for key, value in query.items())


def reading_log():
    return ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Report), action=READ_PRIVATE_ACTION
    )


def test_a_moderator_outside_the_conversation_cannot_read_a_private_post(
    client, moderator, private_post
):
    client.force_login(moderator)
    history = client.get(history_url(private_post))
    assert history.status_code == 404
    assert "Lloyds" not in history.text and "about my health" not in history.text
    assert client.get(reverse("forum:edit_post", args=[private_post.pk])).status_code == 404
    assert client.post(reverse("forum:mark_solved", args=[private_post.pk])).status_code == 404
    assert client.get(private_post.topic.get_absolute_url()).status_code == 404
    # Nor can they file a report of their own to open the way in.
    post_type = ContentType.objects.get_for_model(private_post)
    report_page = f"/report/{post_type.pk}/{private_post.pk}/"
    assert client.post(report_page, {"reason": "abuse", "details": "x"}).status_code == 404
    assert not Report.objects.exists()
    assert not reading_log().exists()


def test_a_report_on_another_post_or_a_made_up_one_opens_nothing(
    client, moderator, member, other, private_post
):
    elsewhere = start_conversation(other, [member], "Another chat", "Hello again").posts.get()
    report = moderation.report(elsewhere, reason="abuse", reporter=member)
    client.force_login(moderator)
    assert client.get(history_url(private_post, report=report.pk)).status_code == 404
    for junk in ("", "x", "²", "99999999999999999999", "-1"):
        assert client.get(history_url(private_post, report=junk)).status_code == 404
    assert not reading_log().exists()


def test_a_moderator_reads_a_reported_private_post_and_the_reading_is_logged(
    client, queue_moderator, other, private_post
):
    report = moderation.report(private_post, reason="abuse", reporter=other)
    client.force_login(queue_moderator)
    assert client.get(history_url(private_post)).status_code == 404

    queue_page = client.get(f"/admin/moderation/inspect/{report.pk}/")
    through_report = history_url(private_post, report=report.pk)
    assert f'href="{through_report}"' in queue_page.text
    assert f'href="{private_post.topic.get_absolute_url()}"' not in queue_page.text

    history = client.get(through_report)
    assert history.status_code == 200
    assert "Something private about my health" in history.text
    assert "My bank is Lloyds" in history.text  # the earlier version
    assert "A reported private message" in history.text
    assert "your reading is recorded" in history.text
    entry = reading_log().get()
    assert entry.object_id == str(report.pk) and entry.user_id == queue_moderator.pk
    assert entry.data == {"post_id": private_post.pk}

    moderation.dismiss(report, queue_moderator)  # dealt with: the way in closes
    assert client.get(through_report).status_code == 404
    assert reading_log().count() == 1


def test_participants_who_moderate_need_no_report(client, moderator, member):
    conversation = start_conversation(moderator, [member], "A word", "How are you getting on?")
    client.force_login(moderator)
    post = conversation.posts.get()
    assert client.get(history_url(post)).status_code == 200
    assert not reading_log().exists()


def test_public_post_history_is_unchanged(client, moderator, member, category):
    topic = posting.create_topic(member, category, "Tips", "Any tips?")
    post = topic.posts.get()
    posting.edit_post(post, member, "Any tips, please?")
    client.force_login(moderator)
    history = client.get(history_url(post))
    assert history.status_code == 200 and "Any tips?" in history.text
    assert f'href="{post.get_absolute_url()}"' in history.text
    assert not reading_log().exists()
    client.force_login(member)
    assert client.get(history_url(post)).status_code == 404
