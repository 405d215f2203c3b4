"""What a search is asking for: a place ("near Banbury", "in OX4", "Witney") and a kind of thing
("PA", "personal assistant", "club"), read from the words people type.

The kinds and their words come from the search registry (each part registers its own); places
come from the gazetteer in :mod:`pbsite.areas`. Plain functions on strings, shared by the site
search and the benchmark.
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError

from pbsite.areas import Place, district_of, district_table, find_town

from .registry import SearchRegistry, site_search
from .words import meaningful_words, searchable_words

TOKEN = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*", re.UNICODE)
#: Words after which a town name is expected. After "near" a small misspelling is forgiven.
PLACE_CUES = {"near", "in", "around", "at", "nr", "from", "round", "by", "to"}
FUZZY_CUES = {"near", "nr", "around"}
#: Words that are also town names in the table, never taken as a place without a cue.
COMMON_WORDS = {
    "a",
    "about",
    "all",
    "an",
    "and",
    "ash",
    "bath",
    "bank",
    "best",
    "bury",
    "can",
    "care",
    "deal",
    "east",
    "end",
    "every",
    "fair",
    "family",
    "field",
    "free",
    "green",
    "hall",
    "help",
    "high",
    "hill",
    "home",
    "hope",
    "house",
    "how",
    "is",
    "it",
    "law",
    "lee",
    "march",
    "mark",
    "moor",
    "more",
    "new",
    "north",
    "over",
    "park",
    "pay",
    "play",
    "rest",
    "ring",
    "rye",
    "sale",
    "school",
    "sea",
    "send",
    "south",
    "space",
    "street",
    "support",
    "the",
    "town",
    "up",
    "wells",
    "west",
    "what",
    "who",
    "why",
    "work",
    "worth",
    "york",
}
#: Words that carry no meaning once a kind and a place have been understood.
FILLER = {
    "a",
    "an",
    "the",
    "find",
    "finding",
    "me",
    "my",
    "i",
    "need",
    "needs",
    "want",
    "looking",
    "look",
    "for",
    "near",
    "in",
    "around",
    "at",
    "nr",
    "someone",
    "somebody",
    "any",
    "some",
    "who",
    "that",
    "can",
    "could",
    "is",
    "are",
    "there",
    "local",
    "nearby",
    "to",
    "from",
    "please",
    "by",
    "round",
    "close",
}


@dataclass(frozen=True)
class Understood:
    query: str
    place: Place | None = None
    #: The words that named the place, as typed ("Banbury", "OX4").
    place_words: str = ""
    #: Other places of that name (the four Newports): the first, in England, was taken.
    other_places: tuple[Place, ...] = ()
    #: Kinds whose words appear in the query, in the registry's order.
    kinds: tuple[str, ...] = ()
    #: The words left once kind words, place words and filler are taken out.
    rest: str = ""
    #: What was typed without the words that asked for a kind ("arabic speaking carer" ->
    #: "arabic speaking"), or all of it when nothing else is left.
    topic: str = ""
    tokens: tuple[str, ...] = field(default=(), repr=False)


def _is_district(token: str) -> str | None:
    if not any(ch.isdigit() for ch in token) or len(token) > 4:
        return None
    try:
        district = district_of(token)
    except ValidationError:
        return None
    return district if district in district_table() else None


#: Each registry's kind words, longest first, with what they were made from (its kinds).
_kept_kind_phrases: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _kind_phrases(registry: SearchRegistry) -> list[tuple[list[str], str]]:
    kinds = list(registry)
    kept = _kept_kind_phrases.get(registry)
    if kept is not None and _same_objects(kept[0], kinds):
        return kept[1]
    phrases = [(phrase.lower().split(), kind.key) for kind in kinds for phrase in kind.kind_words]
    phrases.sort(key=lambda item: -len(item[0]))
    _kept_kind_phrases[registry] = (kinds, phrases)
    return phrases


def _kind_spans(lower: list[str], registry: SearchRegistry) -> tuple[list[str], set[int]]:
    found: list[str] = []
    used: set[int] = set()
    spans: set[tuple[int, int]] = set()
    for words, key in _kind_phrases(registry):
        size = len(words)
        for start in range(len(lower) - size + 1):
            if lower[start : start + size] != words:
                continue
            span = set(range(start, start + size))
            # The same words may ask for several kinds ("group": local support and pools).
            if (start, size) in spans or not span & used:
                used |= span
                spans.add((start, size))
                if key not in found:
                    found.append(key)
    order = [kind.key for kind in registry]
    return sorted(found, key=order.index), used


def _place_at(tokens: list[str], start: int, *, fuzzy: bool) -> tuple[list[Place], int]:
    """The places named by up to three words from ``start``, longest first."""
    for size in (3, 2, 1):
        words = tokens[start : start + size]
        if len(words) < size:
            continue
        text = " ".join(words)
        if size == 1 and (len(text) < 3 or text.lower() in COMMON_WORDS):
            continue
        places = find_town(text, fuzzy=fuzzy and size == 1)
        if places:
            return places, size
    return [], 0


def understand(query: str, registry: SearchRegistry | None = None) -> Understood:
    """Read a place and the kinds asked for out of ``query``."""
    registry = registry or site_search
    tokens = TOKEN.findall(query or "")
    lower = [token.lower() for token in tokens]
    kinds, used = _kind_spans(lower, registry)

    place: Place | None = None
    others: list[Place] = []
    place_span: set[int] = set()
    # 1. A postcode district, anywhere ("PA in OX4", "ox16 cleaner"); a full postcode's
    #    second half goes with it.
    for index, token in enumerate(tokens):
        if index in used:
            continue
        district = _is_district(token)
        if district:
            place = Place(name=district, districts=(district,))
            place_span = {index}
            if index + 1 < len(tokens) and re.fullmatch(r"\d[A-Za-z]{2}", tokens[index + 1]):
                place_span.add(index + 1)
            break
    # 2. A town after a cue ("near Banbury", "in witney").
    if place is None:
        for index, word in enumerate(lower[:-1]):
            if word in PLACE_CUES and index + 1 not in used:
                places, size = _place_at(tokens, index + 1, fuzzy=word in FUZZY_CUES)
                if places:
                    place, others = places[0], places[1:]
                    place_span = set(range(index + 1, index + 1 + size))
                    break
    # 3. A town on its own: written with a capital ("Witney"), beside a kind word, or at the
    #    end, where people add where they are ("stoma care witney").
    if place is None:
        for index, token in enumerate(tokens):
            if index in used:
                continue
            places, size = _place_at(tokens, index, fuzzy=False)
            named = token[:1].isupper() or kinds or index + size == len(tokens)
            if places and named and not set(range(index, index + size)) & used:
                place, others = places[0], places[1:]
                place_span = set(range(index, index + size))
                break

    rest = [
        token
        for index, token in enumerate(tokens)
        if index not in used and index not in place_span and lower[index] not in FILLER
    ]
    return Understood(
        query=query,
        place=place,
        place_words=" ".join(tokens[i] for i in sorted(place_span)),
        other_places=tuple(others),
        kinds=tuple(kinds),
        rest=" ".join(rest),
        topic=" ".join(token for index, token in enumerate(tokens) if index not in used) or query,
        tokens=tuple(tokens),
    )


def normalised_title(text: str) -> str:
    """Lower-case words only: "What is a personal budget?" -> "what is a personal budget"."""
    return " ".join(TOKEN.findall((text or "").lower()))


def _plain(word: str) -> str:
    """A word as synonyms are matched: lower case, no apostrophe, no plural "s"."""
    word = word.lower().replace("'", "").replace("’", "")
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


#: The synonym table made for each registry, with what it was made from (its kinds and their
#: synonym tables): made again only when one of them is not the same object (the glossary
#: hands back a new table after a term changes), not on every search.
_kept_synonym_tables: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _synonym_table(registry: SearchRegistry) -> dict[str, list[tuple[int, list, list]]]:
    """The registry's synonyms, each as (its place in the table, its words, its alternatives),
    under its first word: a search looks up the words it has, not every phrase there is."""
    kinds, tables = list(registry), registry.synonym_tables()
    kept = _kept_synonym_tables.get(registry)
    made_from = [*kinds, *tables]
    if kept is not None and _same_objects(kept[0], made_from):
        return kept[1]
    by_first_word: dict[str, list[tuple[int, list, list]]] = {}
    for place, (words, alternatives) in enumerate(_made_synonym_table(registry, tables)):
        if words:
            by_first_word.setdefault(words[0], []).append((place, words, alternatives))
    _kept_synonym_tables[registry] = (made_from, by_first_word)
    return by_first_word


def _same_objects(these: list, those: list) -> bool:
    return len(these) == len(those) and all(a is b for a, b in zip(these, those, strict=True))


def _made_synonym_table(registry: SearchRegistry, tables: list) -> list:
    kind_words = {phrase.lower() for kind in registry for phrase in kind.kind_words}
    table = []
    for phrase, alternatives in registry.synonyms(tables).items():
        # A word that names a kind ("PA") is understood as that kind, not spelled out.
        if phrase in kind_words or not alternatives:
            continue
        table.append(([_plain(word) for word in TOKEN.findall(phrase)], list(alternatives)))
    return table


def synonyms_in(tokens: list[str], registry: SearchRegistry | None = None) -> list[str]:
    """The alternatives the parts registered for any word or phrase among ``tokens``, each once,
    leaving out words already typed."""
    registry = registry or site_search
    plain = [_plain(token) for token in tokens]
    typed = set(plain)
    table = _synonym_table(registry)
    matched = {
        (place, tuple(alternatives))
        for start, word in enumerate(plain)
        for place, words, alternatives in table.get(word, ())
        if plain[start : start + len(words)] == words
    }
    found: list[str] = []
    for _place, alternatives in sorted(matched):  # in the table's order, each phrase once
        for alternative in alternatives:
            for word in TOKEN.findall(alternative):
                if _plain(word) not in typed and word not in found:
                    found.append(word)
    return found


def search_words(text: str, registry: SearchRegistry | None = None) -> str:
    """What a backend should look for when someone types ``text``: their words without the
    ones that only make it a question ("what is an ISF" -> "ISF"), and the synonyms the parts
    registered for them ("ISF" -> "individual service fund"), as :func:`searchable_words`."""
    tokens = TOKEN.findall(text or "")
    words = meaningful_words(tokens) + synonyms_in(tokens, registry)
    return searchable_words(" ".join(words))
