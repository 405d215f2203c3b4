"""Where a Whoosh index lives on disk, and how several processes share it safely.

Each index (one per root model) has its own folder under the backend's ``PATH``::

    <PATH>/<index>/CURRENT                name of the live generation, replaced atomically
    <PATH>/<index>/gen-<stamp>-<random>/  one complete Whoosh index (a "generation")
    <PATH>/<index>/REBUILDING             the generation update_index is building, if any
    <PATH>/<index>/journal-<gen>.jsonl    objects changed while that generation was built
    <PATH>/<index>/pending.jsonl          updates that failed; the next write retries them
    <PATH>/<index>/failed.json            the last failure, which /healthz reports
    <PATH>/CHANGED                        a new random text after every change to any index

Traps measured on this machine (issue 4), and what this module does about them:

- ``ix.writer()`` raises ``LockError`` at once when another process is writing, so writers
  wait for the lock (``timeout``/``delay``) and retry a bounded number of times. Threads of
  one process queue on a ``threading.Lock`` first, so they never spin on the file lock.
- ``AsyncWriter`` returns before the data is written and loses errors in its thread: unused.
- ``optimize()`` is never called. Commits merge small segments; rebuilds write a new folder.
- Opening an index takes tens of milliseconds, so opened indexes are cached per folder and
  each thread keeps one searcher, checked (a directory listing) before every query and
  reopened when the index has changed. ``Searcher.refresh()`` is not used: in
  whoosh-reloaded 2.7.5 it keeps the old segments too, so updated documents appear twice.
"""

from __future__ import annotations

import contextlib
import contextvars
import json
import logging
import os
import shutil
import threading
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh import scoring
from whoosh.index import LockError
from whoosh.searching import Searcher

logger = logging.getLogger("search.whoosh")

_cache_lock = threading.Lock()
_open_indexes: dict[str, whoosh_index.FileIndex] = {}
_write_locks: dict[str, threading.Lock] = {}
_local = threading.local()
#: Inside :func:`one_look`: the searchers already checked for changes, by index folder.
_looked: contextvars.ContextVar[dict | None] = contextvars.ContextVar("_looked", default=None)


#: The file under an index folder's parent that every change to any index there rewrites.
CHANGED = "CHANGED"
#: Seconds after which a searcher is checked against its files whatever CHANGED says: a
#: writer that died between its commit and rewriting CHANGED is seen within this time.
CHECKED_AT_LEAST_EVERY = 5.0


@contextlib.contextmanager
def one_look():
    """Within this block each index is checked for changes once, not before every query: one
    site search asks each index several times (could it match, then search), and each check
    reads the CURRENT file and lists the generation's folder. The block sees the index as it
    was when first asked, as a single search of one index would.

    Better still, the block reads the indexes' shared ``CHANGED`` file once: every commit and
    every swap of a generation rewrites it (after the change, so a reader that sees the old
    text began before the change was done), and a searcher checked while it said what it
    says now needs no check of its own (a site search asks a dozen indexes)."""
    token = _looked.set({})
    try:
        yield
    finally:
        _looked.reset(token)


#: How hits are scored. B=1 (full length normalisation; Whoosh's default is 0.75): a word in a
#: short field (a glossary term's line, a PA's skills) counts for more than the same word once
#: in a long guide. K1=2 (default 1.2): a word said often counts a little more before it
#: saturates. Chosen on the judged queries (issue 15), with the score ceiling in whoosh.py: +0.004
#: nDCG@10 together, MRR@10 within 0.001; B=0.4 instead lost 0.018 MRR.
#: A kind of short texts may register its own K1 (``saturation``, see search/registry.py).
WEIGHTING = scoring.BM25F(B=1.0, K1=2.0)


def weighting(saturation: float | None = None) -> scoring.BM25F:
    """The site's weighting, or the same with K1 = ``saturation``: how soon a word said again
    stops counting for more (a kind of short texts, where saying it again says little)."""
    if saturation is None or saturation == WEIGHTING.K1:
        return WEIGHTING
    return scoring.BM25F(B=WEIGHTING.B, K1=saturation)


