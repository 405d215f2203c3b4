"""The header's links for a signed-in person (the account_links tag): written once per language
and section, with each request's counts and CSRF token put in, byte for byte what the template
wrote on every page before; a count that changes shows on the very next page."""

import re

import pytest
from django.template import Context, Template
from django.test import Client, RequestFactory
from django.utils import translation

from pbsite.notifications import notify
from tests.people import make_user

pytestmark = pytest.mark.django_db

#: The markup base.html had before the tag, to compare the tag's HTML with.
AS_THE_TEMPLATE_WROTE_IT = Template(
    """{% load i18n languages %}{% with my_budget="/my-budget/"|in_language %}<li><a href="{{ my_budget }}"{% if request.path|in_section:my_budget %} aria-current="page"{% endif %}>{% translate "My budget" %}</a></li>{% endwith %}
            {% include "forum/_header_messages.html" %}
            <li><a href="{{ "/notifications/"|in_language }}">{% translate "Notifications" %} <span class="count" data-unread-count>{{ unread_notifications }}</span><span class="visually-hidden"> {% translate "unread" %}</span></a></li>
            <li><a href="{{ "/accounts/settings/"|in_language }}">{% translate "Your settings" %}</a></li>
            <li><form method="post" action="/accounts/logout/" class="inline-form">{% csrf_token %}<button type="submit" class="link-button">{% translate "Sign out" %}</button></form></li>"""  # noqa: E501
)
THE_TAG = Template("{% account_links %}")

COUNTS = [
    {"unread_messages": 0, "unread_notifications": 0},
    {"unread_messages": 3, "unread_notifications": 27},
    {"unread_messages": 1234, "unread_notifications": 56789},
    {"unread_messages": None},
    {},
]


@pytest.mark.parametrize("language", ["en-gb", "pl"])
@pytest.mark.parametrize("path", ["/accounts/settings/", "/my-budget/", "/my-budget/3/", "/pl/"])
@pytest.mark.parametrize("counts", COUNTS)
def test_the_links_are_what_the_template_wrote(language, path, counts):
    request = RequestFactory().get(path)
    for token in ("a1B2c3" * 8, "another-token", "NOTPROVIDED", ""):
        context = {"request": request, "csrf_token": token, **counts}
        with translation.override(language):
            expected = AS_THE_TEMPLATE_WROTE_IT.render(Context(context))
            assert THE_TAG.render(Context(context)) == expected
            assert THE_TAG.render(Context(context)) == expected  # the second time, as kept


def header_counts(html: str) -> tuple[str, str]:
    messages = re.search(r"data-unread-messages>([^<]*)<", html).group(1)
    notifications = re.search(r"data-unread-count>([^<]*)<", html).group(1)
    return messages, notifications


def test_a_new_notification_and_the_language_show_on_the_very_next_page():
    maya, tom = make_user("Maya H"), make_user("Tom O")
    client = Client()
    client.force_login(maya)
    page = client.get("/accounts/settings/").text
    assert header_counts(page) == ("0", "0")
    assert '<a href="/my-budget/">My budget</a>' in page
    notify(maya, "replied to your topic", actor=tom, url="/forum/t/1/")
    assert header_counts(client.get("/accounts/settings/").text) == ("0", "1")
    assert 'href="/my-budget/" aria-current="page"' in client.get("/my-budget/").text
    # In Polish too (the mark was missing there: the section was compared without /pl).
    assert 'href="/pl/my-budget/" aria-current="page"' in client.get("/pl/my-budget/").text


def test_the_sign_out_form_carries_a_token_that_signs_out():
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_user("Maya H"))
    page = client.get("/accounts/settings/").text
    form = page[page.index('action="/accounts/logout/"') :]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    assert client.post("/accounts/logout/", {"csrfmiddlewaretoken": token}).status_code == 302
    assert client.get("/accounts/settings/").status_code == 302
