"""'Did you mean …?': corrections drawn from the words the site's public content really uses.

The vocabulary is the text of everything an anonymous visitor can find through the site
search (titles, summaries and each kind's search description), counted. It is built from the
same content the index holds but read through the registry rather than out of the index
files, so suggestions work the same on Whoosh, SQLite and PostgreSQL, and are never taken from
something private.

Building it reads every kind (2.3 s on a site 100x the demo), so a request never builds it:
the task :func:`rebuild_vocabulary` does, in the background, kept in the ``derived`` cache
(each process's memory without Redis, where the worker runs inside the web process; Redis with
it). It is rebuilt every day, and 15 minutes after content changes (``content_changed``,
called by :mod:`search.indexing`). Only a site that has never built it asks for a build from
a request, once; that search goes without "Did you mean" (the test suite's immediate task
backend builds it at once).
"""

from __future__ import annotations

import datetime
import difflib
import re
import uuid
from collections import Counter
from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser
from django.core.cache import caches
from django.utils import timezone

from pbsite.tasks import retrying_task

from .registry import site_search

WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
#: (its version, the words by first letter), and the version alone, read on every use: a
#: process keeps the words it last read (and its corrections) while the version is the same,
#: rather than unpickling a thousand words on each search that finds (almost) nothing.
CACHE_KEY = "search:vocabulary:words"
VERSION_KEY = "search:vocabulary:version"
#: Corrections kept per version of the vocabulary, at most (then forgotten and kept again).
CORRECTIONS_KEPT = 10_000
#: Kept until replaced (a week at most: the daily job replaces it long before).
CACHE_SECONDS = 7 * 24 * 60 * 60
#: A build is asked for at most this often (content changes come in bursts).
REBUILD_AFTER = datetime.timedelta(minutes=15)
BUILD_ASKED_KEY = "search:vocabulary:asked"
#: Enough text to know the site's words without reading a very large register in full.
OBJECTS_PER_KIND = 2000
#: How alike a correction must be (difflib's ratio): "persnal" and "personal" score 0.93.
SIMILARITY = 0.8


def build_vocabulary() -> Counter:
    words: Counter = Counter()
    anonymous = AnonymousUser()
    for kind in site_search:
        for obj in kind.visible_to(anonymous)[:OBJECTS_PER_KIND]:
            described = kind.describe(obj)
            text = " ".join([described.title, described.summary, described.meta])
            words.update(word.lower() for word in WORD.findall(text) if len(word) > 2)
    return words


@retrying_task()
def rebuild_vocabulary() -> int:
    """Build the vocabulary and keep it for every request (a task: never run by a request)."""
    words = build_vocabulary()
    version = uuid.uuid4().hex
    # The words before their version: whoever reads the new version finds them.
    caches["derived"].set(CACHE_KEY, (version, _by_first_letter(words)), CACHE_SECONDS)
    caches["derived"].set(VERSION_KEY, version, CACHE_SECONDS)
    caches["derived"].delete(BUILD_ASKED_KEY)
    return len(words)


def _by_first_letter(words: Counter) -> dict[str, Counter]:
    grouped: dict[str, Counter] = {}
    for word, count in words.items():
        grouped.setdefault(word[0], Counter())[word] = count
    return grouped


def _ask_for_build(delay: datetime.timedelta | None = None) -> None:
    """Queue one build (others asking meanwhile are told it is on its way)."""
    seconds = int((delay or datetime.timedelta()).total_seconds()) + 300
    if not caches["derived"].add(BUILD_ASKED_KEY, True, seconds):
        return
    backend = rebuild_vocabulary.get_backend()
    if delay and backend.supports_defer:
        rebuild_vocabulary.using(run_after=timezone.now() + delay).enqueue()
    else:
        rebuild_vocabulary.enqueue()


def content_changed() -> None:
    """Public content changed: rebuild the vocabulary a little later (once per burst)."""
    if rebuild_vocabulary.get_backend().supports_defer:
        _ask_for_build(REBUILD_AFTER)
    else:
        # No queue that can wait (the test suite's immediate backend): forget it, and the
        # next search that needs it builds it at once.
        caches["derived"].delete_many([VERSION_KEY, CACHE_KEY])


@dataclass(frozen=True)
class _Vocabulary:
    version: str
    words: dict[str, Counter]
    corrections: dict[str, str] = field(default_factory=dict)


#: The vocabulary this process read last.
_kept: _Vocabulary | None = None


def _current() -> _Vocabulary | None:
    """The site's words by first letter, as this process last read them while their version
    stands; None (and a build queued) if never built."""
    global _kept
    cache = caches["derived"]
    kept = _kept
    if kept is not None and cache.get(VERSION_KEY) == kept.version:
        return kept
    found = cache.get(CACHE_KEY)
    if found is None:
        _ask_for_build()
        found = cache.get(CACHE_KEY)  # built already where tasks run at once
    if found is None:
        return None
    version, words = found
    _kept = _Vocabulary(version, words)
    return _kept


def correct_word(word: str, words: dict[str, Counter]) -> str:
    lower = word.lower()
    if len(lower) < 4:
        return word
    # A misspelling nearly always keeps its first letter ("persnal", "asistant"); looking
    # only among words that share it keeps a correction to a few milliseconds.
    candidates = words.get(lower[0], Counter())
    if lower in candidates:
        return word
    close = difflib.get_close_matches(lower, candidates.keys(), n=5, cutoff=SIMILARITY)
    if not close:
        return word
    # Among near-equally close words, the one the site uses most is the likeliest meant.
    return max(
        close,
        key=lambda c: (round(difflib.SequenceMatcher(None, lower, c).ratio(), 1), candidates[c]),
    )


def suggest(query: str) -> str | None:
    """A corrected query, or None when every word is one the site knows."""
    current = _current()
    if current is None or not current.words:
        return None
    corrected = WORD.sub(lambda match: _corrected(match.group(), current), query)
    return corrected if corrected.lower() != query.lower() else None


def _corrected(word: str, vocabulary: _Vocabulary) -> str:
    """``correct_word``, kept with the vocabulary it was worked out from (a misspelling people
    make once, they make again; difflib compares it with a hundred words)."""
    kept = vocabulary.corrections
    correction = kept.get(word)
    if correction is None:
        correction = correct_word(word, vocabulary.words)
        if len(kept) >= CORRECTIONS_KEPT:
            kept.clear()
        kept[word] = correction
    return correction
