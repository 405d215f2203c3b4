"""Find a PA: each filter, their combination, the orders, bad input and the query count."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pa_register import checks
from pa_register.models import Advert, Check, CheckKind, PAProfile

from .conftest import make_pa


def names(response):
    return [result.profile.display_name for result in response.context["results"]]


@pytest.fixture
def register(db, skills, moderator):
    """A small register with one distinguishing fact per PA."""
    pas = {
        "Ana": make_pa(
            "Ana",
            districts=["OX4", "OX1"],
            skills=[skills["hoist"]],
            slots=["tue-morning"],
            rate_min_pence=1100,
            confirmed_days_ago=3,
        ),
        "Ben": make_pa(
            "Ben",
            districts=["OX14"],
            kinds=["driving"],
            slots=["sat-evening"],
            gender="man",
            rate_min_pence=1600,
            confirmed_days_ago=10,
        ),
        "Cai": make_pa(
            "Cai",
            districts=["OX4"],
            skills=[skills["hoist"], skills["peg-feeding"]],
            slots=["tue-morning", "thu-morning"],
            languages=["English", "Polish"],
            short_notice=True,
            rate_min_pence=1300,
            confirmed_days_ago=20,
        ),
        "Dot": make_pa(
            "Dot",
            districts=["OX44"],
            kinds=["overnight"],
            slots=["mon-night"],
            work_arrangements=["agency"],
            gender="woman",
            rate_min_pence=None,
            confirmed_days_ago=1,
        ),
        "Eve": make_pa(
            "Eve",
            districts=["OX4"],
            skills=[skills["hoist"]],
            slots=["tue-morning"],
            confirmed_days_ago=120,
        ),  # stale: sinks
        "Gone": make_pa("Gone", districts=["OX4"], confirmed_days_ago=200),  # hidden
        "Paused": make_pa("Paused", districts=["OX4"], paused=True),
        "Hidden": make_pa("Hidden", districts=["OX4"], hidden=True),
    }
    dbs = Check.objects.create(
        profile=pas["Cai"],
        kind=CheckKind.DBS,
        dbs_level="enhanced",
        dated=datetime.date.today() - datetime.timedelta(days=100),
    )
    checks.verify(dbs, moderator)
    Check.objects.create(
        profile=pas["Ana"],
        kind=CheckKind.DBS,
        dbs_level="enhanced",
        dated=datetime.date.today() - datetime.timedelta(days=100),
    )
    old = Check.objects.create(
        profile=pas["Ben"],
        kind=CheckKind.DBS,
        dbs_level="enhanced",
        dated=datetime.date(2019, 1, 1),
    )
    checks.verify(old, moderator)
    return pas


def test_no_filters_lists_only_listed_profiles_fresh_first(client, register):
    response = client.get("/register/")
    assert response.status_code == 200
    assert names(response) == ["Dot", "Ana", "Ben", "Cai", "Eve"]
    assert "Might be out of date" in response.content.decode()  # Eve says so


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("where=OX4", {"Ana", "Cai", "Eve"}),
        ("where=ox4+1aa", {"Ana", "Cai", "Eve"}),
        ("where=OX44", {"Dot"}),
        ("skills=peg-feeding", {"Cai"}),
        ("skills=hoist&skills=peg-feeding", {"Ana", "Cai", "Eve"}),
        ("kinds=driving", {"Ben"}),
        ("kinds=driving&kinds=overnight", set()),  # all of them: nobody does both
        ("days=sat", {"Ben"}),
        ("times=night", {"Dot"}),
        ("days=tue&times=morning", {"Ana", "Cai", "Eve"}),
        ("days=thu&times=evening", set()),
        ("max_rate=11", {"Ana", "Dot"}),
        ("max_rate=12.50", {"Ana", "Dot", "Eve"}),
        ("work=agency", {"Dot"}),
        ("language=polish", {"Cai"}),
        ("gender=woman", {"Dot"}),
        ("short_notice=on", {"Cai"}),
        ("verified=dbs", {"Cai"}),
        ("verified=dbs&verified=first_aid", set()),
        ("where=OX4&skills=hoist&days=tue&max_rate=11", {"Ana"}),
        ("where=OX4&language=Polish&short_notice=on&verified=dbs", {"Cai"}),
    ],
)
def test_each_filter_and_combinations(client, register, query, expected):
    response = client.get(f"/register/?{query}")
    assert response.status_code == 200
    assert not response.context["form"].errors
    assert set(names(response)) == expected


def test_best_match_puts_most_skills_first_and_says_why(client, register):
    response = client.get(
        "/register/?where=OX4&skills=hoist&skills=peg-feeding&days=tue&days=thu&times=morning"
    )
    assert names(response) == ["Cai", "Ana", "Eve"]
    cai = response.context["results"][0].match
    assert "covers OX4" in cai.reasons
    assert "can use a hoist" in cai.reasons and "can do PEG feeding" in cai.reasons
    assert "free on Thursday mornings" in cai.reasons
    page = response.content.decode()
    assert "Why they match:" in page and "free on Thursday mornings" in page


def test_sort_by_rate_and_by_recent(client, register):
    by_rate = names(client.get("/register/?sort=rate"))
    assert by_rate == ["Ana", "Cai", "Ben", "Dot", "Eve"]  # no rate after rates; stale last
    recent = names(client.get("/register/?sort=recent"))
    assert recent == ["Dot", "Ana", "Ben", "Cai", "Eve"]


def test_free_text_search_uses_the_search_backend(client, register):
    response = client.get("/register/?q=Polish")
    assert names(response) == ["Cai"]
    response = client.get("/register/?q=hoist&where=OX4")
    assert set(names(response)) == {"Ana", "Cai", "Eve"}


def test_rate_note_shown_next_to_rates(client, register):
    page = client.get("/register/?where=OX4").content.decode()
    assert "Many personal budgets pay a fixed hourly rate" in page


def test_ticking_two_kinds_of_support_finds_pas_who_offer_both(client, register):
    both = make_pa("Fay", districts=["OX4"], kinds=["personal_care", "driving"])
    response = client.get("/register/?kinds=personal_care&kinds=driving")
    assert names(response) == [both.display_name]
    assert "We only show PAs who offer every kind you tick." in response.content.decode()


def test_a_town_name_finds_the_pas_who_cover_it(client, register):
    """Banbury is OX16; Oxford is OX1 to OX4, so every Oxford PA counts."""
    banbury = make_pa("Gus", districts=["OX16"])
    assert names(client.get("/register/", {"where": "banbury"})) == [banbury.display_name]
    assert set(names(client.get("/register/", {"where": "Oxford"}))) == {"Ana", "Cai", "Eve"}
    page = client.get("/register/", {"where": "Banbury"}).content.decode()
    assert "covers Banbury" in page
    assert '<label class="field__label" for="id_where">Postcode or town' in page


def test_within_miles_finds_pas_nearby_nearest_first_and_says_how_far(client, register):
    """OX16 (Banbury) to OX15 is about 3 miles, to OX26 (Bicester) about 14, to OX4 24."""
    near = make_pa("Hal", districts=["OX15"])
    further = make_pa("Ida", districts=["OX26"])
    make_pa("Gus", districts=["OX16"])
    response = client.get("/register/", {"where": "Banbury", "within": "20", "sort": "near"})
    assert names(response) == ["Gus", near.display_name, further.display_name]
    page = response.content.decode()
    assert "about 3 miles away" in page
    assert "about 14 miles away" in page
    # Best match with a place also prefers the nearer of otherwise equal PAs.
    best = names(client.get("/register/", {"where": "Banbury", "within": "20"}))
    assert best == ["Gus", near.display_name, further.display_name]


def test_a_name_several_places_share_asks_which_one(client, register):
    response = client.get("/register/", {"where": "Newport"})
    error = " ".join(response.context["form"].errors["where"])
    assert "There is more than one Newport" in error
    # England first: the Isle of Wight, Essex and Telford before Wales.
    assert error.index("Isle Of Wight") < error.index("Pembrokeshire")
    response = client.get("/register/", {"where": "Newport, Isle of Wight"})
    assert not response.context["form"].errors


def test_a_search_with_a_mistake_never_says_nothing_has_been_saved(client, register):
    page = client.get("/register/?where=Qwxyzville").content.decode()
    assert "There is a problem" in page
    assert "We could not find a place called “Qwxyzville”" in page
    assert "Nothing has been saved" not in page
    assert "What you typed is still here." in page


def test_the_rate_note_names_only_a_field_that_is_on_the_page(client, register, holder):
    """The find page's note points at its rate box; pages without one must not."""
    profile = PAProfile.objects.get(user__display_name="Ana")
    advert = Advert.objects.create(
        author=holder, title="PA for mornings", details="Mornings.", district="OX4"
    )
    client.force_login(holder)
    pages = ["/register/?where=OX4", "/register/wanted/", profile.get_absolute_url()]
    for url in [*pages, advert.get_absolute_url()]:
        page = client.get(url).content.decode()
        assert "About rates" in page, url
        if "Most you can pay an hour" in page.split("About rates", 1)[1]:
            assert 'name="max_rate"' in page, url


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("where=ZZ1+ZZ", "where", "is not a postcode we recognise"),
        ("where=ZZ+ZZ", "where", "could not find a place called"),
        ("within=7", "within", "Choose from the list"),
        ("where=" + "X" * 500, "where", "too long for a postcode"),
        ("max_rate=-5", "max_rate", "cannot be less than £0"),
        ("max_rate=twelve", "max_rate", "as an amount in pounds"),
        ("max_rate=1e400", "max_rate", ""),
        ("kinds=rocket-science", "kinds", "Choose from the list"),
        ("skills=not-a-skill", "skills", "Choose from the list"),
        ("gender=robot", "gender", "Choose from the list"),
        ("sort=sideways", "sort", "Choose from the list"),
    ],
)
def test_bad_input_gives_a_plain_error_next_to_the_field(client, register, query, field, message):
    response = client.get(f"/register/?{query}")
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors
    assert message in " ".join(errors[field])
    page = response.content.decode()
    assert "There is a problem" in page
    assert f'id="id_{field}-error"' in page
    assert response.context["results"] == []


