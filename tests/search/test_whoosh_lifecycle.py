"""The index follows saves and deletes, rebuilds swap in atomically, and two real processes can
write at once without losing anything."""

import os
import subprocess
import sys
import threading
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from modelsearch.query import MATCH_ALL
from wagtail.models import Page

from .conftest import add_page

pytestmark = pytest.mark.django_db

PROJECT_DIR = Path(__file__).resolve().parents[2]


def update_index():
    call_command("update_index", stdout=StringIO())


def test_save_indexes_and_edit_reindexes(whoosh, root_page):
    page = add_page(root_page, "Finding a personal assistant")
    assert [p.pk for p in whoosh.search("assistant", Page)] == [page.pk]
    page.title = "Finding a carer"
    page.save()
    assert list(whoosh.search("assistant", Page)) == []
    assert [p.pk for p in whoosh.search("carer", Page)] == [page.pk]


def test_delete_removes_from_the_index(whoosh, root_page):
    page = add_page(root_page, "Finding a personal assistant")
    page.delete()
    assert whoosh.search("assistant", Page).count() == 0


def test_rebuild_builds_aside_and_swaps_in_atomically(whoosh, root_page):
    pages = [add_page(root_page, f"Respite care guide {n}") for n in range(3)]
    index = whoosh.get_index_for_model(Page)
    live_before = index.store.live_generation()

    rebuilder = whoosh.rebuilder_class(index)
    building = rebuilder.start()
    building.add_items(Page, pages[:1])  # the new copy has only one page so far...
    assert whoosh.search("respite", Page).count() == 3  # ...but searches still use the old
    assert index.store.live_generation() == live_before
    rebuilder.finish()

    assert index.store.live_generation() != live_before
    assert whoosh.search("respite", Page).count() == 1


def test_saves_during_a_rebuild_are_not_lost(whoosh, root_page):
    add_page(root_page, "Respite care guide")
    index = whoosh.get_index_for_model(Page)
    rebuilder = whoosh.rebuilder_class(index)
    building = rebuilder.start()
    building.add_items(Page, list(Page.objects.filter(depth=2, title__startswith="Respite")))
    late = add_page(root_page, "Respite care at short notice")  # saved mid-rebuild
    rebuilder.finish()
    assert late.pk in [page.pk for page in whoosh.search("respite", Page)]


def test_searches_keep_answering_during_update_index(whoosh, root_page):
    for number in range(20):
        add_page(root_page, f"Short breaks guide {number}")
    update_index()
    answers, errors, done = [], [], threading.Event()

    def keep_searching():
        try:
            while not done.is_set():
                answers.append(whoosh.search("short breaks", Page).count())  # no database use
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)

    searcher = threading.Thread(target=keep_searching)
    searcher.start()
    try:
        for _ in range(3):
            update_index()
    finally:
        done.set()
        searcher.join()
    assert errors == []
    assert answers and set(answers) == {20}


