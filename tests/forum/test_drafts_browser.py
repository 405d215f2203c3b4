"""Drafts in a real browser (JavaScript on): kept until the server has the post, then forgotten.

A sent reply used to come back as an unsent draft ("It has not been sent yet"), because the page
after sending restored the draft before it cleaned up, and people posted twice. A failed send
must keep what was typed, even after the person leaves the page and comes back.
"""

import pytest
from playwright.sync_api import expect

from conversations.services import start_conversation
from forum.models import Category, Post, Topic
from tests.browser_support import session_cookie

from .conftest import trusted_member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NOT_SENT = "It has not been sent yet"


@pytest.fixture
def people(live_server):
    """Maya and Tom, both trusted (their posts go straight up), a public topic of Tom's and a
    conversation he started with Maya. Tests list it before ``chromium``: posting notifies
    through ``async_to_sync``, which needs this thread free of Playwright's event loop."""
    maya, tom = trusted_member("Maya H"), trusted_member("Tom C")
    category = Category.objects.create(name="Employing PAs", slug="employing-pas")
    topic = Topic.objects.create(category=category, title="Finding a PA quickly", author=tom)
    Post.objects.create(topic=topic, author=tom, body_markdown="Any tips for short notice?")
    conversation = start_conversation(tom, [maya], "Cover", "Free Friday?")
    return {
        "conversation": conversation,
        "maya": maya,
        "tom": tom,
        "topic": topic,
        "cookie": session_cookie(maya, live_server.url),
    }


def maya_page(chromium, people):
    context = chromium.new_context()
    context.add_cookies([people["cookie"]])
    return context.new_page()


def expect_empty_box(page):
    expect(page.get_by_label("Your message")).to_have_value("")
    expect(page.locator("main")).not_to_contain_text(NOT_SENT)


def test_a_reply_is_forgotten_once_sent_and_saved_once(live_server, people, chromium):
    page = maya_page(chromium, people)
    url = live_server.url + people["topic"].get_absolute_url()
    page.goto(url)
    page.get_by_label("Your message").fill("Try the PA register, filter by short notice.")
    page.get_by_role("button", name="Send").click()

    expect(page.locator("[data-posts]")).to_contain_text("filter by short notice")
    expect_empty_box(page)
    assert Post.objects.filter(body_markdown__contains="filter by short notice").count() == 1

    page.reload()
    expect(page.locator("[data-posts]")).to_contain_text("filter by short notice")
    expect_empty_box(page)
    page.goto(url)
    expect_empty_box(page)


def test_a_private_message_and_its_reply_are_forgotten_once_sent(live_server, people, chromium):
    page = maya_page(chromium, people)
    new_message = f"{live_server.url}/forum/messages/new/?to={people['tom'].pk}"
    page.goto(new_message)
    page.get_by_label("What is it about?").fill("Thursday mornings")
    page.get_by_label("Your message").fill("Could you cover Thursday mornings?")
    page.get_by_role("button", name="Send").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Thursday mornings")
    expect_empty_box(page)
    conversation = Topic.objects.get(title="Thursday mornings")

    page.get_by_label("Your message").fill("From 9 until 12, if that suits.")
    page.get_by_role("button", name="Send").click()
    expect(page.locator("[data-posts]")).to_contain_text("From 9 until 12")
    expect_empty_box(page)
    page.reload()
    expect_empty_box(page)
    assert list(conversation.posts.values_list("body_markdown", flat=True)) == [
        "Could you cover Thursday mornings?",
        "From 9 until 12, if that suits.",
    ]

    # Starting another conversation with Tom begins with an empty box, not the first message.
    page.goto(new_message)
    expect_empty_box(page)


def test_a_failed_send_keeps_what_was_typed_after_leaving_the_page(live_server, people, chromium):
    page = maya_page(chromium, people)
    new_message = f"{live_server.url}/forum/messages/new/?to={people['tom'].pk}"
    page.goto(new_message)
    page.get_by_label("Your message").fill("I forgot to say what this is about.")
    page.get_by_role("button", name="Send").click()  # no title: refused

    expect(page.locator("[data-error-summary]")).to_contain_text("Say in a few words")
    box = page.get_by_label("Your message")
    expect(box).to_have_value("I forgot to say what this is about.")
    assert not Topic.objects.filter(title__contains="forgot").exists()
    assert not Post.objects.filter(body_markdown__contains="forgot").exists()

    page.goto(live_server.url + "/forum/")  # a forum page with no error on it
    page.goto(new_message)
    expect(box).to_have_value("I forgot to say what this is about.")
    expect(page.locator("main")).to_contain_text(NOT_SENT)


def test_a_rate_limited_reply_keeps_what_was_typed(live_server, people, settings, chromium):
    settings.FORUM_POSTS_PER_10_MINUTES = 0  # Maya has posted too much lately
    page = maya_page(chromium, people)
    url = live_server.url + people["topic"].get_absolute_url()
    page.goto(url)
    page.get_by_label("Your message").fill("Ask your council for their PA list.")
    page.get_by_role("button", name="Send").click()

    expect(page.locator("[data-error-summary]")).to_contain_text("Please wait 10 minutes")
    expect(page.get_by_label("Your message")).to_have_value("Ask your council for their PA list.")
    page.goto(live_server.url + "/forum/")
    page.goto(url)
    expect(page.get_by_label("Your message")).to_have_value("Ask your council for their PA list.")
    assert not Post.objects.filter(body_markdown__contains="council for their PA list").exists()


def test_a_draft_open_in_another_tab_empties_when_it_is_sent(live_server, people, chromium):
    conversation = people["conversation"]
    url = live_server.url + conversation.get_absolute_url()
    first = maya_page(chromium, people)
    first.goto(url)
    first.get_by_label("Your message").fill("Yes, Friday is fine.")
    second = first.context.new_page()
    second.goto(url)
    expect(second.get_by_label("Your message")).to_have_value("Yes, Friday is fine.")
    expect(second.locator("main")).to_contain_text(NOT_SENT)

    first.get_by_role("button", name="Send").click()
    expect(first.locator("[data-posts]")).to_contain_text("Friday is fine")
    expect_empty_box(first)
    expect_empty_box(second)
    assert conversation.posts.filter(body_markdown="Yes, Friday is fine.").count() == 1
