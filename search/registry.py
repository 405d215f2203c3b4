"""What the site-wide search covers: each part registers its public kinds of content here.

    from search.registry import register

    register(
        "guides", "Guides", GuidePage,
        visible_to=lambda user: GuidePage.objects.live().public(),
        describe=lambda page: SearchHit(title=page.title, url=page.url, summary=page.summary),
    )

``visible_to(user)`` returns the queryset this person may see (anonymous users included); the
search page only ever searches inside it, so private, hidden or unpublished things never show.
``popular()`` (optional) returns a few things worth offering when a search finds nothing (objects,
or rows of ``hit_values`` as ``describe_values`` describes them), shown
under ``popular_heading`` ("Guides people find useful"); ``nothing_found`` (optional) is a
:class:`HelpLink` the empty page offers ("ask in the forum"), so the search page names no part.

How a part helps the search understand what people type (all optional):

- ``weight``: how much this kind's relevance counts when kinds are merged (short glossary
  answers up, forum chatter down);
- ``kind_words``: words and phrases that ask for this kind ("PA", "personal assistant"), and
  ``kind_boost``, how much such a word raises the kind when no place is named ("PA holiday pay"
  still wants the guide on holiday pay, so this is a raise, not a filter);
- ``kind_words_sort``: whether a kind word with a place and nothing else says which sort of
  this kind is wanted ("class near Woodstock": what says "class" first, then the other groups
  there). False where every kind word only names the kind ("PA", "carer", "support worker":
  every PA is one, and one whose profile says "PA" is no better an answer), so what is there
  stays in the kind's own order without a search;
- ``near(queryset, districts)``: the things in the queryset that cover any of these postcode
  districts. A kind word with a place ("a PA near Banbury") then shows only this kind there,
  and ``plural`` names it ("PAs near Banbury (OX16)");
- ``title_first``: a title that matches the whole query exactly, or nearly, comes first
  ("what is a personal budget" finds the guide of that name);
- ``synonyms``: other words for what people type, searched beside it, for every kind ("ISF":
  "individual service fund", "computer": "tech"). A mapping from a word or phrase to its
  alternatives, or a function returning one (for words kept in the database, such as the
  glossary's short forms); a plural "s" and apostrophes are ignored when matching;
- ``saturation``: for backends that can (Whoosh), BM25's K1 for this kind instead of the
  site's: lower for kinds of short texts, where a word said once is as much an answer as a
  word said often in a long guide (a definition, a PA's profile, a forum question).

How a part makes its search cheap (optional):

- ``visibility_depends_on(user)``: what ``visible_to`` reads besides the rows themselves (the
  day, a version number, the language), as a hashable value, or None when it cannot say (its
  rule compares with the time, to the second). Given, the visible queryset is built once for
  each value and kept (see :meth:`SearchableKind.visible`), and the backend compiles its
  filters once (the Whoosh backend walks a queryset's filters into index filters: a dozen kinds
  on every search cost more than the searching). The rows are still read on every search: only
  the rule is kept, so a value it does not name must never change what it means.

- ``hit_values`` and ``describe_values``: the fields a hit is shown from, and the
  :class:`SearchHit` made from a row of their values (a dict, with ``pk``). Where the backend
  can (Whoosh), the hits on the page are then read in one ``values()`` query through
  ``visible_to`` (so the database still checks them) rather than as model instances: a
  Wagtail page costs far more to build than the few values a hit shows. ``describe_values``
  must describe a row exactly as ``describe`` describes the object.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field

#: How many visible querysets one kind keeps (one for each value of what its rule reads: a
#: day, a language); past this, they are all forgotten and built again as needed.
KEPT_VISIBILITY = 16


@dataclass
class SearchHit:
    title: str
    url: str
    summary: str = ""
    meta: str = ""


#: The longest a hit's summary is, in characters (a long text is cut, with "…").
SUMMARY_LENGTH = 200


def hit_summary(text: str) -> str:
    """A hit's summary of a longer text (a PA's "about", a post): its words on one line, cut at
    ``SUMMARY_LENGTH`` characters with "…" when there is more."""
    words = " ".join(text.split())
    return words[:SUMMARY_LENGTH] + ("…" if len(words) > SUMMARY_LENGTH else "")


@dataclass
class HelpLink:
    """A way on when a search finds nothing: ``url_name`` reversed, ``text`` linked, then
    ``after`` ("ask in the forum: people who hold a budget answer questions every day")."""

    url_name: str
    text: str
    after: str = ""

    @property
    def url(self) -> str:
        from django.urls import reverse

        return reverse(self.url_name)


@dataclass
class SearchableKind:
    key: str
    label: str
    model: type
    visible_to: Callable
    describe: Callable[[object], SearchHit]
    order: int = 50
    popular: Callable | None = None
    popular_heading: str = ""
    nothing_found: HelpLink | None = None
    weight: float = 1.0
    kind_words: tuple[str, ...] = ()
    kind_boost: float = 1.0
    kind_words_sort: bool = True
    near: Callable | None = None
    plural: str = ""
    title_first: bool = False
    saturation: float | None = None
    synonyms: Mapping[str, Iterable[str]] | Callable[[], Mapping[str, Iterable[str]]] = field(
        default_factory=dict
    )
    hit_values: tuple[str, ...] = ()
    describe_values: Callable[[dict], SearchHit] | None = None
    visibility_depends_on: Callable[[object], Hashable | None] | None = None
    _kept_visible: dict = field(default_factory=dict, repr=False, compare=False)

    def visible(self, user):
        """``visible_to(user)``, built once for each value of what the rule reads (where the
        part says what that is) and kept. A kept queryset is only ever narrowed (filtered,
        searched, read as values), never iterated, so it holds no rows of its own."""
        depends_on = self.visibility_depends_on
        key = depends_on(user) if depends_on is not None else None
        if key is None:
            return self.visible_to(user)
        kept = self._kept_visible.get(key)
        if kept is None:
            kept = self.visible_to(user)
            # Kept only if what the rule reads did not change while it was built (midnight,
            # an editor publishing a code of conduct): else it may hold the other value's.
            if depends_on(user) == key:
                if len(self._kept_visible) >= KEPT_VISIBILITY:
                    self._kept_visible.clear()
                self._kept_visible[key] = kept
        return kept

    def describe_found(self, found) -> SearchHit:
        """A hit described from what the search read: a row of ``hit_values``, or the object."""
        if isinstance(found, dict):
            return self.describe_values(found)
        return self.describe(found)


def same_for_everyone(user) -> tuple:
    """``visibility_depends_on`` for a rule that reads nothing but the rows: not the person,
    the day or the language."""
    return ()


@dataclass(eq=False)  # one registry is one registry: what is worked out from it is kept by it
class SearchRegistry:
    kinds: dict[str, SearchableKind] = field(default_factory=dict)

    def register(self, key, label, model, *, visible_to, describe, **options) -> None:
        self.kinds[key] = SearchableKind(key, label, model, visible_to, describe, **options)

    def __iter__(self):
        return iter(sorted(self.kinds.values(), key=lambda kind: (kind.order, kind.label)))

    def get(self, key: str) -> SearchableKind | None:
        return self.kinds.get(key)

    def synonym_tables(self) -> list[Mapping[str, Iterable[str]]]:
        """Each part's synonyms, as it gives them (the same mapping while it has not changed)."""
        return [kind.synonyms() if callable(kind.synonyms) else kind.synonyms for kind in self]

    def synonyms(self, tables: list | None = None) -> dict[str, list[str]]:
        """Every part's synonyms together: a word or phrase -> the words searched beside it."""
        merged: dict[str, list[str]] = {}
        for table in self.synonym_tables() if tables is None else tables:
            for phrase, alternatives in table.items():
                known = merged.setdefault(phrase.lower(), [])
                known.extend(a for a in alternatives if a not in known)
        return merged


site_search = SearchRegistry()
register = site_search.register
