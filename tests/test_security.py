"""The security baseline: CSP without inline script, the usual headers, CSRF on every form."""

from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.test import Client

from pbsite.models import Report
from pbsite.notifications import notify
from tests.people import PASSWORD, make_user

pytestmark = pytest.mark.django_db

User = get_user_model()


@pytest.fixture
def maya(db):
    return make_user("Maya")


def public_pages():
    return ["/accounts/login/", "/accounts/signup/", "/accounts/password/reset/", "/no-such-page/"]


def signed_in_pages(maya):
    notify(maya, "replied to your topic", url="/forum/")
    content_type = ContentType.objects.get_for_model(User)
    return ["/notifications/", "/accounts/settings/", f"/report/{content_type.pk}/{maya.pk}/"]


def csp_directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


class InlineCode(HTMLParser):
    """Finds what a strict CSP would block: inline <script>, on* handlers and style= attributes."""

    def __init__(self):
        super().__init__()
        self.problems = []
        self._in_inline_script = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script" and "src" not in attributes:
            script_type = attributes.get("type", "text/javascript")
            self._in_inline_script = script_type in ("text/javascript", "module", "")
        for name, _value in attrs:
            if name.startswith("on") or name == "style":
                self.problems.append(f"<{tag} {name}=…>")

    def handle_data(self, data):
        if self._in_inline_script and data.strip():
            self.problems.append(f"inline script: {data.strip()[:60]}")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_inline_script = False


def assert_strict_headers(response):
    directives = csp_directives(response)
    script_src = directives.get("script-src", directives.get("default-src"))
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    assert "'unsafe-inline'" not in directives.get("style-src", [])
    assert directives["default-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["base-uri"] == ["'self'"]
    # Scripts may connect (the WebSocket too) only to this host: not "ws:" to any host.
    assert directives["connect-src"] == ["'self'"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.parametrize("path", public_pages())
def test_public_pages_send_strict_security_headers_and_no_inline_code(client, path):
    response = client.get(path)
    assert response.status_code in (200, 404)
    assert_strict_headers(response)
    finder = InlineCode()
    finder.feed(response.text)
    assert finder.problems == []


def test_signed_in_pages_send_strict_headers_and_no_inline_code(client, maya):
    client.force_login(maya)
    for path in signed_in_pages(maya):
        response = client.get(path)
        assert response.status_code == 200, path
        assert_strict_headers(response)
        finder = InlineCode()
        finder.feed(response.text)
        assert finder.problems == [], path


def test_the_session_cookie_is_http_only(client, maya):
    response = client.post("/accounts/login/", {"login": maya.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response.cookies["sessionid"]["httponly"]


def test_forms_without_a_csrf_token_are_refused(maya):
    client = Client(enforce_csrf_checks=True)
    client.force_login(maya)
    notification = notify(maya, "replied to your topic", url="/forum/")
    content_type = ContentType.objects.get_for_model(User)

    for path, data in [
        ("/notifications/read-all/", {}),
        (f"/notifications/{notification.pk}/open/", {}),
        (f"/report/{content_type.pk}/{maya.pk}/", {"reason": "spam"}),
    ]:
        response = client.post(path, data)
        assert response.status_code == 403, path
        assert "Budget Circle" in response.text  # our own plain-English page, not Django's

    notification.refresh_from_db()
    assert notification.read_at is None and not Report.objects.exists()


def test_the_csrf_failure_page_says_what_to_do(maya):
    client = Client(enforce_csrf_checks=True)
    client.force_login(maya)
    response = client.post("/notifications/read-all/")
    assert response.status_code == 403
    assert "try again" in response.text.lower() or "go back" in response.text.lower()
