"""How easy a guide is to read: plain functions over plain text.

Scores come from textstat 0.7.8 (Flesch reading ease and Flesch–Kincaid grade); later
versions download data at run time, which fails offline. On top of the scores we flag the two
things editors can fix: long sentences, and glossary words used without saying what they mean.

A guide's text is a list of "units" (a paragraph, a list item, a quote), each ending with a
full stop if it had no end punctuation, so a list of short items counts as short sentences
rather than one long one. Headings are left out: they are labels, not sentences.

A page's score averages every sentence, so one hard paragraph among easy ones barely moves it.
So each part of the page (the summary, each paragraph, each list, each block) is also scored
on its own (:func:`part_grades`), and the parts above ``TARGET_GRADE`` are shown to the editor
with their first words, so they can see where to work.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import textstat
from bs4 import BeautifulSoup

from .glossary import Entry, TermMatcher

TARGET_GRADE = 6  # reading age about 9, as GOV.UK aims for
LONG_SENTENCE_WORDS = 25
WORDS_PER_MINUTE = 200
FIRST_WORDS = 8  # how much of a part the editor is shown to find it

BLOCK_TAGS = ["p", "li"]
HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# A sentence that explains a word usually says so: "A direct payment is money…", "ISF (an
# individual service fund)", "…called a support plan", "PAYE means…".
EXPLAINING = re.compile(
    r"\b(means?|meaning|is (a|an|the|when|where|how|what|money|someone|somebody|people)|"
    r"are (a|an|the|people|when|where)|stands? for|called|known as|short for)\b|[(:–—]|"
    r",\s(who|which)\b",
    re.IGNORECASE,
)
# …or the next sentence does: "You may get a direct payment. This is money paid to you."
EXPLAINING_NEXT = re.compile(r"(this|that|it|they|these) (is|are|means?)\b", re.IGNORECASE)


def html_to_units(html: str) -> list[str]:
    """The prose of a piece of rich text, one unit per paragraph or list item."""
    soup = BeautifulSoup(html or "", "html.parser")
    for heading in soup.find_all(HEADING_TAGS):
        heading.decompose()
    for line_break in soup.find_all("br"):
        line_break.replace_with(" ")
    units = []
    blocks = soup.find_all(BLOCK_TAGS)
    if not blocks:
        return [text] if (text := " ".join(soup.get_text().split())) else []
    for block in blocks:
        # A list inside a list item is its own set of units.
        for nested in block.find_all(["ul", "ol"]):
            nested.extract()
        if text := " ".join(block.get_text().split()):
            units.append(text)
    return units


def html_to_parts(html: str) -> list[list[str]]:
    """The prose of a piece of rich text as parts an editor would point at: each paragraph is
    a part, and each list is one part (its items, in order). Headings are left out."""
    soup = BeautifulSoup(html or "", "html.parser")
    for heading in soup.find_all(HEADING_TAGS):
        heading.decompose()
    parts = []
    tops = [tag for tag in soup.find_all(["p", "ul", "ol"]) if not tag.find_parent(["ul", "ol"])]
    if not tops:
        return [units] if (units := html_to_units(str(soup))) else []
    for tag in tops:
        if units := html_to_units(str(tag)):
            parts.append(units)
    return parts


def first_words(text: str, count: int = FIRST_WORDS) -> str:
    """The opening words of a text, with "…" when there is more."""
    words = str(text).split()
    return " ".join(words[:count]) + ("…" if len(words) > count else "")


def part_grades(parts: Iterable[tuple[str, Iterable[str]]]) -> list[tuple[str, str, float]]:
    """Each part of a page scored on its own: ``parts`` is (label, its units of text) in page
    order; the answer is (label, first words, Flesch–Kincaid grade) for each part with words."""
    graded = []
    for label, units in parts:
        units = [" ".join(str(unit).split()) for unit in units]
        text = as_sentences_text(units)
        if word_count(text):
            opening = first_words("; ".join(unit for unit in units if unit))
            graded.append((label, opening, scores(text)[0]))
    return graded


def too_hard_parts(
    graded: Iterable[tuple[str, str, float]], target: float = TARGET_GRADE
) -> list[tuple[str, str, float]]:
    """The parts above the target grade, in page order."""
    return [part for part in graded if part[2] > target]


def as_sentences_text(units: Iterable[str]) -> str:
    """Join units into one text, giving each its own sentence."""
    finished = []
    for unit in units:
        unit = " ".join(str(unit).split())
        if not unit:
            continue
        if not re.search(r"[.!?…][\"'”’)]*$", unit):
            unit += "."
        finished.append(unit)
    return "\n".join(finished)


def split_sentences(text: str) -> list[str]:
    pieces = re.split(r"(?<=[.!?…])[\"'”’)]*\s+|\n+", text)
    return [piece.strip() for piece in pieces if piece.strip()]


def word_count(text: str) -> int:
    return len(re.findall(r"[A-Za-z0-9£$%][\w'’£$%.,\-]*", text))


def reading_minutes(words: int) -> int:
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


def long_sentences(text: str, limit: int = LONG_SENTENCE_WORDS) -> list[str]:
    return [sentence for sentence in split_sentences(text) if word_count(sentence) > limit]


def unexplained_terms(text: str, entries: Iterable[Entry]) -> list[tuple[Entry, str]]:
    """Glossary words whose first use is not explained there or in the next sentence.

    The site links each first use to the glossary anyway; this nudges editors to say what the
    word means in the guide itself, which is what new holders asked for.
    Returns (entry, the sentence) pairs in the order they first appear.
    """
    matcher = TermMatcher(entries)
    sentences = split_sentences(text)
    seen, flagged = set(), []
    for position, sentence in enumerate(sentences):
        following = sentences[position + 1] if position + 1 < len(sentences) else ""
        explained = EXPLAINING.search(sentence) or EXPLAINING_NEXT.match(following)
        for _match, entry in matcher.finditer(sentence):
            if entry.slug in seen:
                continue
            seen.add(entry.slug)
            if not explained:
                flagged.append((entry, sentence))
    return flagged


@dataclass
class Readability:
    grade: float
    ease: float
    words: int
    sentences: int
    long_sentences: list[str] = field(default_factory=list)
    unexplained: list[tuple[Entry, str]] = field(default_factory=list)
    # (label, first words, grade) for every part of the page, in order.
    parts: list[tuple[str, str, float]] = field(default_factory=list)

    @property
    def minutes(self) -> int:
        return reading_minutes(self.words)

    @property
    def target(self) -> int:
        return TARGET_GRADE

    @property
    def hard_parts(self) -> list[tuple[str, str, float]]:
        return too_hard_parts(self.parts)

    @property
    def needs_work(self) -> bool:
        return self.too_hard or bool(self.hard_parts)

    @property
    def too_hard(self) -> bool:
        return self.grade > TARGET_GRADE

    @property
    def verdict(self) -> str:
        if not self.words:
            return "There is no text to check yet."
        if self.too_hard:
            return (
                f"Grade {self.grade:.1f} is harder than our aim of grade {TARGET_GRADE}. "
                "Try shorter sentences and everyday words."
            )
        if self.hard_parts:
            return (
                f"Grade {self.grade:.1f} overall is within our aim of grade {TARGET_GRADE}, "
                "but some parts are harder: see below."
            )
        return f"Grade {self.grade:.1f}: plain enough. Our aim is grade {TARGET_GRADE} or lower."


def scores(text: str) -> tuple[float, float]:
    """(Flesch–Kincaid grade, Flesch reading ease), rounded to one decimal place."""
    if not word_count(text):
        return 0.0, 100.0
    return (
        round(textstat.flesch_kincaid_grade(text), 1),
        round(textstat.flesch_reading_ease(text), 1),
    )


def check(
    text: str,
    entries: Iterable[Entry] = (),
    parts: Iterable[tuple[str, Iterable[str]]] = (),
) -> Readability:
    """The whole text's scores and problems; ``parts`` (label, units), when given, are also
    scored one by one (see :func:`part_grades`)."""
    grade, ease = scores(text)
    return Readability(
        grade=grade,
        ease=ease,
        words=word_count(text),
        sentences=len(split_sentences(text)),
        long_sentences=long_sentences(text),
        unexplained=unexplained_terms(text, entries),
        parts=part_grades(parts),
    )
