"""Reading a place and a kind out of what people type (search/understanding.py), and the site
search acting on it on the demo data: "find a PA near Banbury", "PA in OX4", "what is a
personal budget"."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command

from search.site import search_site
from search.understanding import understand


@pytest.mark.parametrize(
    ("query", "place", "kinds", "rest"),
    [
        ("find a PA near Banbury", ("OX16",), ("pas",), ""),
        ("PA in OX4", ("OX4",), ("pas",), ""),
        ("pa ox4 1aa", ("OX4",), ("pas",), ""),
        ("personal assistant who speaks Polish near banbery", ("OX16",), ("pas",), "speaks Polish"),
        ("Witney", ("OX28",), (), ""),
        ("someone who can use a hoist in Witney", ("OX28",), ("pas",), "use hoist"),
        ("craft club in Oxford", ("OX1", "OX2", "OX3", "OX4"), ("directory", "pools"), "craft"),
        ("PA holiday pay", None, ("pas",), "holiday pay"),
        ("what is a personal budget", None, (), "what personal budget"),
        # Town names that are everyday words are never a place without "in" or "near".
        ("help with bath time", None, (), "help with bath time"),
        ("money for a support plan", None, (), "money support plan"),
    ],
)
def test_a_place_and_a_kind_are_read_from_the_words(query, place, kinds, rest):
    understood = understand(query)
    assert (understood.place.districts if understood.place else None) == place
    assert understood.kinds == kinds
    assert understood.rest == rest


def test_a_town_several_places_share_takes_england_first_and_keeps_the_others():
    understood = understand("PA near Newport")
    assert understood.place.country == "England"
    assert any(other.country == "Wales" for other in understood.other_places)


@pytest.fixture
def demo(whoosh, transactional_db):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def _pa_covers(hit, district):
    districts = hit.object["districts"] if isinstance(hit.object, dict) else hit.object.districts
    return district in districts


def test_on_the_demo_a_pa_near_a_place_comes_first_and_the_guide_of_that_title(demo, client):
    anyone = AnonymousUser()
    for query, district in (("find a PA near Banbury", "OX16"), ("PA in OX4", "OX4")):
        results = search_site(query, anyone)
        hits = results.hits
        pas = [hit for hit in hits if hit.kind == "pas"]
        assert pas and _pa_covers(pas[0], district), query
        assert any(hit.kind == "pas" and _pa_covers(hit, district) for hit in hits[:3]), query
        # Only PAs who cover the place, and the count says so.
        assert all(_pa_covers(hit, district) for hit in pas), query
        assert dict((k.key, k.count) for k in results.kinds)["pas"] == results.total

    page = client.get("/search/", {"q": "find a PA near Banbury"}).content.decode()
    assert "Showing PAs near Banbury (OX16)." in page
    assert "Show everything instead" in page
    everything = client.get("/search/", {"q": "find a PA near Banbury", "everything": "1"})
    assert "Showing PAs near" not in everything.content.decode()
    assert {hit.kind for hit in everything.context["page"].object_list} - {"pas"}

    first = search_site("what is a personal budget", anyone).hits[0]
    assert first.title == "What is a personal budget?"
    # A kind word alone only raises that kind: answers about holiday pay still lead.
    hits = search_site("PA holiday pay", anyone).hits
    assert hits[0].kind == "guides" and "holiday" in hits[0].title.lower()
    assert hits[0].title == "For PAs: your pay, holiday pay and sick pay"
