"""Rate limits hold across workers, with the default settings (no Redis), and read the
visitor's address only as far as our own proxies vouch for it (issue 13, item 8).

The cross-worker tests run two real Daphne processes on the same test database, as two workers
behind a proxy are: each has its own memory, so a limit counted in memory is counted twice.
"""

import re
import time
import urllib.error
import urllib.request
from urllib.parse import urlencode

import pytest
from django.test import Client, RequestFactory

from forum.models import Category, Post, Topic
from pbsite import ratelimit
from tests.browser_support import session_cookie
from tests.people import PASSWORD, make_user

TOO_MANY_SIGN_INS = "Too many failed login attempts"


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Visitor:
    """A browser without JavaScript: cookies, forms with their CSRF token, no redirects
    followed. It talks to either worker as if through the proxy: under the site's one name
    (allauth counts sign-ins per site and address), with the same cookies."""

    def __init__(self, **cookies):
        self.cookies = dict(cookies)
        self.opener = urllib.request.build_opener(_NoRedirects)

    def request(self, url, data=None):
        body = urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(url, data=body, headers={"Host": "budgetcircle.test"})
        if self.cookies:
            request.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        try:
            response = self.opener.open(request, timeout=60)
        except urllib.error.HTTPError as error:
            response = error
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, response.read().decode()

    def submit(self, url, data):
        """Open the page with the form, then send it with the page's CSRF token."""
        status, page = self.request(url)
        assert status == 200, page[:300]
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        return self.request(url, {**data, "csrfmiddlewaretoken": token})


def sign_in(server, email, password):
    return Visitor().submit(f"{server.url}/accounts/login/", {"login": email, "password": password})


# --- The rule, on plain values ------------------------------------------------------------------


def test_the_window_slides_and_a_refused_attempt_is_not_counted():
    allowed, history = ratelimit.recent_hits([], now=100.0, allowed=2, per_seconds=60)
    assert allowed and history == [100.0]
    allowed, history = ratelimit.recent_hits(history, now=130.0, allowed=2, per_seconds=60)
    assert allowed and history == [100.0, 130.0]
    allowed, history = ratelimit.recent_hits(history, now=150.0, allowed=2, per_seconds=60)
    assert not allowed and history == [100.0, 130.0]  # refused, and not counted
    # 60 s after the first hit it has left the window: one more is allowed, not two.
    allowed, history = ratelimit.recent_hits(history, now=160.5, allowed=2, per_seconds=60)
    assert allowed and history == [130.0, 160.5]
    assert not ratelimit.recent_hits(history, now=161.0, allowed=2, per_seconds=60)[0]


@pytest.mark.django_db
def test_hit_counts_per_person_and_per_limit():
    assert [ratelimit.hit("test.scope", 1, 3, 60) for _ in range(4)] == [True, True, True, False]
    assert ratelimit.hit("test.scope", 2, 3, 60)  # someone else
    assert ratelimit.hit("test.other", 1, 3, 60)  # another limit
    assert not ratelimit.hit("test.scope", 3, 0, 60)  # a limit of none refuses everything


# --- Across two workers -------------------------------------------------------------------------


def test_wrong_passwords_on_one_worker_count_on_the_other(two_asgi_live_servers):
    """allauth allows 5 failed sign-ins per account in 5 minutes. Five wrong guesses on one
    worker, then the sixth (the right password, even) on the other worker is refused."""
    first, second = two_asgi_live_servers
    maya = make_user("Maya H", verified=True)
    for _guess in range(5):
        status, page = sign_in(first, maya.email, "wrong-guess")
        assert status == 200 and TOO_MANY_SIGN_INS not in page

    status, page = sign_in(second, maya.email, PASSWORD)

    assert status == 200, "the sixth try on the other worker was let in"
    assert TOO_MANY_SIGN_INS in page


def test_forum_replies_are_limited_across_workers(two_asgi_live_servers):
    """Eight posts in ten minutes (the default), counted once for both workers."""
    first, second = two_asgi_live_servers
    maya = make_user("Maya H", verified=True)
    category = Category.objects.create(name="Employing PAs", slug="employing-pas")
    topic = Topic.objects.create(category=category, title="Finding a PA", author=maya)
    Post.objects.create(topic=topic, author=maya, body_markdown="Where do I start?")
    visitor = Visitor(sessionid=session_cookie(maya, first.url)["value"])

    answers = []
    for number in range(1, 10):
        server = (first, second)[number % 2]
        status, page = visitor.submit(
            f"{server.url}/forum/t/{topic.pk}/", {"body": f"Reply number {number}"}
        )
        answers.append((status, page))

    assert [status for status, _page in answers[:8]] == [302] * 8
    status, page = answers[8]
    assert status == 200, "the ninth reply in ten minutes was accepted"
    assert "You have posted a lot in the last few minutes" in page
    assert "Reply number 9" in page  # what was typed is kept
    assert Post.objects.filter(topic=topic, body_markdown__startswith="Reply number").count() == 8


