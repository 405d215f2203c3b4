"""Limits on reports, adverts and new pools (issue 13, item 9): one report per person per
thing, and a rate for each, counted by ``pbsite.ratelimit``."""

import pytest
from django.contrib.contenttypes.models import ContentType

from forum.models import Category, Post, Topic
from pbsite import moderation
from pbsite.models import Report, ReportStatus
from pooling.models import Pool
from tests.people import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def posts(db):
    author = make_user("Rude Person")
    category = Category.objects.create(name="Employing PAs", slug="employing-pas")
    topic = Topic.objects.create(category=category, title="Cheap pills", author=author)
    return [
        Post.objects.create(topic=topic, author=author, body_markdown=f"Buy cheap pills {n}")
        for n in range(5)
    ]


def report_url(obj):
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
    return f"/report/{content_type.pk}/{obj.pk}/"


def test_thirty_identical_reports_make_one(client, posts):
    maya = make_user("Maya H")
    client.force_login(maya)
    for _attempt in range(30):
        response = client.post(report_url(posts[0]), {"reason": "spam", "details": "Spam"})
        assert response.status_code == 200
        assert "Thank you" in response.content.decode()
    assert Report.objects.count() == 1
    # Another person's report of the same post is their own.
    client.force_login(make_user("Tom C"))
    client.post(report_url(posts[0]), {"reason": "spam"})
    assert Report.objects.count() == 2


def test_a_repeated_report_is_the_first_one_again(posts):
    maya = make_user("Maya H")
    first = moderation.report(posts[0], reason="spam", reporter=maya, details="Spam")
    again = moderation.report(posts[0], reason="spam", reporter=maya, details="Spam")
    assert again.pk == first.pk and again.details == "Spam"
    assert Report.objects.count() == 1
    # Once a moderator has dealt with it, a new worry about the same post is a new report.
    moderation.dismiss(first, make_user("Jo Moderator"))
    later = moderation.report(posts[0], reason="abuse", reporter=maya)
    assert later.pk != first.pk and later.status == ReportStatus.OPEN


def test_a_later_safeguarding_worry_is_not_lost_in_an_earlier_spam_report(posts):
    maya = make_user("Maya H")
    first = moderation.report(posts[0], reason="spam", reporter=maya, details="Selling things")
    worried = moderation.report(
        posts[0], reason="safety", reporter=maya, details="They say they are not safe at home"
    )
    assert worried.pk == first.pk
    first.refresh_from_db()
    assert first.reason == "safety"
    assert first.details == "Selling things\n\nThey say they are not safe at home"
    # A less risky reason afterwards does not move it back down the queue.
    moderation.report(posts[0], reason="other", reporter=maya)
    first.refresh_from_db()
    assert first.reason == "safety"
    assert Report.objects.count() == 1


def test_the_database_refuses_a_second_open_report_by_the_same_person(posts):
    from django.db import IntegrityError, transaction

    maya = make_user("Maya H")
    first = moderation.report(posts[0], reason="spam", reporter=maya)
    with pytest.raises(IntegrityError), transaction.atomic():
        Report.objects.create(
            content_type=first.content_type,
            object_id=first.object_id,
            reporter=maya,
            reason="spam",
        )


def test_reports_are_limited_per_hour_and_the_refused_one_keeps_its_words(client, posts, settings):
    settings.REPORTS_PER_HOUR = 3
    maya = make_user("Maya H")
    client.force_login(maya)
    for post in posts[:3]:
        assert "Thank you" in client.post(report_url(post), {"reason": "spam"}).content.decode()

    refused = client.post(
        report_url(posts[3]), {"reason": "abuse", "details": "He keeps posting this"}
    )

    page = refused.content.decode()
    assert refused.status_code == 200
    assert "You have sent a lot of reports in the last hour" in page
    assert "He keeps posting this</textarea>" in page
    assert Report.objects.count() == 3
    # The system's own reports (crisis words) are never held back by it.
    assert moderation.report(posts[4], reason="crisis", reporter=None).pk
    # Someone else may still report.
    client.force_login(make_user("Tom C"))
    assert "Thank you" in client.post(report_url(posts[3]), {"reason": "spam"}).content.decode()


POOL = {
    "title": "Pottery class",
    "description": "Weekly pottery at the community centre.",
    "category": "class",
    "districts_text": "OX4",
    "venue": "Cowley Community Centre",
    "repeat": "weekly",
    "weekday": "2",
    "split_method": "equal",
    "cost": "45.00",
    "payment_routes": ["direct_payment"],
    "min_members": "2",
    "max_members": "4",
    "decision_rule": "majority",
    "visibility": "public",
}


def test_new_pools_are_limited_per_day(client, settings):
    settings.POOLS_PER_DAY = 2
    ann = make_user("Ann")
    client.force_login(ann)
    for number in range(2):
        response = client.post("/pools/new/", {**POOL, "title": f"Pottery {number}"})
        assert response.status_code == 302

    refused = client.post("/pools/new/", {**POOL, "title": "Pottery number three"})

    page = refused.content.decode()
    assert refused.status_code == 200
    assert "You have started a lot of groups today" in page
    assert 'value="Pottery number three"' in page
    assert Pool.objects.count() == 2
    client.force_login(make_user("Bo"))
    assert client.post("/pools/new/", POOL).status_code == 302