class IndexMissing(Exception):
    """No generation of this index is live: it was never built, or its folder was removed."""


def _process_write_lock(root: Path) -> threading.Lock:
    with _cache_lock:
        return _write_locks.setdefault(str(root), threading.Lock())


def _write_atomically(path: Path, text: str) -> None:
    """Readers see the old content or the new, never half a file."""
    temporary = path.with_name(f".{path.name}-{uuid.uuid4().hex}")
    temporary.write_text(text)
    os.replace(temporary, path)


def _append_lines(path: Path, records: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # One write() per call in append mode: lines from several processes do not interleave.
    payload = "".join(json.dumps(record) + "\n" for record in records)
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(payload)


def _read_lines(path: Path) -> list[dict]:
    records = []
    for line in path.read_text(encoding="utf-8").splitlines():
        with contextlib.suppress(ValueError):
            records.append(json.loads(line))
    return records


def forget_everything_under(path: str | os.PathLike) -> None:
    """Drop this process's cached indexes and searchers below ``path`` (tests remove folders)."""
    prefix = str(Path(path))
    with _cache_lock:
        for key in [key for key in _open_indexes if key.startswith(prefix)]:
            del _open_indexes[key]
    searchers = getattr(_local, "searchers", {})
    for key in [key for key in searchers if key.startswith(prefix)]:
        with contextlib.suppress(Exception):
            searchers.pop(key)[1].close()
    views = getattr(_local, "views", {})
    for key in [key for key in views if key[0].startswith(prefix)]:
        del views[key]


class IndexStore:
    """One index folder. Creating a store does no I/O; every method reads the disk afresh."""

    def __init__(
        self,
        root: str | os.PathLike,
        schema,
        *,
        write_timeout: float = 5.0,
        write_delay: float = 0.02,
        write_attempts: int = 3,
    ):
        self.root = Path(root)
        # Named on every search (a site search asks a dozen indexes): worked out once.
        self._key = str(self.root)
        self._changed_path = str(self.root.parent / CHANGED)
        self.schema = schema
        self.write_timeout = write_timeout
        self.write_delay = write_delay
        self.write_attempts = write_attempts

    @property
    def name(self) -> str:
        return self.root.name

    # --- Generations ------------------------------------------------------------------------

    def live_generation(self) -> str | None:
        try:
            return (self.root / "CURRENT").read_text().strip() or None
        except (FileNotFoundError, NotADirectoryError):
            return None

    def open_index(self, generation: str) -> whoosh_index.FileIndex:
        path = str(self.root / generation)
        with _cache_lock:
            cached = _open_indexes.get(path)
        if cached is not None:
            return cached
        opened = whoosh_index.open_dir(path)
        with _cache_lock:
            return _open_indexes.setdefault(path, opened)

    def create_generation(self) -> str:
        self.root.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S")
        generation = f"gen-{stamp}-{uuid.uuid4().hex[:8]}"
        folder = self.root / generation
        folder.mkdir()
        whoosh_index.create_in(str(folder), self.schema)
        return generation

    def publish(self, generation: str) -> None:
        """Make ``generation`` the live one in a single rename, then tidy up older ones."""
        previous = self.live_generation()
        _write_atomically(self.root / "CURRENT", generation)
        self._note_change()
        self._remove_generations_except({generation, previous})

    def _remove_generations_except(self, keep: set) -> None:
        # Searches that started a moment ago may still be reading the previous generation,
        # so it stays until the next swap; anything older goes.
        for entry in self.root.glob("gen-*"):
            if entry.name not in keep:
                shutil.rmtree(entry, ignore_errors=True)
                forget_everything_under(entry)
        for journal in self.root.glob("journal-*.jsonl"):
            if journal.stem.removeprefix("journal-") not in keep:
                journal.unlink(missing_ok=True)

    def _ensure_live_generation(self) -> str:
        """The live generation, creating an empty one on the very first write."""
        live = self.live_generation()
        if live:
            return live
        generation = self.create_generation()
        claim = self.root / f".CURRENT-{uuid.uuid4().hex}"
        claim.write_text(generation)
        try:
            # link() refuses to replace an existing file: if another process created the
            # first generation at the same moment, theirs wins and ours is thrown away.
            os.link(claim, self.root / "CURRENT")
        except FileExistsError:
            shutil.rmtree(self.root / generation, ignore_errors=True)
            return self.live_generation()
        finally:
            claim.unlink(missing_ok=True)
        logger.info("Created the search index %s (%s)", self.name, generation)
        return generation

    # --- Writing ----------------------------------------------------------------------------

    @contextlib.contextmanager
    def writer(self, generation: str | None = None):
        """A writer on the live generation (or ``generation``), committed when the block ends."""
        with _process_write_lock(self.root):
            generation = generation or self._ensure_live_generation()
            writer = self._acquire_writer(self.open_index(generation))
            try:
                yield writer
            except BaseException:
                writer.cancel()
                raise
            writer.commit()
            self._note_change()

    def _acquire_writer(self, ix):
        for attempt in range(1, self.write_attempts + 1):
            try:
                return ix.writer(timeout=self.write_timeout, delay=self.write_delay)
            except LockError:
                if attempt == self.write_attempts:
                    raise
                logger.warning(
                    "Search index %s is busy (attempt %d of %d); waiting to write",
                    self.name,
                    attempt,
                    self.write_attempts,
                )
                time.sleep(self.write_delay * attempt)

    # --- Searching --------------------------------------------------------------------------

    def searcher(self, saturation: float | None = None):
        """This thread's searcher on the live generation, brought up to date first; scoring
        with K1 = ``saturation`` if given (see :func:`weighting`), on the same reader."""
        searchers = _local.__dict__.setdefault("searchers", {})
        key = self._key
        looked = _looked.get()
        cached = searchers.get(key)
        changed = None
        if looked is not None:
            if cached is not None and looked.get(key) is cached:
                return self._scoring_as(key, cached[1], saturation)
            changed = self._changed_as_looked(looked)
            if (
                cached is not None
                and changed is not None
                and cached[2] == changed
                and time.monotonic() - cached[3] < CHECKED_AT_LEAST_EVERY
            ):
                looked[key] = cached
                return self._scoring_as(key, cached[1], saturation)
        generation = self.live_generation()
        if generation is None:
            raise IndexMissing(
                f"The search index {self.name!r} has not been built at {self.root}. "
                "Run `manage.py update_index` to build it."
            )
        if cached and cached[0] == generation and cached[1].up_to_date():
            searcher = cached[1]
        else:
            # Not Searcher.refresh(): in whoosh-reloaded 2.7.5 its reader re-use appends the
            # old segments to the new ones, so updated documents show up twice. A fresh
            # searcher after each change costs a few milliseconds and is always right.
            if cached:
                with contextlib.suppress(Exception):
                    cached[1].close()
            # Every searcher scores the same way, whichever path opened it.
            searcher = self.open_index(generation).searcher(weighting=WEIGHTING)
        # What CHANGED said before this check: the searcher is current at least as of then.
        searchers[key] = (generation, searcher, changed, time.monotonic())
        if looked is not None:
            looked[key] = searchers[key]
        return self._scoring_as(key, searcher, saturation)

    def _changed_as_looked(self, looked: dict) -> str | None:
        """The CHANGED file's text, read once in a :func:`one_look` block (None if missing)."""
        path = self._changed_path
        if path not in looked:
            try:
                with open(path, encoding="utf-8") as handle:
                    looked[path] = handle.read() or None
            except OSError:
                looked[path] = None
        return looked[path]

    def _note_change(self) -> None:
        """Rewrite CHANGED (after a commit or a swap). If it cannot be rewritten it is removed,
        and every search checks every index again, as without it: the change itself is made,
        so the writer goes on (a rebuild still swaps in, tidies up and replays its journal)."""
        path = self.root.parent / CHANGED
        try:
            _write_atomically(path, uuid.uuid4().hex)
        except OSError:
            logger.exception("Could not note a change to the search index %s", self.name)
            with contextlib.suppress(OSError):
                path.unlink(missing_ok=True)

    @staticmethod
    def _scoring_as(key: str, searcher, saturation: float | None):
        """The searcher, or a view of its reader scoring with K1 = ``saturation``."""
        scoring_as = weighting(saturation)
        if scoring_as is WEIGHTING:
            return searcher
        views = _local.__dict__.setdefault("views", {})
        view = views.get((key, saturation))
        if view is None or view[0] is not searcher:
            view = (searcher, Searcher(searcher.reader(), weighting=scoring_as, closereader=False))
            views[(key, saturation)] = view
        return view[1]

    # --- Rebuilding -------------------------------------------------------------------------

    def start_rebuild(self) -> str:
        generation = self.create_generation()
        _write_atomically(self.root / "REBUILDING", generation)
        return generation

    def rebuilding_generation(self) -> str | None:
        try:
            return (self.root / "REBUILDING").read_text().strip() or None
        except (FileNotFoundError, NotADirectoryError):
            return None

    def journal(self, records: list[dict]) -> None:
        """Note changed objects for a rebuild in progress, which replays them when it ends."""
        building = self.rebuilding_generation()
        if building:
            _append_lines(self.root / f"journal-{building}.jsonl", records)

    def finish_rebuild(self, generation: str) -> list[dict]:
        """Swap the new generation in; return what changed meanwhile, to be replayed."""
        self.publish(generation)
        if self.rebuilding_generation() == generation:
            (self.root / "REBUILDING").unlink(missing_ok=True)
        # A rebuild replaces everything, so earlier failures are repaired too.
        (self.root / "failed.json").unlink(missing_ok=True)
        journal = self.root / f"journal-{generation}.jsonl"
        if not journal.exists():
            return []
        records = _read_lines(journal)
        journal.unlink(missing_ok=True)
        return records

    # --- Failures ---------------------------------------------------------------------------

    def record_failure(self, records: list[dict], error: BaseException) -> None:
        _append_lines(self.root / "pending.jsonl", records)
        failure = {
            "at": datetime.now(UTC).isoformat(timespec="seconds"),
            "error": f"{type(error).__name__}: {error}"[:500],
        }
        _write_atomically(self.root / "failed.json", json.dumps(failure))

    def claim_pending(self) -> tuple[Path | None, list[dict]]:
        """Take the queue of failed updates (new failures start a new queue meanwhile)."""
        queue = self.root / "pending.jsonl"
        if not queue.exists():
            return None, []
        claimed = self.root / f"pending-{uuid.uuid4().hex}.claimed"
        try:
            os.replace(queue, claimed)
        except FileNotFoundError:
            return None, []
        return claimed, _read_lines(claimed)

    def pending_done(self, claimed: Path) -> None:
        claimed.unlink(missing_ok=True)
        if not (self.root / "pending.jsonl").exists():
            (self.root / "failed.json").unlink(missing_ok=True)

    def pending_failed(self, claimed: Path, records: list[dict], error: BaseException) -> None:
        self.record_failure(records, error)
        claimed.unlink(missing_ok=True)

    # --- Health -----------------------------------------------------------------------------

    def health(self) -> bool | str:
        if not self.root.exists():
            return True  # nothing of this kind has been indexed yet
        if self.live_generation() is None:
            return f"missing: search index {self.name} has no live copy; run manage.py update_index"
        try:
            self.searcher().doc_count()
        except Exception as error:
            return (
                f"corrupt: search index {self.name} cannot be read "
                f"({type(error).__name__}); run manage.py update_index"
            )
        try:
            failure = json.loads((self.root / "failed.json").read_text())
        except (FileNotFoundError, ValueError):
            return True
        waiting = self.root / "pending.jsonl"
        count = len(_read_lines(waiting)) if waiting.exists() else 0
        return (
            f"degraded: last index update failed at {failure.get('at')} in {self.name} "
            f"({failure.get('error')}); {count} waiting to be retried"
        )
