"""Reading a page never waits for a writer on SQLite, and /healthz notices a writer that is stuck.

The test holds SQLite's write lock itself, on its own connection to the test database's file,
while the live server answers the list pages: each request has to finish (200) before the test
lets go. Before, every request began an IMMEDIATE transaction and waited behind the lock until
the busy timeout, then failed with "database is locked".
"""

import sqlite3
import urllib.error
import urllib.request

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection

from pbsite.middleware import AtomicWritesMiddleware
from tests.people import make_user

pytestmark = pytest.mark.django_db(transaction=True)

LIST_PAGES = ["/", "/forum/", "/guides/", "/register/", "/register/wanted/", "/directory/"]
LIST_PAGES += ["/pools/", "/glossary/", "/search/?q=personal+assistant"]


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=120) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_list_pages_answer_while_a_writer_holds_the_lock(live_server):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's single write lock: PostgreSQL readers never wait on writers.")
    holder = sqlite3.connect(connection.settings_dict["NAME"], timeout=5, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("UPDATE django_content_type SET model = model")
    try:
        answers = {path: fetch(live_server.url + path)[0] for path in LIST_PAGES}
        health_status, health = fetch(live_server.url + "/healthz")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    # Every page answered while the lock was still held (we let go only after the loop).
    assert answers == {path: 200 for path in LIST_PAGES}
    assert health_status == 503
    assert "writes waiting" in health
    assert fetch(live_server.url + "/healthz")[0] == 200


def test_a_post_that_fails_half_way_saves_nothing(rf):
    """The unsafe methods keep what ATOMIC_REQUESTS gave them: a view's writes stand or fall
    together. A GET is not wrapped: the middleware leaves the view for Django to call."""

    def saves_then_fails(request):
        make_user("Half Saved")
        raise RuntimeError("broke after saving")

    middleware = AtomicWritesMiddleware(get_response=None)
    with pytest.raises(RuntimeError):
        middleware.process_view(rf.post("/"), saves_then_fails, (), {})
    assert not get_user_model().objects.filter(display_name="Half Saved").exists()
    assert middleware.process_view(rf.get("/"), saves_then_fails, (), {}) is None
    assert middleware.process_view(rf.head("/"), saves_then_fails, (), {}) is None


def test_the_middleware_comes_last(settings):
    """It calls the view itself, so no middleware after it would see the view."""
    assert settings.MIDDLEWARE[-1] == "pbsite.middleware.AtomicWritesMiddleware"
