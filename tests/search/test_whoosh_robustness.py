"""What people type is text, never query syntax; a missing, corrupt or locked index is logged,
shown on /healthz and repaired by update_index, and never becomes an error page."""

import logging
from io import StringIO

import pytest
from django.core.management import call_command
from modelsearch.query import Fuzzy, Phrase, PlainText
from wagtail.models import Page

from search.health import search_index_status

from .conftest import add_page

pytestmark = pytest.mark.django_db

HOSTILE = [
    "AND",
    "OR NOT",
    "*",
    "assist*",
    '"',
    '"personal assistant',
    ":",
    "title:assistant",
    "(",
    "((assistant)",
    "assistant)",
    "https://example.com/guide?q=assistant&x=1#top",
    "a" * 10_000,
    "assistant " * 2_000,
    "assistant\x00payroll",
    "\x00",
    "   ",
    "~assistant^3",
    "[a TO z]",
    "{}<>\\/",
    "💷 personal 😀 assistant",
    "DROP TABLE wagtailcore_page; --",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_input_never_errors(whoosh, root_page, text):
    add_page(root_page, "Hiring a personal assistant")
    for query in (text, PlainText(text, operator="and"), Phrase(text), Fuzzy(text)):
        results = whoosh.search(query, Page)
        assert isinstance(list(results[:10]), list)
        assert results.count() >= 0
    assert isinstance(list(whoosh.autocomplete(text, Page)[:10]), list)


def test_syntax_characters_are_just_text(whoosh, root_page):
    page = add_page(root_page, "Hiring a personal assistant")
    assert [p.pk for p in whoosh.search("(personal) AND assistant*", Page)] == [page.pk]
    assert [p.pk for p in whoosh.search("title:assistant", Page)] == [page.pk]
    assert [p.pk for p in whoosh.search("assistant\x00", Page)] == [page.pk]
    assert list(whoosh.search("*", Page)) == []  # not "everything"


def test_long_queries_are_capped(whoosh, root_page):
    page = add_page(root_page, "Hiring a personal assistant")
    padding = " ".join(f"word{n}" for n in range(100))
    compiler = whoosh.search(f"assistant {padding}", Page).query_compiler
    assert len(compiler.analyse(f"assistant {padding}")) == 32
    assert [p.pk for p in whoosh.search(f"assistant {padding}", Page)] == [page.pk]


def test_missing_index_logs_returns_nothing_and_update_index_repairs(whoosh, root_page, caplog):
    page = add_page(root_page, "Hiring a personal assistant")
    store = whoosh.get_index_for_model(Page).store
    (store.root / "CURRENT").unlink()

    with caplog.at_level(logging.ERROR, logger="search.whoosh"):
        assert list(whoosh.search("assistant", Page)) == []
        assert whoosh.search("assistant", Page).count() == 0
    assert "has not been built" in caplog.text and "update_index" in caplog.text
    assert whoosh.health().startswith("missing")
    assert search_index_status().startswith("missing")

    call_command("update_index", stdout=StringIO())
    assert [p.pk for p in whoosh.search("assistant", Page)] == [page.pk]
    assert whoosh.health() is True


def test_corrupt_index_logs_returns_nothing_and_update_index_repairs(whoosh, root_page, caplog):
    page = add_page(root_page, "Hiring a personal assistant")
    store = whoosh.get_index_for_model(Page).store
    for file in (store.root / store.live_generation()).iterdir():
        file.write_bytes(b"not a whoosh file")
    from search.backends.whoosh_store import forget_everything_under

    forget_everything_under(store.root)  # as a freshly started process would see it

    with caplog.at_level(logging.ERROR, logger="search.whoosh"):
        assert list(whoosh.search("assistant", Page)) == []
    assert "could not be read" in caplog.text
    assert whoosh.health().startswith("corrupt")

    call_command("update_index", stdout=StringIO())
    assert [p.pk for p in whoosh.search("assistant", Page)] == [page.pk]
    assert whoosh.health() is True


def test_a_locked_index_queues_the_update_and_reports_degraded(settings, whoosh, root_page, caplog):
    settings.WAGTAILSEARCH_BACKENDS["default"].update(WRITE_TIMEOUT=0.1, WRITE_ATTEMPTS=2)
    first = add_page(root_page, "Hiring a personal assistant")
    store = whoosh.get_index_for_model(Page).store
    # Another writer (as another process would) holds Whoosh's write lock.
    lock = store.open_index(store.live_generation()).lock("WRITELOCK")
    assert lock.acquire()
    try:
        with caplog.at_level(logging.ERROR, logger="search.whoosh"):
            late = add_page(root_page, "Paying a personal assistant")  # the save still works
        assert "could not index" in caplog.text
        status = search_index_status()
        assert status.startswith("degraded") and "1 waiting to be retried" in status
    finally:
        lock.release()

    assert [p.pk for p in whoosh.search("paying", Page)] == []
    add_page(root_page, "Hoist training")  # the next write retries the queued one
    assert [p.pk for p in whoosh.search("paying", Page)] == [late.pk]
    assert first.pk in [p.pk for p in whoosh.search("assistant", Page)]
    assert search_index_status() is True


def test_backend_creation_does_no_io(settings, tmp_path):
    from modelsearch.backends import get_search_backend

    path = tmp_path / "never-created"
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "search.backends.whoosh", "PATH": str(path)}
    }
    backend = get_search_backend()
    backend.get_index_for_model(Page)
    assert not path.exists()
