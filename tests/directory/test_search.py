"""Find support: each filter, combinations, the two orders, bad input, and a fixed query count."""

import datetime

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from directory.models import Service

from .conftest import make_service

VENUE = {"name": "Hall", "address_1": "1 Road", "city": "Oxford", "postcode": "OX4 1AA"}


@pytest.fixture
def directory(db):
    """Five services that differ in one way each, so each filter picks a known set."""
    return {
        "craft": make_service(
            "Craft morning",
            districts=("OX4",),
            costs=((1500, "session"),),
            days="TU,TH",
            accepts_direct_payments=True,
            shareable_by_group=True,
            category_code="arts-crafts",
        ),
        "walk": make_service(
            "Wednesday walk",
            districts=("OX28", "OX29"),
            costs=((0, "free"),),
            days="WE",
            category_code="outdoors",
            shareable_by_group=True,
        ),
        "care": make_service(
            "Personal care at home",
            districts=("OX4", "OX10"),
            costs=((2650, "hour"),),
            days="MO,TU,WE,TH,FR",
            at_venue=False,
            at_home=True,
            accepts_direct_payments=True,
            accepts_phbs=True,
            category_code="personal-care",
            confirmed_days_ago=100,  # stale: sinks
        ),
        "polish": make_service(
            "Help at home in Polish",
            districts=("OX3", "OX4"),
            costs=((2000, "hour"),),
            days="MO",
            languages=("Polish", "English"),
            at_venue=False,
            at_home=True,
            accepts_isfs=True,
            category_code="help-at-home",
        ),
        "online": make_service(
            "Carers online cafe",
            districts=(),
            costs=((0, "free"),),
            days="TH",
            at_venue=False,
            online=True,
            category_code="mental-health",
            confirmed_days_ago=3,
        ),
    }


def names(response):
    assert response.status_code == 200
    return [service.name for service in response.context["results"]]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            "",
            {
                "Craft morning",
                "Wednesday walk",
                "Personal care at home",
                "Help at home in Polish",
                "Carers online cafe",
            },
        ),
        (
            "where=OX4+1AA",
            {
                "Craft morning",
                "Personal care at home",
                "Help at home in Polish",
                "Carers online cafe",
            },
        ),
        ("where=ox28", {"Wednesday walk", "Carers online cafe"}),
        ("category=outdoors", {"Wednesday walk"}),
        ("free=on", {"Wednesday walk", "Carers online cafe"}),
        ("min_cost=15&max_cost=25", {"Craft morning", "Help at home in Polish"}),
        ("max_cost=0", {"Wednesday walk", "Carers online cafe"}),
        ("pay=direct_payments", {"Craft morning", "Personal care at home"}),
        ("pay=phbs&pay=isfs", {"Personal care at home", "Help at home in Polish"}),
        ("delivery=at_home", {"Personal care at home", "Help at home in Polish"}),
        (
            "delivery=online&delivery=at_venue",
            {"Craft morning", "Wednesday walk", "Carers online cafe"},
        ),
        ("days=WE", {"Wednesday walk", "Personal care at home"}),
        (
            "days=MO&days=TH",
            {
                "Craft morning",
                "Personal care at home",
                "Help at home in Polish",
                "Carers online cafe",
            },
        ),
        ("language=polish", {"Help at home in Polish"}),
        ("shareable=on", {"Craft morning", "Wednesday walk"}),
        ("q=walk", {"Wednesday walk"}),
        ("q=Polish", {"Help at home in Polish"}),
    ],
)
def test_each_filter(client, directory, query, expected):
    assert set(names(client.get(f"/directory/?{query}"))) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("where=OX4&pay=direct_payments&days=TU", {"Craft morning", "Personal care at home"}),
        ("where=OX4&delivery=at_home&language=Polish", {"Help at home in Polish"}),
        ("free=on&shareable=on", {"Wednesday walk"}),
        ("where=OX4&free=on&days=TH", {"Carers online cafe"}),
        ("category=arts-crafts&max_cost=10", set()),
        ("q=home&pay=isfs", {"Help at home in Polish"}),
        ("where=OX10&shareable=on", set()),
    ],
)
def test_filters_combine(client, directory, query, expected):
    assert set(names(client.get(f"/directory/?{query}"))) == expected


