"""Every query class, filter lookup and result feature of the Whoosh backend, through the
public API (``Page.objects.search`` and the backend's ``search``/``autocomplete``)."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from modelsearch.backends.base import FilterFieldError, SearchFieldError
from modelsearch.query import MATCH_ALL, MATCH_NONE, Boost, Fuzzy, Not, Phrase, PlainText
from wagtail.models import Page

from .conftest import GUIDE_TITLES, add_page

pytestmark = pytest.mark.django_db


def titles(results):
    return [result.title for result in results]


def test_plain_text_or_finds_any_word_and_ranks_both_words_first(whoosh, guides):
    found = titles(whoosh.search("payroll assistant", Page, operator="or"))
    assert found[0] == "Paying your personal assistant through payroll"
    assert set(found) == {
        "Paying your personal assistant through payroll",
        "Hiring a personal assistant",
        "Hoist training for assistants",
    }


def test_plain_text_and_needs_every_word(whoosh, guides):
    found = titles(whoosh.search(PlainText("personal assistant payroll", operator="and"), Page))
    assert found == ["Paying your personal assistant through payroll"]


def test_words_are_stemmed_so_plurals_match(whoosh, guides):
    assert set(titles(whoosh.search("payment", Page))) == {
        "Direct payments explained",
        "Managed accounts and direct payments",
    }


def test_phrase_needs_the_words_in_order(whoosh, guides):
    assert set(titles(whoosh.search(Phrase("direct payments"), Page))) == {
        "Direct payments explained",
        "Managed accounts and direct payments",
    }
    assert titles(whoosh.search(Phrase("payments direct"), Page)) == []


def test_fuzzy_forgives_a_misspelling(whoosh, guides):
    assert set(titles(whoosh.search(Fuzzy("asistant"), Page))) >= {"Hiring a personal assistant"}
    assert titles(whoosh.search(PlainText("asistant"), Page)) == []


def test_boost_reorders_results(whoosh, guides):
    up = whoosh.search(PlainText("hoist") | Boost(PlainText("payroll"), 10), Page)
    down = whoosh.search(PlainText("hoist") | Boost(PlainText("payroll"), 0.1), Page)
    assert titles(up)[0] == "Paying your personal assistant through payroll"
    assert titles(down)[0] == "Hoist training for assistants"


def test_and_or_not_combine(whoosh, guides):
    only_direct = whoosh.search(PlainText("direct") & ~PlainText("managed"), Page)
    assert titles(only_direct) == ["Direct payments explained"]
    either = whoosh.search(PlainText("hoist") | PlainText("managed"), Page)
    assert set(titles(either)) == {
        "Hoist training for assistants",
        "Managed accounts and direct payments",
    }
    everything_but = whoosh.search(Not(PlainText("assistant")), Page)
    assert "Hiring a personal assistant" not in titles(everything_but)
    assert "Direct payments explained" in titles(everything_but)


def test_match_all_and_match_none(whoosh, guides):
    assert whoosh.search(MATCH_ALL, Page).count() == len(guides)
    assert list(whoosh.search(MATCH_NONE, Page)) == []
    assert whoosh.search(PlainText("hoist") & MATCH_ALL, Page).count() == 1


def test_autocomplete_matches_the_start_of_words_only_in_autocomplete_fields(whoosh, guides):
    assert set(titles(whoosh.autocomplete("assis", Page))) == {
        "Hiring a personal assistant",
        "Paying your personal assistant through payroll",
        "Hoist training for assistants",
    }
    assert titles(whoosh.autocomplete("hoi tra", Page, operator="and")) == [
        "Hoist training for assistants"
    ]
    assert titles(whoosh.autocomplete("ssistant", Page)) == []  # prefixes, not infixes


def test_fields_restricts_where_to_look(whoosh, guides):
    assert len(whoosh.search("hoist", Page, fields=["title"])) == 1
    with pytest.raises(SearchFieldError):
        whoosh.search("hoist", Page, fields=["slug"])


def test_annotate_score_gives_descending_floats(whoosh, guides):
    results = list(whoosh.search("assistant payroll", Page).annotate_score("score"))
    scores = [result.score for result in results]
    assert all(isinstance(score, float) for score in scores)
    assert scores == sorted(scores, reverse=True)


def test_count_and_slices_do_not_load_objects(whoosh, guides, django_assert_num_queries):
    results = whoosh.search("assistant", Page)
    with django_assert_num_queries(0):
        assert results.count() == 3
        assert results[1:].count() == 2
        assert results[:1].count() == 1
    with django_assert_num_queries(1):
        assert len(list(results[:2])) == 2


def test_slices_page_through_every_hit_once(whoosh, guides):
    results = whoosh.search(MATCH_ALL, Page.objects.order_by("title"), order_by_relevance=False)
    pages = [titles(results[start : start + 2]) for start in range(0, 6, 2)]
    flat = [title for page in pages for title in page]
    assert flat == sorted(flat)
    assert len(set(flat)) == 6


def test_facet_counts_each_value(whoosh, guides, root_page):
    child_of_guide = add_page(guides["Direct payments explained"], "Direct payment agreements")
    assert child_of_guide.depth == 3
    assert whoosh.search(MATCH_ALL, Page).facet("depth") == {2: 6, 3: 1}
    with pytest.raises(FilterFieldError):
        whoosh.search(MATCH_ALL, Page).facet("slug")


def test_order_by_filter_fields(whoosh, guides):
    ordered = Page.objects.filter(live=True).order_by("-title")
    found = titles(whoosh.search(MATCH_ALL, ordered, order_by_relevance=False))
    assert found == sorted(GUIDE_TITLES, reverse=True)
    by_date = Page.objects.live().order_by("first_published_at")
    oldest_first = titles(whoosh.search("assistant", by_date, order_by_relevance=False))
    assert oldest_first == [
        "Hoist training for assistants",
        "Paying your personal assistant through payroll",
        "Hiring a personal assistant",
    ]
    # Asked again, the filters come from the searcher's kept document sets: the same order,
    # and scores are still added to (not to sort keys).
    again = titles(whoosh.search("assistant", by_date, order_by_relevance=False))
    assert again == oldest_first
    assert titles(whoosh.search(MATCH_ALL, ordered, order_by_relevance=False)) == found


@pytest.mark.parametrize("lookup", ["gt", "in", "isnull_false", "range"])
def test_a_kept_filter_scores_and_counts_as_the_query_did(whoosh, guides, lookup):
    """A filter seen a second time is matched from a set kept on the searcher: the same hits,
    scores and counts as when it was part of the query."""
    queryset = Page.objects.filter(**FILTERS[lookup])
    first = [
        (page.title, page.score)
        for page in whoosh.search("assistant", queryset).annotate_score("score")
    ]
    count = whoosh.search("assistant", queryset).count()
    again = [
        (page.title, page.score)
        for page in whoosh.search("assistant", queryset).annotate_score("score")
    ]
    assert again == first
    assert whoosh.search("assistant", queryset).count() == count


# Filter lookups: each one, with the database's answer as the reference.

FILTERS = {
    "exact": {"live": False},
    "exact_none": {"first_published_at": None},
    "gt": {"first_published_at__gt": timezone.now() - datetime.timedelta(days=25)},
    "gte": {"depth__gte": 2},
    "lt": {"first_published_at__lt": timezone.now() - datetime.timedelta(days=25)},
    "lte": {"depth__lte": 1},
    "in": {"title__in": ["Direct payments explained", "Hoist training for assistants"]},
    "isnull_true": {"first_published_at__isnull": True},
    "isnull_false": {"first_published_at__isnull": False},
    "startswith": {"title__startswith": "Pay"},
    "range": {
        "first_published_at__range": (
            timezone.now() - datetime.timedelta(days=35),
            timezone.now() - datetime.timedelta(days=15),
        )
    },
    "year": {"first_published_at__year": timezone.now().year},
}


@pytest.mark.parametrize("lookup", FILTERS)
def test_filter_lookups_agree_with_the_database(whoosh, guides, lookup):
    ours = [page.pk for page in guides.values()]  # pages made by migrations are not indexed
    queryset = Page.objects.filter(**FILTERS[lookup]).filter(id__in=ours)
    expected = set(queryset.values_list("title", flat=True))
    assert set(titles(whoosh.search(MATCH_ALL, queryset))) == expected
    assert whoosh.search(MATCH_ALL, queryset).count() == len(expected)


def test_negated_and_combined_filters(whoosh, guides):
    queryset = Page.objects.live().exclude(title__startswith="Pay").filter(depth=2)
    assert set(titles(whoosh.search("assistant", queryset))) == {
        "Hiring a personal assistant",
        "Hoist training for assistants",
    }
    assert list(whoosh.search("assistant", Page.objects.none())) == []


def test_tree_filters_of_pages(whoosh, guides):
    parent = guides["Direct payments explained"]
    add_page(parent, "Direct payment support plans")
    found = titles(whoosh.search("direct", Page.objects.descendant_of(parent)))
    assert found == ["Direct payment support plans"]


def test_search_on_page_finds_subclasses_and_a_subclass_search_only_its_own(whoosh, root_page):
    from home.models import HomePage

    home = add_page(root_page, "Guides about assistants")  # a plain Page
    special = HomePage(title="Welcome, assistants", slug="welcome-assistants")
    root_page.add_child(instance=special)
    assert {type(page) for page in whoosh.search("assistants", Page.objects.specific())} == {
        Page,
        HomePage,
    }
    assert [page.pk for page in whoosh.search("assistants", HomePage)] == [special.pk]
    assert home.pk not in [page.pk for page in whoosh.search("welcome", HomePage)]


def test_related_fields_are_searchable(whoosh, db):
    from wagtail.documents.models import Document

    leaflet = Document(title="Leaflet", file=ContentFile(b"hello", name="leaflet.txt"))
    leaflet.save()
    leaflet.tags.add("wheelchair")
    leaflet.save()  # tags are saved after the document; index again with them
    assert [doc.pk for doc in whoosh.search("wheelchair", Document)] == [leaflet.pk]
    assert [doc.pk for doc in whoosh.autocomplete("wheel", Document)] == [leaflet.pk]


def test_a_smaller_saturation_gives_a_word_said_once_a_bigger_share(whoosh, guides):
    """A kind's own K1 (``saturation``, registered by the part) scores its search, and the
    calibration's ceiling follows it: with K1 = 2 a word said once in a field of the usual
    length reaches a third of the ceiling, with K1 = 0.5 two thirds."""
    from search.registry import SearchableKind
    from search.site import comparable

    def score(results):
        [(_pk, calibrated)], _count = results.scored_and_counted(10)
        return calibrated

    site = score(whoosh.search("hoist", Page).calibrate())
    short_texts = SearchableKind("k", "K", Page, visible_to=None, describe=None, saturation=0.5)
    own = score(comparable(whoosh.search("hoist", Page), short_texts))
    assert own > site * 1.5
    assert score(whoosh.search("hoist", Page).calibrate(saturation=2.0)) == pytest.approx(site)
