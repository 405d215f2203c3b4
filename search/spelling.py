"""'Did you mean …?': corrections drawn from the words the site's public content really uses.

The vocabulary is the text of everything an anonymous visitor can find through the site
search (titles, summaries and each kind's search description), counted, and kept in the
cache for a while. It is built from the same content the index holds but read through the
registry rather than out of the index files, so suggestions work the same on Whoosh, SQLite
and PostgreSQL, and are never taken from something private.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter

from django.contrib.auth.models import AnonymousUser
from django.core.cache import caches

from .registry import site_search

WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
CACHE_KEY = "search:vocabulary"
CACHE_SECONDS = 15 * 60
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


def vocabulary() -> Counter:
    cache = caches["derived"]
    words = cache.get(CACHE_KEY)
    if words is None:
        words = build_vocabulary()
        cache.set(CACHE_KEY, words, CACHE_SECONDS)
    return words


def correct_word(word: str, words: Counter) -> str:
    lower = word.lower()
    if len(lower) < 4 or lower in words:
        return word
    close = difflib.get_close_matches(lower, words.keys(), n=5, cutoff=SIMILARITY)
    if not close:
        return word
    # Among near-equally close words, the one the site uses most is the likeliest meant.
    return max(
        close,
        key=lambda c: (round(difflib.SequenceMatcher(None, lower, c).ratio(), 1), words[c]),
    )


def suggest(query: str) -> str | None:
    """A corrected query, or None when every word is one the site knows."""
    words = vocabulary()
    if not words:
        return None
    corrected = WORD.sub(lambda match: correct_word(match.group(), words), query)
    return corrected if corrected.lower() != query.lower() else None