def test_stale_listings_sink_and_freshness_order(client, directory):
    order = names(client.get("/directory/?sort=fresh"))
    # Newest confirmation first (ties by name); 100 days without one sinks to the bottom.
    assert order == [
        "Craft morning",
        "Help at home in Polish",
        "Wednesday walk",
        "Carers online cafe",
        "Personal care at home",
    ]
    page = client.get("/directory/?where=OX10").content.decode()
    assert "Might be out of date" in page


def test_best_match_puts_the_best_words_first(client, directory):
    make_service("Lunch club", description="Lunch, lunch and more lunch. A lunch club.")
    make_service("Garden group", description="Gardening, and lunch on Fridays.")
    found = names(client.get("/directory/?q=lunch"))
    assert set(found) == {"Lunch club", "Garden group"}


def test_hidden_unapproved_and_very_old_listings_are_not_found(client, directory, db):
    make_service("Draft thing", status="pending")
    make_service("Forgotten thing", confirmed_days_ago=200)
    hidden = make_service("Hidden thing")
    hidden.hide()
    found = names(client.get("/directory/"))
    assert not {"Draft thing", "Forgotten thing", "Hidden thing"} & set(found)


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("where=ZZ1+ZZ", "where", "is not a postcode we recognise"),
        ("where=Qwxyzville", "where", "could not find a place called"),
        ("where=Newport", "where", "There is more than one Newport"),
        ("within=7", "within", "Choose from the list"),
        ("where=" + "X" * 500, "where", "too long for a postcode"),
        ("min_cost=-5", "min_cost", "cannot be less than £0"),
        ("max_cost=twelve", "max_cost", "as an amount in pounds"),
        ("max_cost=1e400", "max_cost", ""),
        ("min_cost=20&max_cost=5", "max_cost", "must be more than the lowest"),
        ("category=rocket-science", "category", "Choose from the list"),
        ("pay=bitcoin", "pay", "Choose from the list"),
        ("days=XX", "days", "Choose from the list"),
        ("sort=random", "sort", "Choose from the list"),
    ],
)
def test_bad_input_is_answered_plainly(client, directory, query, field, message):
    response = client.get(f"/directory/?{query}")
    assert response.status_code == 200
    form = response.context["form"]
    assert field in form.errors
    assert message in " ".join(form.errors[field])
    page = response.content.decode()
    assert "There is a problem" in page and "No results yet" in page
    assert 'class="field__error"' in page  # shown next to the field too


@pytest.mark.parametrize(
    "query",
    [
        "q=%3Cscript%3Ealert(1)%3C/script%3E",
        "q=%00%01%02",
        "q=" + "a" * 5000,
        "q=AND+OR+NOT+*+%22+(",
        "q=%27%3B+DROP+TABLE+directory_service%3B--",
        "page=999999999999",
        "page=-1",
        "page=abc",
        "language=%00",
        "where=%E2%80%8BOX4",
    ],
)
def test_hostile_input_never_fails(client, directory, query):
    response = client.get(f"/directory/?{query}")
    assert response.status_code == 200
    assert b"<script>alert(1)" not in response.content


def test_huge_page_number_shows_the_last_page(client, db):
    for number in range(25):
        make_service(f"Service {number:02d}")
    response = client.get("/directory/?page=99999")
    assert response.context["page"].number == 2
    assert len(response.context["results"]) == 5


def _queries_for(client, path):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured)


def test_search_runs_a_fixed_number_of_queries(client, db):
    for number in range(5):
        make_service(f"Club {number}", costs=((500, "session"), (0, "free")))
    _queries_for(client, "/directory/")  # the first page fills per-process caches (the helpline)
    few = _queries_for(client, "/directory/?where=OX4&q=club&pay=direct_payments&days=MO")
    few_all = _queries_for(client, "/directory/")
    for number in range(5, 30):
        make_service(f"Club {number}", costs=((500, "session"), (0, "free")))
    assert Service.objects.listed().count() == 30
    many = _queries_for(client, "/directory/?where=OX4&q=club&pay=direct_payments&days=MO")
    many_all = _queries_for(client, "/directory/")
    assert few == many
    # Counted only once there is more than a page: five fit on the first page, read at once
    # (directory.finding.FirstPageRead).
    assert many_all == few_all + 1


