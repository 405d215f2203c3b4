"""Everyday phrasings at /search/: questions ("what is an ISF"), short forms the glossary knows,
and the synonyms each part registers ("computer" finds help with phones and tablets)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from home.models import GlossaryTerm
from search.site import search_site
from search.understanding import search_words, understand
from tests.directory.conftest import make_service
from tests.home.conftest import make_guide
from tests.search.test_site_search import guide_index, search_backend  # noqa: F401

pytestmark = pytest.mark.django_db


def result_titles(response) -> list[str]:
    return [hit.title for hit in response.context["results"].hits]


@pytest.fixture
def isf(guide_index):  # noqa: F811
    term = GlossaryTerm.objects.create(
        term="Individual service fund",
        slug="individual-service-fund",
        meaning="A care provider you choose holds your budget for you.",
        also_known_as="ISF",
    )
    guide = make_guide(guide_index, "Ways to hold the money", slug="ways")
    guide.summary = "A direct payment, a managed account or an individual service fund."
    guide.save_revision().publish()
    make_guide(guide_index, "What is a personal budget", slug="what-is")
    return term


def test_a_question_about_a_short_form_finds_the_term_first(client, isf):
    response = client.get("/search/", {"q": "what is an ISF"})
    assert response.status_code == 200
    titles = result_titles(response)
    # The term, and the guide that never says "ISF" but speaks of an individual service fund,
    # come before the guide whose title only shares the question's words.
    assert set(titles[:2]) == {"Individual service fund", "Ways to hold the money"}


def test_a_new_short_form_is_understood_at_once(client, isf):
    isf.also_known_as = "ISF, SDF"
    isf.save()
    assert "Individual service fund" in search_words("SDF")
    response = client.get("/search/", {"q": "SDF"})
    assert "Ways to hold the money" in result_titles(response)


def test_question_words_are_not_searched():
    assert search_words("what is an ISF").split()[0] == "ISF"
    assert search_words("how do I employ my own PA") == "employ own PA"
    # Nothing but question words: they are all the search has.
    assert search_words("what is it") == "what is it"


def test_a_registered_synonym_finds_what_the_listing_calls_it(client, db):
    make_service("Tech help drop-in", description="Bring your phone or tablet; we help.")
    make_service("Garden helpers", description="We help with weeding and mowing.")
    response = client.get("/search/", {"q": "help with my computer"})
    assert result_titles(response)[0] == "Tech help drop-in"


def test_kind_words_ask_for_a_kind_rather_than_being_searched():
    understood = understand("arabic speaking carer")
    assert understood.kinds == ("pas",)
    assert understood.topic == "arabic speaking"
    # A kind word alone is all there is to search for.
    assert understand("carers").topic == "carers"


def test_a_town_at_the_end_is_a_place_in_any_case():
    assert understand("stoma care witney").place.name == "Witney"
    assert understand("help with reading now").place is None


def test_search_site_uses_the_same_words(isf):
    results = search_site("what is an ISF", AnonymousUser())
    assert "Individual service fund" in [hit.title for hit in results.hits[:2]]


def test_the_privacy_notice_answers_what_is_kept():
    assert "privacy" in search_words("what do you keep about me").split()