@pytest.mark.django_db(transaction=True)
def test_hits_at_the_same_moment_on_separate_connections_never_pass_the_limit():
    """Ten requests at once, each with a database connection of its own (as ten workers have):
    exactly five get through a limit of five, on SQLite and on PostgreSQL."""
    import threading

    from django.db import connection

    barrier = threading.Barrier(10)
    answers = []

    def attempt():
        try:
            barrier.wait(timeout=30)
            answers.append(ratelimit.hit("test.race", 7, 5, 60))
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(answers) == [False] * 5 + [True] * 5


# --- Whose address: X-Forwarded-For only from our own proxies ---------------------------------


def _request(remote="10.0.0.9", forwarded=None):
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **headers)


def test_the_client_address_ignores_x_forwarded_for_unless_a_proxy_is_trusted(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert ratelimit.client_ip(_request(forwarded="203.0.113.7")) == "10.0.0.9"

    settings.TRUSTED_PROXY_COUNT = 1
    # nginx appends the address it saw; whatever the visitor wrote before it is ignored.
    assert ratelimit.client_ip(_request(forwarded="203.0.113.7")) == "203.0.113.7"
    assert ratelimit.client_ip(_request(forwarded="1.2.3.4, 5.6.7.8, 203.0.113.7")) == (
        "203.0.113.7"
    )
    assert ratelimit.client_ip(_request(forwarded="2001:db8::1")) == "2001:db8::1"
    # A request that did not come through the proxy, or a mangled header: the peer's address.
    assert ratelimit.client_ip(_request()) == "10.0.0.9"
    assert ratelimit.client_ip(_request(forwarded="not-an-address")) == "10.0.0.9"
    settings.TRUSTED_PROXY_COUNT = 2
    assert ratelimit.client_ip(_request(forwarded="203.0.113.7")) == "10.0.0.9"


def _ten_failed_sign_ins_then_one_more(addresses):
    """allauth allows 10 failed sign-ins a minute from one address (any accounts). Each try
    comes through the proxy at 127.0.0.1 with X-Forwarded-For as given; the 11th is judged."""
    pages = []
    for number, forwarded in enumerate(addresses):
        response = Client().post(
            "/accounts/login/",
            {"login": f"nobody{number}@example.com", "password": "wrong-guess"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=forwarded,
        )
        pages.append(response.content.decode())
    return [TOO_MANY_SIGN_INS in page for page in pages]


@pytest.mark.django_db
def test_without_a_trusted_proxy_a_made_up_forwarded_address_changes_nothing(settings):
    settings.TRUSTED_PROXY_COUNT = settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    refused = _ten_failed_sign_ins_then_one_more([f"198.51.100.{n}" for n in range(11)])
    assert refused == [False] * 10 + [True]


@pytest.mark.django_db
def test_behind_one_proxy_each_visitor_has_their_own_allowance(settings):
    settings.TRUSTED_PROXY_COUNT = settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    # Eleven visitors behind nginx: nobody is refused for the others' mistakes.
    refused = _ten_failed_sign_ins_then_one_more([f"198.51.100.{n}" for n in range(11)])
    assert refused == [False] * 11


@pytest.mark.django_db
def test_behind_one_proxy_a_visitor_cannot_dodge_the_limit_with_made_up_hops(settings):
    settings.TRUSTED_PROXY_COUNT = settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    # One visitor, writing a new address of their own before nginx's each time.
    refused = _ten_failed_sign_ins_then_one_more([f"192.0.2.{n}, 198.51.100.50" for n in range(11)])
    assert refused == [False] * 10 + [True]


@pytest.mark.django_db
def test_a_limit_of_ours_counts_by_the_same_address(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    visitor = _request(remote="127.0.0.1", forwarded="192.0.2.1, 198.51.100.50")
    assert ratelimit.hit("test.visitor", ratelimit.visitor(visitor), 1, 60)
    same = _request(remote="127.0.0.1", forwarded="192.0.2.2, 198.51.100.50")
    assert not ratelimit.hit("test.visitor", ratelimit.visitor(same), 1, 60)
    other = _request(remote="127.0.0.1", forwarded="198.51.100.51")
    assert ratelimit.hit("test.visitor", ratelimit.visitor(other), 1, 60)


def test_rate_limit_rows_older_than_their_window_are_forgotten(db):
    from pbsite.models import RateLimitHits

    assert ratelimit.hit("test.short", 1, 5, 0.01)
    assert ratelimit.hit("test.long", 1, 5, 600)
    time.sleep(0.05)
    ratelimit.forget_expired.call()
    assert list(RateLimitHits.objects.values_list("scope", flat=True)) == ["test.long"]
