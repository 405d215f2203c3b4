"""The Open Referral UK API: every response checked against the shared JSON Schemas.

The schemas in tests/directory/openreferral-uk/schema/ are self-contained today (no ``$ref``), but
they are loaded into one ``referencing`` registry keyed by file name, so a schema that refers
to a sibling (``"$ref": "service.json"``) would resolve too.
"""

import json
import uuid

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from directory.models import Service
from directory.vocabulary import fixed_id

from .conftest import make_service

VENUE = {
    "name": "Hall",
    "address_1": "1 Road",
    "city": "Oxford",
    "postcode": "OX4 1AA",
    "accessibility": "Step-free",
}


@pytest.fixture
def validators(shared_oruk):
    folder = shared_oruk / "schema"
    schemas = {path.name: json.loads(path.read_text()) for path in folder.glob("*.json")}
    registry = Registry().with_resources(
        (name, Resource.from_contents(schema, default_specification=DRAFT202012))
        for name, schema in schemas.items()
    )

    def validator(name):
        return Draft202012Validator(
            schemas[name], registry=registry, format_checker=FormatChecker()
        )

    return {
        name.removesuffix(".json"): validator(name)
        for name in ("service.json", "service_list.json", "service_at_location_list.json")
    }


def check(validator, record):
    errors = sorted(validator.iter_errors(record), key=lambda error: list(error.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)


@pytest.fixture
def services(db):
    return [
        make_service(
            f"Service {number:02d}",
            venue=VENUE if number % 2 else None,
            at_venue=bool(number % 2),
            at_home=not number % 2,
            accepts_direct_payments=True,
            shareable_by_group=number % 3 == 0,
            minimum_purchase="2 sessions" if number == 3 else "",
            checks=["dbs"] if number == 3 else [],
            days="MO" if number < 4 else "SA",
            districts=("OX4",) if number < 5 else ("OX28",),
            minimum_age=18,
        )
        for number in range(7)
    ]


def test_every_response_allows_any_origin(client, services):
    for path in [
        "/directory/api/",
        "/directory/api/services",
        f"/directory/api/services/{services[0].uuid}",
        f"/directory/api/services/{uuid.uuid4()}",
        "/directory/api/services?page=abc",
        "/directory/api/taxonomies",
        "/directory/api/taxonomy_terms",
        "/directory/api/service_at_locations",
    ]:
        response = client.get(path)
        assert response["Access-Control-Allow-Origin"] == "*", path
        assert response["Content-Type"] == "application/json"


def test_root(client, db):
    data = client.get("/directory/api/").json()
    assert data["version"] == "3.0"
    assert data["openapi_url"].startswith("http")


def test_services_list_pages_and_validates(client, services, validators):
    response = client.get("/directory/api/services?per_page=3&page=2")
    data = response.json()
    assert {key: data[key] for key in data if key != "contents"} == {
        "total_items": 7,
        "total_pages": 3,
        "page_number": 2,
        "size": 3,
        "first_page": False,
        "last_page": False,
        "empty": False,
    }
    assert [item["name"] for item in data["contents"]] == ["Service 03", "Service 04", "Service 05"]
    for item in data["contents"]:
        check(validators["service_list"], item)
    last = client.get("/directory/api/services?per_page=3&page=3").json()
    assert (last["size"], last["last_page"], last["page_number"]) == (1, True, 3)
    beyond = client.get("/directory/api/services?per_page=3&page=999").json()
    assert beyond["page_number"] == 3  # the nearest real page


def test_empty_list(client, db):
    data = client.get("/directory/api/services").json()
    assert data == {
        "total_items": 0,
        "total_pages": 1,
        "page_number": 1,
        "size": 0,
        "first_page": True,
        "last_page": True,
        "empty": True,
        "contents": [],
    }


def test_one_service_validates_and_carries_budget_facts(client, services, validators):
    service = services[3]
    data = client.get(f"/directory/api/services/{service.uuid}").json()
    check(validators["service"], data)
    assert data["id"] == str(service.uuid)
    assert data["organization"]["id"] == str(service.organisation_id)
    facts = {
        attribute["taxonomy_term"]["code"]: attribute.get("value", "")
        for attribute in data["attributes"]
        if attribute["taxonomy_term"]["taxonomy"] == "budgetcircle"
    }
    assert facts["accepts-direct-payments"] == ""
    assert facts["shareable-by-group"] == ""
    assert facts["minimum-purchase"] == "2 sessions"
    assert "check-dbs" in facts and "accepts-personal-health-budgets" not in facts
    term = next(a for a in data["attributes"] if a["taxonomy_term"]["code"] == "check-dbs")
    assert term["taxonomy_term_id"] == str(fixed_id("term", "budgetcircle", "check-dbs"))
    assert data["cost_options"][0]["amount"] == 10
    assert data["schedules"][0]["byday"] == "MO"
    assert data["service_areas"][0]["name"] == "OX4"
    assert data["assured_date"] == service.organisation.last_confirmed.isoformat()


def test_a_home_service_has_no_location_in_the_api(client, services, validators):
    home = services[0]
    data = client.get(f"/directory/api/services/{home.uuid}").json()
    assert "service_at_locations" not in data
    venue = client.get(f"/directory/api/services/{services[1].uuid}").json()
    address = venue["service_at_locations"][0]["location"]["addresses"][0]
    assert (address["postal_code"], address["country"]) == ("OX4 1AA", "GB")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("search=Service+03", {"Service 03"}),
        ("day=SA", {"Service 04", "Service 05", "Service 06"}),
        ("day=saturday", {"Service 04", "Service 05", "Service 06"}),
        ("postcode=OX28+6AG", {"Service 05", "Service 06"}),
        (
            f"taxonomy_term_id={fixed_id('term', 'budgetcircle', 'shareable-by-group')}",
            {"Service 00", "Service 03", "Service 06"},
        ),
        (
            f"taxonomy_term_id={fixed_id('term', 'budgetcircle-categories', 'day-activities')}",
            {f"Service {n:02d}" for n in range(7)},
        ),
        ("modified_after=2999-01-01T00:00:00Z", set()),
        ("modified_after=2000-01-01", {f"Service {n:02d}" for n in range(7)}),
    ],
)
def test_service_parameters(client, services, query, expected):
    data = client.get(f"/directory/api/services?{query}&per_page=100").json()
    assert {item["name"] for item in data["contents"]} == expected