def start_writer(index_path, tmp_path, first: int, count: int) -> subprocess.Popen:
    """Another process writing ``count`` pages to the index, one commit each."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "pbsite.settings.test",
        "DATA_DIR": str(tmp_path / "child-data"),
        "SEARCH_INDEX_DIR": str(tmp_path / "child-data" / "unused-index"),
        "PYTHONPATH": str(PROJECT_DIR),
    }
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.search.writer_process",
            str(index_path),
            str(first),
            str(count),
        ],
        cwd=PROJECT_DIR,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_processes_writing_at_once_lose_nothing(whoosh, index_path, tmp_path):
    count = 40
    writers = [start_writer(index_path, tmp_path, first, count) for first in (5000, 6000)]
    outcomes = [writer.communicate(timeout=300) for writer in writers]
    for writer, (stdout, stderr) in zip(writers, outcomes, strict=True):
        assert writer.returncode == 0, stderr
        assert stdout.strip() == f"wrote {count}"
        assert "LockError" not in stderr

    index = whoosh.get_index_for_model(Page)
    searcher = index.store.searcher()
    assert searcher.doc_count() == 2 * count
    stored = {fields["pk"] for fields in searcher.all_stored_fields()}
    assert stored == {str(n) for n in [*range(5000, 5040), *range(6000, 6040)]}
    assert whoosh.health() is True
    assert not (index.store.root / "pending.jsonl").exists()


def test_search_while_another_process_writes(whoosh, index_path, tmp_path, root_page):
    add_page(root_page, "Concurrent page written by the test")
    writer = start_writer(index_path, tmp_path, first=7000, count=30)
    counts = []
    while writer.poll() is None:
        counts.append(whoosh.search(MATCH_ALL, Page).count())
    assert writer.returncode == 0, writer.stderr.read()
    assert counts == sorted(counts)  # only ever grows: no torn reads
    assert whoosh.search(MATCH_ALL, Page).count() == 31


def test_each_look_sees_what_another_process_wrote_before_it(
    whoosh, index_path, tmp_path, root_page, monkeypatch
):
    """A site search looks at every index once (``one_look``), and skips the check of an index
    whose searcher was checked while the indexes' CHANGED file said what it says now. Another
    process's commits rewrite that file, so each look after a commit sees it, and a look with
    nothing changed checks no index's files at all."""
    from search.backends import whoosh_store
    from search.backends.whoosh_store import IndexStore

    add_page(root_page, "Concurrent page written by the test")
    writer = start_writer(index_path, tmp_path, first=7000, count=30)
    counts = []
    while writer.poll() is None:
        with whoosh.one_look():
            counts.append(whoosh.search(MATCH_ALL, Page).count())
    assert writer.returncode == 0, writer.stderr.read()
    assert counts == sorted(counts)
    with whoosh.one_look():
        assert whoosh.search(MATCH_ALL, Page).count() == 31

    checks = []
    live_generation = IndexStore.live_generation
    monkeypatch.setattr(
        IndexStore, "live_generation", lambda store: checks.append(store) or live_generation(store)
    )
    monkeypatch.setattr(whoosh_store, "CHECKED_AT_LEAST_EVERY", 3600)
    with whoosh.one_look():
        assert whoosh.search(MATCH_ALL, Page).count() == 31
    assert checks == []  # nothing changed: no index's files read
    monkeypatch.setattr(whoosh_store, "CHECKED_AT_LEAST_EVERY", 0)
    with whoosh.one_look():
        assert whoosh.search(MATCH_ALL, Page).count() == 31
    assert len(checks) == 1  # however still CHANGED is, a searcher is checked now and then
    checks.clear()
    monkeypatch.setattr(whoosh_store, "CHECKED_AT_LEAST_EVERY", 3600)
    (index_path / "CHANGED").unlink()  # a missing file: every index is checked again
    with whoosh.one_look():
        assert whoosh.search(MATCH_ALL, Page).count() == 31
    assert len(checks) == 1
    add_page(root_page, "One more page")
    with whoosh.one_look():
        assert whoosh.search(MATCH_ALL, Page).count() == 32


def test_an_object_added_twice_during_a_rebuild_is_indexed_once(whoosh, root_page):
    page = add_page(root_page, "Respite care guide")
    index = whoosh.get_index_for_model(Page)
    rebuilder = whoosh.rebuilder_class(index)
    building = rebuilder.start()
    building.add_items(Page, [page])
    page.title = "Short breaks guide"  # e.g. indexed again as its more specific type
    building.add_items(Page, [page])
    rebuilder.finish()
    assert index.store.searcher().doc_count() == 1
    assert [p.pk for p in whoosh.search("breaks", Page)] == [page.pk]


@pytest.mark.parametrize("processes", [1, 2])
def test_a_rebuild_in_several_processes_indexes_everything_once(whoosh, settings, processes):
    """Above one batch (100 documents) the multi-process writer hands documents to its
    subprocesses, and each writes a segment of its own: none may be lost or doubled."""
    from home.models import GlossaryTerm

    settings.WAGTAILSEARCH_BACKENDS["default"]["REBUILD_PROCESSES"] = processes
    GlossaryTerm.objects.all().delete()
    GlossaryTerm.objects.bulk_create(  # no signals: nothing is indexed until the rebuild
        GlossaryTerm(term=f"Word {n}", slug=f"word-{n}", meaning=f"Meaning number {n} of respite")
        for n in range(450)
    )
    update_index()
    found = whoosh.search("respite", GlossaryTerm)
    assert found.count() == 450
    assert len({term.pk for term in found[:500]}) == 450
    assert [t.term for t in whoosh.search("Word 321", GlossaryTerm, operator="and")][:1] == [
        "Word 321"
    ]
