"""The site-wide search at /search/: one ranked list over every kind, only what the person may
see, snippets, spelling help, autocomplete and an empty page that helps. Runs on whichever
backend SEARCH_BACKEND names (Whoosh here, the database backend in CI's PostgreSQL run)."""

import json

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from wagtail.models import PageViewRestriction

from conversations.services import start_conversation
from forum.models import Category
from forum.posting import create_topic
from home.models import GlossaryTerm
from pooling.models import Pool
from search.highlight import highlight
from search.site import MAX_QUERY_LENGTH, search_site
from search.spelling import suggest
from tests.directory.conftest import make_service
from tests.forum.conftest import trusted_member
from tests.home.conftest import make_guide
from tests.pa_register.conftest import make_pa

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def search_backend(settings, tmp_path):
    """A fresh Whoosh folder per test (files are not rolled back), or the database backend."""
    from search.backends.whoosh_store import forget_everything_under

    if "whoosh" in settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]:
        path = tmp_path / "index"
        settings.WAGTAILSEARCH_BACKENDS = {
            "default": {"BACKEND": "search.backends.whoosh", "PATH": str(path)}
        }
        yield
        forget_everything_under(path)
    else:
        yield


@pytest.fixture
def guide_index(db):
    from home.demo import ensure_home_page
    from home.models import GuideIndexPage

    index = GuideIndexPage(title="Guides", slug="guides")
    ensure_home_page().add_child(instance=index)
    return index


@pytest.fixture
def content(guide_index):
    """One thing of every kind about personal assistants, and private twins of several."""
    guide = make_guide(guide_index, "Hiring a personal assistant", slug="hiring")
    guide.summary = "How to find, interview and employ a personal assistant you trust."
    guide.save_revision().publish()
    draft = make_guide(guide_index, "Personal assistant secrets draft", slug="draft", live=False)
    locked = make_guide(guide_index, "Personal assistant members only", slug="locked")
    PageViewRestriction.objects.create(page=locked, restriction_type="login")
    term = GlossaryTerm.objects.create(
        term="Personal assistant", slug="personal-assistant", meaning="Someone you employ."
    )
    pa = make_pa("Priya Personal", about="Experienced personal assistant, hoist trained.")
    hidden_pa = make_pa("Hidden Helper", about="Personal assistant hidden by moderators.")
    hidden_pa.hidden = True
    hidden_pa.save()
    service = make_service(
        "Assistant Finders", description="We help you find a personal assistant nearby."
    )
    author = trusted_member("Maya H")
    # The guides' "Ask someone" block already made this category (tests/home/conftest.py).
    category, _ = Category.objects.update_or_create(
        slug="employing-pas", defaults={"name": "Employing PAs", "order": 1}
    )
    topic = create_topic(author, category, "Finding a personal assistant", "Any tips on this?")
    hidden_topic = create_topic(author, category, "Personal assistant rant", "Hidden, sorry.")
    hidden_topic.hidden = True
    hidden_topic.save()
    other = trusted_member("Tom C")
    conversation = start_conversation(
        author,
        [other],
        "Private personal assistant chat",
        "Only for us two.",
        check_rate_limit=False,
    )
    pool = Pool.objects.create(
        coordinator=author,
        title="Shared personal assistant for Fridays",
        description="Three of us want one personal assistant.",
        category="shared_pa",
        districts=["OX4"],
        cost_per_session_pence=6000,
        min_members=2,
        max_members=3,
    )
    private_pool = Pool.objects.create(
        coordinator=author,
        title="Unlisted personal assistant group",
        description="Invitation only personal assistant group.",
        category="shared_pa",
        districts=["OX4"],
        cost_per_session_pence=6000,
        min_members=2,
        max_members=3,
        visibility="unlisted",
    )
    return {
        "visible": [guide, term, pa, service, topic, pool],
        "private": [draft, locked, hidden_pa, hidden_topic, conversation, private_pool],
        "author": author,
        "other": other,
    }


def urls(results):
    return [hit.url for hit in results[: results.count()]]


def test_one_search_finds_every_kind_with_counts(content):
    results = search_site("personal assistant", AnonymousUser())
    counts = {entry.key: entry.count for entry in results.kinds}
    assert counts["guides"] == 1
    assert counts["glossary"] == 1
    assert counts["pas"] == 1
    assert counts["directory"] == 1
    assert counts["forum"] == 1
    assert counts["pools"] == 1
    assert results.total == 6
    assert {hit.kind for hit in results[:6]} == {
        "guides",
        "glossary",
        "pas",
        "directory",
        "forum",
        "pools",
    }


@pytest.mark.parametrize("viewer", ["anonymous", "author", "other"])
def test_private_hidden_and_unpublished_things_never_appear(content, viewer):
    user = AnonymousUser() if viewer == "anonymous" else content[viewer]
    found = urls(search_site("personal assistant", user))
    for thing in content["private"]:
        url = thing.url if hasattr(thing, "url") else thing.get_absolute_url()
        assert url not in found
    for word in ("secrets", "members only", "hidden", "private", "rant", "unlisted"):
        assert search_site(word, user).total == 0, word


