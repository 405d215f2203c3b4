"""Guides, glossary words and plain pages are registered with the site search, and only what a
visitor may see is searchable."""

import pytest
from wagtail.models import PageViewRestriction

from home.models import GlossaryTerm, GuidePage, StandardPage
from search.registry import site_search

from .conftest import make_guide

pytestmark = pytest.mark.django_db


def test_kinds_are_registered():
    assert site_search.get("guides").model is GuidePage
    assert site_search.get("glossary").model is GlossaryTerm
    assert site_search.get("pages").model is StandardPage


def test_only_published_public_guides_are_visible(guide_index, guide):
    draft = make_guide(guide_index, "Draft guide", live=False)
    private = make_guide(guide_index, "Private guide")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    visible = site_search.get("guides").visible_to(None)
    assert list(visible.values_list("pk", flat=True)) == [guide.pk]
    assert draft.pk not in visible.values_list("pk", flat=True)


def test_describe_a_guide(guide):
    hit = site_search.get("guides").describe(guide)
    assert hit.title == "Direct payments"
    assert hit.url == "/guides/direct-payments/"
    assert hit.summary == guide.summary
    assert hit.meta == "Guide · Before you apply"


def test_describe_a_glossary_term(glossary_terms):
    hit = site_search.get("glossary").describe(glossary_terms[0])
    assert hit.url == "/glossary/#direct-payment" and hit.summary == "Money paid to you."


def test_guides_are_found_by_the_search_backend(guide_index, guide):
    make_guide(
        guide_index,
        "Employing a cleaner",
        slug="cleaner",
        body=[{"type": "paragraph", "value": "<p>Mops, buckets and weekly chores.</p>"}],
    )
    results = site_search.get("guides").visible_to(None).search("direct payments")
    assert [page.pk for page in results] == [guide.pk]


def test_glossary_terms_are_found_by_the_search_backend(glossary_terms):
    results = site_search.get("glossary").visible_to(None).search("assistant")
    assert [term.slug for term in results] == ["personal-assistant"]


def test_a_hit_read_as_values_is_described_as_the_page_is():
    """The site search shows guides and plain pages from a row of values, not Wagtail pages:
    the same title, address, summary and meta for every demo page, translations included,
    whichever language the reader has; and the glossary's terms. (One demo for every case:
    loading it is slow.)"""
    import io

    from django.utils import translation

    from home import demo

    demo.load(io.StringIO())
    for key in ("guides", "pages"):
        kind = site_search.get(key)
        pages = kind.model.objects.all()
        rows = {row["pk"]: row for row in pages.values("pk", *kind.hit_values)}
        assert len(rows) > 1 and any(page.locale.language_code == "pl" for page in pages)
        for language in ("en-gb", "pl", "ro"):
            with translation.override(language):
                for page in pages:
                    assert kind.describe_found(rows[page.pk]) == kind.describe(page)
                    assert kind.describe_found(page) == kind.describe(page)
    # And the glossary's terms, which have no translations.
    kind = site_search.get("glossary")
    terms = GlossaryTerm.objects.all()
    rows = {row["pk"]: row for row in terms.values("pk", *kind.hit_values)}
    assert len(rows) > 10
    for language in ("en-gb", "pl"):
        with translation.override(language):
            for term in terms:
                assert kind.describe_found(rows[term.pk]) == kind.describe(term)


def test_the_popular_guides_are_the_featured_live_ones_in_their_order(home, guide_index):
    """What the search page offers when nothing is found: the home page's featured guides that
    are live, in the editors' order, at most five; the first guides in the tree when none are."""
    from home.models import HomeFeaturedGuide

    kind = site_search.get("guides")
    guides = [make_guide(guide_index, f"Guide number {n}") for n in range(7)]
    assert [hit.title for hit in map(kind.describe_found, kind.popular())] == [
        f"Guide number {n}" for n in range(5)
    ]
    guides[2].unpublish()
    for order, guide in enumerate([guides[6], guides[2], guides[0], *guides[3:6], guides[1]]):
        HomeFeaturedGuide.objects.create(page=home, guide=guide, sort_order=order)
    popular = [kind.describe_found(found) for found in kind.popular()]
    assert popular == [kind.describe(guide) for guide in (guides[6], guides[0], *guides[3:6])]
    # A featured guide an editor has made private is never offered.
    PageViewRestriction.objects.create(page=guides[6], restriction_type=PageViewRestriction.LOGIN)
    popular = [kind.describe_found(found) for found in kind.popular()]
    assert popular == [kind.describe(guide) for guide in (guides[0], *guides[3:6], guides[1])]
