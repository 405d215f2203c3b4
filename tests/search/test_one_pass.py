"""One pipeline, one pass: visibility is decided in the index, each kind is searched once for
its count and its ranking, and the search page costs a fixed number of database queries."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from modelsearch.backends import get_search_backend
from whoosh.searching import Searcher

from directory.models import ListingStatus
from pa_register.models import PACoverage
from pbsite.registry import daily_jobs
from search.backends import whoosh_arrays
from search.backends.whoosh import _hit_statements
from search.registry import site_search
from search.site import SiteSearchResults, search_site, search_visible
from search.spelling import rebuild_vocabulary, suggest
from tests.directory.conftest import make_service
from tests.pa_register.conftest import make_pa
from tests.queries import without_cache_reads

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def whoosh_backend(whoosh):
    return whoosh


@pytest.fixture
def searches(monkeypatch):
    """How many times a query is run on the index: by Whoosh's searcher (every search of
    Whoosh's own goes through ``search_with_collector``) or scored with arrays."""
    calls = []
    original = Searcher.search_with_collector
    with_arrays = whoosh_arrays.search

    def counted(self, query, collector, **options):
        calls.append(query)
        return original(self, query, collector, **options)

    def counted_with_arrays(searcher, query, *args, **options):
        calls.append(query)
        return with_arrays(searcher, query, *args, **options)

    monkeypatch.setattr(Searcher, "search_with_collector", counted)
    monkeypatch.setattr(whoosh_arrays, "search", counted_with_arrays)
    return calls


@pytest.mark.parametrize("key", sorted(site_search.kinds))
def test_every_kinds_visibility_is_checked_in_the_index(key):
    """No kind falls back to a list of primary keys, nor to the database filtering matches."""
    kind = site_search.get(key)
    results = search_visible(get_search_backend(), "support", kind, AnonymousUser())
    compiler = results.query_compiler
    restriction, needs_database = compiler.restrictions()
    assert not needs_database
    # A pk__in list would show as a filter on the primary key column.
    assert "fi_id" not in repr(restriction)
    # The kind's own rules, searched as they are: a filter the index does not hold raises
    # FilterFieldError, which search_visible turns into a list of every visible primary key
    # (with no rows, an empty one the check above cannot see).
    get_search_backend().search("support", kind.visible_to(AnonymousUser()))


def test_a_service_leaves_the_search_when_its_organisation_is_unapproved():
    service = make_service("Riverside Pottery Club", description="Clay and pottery.")
    assert search_site("pottery", AnonymousUser()).total == 1
    organisation = service.organisation
    organisation.status = ListingStatus.PENDING
    organisation.save()
    results = search_site("pottery", AnonymousUser())
    # The count comes from the index alone: it must know about the organisation.
    assert results.total == 0
    assert results.hits == []
    organisation.status = ListingStatus.APPROVED
    organisation.save()
    assert search_site("pottery", AnonymousUser()).total == 1


def test_a_pa_leaves_the_search_when_their_account_is_deactivated():
    pa = make_pa("Wendy Wheelchair", about="Experienced with wheelchairs and hoists.")
    assert search_site("wheelchairs", AnonymousUser()).total == 1
    pa.user.is_active = False
    pa.user.save()
    assert search_site("wheelchairs", AnonymousUser()).total == 0


def test_a_login_does_not_reindex_the_profile(django_capture_on_commit_callbacks):
    pa = make_pa("Lena Login", about="Hoists.")
    with django_capture_on_commit_callbacks() as callbacks:
        pa.user.save(update_fields=["last_login"])
    assert not [hook for hook in callbacks if getattr(hook, "search_index_write", False)]


def test_one_backend_search_per_kind_counts_and_ranks(searches):
    make_pa("Priya Personal", about="Personal assistant, hoist trained.")
    make_service("Hoist Helpers", description="Hoist training at home.")
    call_command("update_index", verbosity=0)  # every kind's index exists, even if empty
    searches.clear()
    results = search_site("hoist", AnonymousUser())
    assert results.total == 2
    assert {hit.kind for hit in results.hits} == {"pas", "directory"}
    # At most one per kind (never a count and then a second ranked search); a kind whose index
    # holds nothing yet may not need one.
    assert len(searches) <= len(list(site_search))


