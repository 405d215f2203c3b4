"""A list's lines of topics (forum.topic_row_component) and the front page's category cards."""

from datetime import timedelta

import pytest
from django.utils import timezone

from forum import posting
from forum.models import Category, Topic
from forum.topic_row_component import render_topic_rows

from .conftest import make_user

pytestmark = pytest.mark.django_db


def line_of(topic_id: int, html: str) -> str:
    start = html.index(f'href="/forum/t/{topic_id}/"')
    return html[start : html.index("</li>", start)]


def test_a_line_shows_what_the_topic_is(category):
    author = make_user("Sam O'Neill")
    topic = Topic.objects.create(
        category=category,
        title="Can I pay my <b>mum</b>?",
        author=author,
        pinned=True,
        locked=True,
        approved=False,
        reply_count=3,
        last_activity=timezone.now() - timedelta(hours=2),
    )
    line = line_of(topic.pk, render_topic_rows([topic], show_category=True))
    assert "Can I pay my &lt;b&gt;mum&lt;/b&gt;?</a>" in line
    # Names are escaped as Django's templates escape them (not Jinja2's &#39;).
    assert "Started by Sam O&#x27;Neill" in line
    assert " in Employing PAs" in line
    for badge in ("Pinned", "Closed", "Waiting for a moderator"):
        assert f'<span class="badge">{badge}</span>' in line
    assert "Solved" not in line
    assert "· 3 replies" in line
    assert "2\xa0hours ago</time>" in line


def test_a_line_without_its_author_category_or_replies(category):
    topic = Topic.objects.create(category=category, title="Hello", author=None, reply_count=0)
    line = line_of(topic.pk, render_topic_rows([topic]))
    assert "Started by Former member" in line
    assert " in Employing PAs" not in line
    assert "· No replies yet" in line
    topic.reply_count = 1
    assert "· 1 reply" in line_of(topic.pk, render_topic_rows([topic]))


def test_the_front_pages_category_cards_show_a_change_at_once(client, member, category):
    assert "0 topics" in client.get("/forum/").text
    posting.create_topic(member, category, "How do I find a PA quickly?", "Any tips?")
    assert "1 topic<" in client.get("/forum/").text  # one topic, not "1 topics"
    Category.objects.filter(pk=category.pk).update(name="Hiring PAs", slug="hiring-pas")
    page = client.get("/forum/").text
    assert '<a href="/forum/c/hiring-pas/">Hiring PAs</a>' in page
    assert "Employing PAs" not in page
