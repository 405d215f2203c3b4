"""A web process reads its search index's words into memory before it serves
(``pbsite.startup.settle``, which the ASGI and WSGI entry points call), so no visitor's first
search of a word waits for it to be read from the files."""

import gc
import logging

import pytest
from wagtail.models import Page

from pbsite import startup
from search.backends import whoosh_arrays

from .conftest import add_page
from .test_whoosh_arrays import counting_reads

pytestmark = pytest.mark.django_db


@pytest.fixture
def settle():
    yield startup.settle
    gc.unfreeze()  # what settle froze for a server's lifetime: a test's objects may go


def test_a_process_reads_its_index_before_it_serves(whoosh, root_page, settle, monkeypatch):
    page = add_page(root_page, "Hoist training for personal assistants")
    monkeypatch.setattr(whoosh_arrays, "POSTINGS", whoosh_arrays.PostingsKept(2_000_000))
    settle()
    reads = counting_reads(monkeypatch)
    assert [found.pk for found in whoosh.search("hoist training", Page)] == [page.pk]
    assert reads == []


def test_a_step_that_fails_before_serving_does_not_stop_the_process(settle, monkeypatch, caplog):
    done = []

    def fails():
        raise OSError("the index folder cannot be read")

    monkeypatch.setattr(startup, "before_serving", [fails, lambda: done.append(True)])
    with caplog.at_level(logging.ERROR, logger="pbsite.startup"):
        settle()
    assert done == [True]
    assert "fails failed before serving" in caplog.text