def test_a_kind_without_any_of_the_words_is_not_searched(searches):
    make_pa("Priya Personal", about="Personal assistant, hoist trained.")
    call_command("update_index", verbosity=0)
    # The glossary's short forms ("ISF") are read once and kept (home.searching): a first search.
    search_site("hoist", AnonymousUser())
    searches.clear()
    # No kind's index holds "zzqx": no visibility rules are read, no search is run. (Whether
    # the kept short forms are current is a read of the cache: SQL on the embedded default.)
    with CaptureQueriesContext(connection) as queries:
        assert SiteSearchResults("zzqx", AnonymousUser()).total == 0
    assert without_cache_reads(queries.captured_queries) == []
    assert searches == []
    assert search_site("hoist", AnonymousUser()).total == 1
    assert len(searches) == 1  # only the register holds "hoist"


def test_a_kept_visibility_filter_gives_what_the_query_gave(searches):
    """The second search with the same visibility rules reads them from the searcher's kept
    document sets: the same hits, counts and scores as the first, and a change to the index
    (a new searcher) starts afresh."""
    make_pa("Priya Personal", about="Personal assistant, hoist trained.")
    make_pa("Hana Hoist", about="Hoist and personal care.")
    first = search_site("hoist", AnonymousUser())
    again = search_site("hoist", AnonymousUser())
    assert [(hit.url, hit.score) for hit in again.hits] == [
        (hit.url, hit.score) for hit in first.hits
    ]
    assert again.total == first.total == 2
    pa = make_pa("Olu Hoist", about="Hoists.")
    assert search_site("hoist", AnonymousUser()).total == 3
    pa.paused = True
    pa.save()
    assert search_site("hoist", AnonymousUser()).total == 2


