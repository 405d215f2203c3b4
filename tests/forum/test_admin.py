"""Moderators work in the Wagtail admin: approve, hide, move, lock, pin; see pairings only."""

import pytest

from conversations.services import start_conversation
from forum import posting
from forum.models import Category, Topic
from pbsite.models import Notification

from .conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, db):
    admin = make_user("Site Admin", is_staff=True, is_superuser=True)
    client.force_login(admin)
    return client


def test_posts_waiting_are_listed_and_approved_from_the_edit_screen(
    admin_client, newcomer, category
):
    topic = posting.create_topic(newcomer, category, "Is this normal?", "My first question")
    post = topic.posts.get()
    listing = admin_client.get("/admin/post/?approved=false")
    assert listing.status_code == 200 and "My first question" in listing.text
    response = admin_client.post(
        f"/admin/post/edit/{post.pk}/", {"body_markdown": post.body_markdown, "approved": "on"}
    )
    assert response.status_code == 302
    topic.refresh_from_db()
    assert topic.approved and topic.posts.get().approved
    assert Notification.objects.filter(recipient=newcomer, verb="approved your post").exists()


def test_moderator_moves_locks_and_pins_a_topic(admin_client, member, category):
    topic = posting.create_topic(member, category, "Wrong place", "Oops")
    carers = Category.objects.create(name="Carers", slug="carers")
    response = admin_client.post(
        f"/admin/topic/edit/{topic.pk}/",
        {"title": topic.title, "category": carers.pk, "pinned": "on", "locked": "on"},
    )
    assert response.status_code == 302
    topic.refresh_from_db()
    assert topic.category == carers and topic.pinned and topic.locked


def test_private_conversations_are_not_in_the_admin_lists(admin_client, member, other):
    conversation = start_conversation(member, [other], "Our private chat", "Secret words")
    assert "Our private chat" not in admin_client.get("/admin/topic/").text
    assert "Secret words" not in admin_client.get("/admin/post/").text
    assert admin_client.get(f"/admin/topic/edit/{conversation.pk}/").status_code == 404
    assert Topic.objects.filter(pk=conversation.pk).exists()


def test_categories_are_managed_as_snippets(admin_client):
    response = admin_client.get("/admin/snippets/forum/category/")
    assert response.status_code == 200