@pytest.mark.parametrize("viewer", ["anonymous", "author"])
def test_a_service_hidden_or_a_pa_paused_never_appears(content, viewer, settings):
    """Services and PAs are shown from rows read through ``visible_to``: one hidden or paused
    through the site (the index hears of it) or behind the index's back (it has not yet) is
    never shown, though the index still finds it."""
    from directory.models import Service
    from pa_register.models import PAProfile

    user = AnonymousUser() if viewer == "anonymous" else content[viewer]
    pa, service = content["visible"][2], content["visible"][3]
    assert {pa.get_absolute_url(), service.get_absolute_url()} <= set(
        urls(search_site("personal assistant", user))
    )
    Service.objects.filter(pk=service.pk).update(hidden=True)
    PAProfile.objects.filter(pk=pa.pk).update(paused=True)
    results = search_site("personal assistant", user)
    if "whoosh" in settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]:
        counts = {entry.key: entry.count for entry in results.kinds}
        assert counts["directory"] == counts["pas"] == 1  # the index has not heard
    found = urls(results)
    assert service.get_absolute_url() not in found and pa.get_absolute_url() not in found
    assert "Priya Personal" not in [hit.title for hit in search_site("Priya", user).hits]
    service.refresh_from_db()
    pa.refresh_from_db()
    service.save()
    pa.save()
    results = search_site("personal assistant", user)
    assert results.total == 4
    assert service.get_absolute_url() not in urls(results)
    assert pa.get_absolute_url() not in urls(results)


def test_a_kind_filter_shows_only_that_kind(content):
    results = search_site("personal assistant", AnonymousUser(), kind="pas")
    assert results.total == 1
    assert [hit.title for hit in results.hits] == ["Priya Personal"]
    # The filter links still count every kind.
    assert sum(entry.count for entry in results.kinds) == 6


def test_page_lists_kinds_with_counts_and_marks_the_words(client, content):
    response = client.get("/search/", {"q": "personal assistant"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "6 results for “personal assistant”" in html
    assert 'Personal assistants <span class="count-text">(1)</span>' in html
    assert "<mark>assistant</mark>" in html
    assert "Priya Personal" in html and "Hidden Helper" not in html
    filtered = client.get("/search/", {"q": "personal assistant", "kind": "forum"})
    assert "Finding a personal assistant" in filtered.content.decode()
    assert "Priya Personal" not in filtered.content.decode()


def test_results_are_paginated(client, guide_index):
    for number in range(13):
        make_guide(guide_index, f"Payroll guide {number}", slug=f"payroll-{number}")
    first = client.get("/search/", {"q": "payroll"}).content.decode()
    second = client.get("/search/", {"q": "payroll", "page": "2"}).content.decode()
    assert "Page 1 of 2" in first and "Page 2 of 2" in second
    assert first.count('class="search-result"') == 10
    assert second.count('class="search-result"') == 3
    assert client.get("/search/", {"q": "payroll", "page": "999999999"}).status_code == 200


def test_snippet_marks_stems_and_escapes_html():
    snippet = highlight("<b>Assistants</b> help; an assistant's pay", "assistant")
    assert "&lt;b&gt;<mark>Assistants</mark>&lt;/b&gt;" in snippet
    assert "<b>" not in snippet
    long_text = "Filler words. " * 40 + "The hoist is here." + " More words." * 40
    cut = highlight(long_text, "hoist", length=100)
    assert "<mark>hoist</mark>" in cut and cut.startswith("… ") and cut.endswith(" …")


def test_did_you_mean_uses_the_sites_own_words(client, content):
    assert suggest("persnal asistant") == "personal assistant"
    assert suggest("personal assistant") is None
    response = client.get("/search/", {"q": "persnal asistant"})
    html = response.content.decode()
    # Nothing matches the misspelling, so the corrected search runs and says so.
    assert "We changed your spelling" in html
    assert "Priya Personal" in html


def test_words_only_in_private_things_are_never_suggested(content):
    assert suggest("secrest") != "secrets"  # "secrets" is only in a draft guide's title


def test_empty_results_page_helps(client, content):
    response = client.get("/search/", {"q": "zzqx trombone"})
    html = response.content.decode()
    assert "We could not find anything for “zzqx trombone”" in html
    assert reverse("forum:new_topic") in html
    assert "Guides people find useful" in html and "Hiring a personal assistant" in html


@pytest.mark.parametrize(
    "query",
    ["AND", "*", '"', ":", "(", "https://example.com/?a=1&b=2", "a\x00b", "<script>x</script>"],
)
def test_hostile_queries_are_just_text(client, content, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert "<script>x</script>" not in response.content.decode()


def test_an_overlong_query_is_refused_plainly_and_kept(client):
    typed = "hoist " * 2000
    response = client.get("/search/", {"q": typed})
    html = response.content.decode()
    assert response.status_code == 200
    assert f"Please use {MAX_QUERY_LENGTH} characters or fewer" in html
    assert "There is a problem" in html
    assert "hoist hoist hoist" in html  # what was typed is still in the box


def test_an_unknown_kind_searches_everything(client, content):
    response = client.get("/search/", {"q": "personal assistant", "kind": "nonsense"})
    assert "6 results" in response.content.decode()


def test_autocomplete_suggests_only_visible_titles(client, content):
    response = client.get("/search/suggest/", {"q": "person"})
    titles = [item["title"] for item in json.loads(response.content)["suggestions"]]
    assert "Personal assistant" in titles  # the glossary word
    assert "Shared personal assistant for Fridays" in titles
    assert "Personal assistant secrets draft" not in titles
    assert "Unlisted personal assistant group" not in titles
    assert json.loads(client.get("/search/suggest/", {"q": "x" * 5000}).content) == {
        "suggestions": []
    }


def test_the_page_works_without_a_query(client):
    response = client.get("/search/")
    assert response.status_code == 200
    assert "What are you looking for?" in response.content.decode()


@pytest.mark.parametrize(
    ("typed", "searched"),
    [
        ('"hoist', "hoist"),
        ("PA AND (hoist)* OR NOT near", "PA and hoist or not near"),
        ("name:Sam https://x.example/a?b=1", "name Sam https x example a b 1"),
        ("\"'*():", ""),
    ],
)
def test_only_words_reach_the_search_backend(typed, searched):
    from search.words import searchable_words

    assert searchable_words(typed) == searched
