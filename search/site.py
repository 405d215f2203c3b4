"""The site-wide search: one ranked list over every kind of content in :mod:`search.registry`.

Plain functions with no request in sight, so the page, the autocomplete endpoint and the
relevance benchmark all run exactly the same search::

    results = search_site("PA who can use a hoist", user)
    results.kinds            # [KindCount("guides", "Guides", 4), ...] for the filter links
    page = Paginator(results, 10).get_page(1)   # hits ranked best first across kinds

Each kind is searched inside ``visible_to(user)``, the queryset that person may see, so hidden,
private or unpublished things can never be ranked, counted or suggested.
"""

from __future__ import annotations

import contextlib
import difflib
import functools
import heapq
from dataclasses import dataclass
from functools import cached_property

from django.utils.safestring import SafeString
from django.utils.translation import gettext
from modelsearch.backends import get_search_backend
from modelsearch.backends.base import FilterFieldError

from pbsite.request_parsing import MAX_QUERY_LENGTH, clean_text
from pbsite.statements import Statement

from . import spelling
from .highlight import highlight
from .registry import SearchableKind, site_search
from .understanding import FILLER, Understood, normalised_title, search_words, understand
from .words import searchable_words

#: Letters a person may type in the box; longer queries are refused with a plain message.
#: Deep pages cost a merge over every kind; nobody reads past page 50 of a search.
MAX_RANKED_HITS = 500
#: How alike a title and the query must be (difflib's ratio on their words) for the title to
#: count as the query "nearly": "what is a personal budget" and "What is a personal budget?".
TITLE_MATCH = 0.9
#: How deep into a title-first kind's hits to look for a title that matches the query.
TITLE_DEPTH = 20
#: How much a title holding every meaningful word of the query raises a hit (half the words,
#: half as much): a title says what a thing is about, wherever it is searched.
TITLE_WORDS_BOOST = 0.5
#: Words that say nothing about what a title is about.
TITLE_STOP = {
    "what",
    "how",
    "do",
    "does",
    "of",
    "on",
    "and",
    "or",
    "with",
    "your",
    "you",
    "it",
    "if",
    "be",
    "as",
    "this",
    "when",
    "will",
    "about",
    "get",
    "have",
    "has",
    "into",
}
#: With fewer hits than this, a likelier spelling is looked for ("Did you mean …?").
FEW_HITS = 3


class QueryTooLong(ValueError):
    pass


@dataclass(frozen=True)
class KindCount:
    key: str
    label: str
    count: int


@dataclass
class Hit:
    kind: str
    kind_label: str
    title: str
    url: str
    snippet: SafeString
    meta: str
    score: float
    #: The object shown, or its row of values for a kind registered with ``hit_values``.
    object: object


def clean_query(raw: str) -> str:
    """The words a person typed, with control characters dropped and spaces squeezed."""
    text = clean_text(raw)
    if len(text) > MAX_QUERY_LENGTH:
        raise QueryTooLong(
            f"Your search is {len(text)} characters long. Please use {MAX_QUERY_LENGTH} "
            "characters or fewer: a few words work best."
        )
    return text


def _higher_is_better(backend) -> bool:
    # SQLite FTS5's bm25() is negative, and smaller means a better match.
    return "sqlite" not in type(backend).__module__


