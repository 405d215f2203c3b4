"""The demo forum loads, is believable, and loading it twice changes nothing."""

import io

import pytest

from accounts import demo as accounts_demo
from forum import demo
from forum.models import BuddyPairing, BuddyProfile, Category, Post, Topic
from pbsite.models import Report

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded():
    accounts_demo.load(io.StringIO())
    demo.load(io.StringIO())


def counts():
    return (
        Category.objects.count(),
        Topic.objects.count(),
        Post.objects.count(),
        BuddyPairing.objects.count(),
        Report.objects.count(),
    )


def test_demo_forum_is_full_and_idempotent(loaded):
    before = counts()
    demo.load(io.StringIO())
    assert counts() == before
    public = Topic.objects.public()
    assert public.count() >= 40
    assert public.filter(solved_post__isnull=False).count() >= 10
    assert public.filter(reply_count=0).count() >= 5
    assert BuddyProfile.objects.filter(status="approved").count() >= 3
    pairing = BuddyPairing.objects.get(status="accepted")
    assert pairing.conversation.is_private and pairing.conversation.posts.count() >= 3
    assert Report.objects.open().filter(reason="spam").exists()


def test_guides_link_to_these_category_slugs(loaded):
    slugs = set(Category.objects.values_list("slug", flat=True))
    assert {
        "getting-started",
        "assessments-and-reviews",
        "employing-pas",
        "health-budgets",
        "carers",
        "buying-together",
        "off-topic",
    } <= slugs


def test_every_demo_page_renders(client, loaded):
    assert client.get("/forum/").status_code == 200
    for category in Category.objects.all():
        assert client.get(category.get_absolute_url()).status_code == 200
    for topic in Topic.objects.public():
        assert client.get(topic.get_absolute_url()).status_code == 200