@pytest.mark.parametrize(
    "query",
    [
        "page=abc",
        "per_page=-1",
        "taxonomy_term_id=not-a-uuid",
        "modified_after=yesterday",
        "day=someday",
        "postcode=ZZZZ+ZZZ",
    ],
)
def test_bad_parameters_are_plain_400s(client, services, query):
    response = client.get(f"/directory/api/services?{query}")
    assert response.status_code == 400
    assert response.json()["error"]


def test_unknown_or_unlisted_service_is_404(client, services):
    assert client.get(f"/directory/api/services/{uuid.uuid4()}").status_code == 404
    services[0].hide()
    assert client.get(f"/directory/api/services/{services[0].uuid}").status_code == 404


def test_taxonomies_and_terms(client, services):
    taxonomies = client.get("/directory/api/taxonomies").json()
    names = {item["name"] for item in taxonomies["contents"]}
    assert {"budgetcircle", "budgetcircle-categories"} <= names
    terms = client.get("/directory/api/taxonomy_terms?per_page=100").json()
    assert terms["total_items"] >= 30
    for term in terms["contents"]:
        assert {"id", "name", "description", "taxonomy"} <= set(term)
    budget = next(t for t in taxonomies["contents"] if t["name"] == "budgetcircle")
    one = client.get(f"/directory/api/taxonomies/{budget['id']}").json()
    assert any(t["code"] == "accepts-direct-payments" for t in one["taxonomy_terms"])


def test_service_at_locations(client, services, validators):
    data = client.get("/directory/api/service_at_locations?per_page=100").json()
    assert data["total_items"] == 3  # only the venue services (1, 3, 5)
    for item in data["contents"]:
        check(validators["service_at_location_list"], item)
    by_day = client.get("/directory/api/service_at_locations?day=SA").json()
    assert [item["service"]["name"] for item in by_day["contents"]] == ["Service 05"]


def test_list_runs_a_fixed_number_of_queries(client, db, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for number in range(3):
        make_service(f"S{number}", venue=VENUE)
    with CaptureQueriesContext(connection) as few:
        client.get("/directory/api/services?per_page=100")
    for number in range(3, 20):
        make_service(f"S{number}", venue=VENUE)
    with CaptureQueriesContext(connection) as many:
        client.get("/directory/api/services?per_page=100")
    assert len(few) == len(many)
    assert Service.objects.count() == 20


def test_the_schema_check_can_fail(validators):
    """Guard against a validator that accepts anything."""
    errors = list(validators["service"].iter_errors({"id": "not-a-uuid", "name": 3}))
    assert len(errors) >= 2