class SiteSearchResults:
    """Every visible hit for ``query``, ranked best first; sliceable, so Paginator can page it."""

    def __init__(
        self,
        query: str,
        user,
        kind: str | None = None,
        backend=None,
        everything: bool = False,
        depth: int = 10,
    ):
        self.query = query
        #: How many ranked hits the one search per kind fetches: the end of the page shown.
        self.depth = min(max(depth, 1), MAX_RANKED_HITS)
        self.understood: Understood = understand(query)
        place = self.understood.place
        self.words = search_words(self.understood.topic)
        if place is not None:
            # The place's districts are words the register, directory and pools are indexed by.
            self.words = " ".join([self.words, *place.districts])
        self.user = user
        self.backend = backend or get_search_backend()
        self.all_kinds = list(site_search)
        chosen = site_search.get(kind) if kind else None
        self.kind = chosen.key if chosen else None
        #: A kind word and a place ("a PA near Banbury"): only those kinds, only there.
        self.focus: list[SearchableKind] = []
        if place is not None and not everything:
            self.focus = [
                k for k in self.all_kinds if k.key in self.understood.kinds and k.near is not None
            ]
            if chosen and chosen not in self.focus:
                self.focus = []
        self.focus_words = search_words(self.understood.rest) if self.focus else ""
        if chosen:
            self.searched_kinds = [chosen]
        else:
            self.searched_kinds = self.focus or self.all_kinds
        #: (kind, object, score), best first, for the first ``_fetched`` places.
        self._ranked: list[tuple] = []
        self._hits: dict[int, Hit] = {}
        self._fetched = 0
        self.page_hits: list[Hit] | None = None
        #: "Did you mean …?": a likelier spelling of ``query``, when there is one.
        self.suggestion: str | None = None
        #: What was typed, when nothing matched it and these are the corrected search's results.
        self.corrected_from: str | None = None

    @property
    def focus_label(self) -> str:
        """ "PAs near Banbury (OX16)", when the search is narrowed to a kind and a place."""
        if not self.focus:
            return ""
        names = gettext(" and ").join(str(kind.plural or kind.label) for kind in self.focus)
        return gettext("%(kinds)s near %(place)s") % {
            "kinds": names,
            "place": self.understood.place.label,
        }

    def _depth(self, kind: SearchableKind) -> int:
        """How many of this kind's best hits one search fetches (none when only counted)."""
        if kind not in self.searched_kinds:
            return 0
        return max(self.depth, TITLE_DEPTH) if kind.title_first else self.depth

    @cached_property
    def _found(self) -> dict[str, tuple[list[_Entry], int]]:
        """One backend search per kind counted, giving its best hits and its count together.
        Where the backend can (Whoosh), the hits are primary keys and scores: objects are
        loaded only when the merge needs them (see :meth:`_rank_up_to`).

        A kind and a place ("a PA near Banbury") counts only those kinds: the page offers
        "show everything instead", not every kind's count, so the other kinds are searched
        only if their counts are asked for (:attr:`kinds`)."""
        return self._search_kinds(self.focus or self.all_kinds)

    @cached_property
    def _found_everywhere(self) -> dict[str, tuple[list[_Entry], int]]:
        elsewhere = [kind for kind in self.all_kinds if kind.key not in self._found]
        return {**self._search_kinds(elsewhere), **self._found}

    def _search_kinds(self, kinds: list[SearchableKind]) -> dict[str, tuple[list[_Entry], int]]:
        if not self.words:
            return {kind.key: ([], 0) for kind in kinds}
        one_look = getattr(self.backend, "one_look", None)
        with one_look() if one_look is not None else contextlib.nullcontext():
            return {kind.key: self._search(kind, self._depth(kind)) for kind in kinds}

    def _search(self, kind: SearchableKind, depth: int) -> tuple[list[_Entry], int]:
        if kind in self.focus:
            visible = kind.visible(self.user)
            there = kind.near(visible, self.understood.place.districts)
            # What is there, in the kind's own order (by distance, say), read once: counted,
            # searched among and put in order from this list.
            there_ids = list(dict.fromkeys(there.values_list("pk", flat=True)))
            if self.focus_words:
                results = self._search_among(kind, self.focus_words, visible, there, there_ids)
                found = ranked_entries(comparable(results, kind), depth)
                if found[1]:
                    return found
            # "my mum needs a carer in Didcot": no PA mentions "mum", but every PA there is
            # an answer, in the kind's own order.
            count = len(there_ids)
            if not depth:
                return [], count
            if not self.focus_words and kind.kind_words_sort and self._kind_words_typed:
                there_ids = self._saying_kind_words_first(kind, visible, there, there_ids)
            shown = there_ids[:depth]
            page = there.filter(pk__in=shown)
            if kind.hit_values:  # shown from plain values, as ``_load`` reads them
                found = {row["pk"]: row for row in page.values("pk", *kind.hit_values)}
            else:
                found = {obj.pk: obj for obj in page}
            return [_Entry(pk, 0.0, found[pk]) for pk in shown if pk in found], count
        could_match = getattr(self.backend, "could_match", None)
        if could_match is not None and not could_match(kind.model, self.words):
            # None of the words is in this kind's index: no visibility rules, no search.
            return [], 0
        results = search_visible(self.backend, self.words, kind, self.user)
        return ranked_entries(comparable(results, kind), depth)

    def _search_among(self, kind: SearchableKind, words: str, visible, there, there_ids: list):
        """A search of ``words`` in what is there (the place's things, by the part's own rule in
        SQL): the index checks visibility, and the things there are looked up by primary key
        where the backend can (Whoosh's ``among``), else filtered by it."""
        results = search_visible(self.backend, words, kind, self.user, queryset=visible)
        among = getattr(results, "among", None)
        if among is not None:
            return among(there_ids)
        near = visible.filter(pk__in=there.order_by().values("pk"))
        return search_visible(self.backend, words, kind, self.user, queryset=near)

    def _saying_kind_words_first(self, kind: SearchableKind, visible, there, there_ids: list):
        """ "class near Woodstock": nothing is left but the words that asked for the kind, yet
        they can say what sort of thing is wanted. What there says them comes first, then the
        rest; each group in the kind's own order (by distance, say: ``there_ids``' order), so
        a word that every one of them says ("PA" among PAs) changes nothing."""
        count = len(there_ids)
        results = self._search_among(kind, self._kind_words_typed, visible, there, there_ids)
        saying_count = results.count()
        if not saying_count or saying_count >= count:
            return there_ids  # all of them say it ("PA" among PAs), or none: the kind's order
        ranked = getattr(results, "ranked_pks", None)
        if ranked is not None:
            saying = ranked(MAX_RANKED_HITS)
        else:
            saying = [obj.pk for obj in results[:MAX_RANKED_HITS]]
        says = set(saying)
        return [pk for pk in there_ids if pk in says] + [pk for pk in there_ids if pk not in says]

    @cached_property
    def _kind_words_typed(self) -> str:
        """What was typed without the place, as a search ("class near Woodstock" -> "class"):
        with a place and nothing else, the words that asked for the kind."""
        place_words = self.understood.place_words
        typed = self.understood.query
        if place_words:
            typed = typed.replace(place_words, " ")
        return search_words(typed)

    @property
    def _counts(self) -> dict[str, int]:
        return {key: count for key, (_hits, count) in self._found.items()}

    @property
    def _counts_everywhere(self) -> dict[str, int]:
        return {key: count for key, (_hits, count) in self._found_everywhere.items()}

    @property
    def kinds(self) -> list[KindCount]:
        counts = self._counts_everywhere
        return [KindCount(kind.key, kind.label, counts[kind.key]) for kind in self.all_kinds]

    @property
    def total(self) -> int:
        counts = self._counts
        return sum(counts[kind.key] for kind in self.searched_kinds)

    @property
    def total_everywhere(self) -> int:
        return sum(self._counts_everywhere.values())

    @property
    def kind_label(self) -> str:
        return self.searched_kinds[0].label if self.kind else ""

    def count(self) -> int:
        return min(self.total, MAX_RANKED_HITS)

    def __len__(self) -> int:
        return self.count()

    @property
    def hits(self) -> list[Hit]:
        """The page :func:`search_site` was asked for (the first ten otherwise)."""
        return self.page_hits if self.page_hits is not None else self[:10]

    def __getitem__(self, index):
        if isinstance(index, slice):
            stop = min(index.stop if index.stop is not None else self.count(), MAX_RANKED_HITS)
            self._rank_up_to(stop)
            places = range(min(stop, len(self._ranked)))[index.start or 0 :]
            return [self._hit(position) for position in places]
        self._rank_up_to(index + 1)
        return self._hit(range(len(self._ranked))[index])

    def _rank_up_to(self, stop: int) -> None:
        """Take the best ``stop`` hits of each kind and merge them by weighted score.

        A hit's place depends on its title (a title that is the query comes first, and one
        holding the query's words is raised by up to ``TITLE_WORDS_BOOST``), so a title must
        be read to place a hit exactly; but the raise is bounded, so a hit whose best possible
        score cannot reach the ``stop`` best is never loaded. Only the hits that could be
        among them are loaded, a query per kind that has any: the same order as loading all."""
        if stop <= self._fetched or not self.words:
            return
        if stop > self.depth:
            # A deeper page than the search was asked for: search again, that deep.
            self.depth = stop
            self.__dict__.pop("_found", None)
            self.__dict__.pop("_found_everywhere", None)
        sign = 1 if _higher_is_better(self.backend) else -1
        asked = normalised_title(self.query)
        wanted = title_words(search_words(self.understood.rest if self.focus else self.query))
        candidates: list[_Candidate] = []
        for kind in self.searched_kinds:
            entries, count = self._found[kind.key]
            if not count:
                continue
            weight = kind.weight
            if kind.key in self.understood.kinds and not self.focus:
                weight *= kind.kind_boost
            depth = max(stop, TITLE_DEPTH) if kind.title_first else stop
            for position, entry in enumerate(entries[:depth]):
                if entry.obj is not None and entry.title is None:
                    entry.title = _title_of(kind, entry.obj)  # a backend that loads its hits
                base = sign * float(entry.score or 0) * weight
                candidates.append(_Candidate(kind, position, entry, base))
        # A title that is the query outranks everything: these kinds' first hits' titles are
        # read (titles only: most of them will not be on the page).
        self._read_titles(
            [c for c in candidates if c.kind.title_first and c.position < TITLE_DEPTH and asked]
        )
        while True:
            candidates = [c for c in candidates if not c.entry.gone]
            for candidate in candidates:
                if candidate.key is None and candidate.entry.title is not None:
                    candidate.place(asked, wanted)
            lowest = sorted((c.lowest for c in candidates), reverse=True)
            floor = lowest[stop - 1] if len(lowest) >= stop else None
            unread = [
                c
                for c in candidates
                if c.key is None and (floor is None or c.highest(bool(wanted)) >= floor)
            ]
            if not unread:
                placed = [c for c in candidates if c.key is not None]
                best = heapq.nlargest(stop, placed, key=lambda c: c.key)
                # Placed by their titles alone, these are loaded now; any found gone since
                # they were indexed leave room for the next, so the merge goes round again.
                unread = [c for c in best if c.entry.obj is None]
                if not unread:
                    break
            self._load(unread)
        self._ranked = [(c.kind, c.entry.obj, c.key[1]) for c in best]
        self._hits = {}
        self._fetched = stop

    def _read_titles(self, candidates: list[_Candidate]) -> None:
        """The titles of these hits, one small query per kind (a title-first kind's model has a
        ``title``); a hit whose title is read is placed without loading its object."""
        by_kind: dict[str, list[_Candidate]] = {}
        for candidate in candidates:
            if candidate.entry.title is None and not candidate.entry.gone:
                by_kind.setdefault(candidate.kind.key, []).append(candidate)
        for waiting in by_kind.values():
            model = waiting[0].kind.model
            to_python = model._meta.pk.to_python
            pks = [to_python(candidate.entry.pk) for candidate in waiting]
            titles = {str(pk): title for pk, title in _titles_of(model).rows(ids=pks)}
            for candidate in waiting:
                candidate.entry.title = titles.get(str(candidate.entry.pk))
                candidate.entry.gone = candidate.entry.title is None

    def _load(self, candidates: list[_Candidate]) -> None:
        """Load the objects of these hits (those not loaded yet), one query per kind."""
        by_kind: dict[str, list[_Candidate]] = {}
        for candidate in candidates:
            if candidate.entry.obj is None and not candidate.entry.gone:
                by_kind.setdefault(candidate.kind.key, []).append(candidate)
        for key, waiting in by_kind.items():
            results = self._found[key][0].results  # only Whoosh's entries are ever unloaded
            scored = [(c.entry.pk, c.entry.score) for c in waiting]
            fields = waiting[0].kind.hit_values
            if fields:
                # Shown from plain values: no model instances (a Wagtail page's are dear).
                loaded = {str(row["pk"]): row for row in results.load_values(scored, fields)}
            else:
                loaded = {str(obj.pk): obj for obj in results.load(scored)}
            for candidate in waiting:
                obj = candidate.entry.obj = loaded.get(str(candidate.entry.pk))
                candidate.entry.gone = obj is None
                if obj is not None and candidate.entry.title is None:
                    candidate.entry.title = _title_of(candidate.kind, obj)

    def _hit(self, position: int) -> Hit:
        hit = self._hits.get(position)
        if hit is None:
            kind, obj, score = self._ranked[position]
            described = kind.describe_found(obj)
            hit = self._hits[position] = Hit(
                kind=kind.key,
                kind_label=kind.label,
                title=described.title,
                url=described.url,
                snippet=highlight(described.summary, self.query),
                meta=described.meta,
                score=score,
                object=obj,
            )
        return hit


