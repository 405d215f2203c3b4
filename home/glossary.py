"""Finding glossary words in text, and explaining the first use of each one in a guide's HTML.

The markup is a link to the word's entry on /glossary/ that carries the plain meaning inside it
(hidden until the link has keyboard focus or the pointer, and always read out by screen
readers), so the meaning never depends on hovering or on JavaScript::

    <a class="glossary-term" href="/glossary/#direct-payment">direct payments<span
      class="glossary-term__meaning"> (money from the council paid to you)</span></a>

These are plain functions over data, so they are easy to test and to reuse (the readability
check uses the same matching to find jargon).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, NavigableString
from bs4.element import Comment, Tag
from django.utils.html import escape

GLOSSARY_URL = "/glossary/"


def term_address(slug: str) -> str:
    """Where a term is explained: its place on the glossary page."""
    return f"{GLOSSARY_URL}#{slug}"


# Never explain a word inside these: links would nest, headings would read badly, and the others
# are already an explanation or not prose.
SKIPPED_TAGS = {"a", "h1", "h2", "h3", "h4", "h5", "h6", "abbr", "dfn", "button", "code", "pre"}
SKIPPED_TAGS |= {"script", "style", "label", "summary", "textarea", "option"}


@dataclass(frozen=True)
class Entry:
    """A glossary term as the matcher needs it: no database, so tests can build them freely."""

    slug: str
    term: str
    meaning: str
    also_known_as: tuple[str, ...] = field(default_factory=tuple)

    @property
    def names(self) -> tuple[str, ...]:
        return (self.term, *self.also_known_as)

    @property
    def url(self) -> str:
        return term_address(self.slug)


def is_acronym(word: str) -> bool:
    """ "PA", "DBS", "EHC" are capitals that mean something: match them exactly, so "pa" or
    "ras" inside ordinary text never count. Every other word matches in any case."""
    return len(word) >= 2 and word.isupper()


def name_pattern(name: str) -> str:
    """One name as a regular expression: whole words only, a plural "s" allowed, spaces and
    hyphens flexible ("self assessment" finds "self-assessment")."""
    words = [word for word in re.split(r"[\s\-]+", name.strip()) if word]
    parts = [re.escape(word) if is_acronym(word) else f"(?i:{re.escape(word)})" for word in words]
    plural = r"(?:'?s)?" if is_acronym(words[-1]) else r"(?i:s|es)?"
    joined = r"[\s\-]+".join(parts)
    return rf"(?<![\w\-])(?:{joined}{plural})(?![\w])"


class TermMatcher:
    """Finds glossary names in text; the longest name wins where two overlap ("personal health
    budget" before "personal budget" before "budget")."""

    def __init__(self, entries: Iterable[Entry]):
        self.entries = [entry for entry in entries if entry.slug and entry.term.strip()]
        alternatives = []
        self._group_entry: dict[str, Entry] = {}
        named = [(name, entry) for entry in self.entries for name in entry.names if name.strip()]
        named.sort(key=lambda pair: len(pair[0]), reverse=True)
        for index, (name, entry) in enumerate(named):
            group = f"n{index}"
            self._group_entry[group] = entry
            alternatives.append(f"(?P<{group}>{name_pattern(name)})")
        self.regex = re.compile("|".join(alternatives)) if alternatives else None

    def finditer(self, text: str):
        """Yield (match, entry) for every name in ``text``, left to right."""
        if self.regex is None:
            return
        for match in self.regex.finditer(text):
            yield match, self._group_entry[match.lastgroup]


def _is_skipped(node) -> bool:
    return any(isinstance(parent, Tag) and parent.name in SKIPPED_TAGS for parent in node.parents)


def explanation_markup(word: str, entry: Entry) -> str:
    return (
        f'<a class="glossary-term" href="{escape(entry.url)}">{escape(word)}'
        f'<span class="glossary-term__meaning"> ({escape(entry.meaning)})</span></a>'
    )


def explain_first_uses(html: str, entries: Iterable[Entry]) -> str:
    """Return ``html`` with the first use of each glossary term (or one of its other names)
    turned into an accessible explanation. Later uses, and uses inside links, headings and
    similar, are left alone."""
    matcher = TermMatcher(entries)
    if matcher.regex is None or not html:
        return html
    soup = BeautifulSoup(html, "html.parser")
    explained: set[str] = set()
    for node in list(soup.find_all(string=True)):
        if isinstance(node, Comment) or _is_skipped(node):
            continue
        pieces = _explain_in_text(str(node), matcher, explained)
        if pieces is not None:
            node.replace_with(*pieces)
    return str(soup)


def _explain_in_text(text: str, matcher: TermMatcher, explained: set[str]):
    """The text split into plain strings and explanation links, or None if nothing changed."""
    pieces, position = [], 0
    for match, entry in matcher.finditer(text):
        if entry.slug in explained:
            continue
        explained.add(entry.slug)
        pieces.append(NavigableString(text[position : match.start()]))
        pieces.append(BeautifulSoup(explanation_markup(match.group(), entry), "html.parser").a)
        position = match.end()
    if not pieces:
        return None
    pieces.append(NavigableString(text[position:]))
    return [piece for piece in pieces if piece != ""]
