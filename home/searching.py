"""What the site search may show from the guides part: published, public pages only, and the
glossary (which is public by nature)."""

from django.db.models import Subquery
from django.utils.translation import gettext as _

from pbsite.caching import Memo
from pbsite.locales import active_locale_id, default_locale_id
from pbsite.view_restrictions import any_view_restrictions, public
from search.registry import SearchHit

from .glossary import term_address
from .models import (
    GlossaryTerm,
    GuidePage,
    HomeFeaturedGuide,
    HomePage,
    StandardPage,
    address_of,
)


def in_reading_languages(pages):
    """English pages, and in another language its translations too: most pages are only in
    English, so a Polish reader still finds them."""
    return pages.filter(locale__in={default_locale_id(), active_locale_id()})


def visible_pages_depend_on(user) -> tuple | None:
    """What ``visible_guides`` and ``visible_standard_pages`` read: the languages read in. Not
    kept while any page is private: Wagtail's ``public()`` reads the private sections' paths
    into the query as it is built."""
    if any_view_restrictions():
        return None
    return default_locale_id(), active_locale_id()


def visible_guides(user):
    # A hit shows a guide's title and summary, never its body: the body's blocks stay unread.
    return in_reading_languages(public(GuidePage.objects.live().defer_streamfields()))


def popular_guides(limit: int = 5) -> list[dict]:
    """The guides the home page features (chosen by editors), else the first in the tree, as
    rows of ``GUIDE_VALUES`` (``describe_guide_values``): the search page offers them when
    nothing is found, and a Wagtail page built for each cost more than the search."""
    home = HomePage.objects.live().order_by("path").values("pk")[:1]  # as .first() picks it
    # Only guides anyone may read: an editor may have moved a featured guide somewhere private.
    readable = visible_guides(None).values("pk")
    links = HomeFeaturedGuide.objects.filter(page_id=Subquery(home), guide__in=readable)
    featured = links.order_by("sort_order", "pk").values(
        "guide_id", *(f"guide__{name}" for name in GUIDE_VALUES)
    )[:limit]
    rows = [
        {"pk": link["guide_id"], **{name: link[f"guide__{name}"] for name in GUIDE_VALUES}}
        for link in featured
    ]
    return rows or list(visible_guides(None).order_by("path").values("pk", *GUIDE_VALUES)[:limit])


def describe_guide(guide: GuidePage) -> SearchHit:
    return SearchHit(
        title=guide.title,
        url=guide.url,
        summary=guide.summary,
        meta=_("Guide · %(stage)s") % {"stage": guide.get_stage_display()},
    )


#: What a guide's hit shows, read as plain values (see ``describe_guide_values``).
GUIDE_VALUES = ("title", "url_path", "summary", "stage")


def describe_guide_values(row: dict) -> SearchHit:
    """``describe_guide`` from a row of ``GUIDE_VALUES``: the address worked out from the
    ``url_path`` as Wagtail works it out, the stage named as ``get_stage_display`` names it."""
    stage = _stage_names().get(row["stage"], row["stage"])
    return SearchHit(
        title=row["title"],
        url=address_of(row["url_path"]),
        summary=row["summary"],
        meta=_("Guide · %(stage)s") % {"stage": stage},
    )


def _stage_names() -> dict:
    return dict(GuidePage._meta.get_field("stage").flatchoices)


def visible_terms(user):
    return GlossaryTerm.objects.all()


def describe_term(term: GlossaryTerm) -> SearchHit:
    return _term_hit(term.term, term.get_absolute_url(), term.meaning)


#: What a glossary term's hit shows, read as plain values (see ``describe_term_values``).
TERM_VALUES = ("term", "slug", "meaning")


def describe_term_values(row: dict) -> SearchHit:
    """``describe_term`` from a row of ``TERM_VALUES``."""
    return _term_hit(row["term"], term_address(row["slug"]), row["meaning"])


def _term_hit(term: str, url: str, meaning: str) -> SearchHit:
    return SearchHit(title=term, url=url, summary=meaning, meta=_("Words explained"))


def visible_standard_pages(user):
    return in_reading_languages(public(StandardPage.objects.live().defer_streamfields()))


def describe_standard_page(page: StandardPage) -> SearchHit:
    return SearchHit(title=page.title, url=page.url, summary=page.summary, meta=_("About us"))


#: What a page's hit shows, read as plain values (see ``describe_standard_page_values``).
STANDARD_PAGE_VALUES = ("title", "url_path", "summary")


def describe_standard_page_values(row: dict) -> SearchHit:
    return SearchHit(
        title=row["title"],
        url=address_of(row["url_path"]),
        summary=row["summary"],
        meta=_("About us"),
    )


#: Everyday ways of saying what the guides, the glossary and the site's pages are about.
WORDS = {
    # "Can I pay my daughter to care for me": the guides speak of family and friends.
    **dict.fromkeys(
        (
            "daughter",
            "son",
            "mum",
            "mother",
            "dad",
            "father",
            "wife",
            "husband",
            "partner",
            "sister",
            "brother",
            "relative",
            "grandchild",
        ),
        ("family",),
    ),
    "pay for": ("spend",),
    "receipt": ("records",),
    "didnt spend": ("underspend",),
    "not spent": ("underspend",),
    "left over": ("underspend",),
    "take back": ("clawback",),
    "speak up": ("advocate",),
    "other people": ("peer",),
    "people like me": ("peer",),
    "rules": ("code of conduct",),
    "real person": ("contact",),
    # "What do you keep about me": the privacy notice says what is kept and why.
    "keep about me": ("privacy",),
    "data about me": ("privacy",),
}


def glossary_abbreviations() -> dict[str, list[str]]:
    """ "ISF" -> "Individual service fund": each short form in capitals that a glossary term is
    also known as stands for the term's name, so a search for it also finds what is written
    out in full (guides rarely use the short form). Other names are not spelled out: "health
    budget" is how people say a personal health budget, and also how they start a question.

    The same table is handed back until a term changes (a Memo), so the search can tell it has
    not changed without reading it (``search.understanding``): never change it."""
    return _abbreviations.get()


def _read_abbreviations() -> dict[str, list[str]]:
    from .glossary import is_acronym

    table: dict[str, list[str]] = {}
    for term in GlossaryTerm.objects.only("term", "also_known_as"):
        for name in term.aliases:
            if all(is_acronym(word) for word in name.split()):
                table.setdefault(name.lower(), []).append(term.term)
    return table


_abbreviations = Memo("glossary-abbreviations", _read_abbreviations)
forget_abbreviations = _abbreviations.forget