@dataclass
class _Entry:
    """One of a kind's best hits: its primary key and score, and its object once loaded."""

    pk: object
    score: float
    obj: object = None
    #: The title the merge places it by: read with the object, or alone (``_read_titles``).
    title: str | None = None
    #: Loaded, but the object is no longer there (deleted, or hidden since it was indexed).
    gone: bool = False


@dataclass
class _Candidate:
    """A hit in the merge, with what its place is known to be within."""

    kind: SearchableKind
    position: int
    entry: _Entry
    #: The score before its title is looked at (already weighted for its kind).
    base: float
    #: (title matches, score, -position, -kind order) once the object is loaded.
    key: tuple | None = None

    def place(self, asked: str, wanted: set[str]) -> None:
        title = self.entry.title
        score = self.base * (1 + TITLE_WORDS_BOOST * _title_coverage(title, wanted))
        titled = (
            self.kind.title_first and self.position < TITLE_DEPTH and _title_matches(title, asked)
        )
        # The position breaks ties (and orders backends that cannot score) stably.
        self.key = (titled, score, -self.position, -self.kind.order)

    @property
    def lowest(self) -> tuple[bool, float]:
        """The least this hit can rank by: (title matches, score)."""
        if self.key is not None:
            return self.key[:2]
        return (False, min(self.base, self.base * (1 + TITLE_WORDS_BOOST)))

    def highest(self, any_words: bool) -> tuple[bool, float]:
        """The most an unloaded hit can rank by. (The title-first kinds' first hits, which a
        title can put first, are always loaded.)"""
        if not any_words:
            return (False, self.base)
        return (False, max(self.base, self.base * (1 + TITLE_WORDS_BOOST)))


