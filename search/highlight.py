"""Snippets with the searched-for words marked, the same for every search backend.

Matching is by word stem, as the index matches, so a search for "assistants" marks
"assistant" too. The text is escaped first: only our own ``<mark>`` tags are HTML.
"""

from __future__ import annotations

import functools
import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from whoosh.analysis import STOP_WORDS
from whoosh.lang.porter import stem

WORD = re.compile(r"\w+", re.UNICODE)

#: Porter's stemmer, remembering the words it has seen: a page of snippets stems a couple of
#: hundred words, mostly the same few from one search to the next.
_stem = functools.lru_cache(maxsize=8192)(stem)


@functools.lru_cache(maxsize=256)
def query_stems(query: str) -> frozenset[str]:
    words = (word.lower() for word in WORD.findall(query or ""))
    return frozenset(_stem(word) for word in words if word not in STOP_WORDS and len(word) > 1)


@functools.lru_cache(maxsize=8192)
def _stem_of(word: str) -> str:
    """A word of a snippet as it is written ("Assistants"), stemmed as the index stems it."""
    return _stem(word.lower())


def _matches(word: str, stems: frozenset[str]) -> bool:
    return _stem_of(word) in stems


def _window(text: str, stems: frozenset[str], length: int) -> tuple[str, bool, bool]:
    """The stretch of ``text`` around the first matching word, at most ``length`` long."""
    if len(text) <= length:
        return text, False, False
    first = next((m.start() for m in WORD.finditer(text) if _matches(m.group(), stems)), 0)
    start = max(0, first - length // 4)
    if start:
        # Start on a word boundary rather than half-way through a word.
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < first else start
    end = min(len(text), start + length)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    return text[start:end], start > 0, end < len(text)


def highlight(text: str, query: str, length: int = 220) -> SafeString:
    """``text`` cut to about ``length`` characters around the first hit, hits in ``<mark>``."""
    text = " ".join((text or "").split())
    stems = query_stems(query)
    passage, cut_before, cut_after = _window(text, stems, length)
    pieces, last = [], 0
    for match in WORD.finditer(passage):
        if _matches(match.group(), stems):
            pieces.append(escape(passage[last : match.start()]))
            pieces.append(f"<mark>{escape(match.group())}</mark>")
            last = match.end()
    pieces.append(escape(passage[last:]))
    html = "".join(pieces)
    return mark_safe(("… " if cut_before else "") + html + (" …" if cut_after else ""))