def test_the_search_page_costs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    for number in range(12):
        make_pa(f"Hoist Person {number}", about="Hoist trained personal assistant.")
        make_service(f"Hoist Service {number}", description="Hoist training.")
    client.get("/search/", {"q": "hoist"})  # warm the per-process caches (site root, etc.)
    # Nine: the session-free page's own, the PAs' and services' visibility rules (the code
    # of conduct's version), and one load per kind shown (hits are loaded only once they can
    # reach the page). It was up to 30 while every kind's top hits were loaded.
    with django_assert_max_num_queries(9):
        response = client.get("/search/", {"q": "hoist"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "24 results" in html, re.findall(r"[A-Za-z ]+ <span class=\"count-text\">\(\d+\)", html)


def test_pas_near_a_place_are_read_through_the_coverage_rows(client):
    banbury = [make_pa(f"Banbury PA {n}", districts=["OX16", "OX4"]) for n in range(3)]
    make_pa("Oxford PA", districts=["OX4"])
    client.get("/search/", {"q": "find a PA near Banbury"})  # warm the per-process caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/search/", {"q": "find a PA near Banbury"})
    html = response.content.decode()
    assert all(pa.get_absolute_url() in html for pa in banbury) and "Oxford PA" not in html
    # Two, as before the coverage rows: the ids of the PAs there, in order, and the hits shown.
    # Who covers the place is read through the rows' index; nothing scans the profiles' JSON.
    sql = without_cache_reads(queries.captured_queries)
    assert len(sql) == 2, "\n".join(sql)
    assert all(PACoverage._meta.db_table in query for query in sql), sql
    assert "LIKE" not in " ".join(sql)


def test_a_suggestion_reads_the_kept_vocabulary_and_never_the_database(django_assert_num_queries):
    make_pa("Priya Personal", about="Experienced personal assistant, hoist trained.")
    rebuild_vocabulary.enqueue()  # what the worker does (at once, with the tests' task backend)
    with django_assert_num_queries(0):
        assert suggest("persnal asistant") == "personal assistant"
    assert "spelling vocabulary" in daily_jobs.jobs


def test_new_content_reaches_the_vocabulary():
    make_pa("Priya Personal", about="Experienced personal assistant.")
    assert suggest("wheelchiar") is None
    make_pa("Wendy Wheel", about="Happy to push a wheelchair.")
    assert suggest("wheelchiar") == "wheelchair"


def test_a_process_keeps_the_vocabulary_while_its_version_stands(monkeypatch):
    """The words are read from the cache once per version (not unpickled on every search that
    finds little); a rebuilt vocabulary is taken at the next search."""
    from django.core.cache import caches

    from search import spelling

    builds = []
    build = spelling.build_vocabulary
    monkeypatch.setattr(spelling, "build_vocabulary", lambda: builds.append(1) or build())
    make_pa("Priya Personal", about="Experienced personal assistant.")
    rebuild_vocabulary.enqueue()
    assert suggest("persnal") == "personal"
    caches["derived"].delete(spelling.CACHE_KEY)  # the words gone from the cache, not their version
    assert suggest("persnal") == "personal"
    assert len(builds) == 1  # this process kept the words it had read
    make_pa("Wendy Wheel", about="Happy to push a wheelchair.")
    rebuild_vocabulary.enqueue()
    assert suggest("wheelchiar") == "wheelchair"


def test_a_group_near_a_place_is_searched_inside_the_index_visibility():
    """The directory's place rule is SQL (Exists over its areas): it narrows the index's
    visible services by id, and the search still ranks and counts in one go."""
    make_service("Riverside Pottery Club", description="Pottery and clay.", districts=("OX4",))
    make_service("Banbury Pottery Club", description="Pottery and clay.", districts=("OX16",))
    results = search_site("pottery group in OX4", AnonymousUser())
    assert results.focus_label
    assert [hit.title for hit in results.hits] == ["Riverside Pottery Club"]
    assert results.total == 1


def test_a_kind_and_a_place_search_only_that_kind_until_every_count_is_asked(searches):
    """ "pottery group in OX4" shows groups there and offers "show everything instead", not
    every kind's count: the other kinds are searched only if their counts are asked for, and
    then counted as a search of everything counts them."""
    make_service("Riverside Pottery Club", description="Pottery and clay.", districts=("OX4",))
    make_pa("Polly Potter", about="Pottery and clay with the people I support.")
    results = search_site("pottery group in OX4", AnonymousUser())
    assert results.focus_label and results.total == 1
    searched_kinds = len(searches)
    assert searched_kinds == 1  # the directory's words among what is there; not the PAs
    counts = {entry.key: entry.count for entry in results.kinds}
    assert len(searches) > searched_kinds
    assert counts["directory"] == 1 and counts["pas"] == 1
    everything = search_site("pottery group in OX4", AnonymousUser(), everything=True)
    assert {entry.key: entry.count for entry in everything.kinds}["pas"] == counts["pas"]


def test_a_kind_word_and_a_place_alone_put_what_says_the_word_first():
    """ "class in OX4": nothing is left to search but the kind word, which still says what is
    wanted; what says it comes first, the rest of the place after it."""
    make_service("Abbey Walking Group", description="Walks by the river.", districts=("OX4",))
    make_service("Zed Pottery", description="A weekly pottery class.", districts=("OX4",))
    make_service("Banbury Pottery", description="A weekly pottery class.", districts=("OX16",))
    results = search_site("class in OX4", AnonymousUser())
    assert results.focus_label
    assert [hit.title for hit in results.hits] == ["Zed Pottery", "Abbey Walking Group"]
    assert results.total == 2


def test_a_word_that_only_names_the_kind_leaves_what_is_there_in_its_own_order(searches):
    """ "carer in OX4": every PA is one, so a profile that happens to say "carer" is no better
    an answer. The PAs there stay most recently confirmed first, and no search is run."""
    make_pa("Ada Recent", about="Cooking and shopping.", confirmed_days_ago=1)
    make_pa("Bea Earlier", about="An experienced carer.", confirmed_days_ago=5)
    make_pa("Cy Elsewhere", about="An experienced carer.", districts=("OX16",))
    results = search_site("carer in OX4", AnonymousUser())
    assert results.focus_label
    assert [hit.title for hit in results.hits] == ["Ada Recent", "Bea Earlier"]
    assert results.total == 2
    assert searches == []


def _page_queries(client, query):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    return len(captured), response.content.decode()


def test_forum_hits_on_the_search_page_cost_no_query_each(client):
    """Each topic shown is described by its first post: those come in one query for the
    page, so ten forum hits cost what two do."""
    from forum.models import Category, Post, Topic
    from tests.people import make_user

    category = Category.objects.create(name="Employing PAs", slug="employing-pas", order=1)
    author = make_user("Maya H")

    def topic(number):
        made = Topic.objects.create(
            category=category, title=f"Hoist question {number}", author=author
        )
        Post.objects.create(
            topic=made, author=author, body_markdown=f"Hoist answer {number}", approved=True
        )

    few, many = _queries_for_two_then_twelve(client, "hoist", topic)
    assert "answer 1" in few[1]
    assert len(re.findall(r"answer \d+", many[1])) == 10
    assert many[0] == few[0]


def _queries_for_two_then_twelve(client, query, make):
    """(queries, HTML) of the search page with two things ``make(number)`` made, then twelve
    (after a first search that fills the per-process caches)."""
    for number in range(2):
        make(number)
    _page_queries(client, query)
    few = _page_queries(client, query)
    for number in range(2, 12):
        make(number)
    return few, _page_queries(client, query)


def test_meeting_hits_on_the_search_page_cost_no_query_each(client):
    """A meeting's hit names its venue's district: the venues come with the meetings, so
    ten meeting hits cost what two do."""
    from tests.meetings.factories import make_meeting, make_venue

    def meeting(number):
        venue = make_venue(name=f"Hall {number}", district=f"OX{number + 1}")
        make_meeting(title=f"Pottery meet {number}", venue=venue)

    few, many = _queries_for_two_then_twelve(client, "pottery meet", meeting)
    assert "OX2" in few[1]
    assert len(re.findall(r"Pottery meet \d+", many[1])) >= 10
    assert many[0] == few[0]


def _guides_matching(count: int, word: str):
    from home import demo
    from home.models import GuideIndexPage
    from tests.home.conftest import make_guide

    guides_page = GuideIndexPage(title="Guides", slug="guides")
    demo.ensure_home_page().add_child(instance=guides_page)
    return [
        make_guide(guides_page, f"{word.title()} guide {number}", body=[])
        for number in range(count)
    ]


def test_guides_placed_by_their_titles_are_loaded_only_when_shown():
    """A title-first kind's first hits are placed by their titles, read alone: a guide is
    loaded (its row, its summary) only once it is on the page asked for."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _guides_matching(16, "hoist")
    with CaptureQueriesContext(connection) as captured:
        results = search_site("hoist", AnonymousUser(), per_page=5)
    assert [hit.kind for hit in results.hits] == ["guides"] * 5
    loads = [q["sql"] for q in captured if '"home_guidepage"."summary"' in q["sql"]]
    assert len(loads) == 1, loads
    loaded_ids = re.search(r'"page_ptr_id" IN \(([^)]*)\)', loads[0])
    assert loaded_ids, loads[0]
    # Five guides (a statement may ask for a list padded with its last id repeated).
    assert len({number.strip() for number in loaded_ids.group(1).split(",")}) == 5


def test_a_guide_unpublished_since_it_was_indexed_gives_its_place_to_the_next():
    """Placed by its title but gone when loaded (unpublished without the index hearing of
    it): the page is still full, without it."""
    from home.models import GuidePage

    guides = _guides_matching(12, "hoist")
    GuidePage.objects.filter(pk=guides[0].pk).update(live=False)  # no signal: the index keeps it
    results = search_site("hoist", AnonymousUser(), per_page=10)
    titles = [hit.title for hit in results.hits]
    assert len(titles) == 10
    assert guides[0].title not in titles


def test_hits_shown_as_objects_are_read_again_through_one_kept_statement():
    """A kind shown from its objects (meetings) reads a page of hits through SQL built once
    for its kept visible queryset: the same objects as the ORM gives, and one hidden since it
    was indexed (no signal: the index keeps it) still drops out."""
    from meetings.models import Meeting
    from tests.meetings.factories import make_meeting, make_venue

    venue = make_venue()
    meetings = [make_meeting(title=f"Pottery meet {n}", venue=venue) for n in range(3)]
    first = search_site("pottery meet", AnonymousUser(), kind="meetings")
    assert sorted(hit.title for hit in first.hits) == [m.title for m in meetings]
    Meeting.objects.filter(pk=meetings[0].pk).update(hidden=True)
    with CaptureQueriesContext(connection) as captured:
        again = search_site("pottery meet", AnonymousUser(), kind="meetings")
    assert sorted(hit.title for hit in again.hits) == [m.title for m in meetings[1:]]
    assert {hit.url for hit in again.hits} == {m.get_absolute_url() for m in meetings[1:]}
    loads = [q["sql"] for q in captured if '"meetings_meeting"."about"' in q["sql"]]
    assert len(loads) == 1
    statements = [kept[None] for kept in _hit_statements.values() if None in kept]
    # The three hits the index still holds, asked for as four (statements pad their lists).
    assert any(key[1] == (4,) for statement in statements for key in statement._built)