_title_statements: dict[type, Statement] = {}


def _titles_of(model) -> Statement:
    """(pk, title) of a title-first kind's hits, by their primary keys: read for every search,
    so its SQL is built once for each number of hits."""
    if model not in _title_statements:
        _title_statements[model] = Statement(
            lambda ids: model._default_manager.filter(pk__in=ids).values_list("pk", "title"), "ids"
        )
    return _title_statements[model]


def title_words(text: str) -> set[str]:
    """The words of ``text`` that carry meaning, roughly stemmed ("groups" -> "group")."""
    words = normalised_title(text).split()
    return {_stem(word) for word in words if word not in FILLER and word not in TITLE_STOP}


def _stem(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _title_of(kind: SearchableKind, found) -> str:
    if isinstance(found, dict):
        return found.get("title") or kind.describe_found(found).title
    return getattr(found, "title", None) or kind.describe(found).title


def _title_coverage(title: str, wanted: set[str]) -> float:
    """The share of the query's meaningful words that the hit's title holds."""
    if not wanted:
        return 0.0
    return len(wanted & title_words(title)) / len(wanted)


def _title_matches(title: str, asked: str) -> bool:
    """Is this thing's title the query, or nearly (a question mark, a small slip)?"""
    if not asked:
        return False
    title = normalised_title(title)
    if title == asked:
        return True
    # The ratio is at most quick_ratio, which is at most real_quick_ratio (the lengths alone,
    # computed here as difflib does without building a matcher): most titles are ruled out
    # by those cheap bounds before the full comparison.
    if 2.0 * min(len(title), len(asked)) / (len(title) + len(asked)) < TITLE_MATCH:
        return False
    matcher = difflib.SequenceMatcher(None, title, asked)
    return matcher.quick_ratio() >= TITLE_MATCH and matcher.ratio() >= TITLE_MATCH


def comparable(results, kind: SearchableKind | None = None):
    """The results scored so that kinds can be merged: where the backend can (Whoosh), each
    hit's score is its share of the best score the query could reach in its kind's index,
    since each kind has an index of its own with its own word statistics (and, if the kind
    registered one, its own ``saturation``)."""
    calibrate = getattr(results, "calibrate", None)
    if calibrate is not None:
        saturation = kind.saturation if kind is not None else None
        results = calibrate(saturation=saturation) if saturation is not None else calibrate()
    return results.annotate_score("_search_score")


def ranked_and_counted(results, depth: int) -> tuple[list, int]:
    """The best ``depth`` hits and how many there are, in one search where the backend can
    (Whoosh scores and counts in the same pass); otherwise a count and a slice."""
    one_pass = getattr(results, "ranked_and_counted", None)
    if one_pass is not None:
        return one_pass(depth)
    total = results.count()
    return (list(results[:depth]) if depth and total else []), total


def ranked_entries(results, depth: int) -> tuple[list[_Entry], int]:
    """As :func:`ranked_and_counted`, but where the backend can (Whoosh) the hits are primary
    keys and scores, loaded later through ``results.load`` and only if needed."""
    scored = getattr(results, "scored_and_counted", None)
    if scored is None:
        objects, total = ranked_and_counted(results, depth)
        score = [float(getattr(obj, "_search_score", 0) or 0) for obj in objects]
        return [_Entry(obj.pk, s, obj) for obj, s in zip(objects, score, strict=True)], total
    pairs, total = scored(depth)
    return _Loadable([_Entry(pk, score) for pk, score in pairs], results), total


class _Loadable(list):
    """A kind's entries, with the search results that can load their objects."""

    def __init__(self, entries, results):
        super().__init__(entries)
        self.results = results


def finder_matches(
    query: str, kind_key: str, limit: int = MAX_RANKED_HITS, *, operator: str = "or"
) -> list:
    """For a part's own finder (Find a PA, Find support): the primary keys of the things of
    ``kind_key`` anyone may find whose words match ``query``, best first.

    The same parsing (``searchable_words``) and matching rule (any of the words may match) as
    the site search, with visibility checked in the index, and ranked over every match before
    the ``limit`` is taken: never the first few hundred matches in no particular order.
    ``operator="and"`` asks for every word, for an API whose ``search`` narrows a list."""
    kind = site_search.get(kind_key)
    words = searchable_words(query)
    if kind is None or not words:
        return []
    results = search_visible(get_search_backend(), words, kind, None, operator=operator)
    results = comparable(results, kind)  # scored as the site search scores this kind
    ranked = getattr(results, "ranked_pks", None)
    if ranked is not None:
        return ranked(limit)
    return [obj.pk for obj in results[:limit]]


def search_visible(
    backend, query: str, kind: SearchableKind, user, *, partial=False, queryset=None, operator="or"
):
    """Search only what of ``kind`` this person may see, on any backend.

    Visibility rules are filters the index holds: a page's ``live`` flag and path, a PA's
    ``paused`` and ``hidden``, and, through ``index.RelatedFields``, what follows a relation
    (an organisation's approval, an account's deletion), kept current by
    :mod:`search.indexing`. So the index answers in one search, never with a list of every
    visible primary key. A rule the index cannot hold still works (the database filters the
    index's matches), but slowly: ``tests/search/test_one_pass.py`` keeps every kind indexed.
    """
    # People type questions and phrases, not keywords: any of their words may match and the
    # ranking sorts it out. (The database backends would otherwise want every word.)
    search = (
        backend.autocomplete if partial else functools.partial(backend.search, operator=operator)
    )
    visible = kind.visible(user) if queryset is None else queryset
    try:
        return search(query, visible)
    except FilterFieldError:
        return search(query, kind.model._default_manager.filter(pk__in=visible.values("pk")))


def spell_checked_results(
    query: str, user, kind: str | None = None, everything: bool = False, depth: int = 10
) -> SiteSearchResults:
    """The results for ``query``, or, when nothing matches it and a likelier spelling does,
    the results for that spelling (people with dyslexia are among our readers). Spelling is
    only looked at when (almost) nothing was found, so most searches never pay for it.
    ``depth``: the end of the page that will be shown, so one search per kind ranks and
    counts it."""
    results = SiteSearchResults(query, user, kind=kind, everything=everything, depth=depth)
    if results.total >= FEW_HITS:
        return results
    suggestion = spelling.suggest(query)
    if results.total or not suggestion:
        results.suggestion = suggestion
        return results
    corrected = SiteSearchResults(suggestion, user, kind=kind, everything=everything, depth=depth)
    corrected.corrected_from = query
    return corrected


def search_site(
    query: str,
    user,
    kind: str | None = None,
    page: int = 1,
    per_page: int = 10,
    everything: bool = False,
):
    """Search everything ``user`` may see, as the search page does (with its spelling fix).
    ``results.hits`` holds the page asked for."""
    start = (max(page, 1) - 1) * per_page
    results = spell_checked_results(
        clean_query(query), user, kind=kind, everything=everything, depth=start + per_page
    )
    results.page_hits = results[start : start + per_page]
    return results


def warm_search_index() -> None:
    """Before a process serves: the backend reads what searches read first into memory, where
    it can (the Whoosh backend's ``warm``)."""
    warm = getattr(get_search_backend(), "warm", None)
    if warm is not None:
        warm()


def autocomplete(prefix: str, user, limit: int = 8) -> list[dict]:
    """Titles starting with what has been typed so far, across the kinds that offer them."""
    text = searchable_words(clean_query(prefix))
    if len(text) < 2:
        return []
    backend = get_search_backend()
    suggestions = []
    for kind in site_search:
        if not kind.model.get_autocomplete_search_fields():
            continue
        for obj in search_visible(backend, text, kind, user, partial=True)[:limit]:
            described = kind.describe(obj)
            suggestions.append({"title": described.title, "url": described.url, "kind": kind.label})
            if len(suggestions) >= limit:
                return suggestions
    return suggestions