@pytest.mark.parametrize(
    "query",
    [
        "page=99999999999999999999",
        "page=-1",
        "page=abc",
        "page=50",
        "q=%3Cscript%3Ealert(1)%3C/script%3E",
        "q=%00%01%02",
        "q=" + "a" * 5000,
        "q=AND+OR+NOT+*+%22+(",
        "q=%27%3B+DROP+TABLE+pa_register_paprofile%3B--",
        "language=%3Cb%3E",
        "where=%00",
    ],
)
def test_hostile_or_odd_input_never_500s(client, register, query):
    response = client.get(f"/register/?{query}")
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_search_runs_a_fixed_number_of_queries(client, db, skills):
    def count_queries():
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(
                "/register/?where=OX4&skills=hoist&days=tue&max_rate=20&q=friendly"
            )
        assert response.status_code == 200
        return len(ctx.captured_queries), len(response.context["results"])

    for n in range(5):
        make_pa(f"Few {n}", skills=[skills["hoist"]], slots=["tue-morning"])
    count_queries()  # the first page fills per-process caches (the helpline)
    few_queries, few_results = count_queries()
    for n in range(35):
        make_pa(f"Many {n}", skills=[skills["hoist"]], slots=["tue-morning"])
    many_queries, many_results = count_queries()
    assert (few_results, many_results) == (5, 20)
    assert few_queries == many_queries
    assert many_queries <= 12


@pytest.mark.parametrize("query", ["", "?sort=rate", "?sort=recent&where=OX4"])
def test_orders_read_in_pages_also_run_a_fixed_number_of_queries(client, db, query):
    def count_queries():
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(f"/register/{query}")
        return len(ctx.captured_queries), len(response.context["results"])

    for n in range(5):
        make_pa(f"Few {n}", rate_min_pence=1000 + n)
    count_queries()  # the first page fills per-process caches (the helpline)
    few = count_queries()
    for n in range(35):
        make_pa(f"Many {n}", rate_min_pence=900 + n)
    many = count_queries()
    assert (few[1], many[1]) == (5, 20)
    assert few[0] == many[0]