def test_a_home_visit_service_never_shows_an_address(client, db):
    service = make_service(
        "Home help",
        at_venue=False,
        at_home=True,
        venue={
            "name": "Private House",
            "address_1": "9 Secret Road",
            "city": "Oxford",
            "postcode": "OX4 9ZZ",
        },
    )
    for path in [
        "/directory/",
        "/directory/?q=home",
        service.organisation.get_absolute_url(),
        "/directory/api/services",
        f"/directory/api/services/{service.uuid}",
        "/directory/api/service_at_locations",
    ]:
        page = client.get(path).content.decode()
        assert "Secret Road" not in page and "OX4 9ZZ" not in page, path
    venue = make_service("Lunch", venue=VENUE)
    page = client.get(venue.organisation.get_absolute_url()).content.decode()
    assert "1 Road, Oxford, OX4 1AA" in page


def test_a_town_name_finds_services_there_and_online_ones(client, directory):
    """Witney is OX28: the walk covers it; the online cafe reaches everyone."""
    assert set(names(client.get("/directory/", {"where": "witney"}))) == {
        "Wednesday walk",
        "Carers online cafe",
    }


def test_within_miles_puts_the_nearest_first_and_says_how_far(client, directory):
    """From Witney (OX28): the walk covers it, Oxford OX3 is about 12 miles away."""
    response = client.get("/directory/", {"where": "Witney", "within": "20"})
    found = names(response)
    assert found.index("Wednesday walk") < found.index("Help at home in Polish")
    assert "Craft morning" in found
    page = response.content.decode()
    assert "covers Witney" in page
    assert "about 12 miles away" in page
    only_witney = names(client.get("/directory/", {"where": "Witney"}))
    assert "Craft morning" not in only_witney


def test_a_search_made_again_reads_what_changed_since(client, directory):
    """A search's first page is built once per process (``finding.kept_search``) and read
    afresh each time: new, changed and hidden services show at once."""
    path = "/directory/?where=OX4&pay=direct_payments"
    assert set(names(client.get(path))) == {"Craft morning", "Personal care at home"}
    make_service("Pottery club", accepts_direct_payments=True)
    Service.objects.filter(pk=directory["craft"].pk).update(name="Craft afternoon")
    directory["care"].hide()
    assert set(names(client.get(path))) == {"Craft afternoon", "Pottery club"}
    assert names(client.get("/directory/?where=OX4&pay=isfs")) == ["Help at home in Polish"]


def test_free_text_made_again_finds_new_matches_and_may_find_none(client, directory):
    assert names(client.get("/directory/?q=walk")) == ["Wednesday walk"]
    make_service("Sunday walk", description="A slow walk by the river.")
    assert set(names(client.get("/directory/?q=walk"))) == {"Wednesday walk", "Sunday walk"}
    assert names(client.get("/directory/?q=xylophone")) == []
    assert names(client.get("/directory/?q=xylophone")) == []


def test_a_search_made_another_day_is_built_for_that_day(client, directory):
    """What is listed and what sinks depend on the day: a search kept yesterday is not
    today's."""
    import time_machine
    from django.utils import timezone

    assert len(names(client.get("/directory/"))) == 5
    with time_machine.travel(timezone.now() + datetime.timedelta(days=400), tick=False):
        assert names(client.get("/directory/")) == []


def test_kept_searches_differ_by_every_filter_and_day(directory):
    from directory import finding
    from directory.filters import ServiceFilter

    def kept(query, on=datetime.date(2026, 5, 4)):
        service_filter = ServiceFilter(QueryDict(query))
        assert service_filter.form.is_valid()
        return finding.kept_search(service_filter, 20, on)

    assert kept("where=OX4&category=arts-crafts") is kept("where=OX4&category=arts-crafts")
    assert kept("where=OX4&category=arts-crafts") is not kept("where=OX4&category=outdoors")
    assert kept("where=OX4") is not kept("where=OX4&within=5")
    assert kept("pay=isfs") is not kept("pay=isfs&pay=phbs")
    assert kept("pay=isfs") is not kept("pay=isfs", on=datetime.date(2026, 5, 5))
