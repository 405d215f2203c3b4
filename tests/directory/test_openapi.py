"""The Open Referral UK API against its own OpenAPI document, held there by schemathesis.

Schemathesis reads /directory/api/openapi.json from the Django WSGI application, generates
requests for every operation from the document's parameters, sends them through the whole
middleware stack, and checks each response: no server error, a documented status, the
documented content type and headers, a body that validates against the documented schema.
"""

import json

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.urls import path as route
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from directory import openapi
from directory.models import Service, ServiceAtLocation, Taxonomy, TaxonomyTerm

from .conftest import SHARED, make_service

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
VENUE = {"name": "Hall", "address_1": "1 Road", "city": "Oxford", "postcode": "OX4 1AA"}


@pytest.fixture
def listed(db):
    """Two services at a venue, one at home, one on another day, and one hidden."""
    made = [
        make_service("Art Club", venue=VENUE, days="MO,WE", minimum_age=18),
        make_service("Swim Group", venue=VENUE, days="SA", shareable_by_group=True),
        make_service("Home Help", at_venue=False, at_home=True, checks=["dbs"]),
        make_service("Garden Day", days="SU", minimum_purchase="2 sessions"),
        make_service("Hidden Service", venue=VENUE),
    ]
    made[-1].hide()
    return made


@pytest.fixture
def wsgi_app():
    """Django's WSGI application, inside the test's transaction.

    A real server closes stale database connections around each request; Django's own test
    client switches that off, and so must a test that drives the WSGI application directly,
    or the first request would close the connection holding the test's transaction.
    """
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield get_wsgi_application()
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


# Read once, at collection (serving the document touches no database), so that each operation
# is a test of its own. (``schemathesis.pytest.from_fixture`` does not run under pytest 9.2.)
schema = schemathesis.openapi.from_wsgi("/directory/api/openapi.json", get_wsgi_application())


@pytest.fixture
def api_schema(listed, wsgi_app):
    return schema


@schema.parametrize()
@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_every_operation_holds_to_the_document(case, listed, wsgi_app):
    case.call_and_validate(checks=CHECKS)


def test_every_published_record_holds_to_the_document(api_schema, listed):
    """Generated ids are never ours, so the detail operations' 200s are checked here."""
    records = {
        "/services/{id}": [service.uuid for service in Service.objects.listed()],
        "/taxonomies/{id}": list(Taxonomy.objects.values_list("pk", flat=True)),
        "/taxonomy_terms/{id}": list(TaxonomyTerm.objects.values_list("pk", flat=True)),
        "/service_at_locations/{id}": list(
            ServiceAtLocation.objects.filter(service__hidden=False).values_list("pk", flat=True)
        ),
    }
    assert len(records["/services/{id}"]) == 4
    assert len(records["/service_at_locations/{id}"]) == 2
    for path, ids in records.items():
        operation = api_schema[path]["GET"]
        for record_id in ids:
            response = operation.Case(path_parameters={"id": str(record_id)}).call_and_validate(
                checks=CHECKS
            )
            assert response.status_code == 200, (path, record_id)
    hidden = listed[-1].uuid
    response = api_schema["/services/{id}"]["GET"].Case(path_parameters={"id": str(hidden)})
    assert response.call_and_validate(checks=CHECKS).status_code == 404


def test_the_document_check_can_fail(api_schema, listed, settings):
    """A response that breaks the document is caught: a record missing its required name."""
    operation = api_schema["/services/{id}"]["GET"]
    case = operation.Case(path_parameters={"id": str(listed[0].uuid)})
    response = case.call()
    broken = json.loads(response.content)
    del broken["name"]
    response.content = json.dumps(broken).encode()
    with pytest.raises(BaseExceptionGroup) as caught:
        case.validate_response(response, checks=[response_schema_conformance])
    assert [failure.message.splitlines()[0] for failure in caught.value.exceptions] == [
        '"name" is a required property'
    ]


def test_the_document_follows_the_profile(client, db):
    """Our paths are the profile's, our parameters are among those the profile defines, and the
    record schemas served are the profile's, unchanged."""
    served = client.get("/directory/api/openapi.json").json()
    profile = json.loads((SHARED / "openapi30.json").read_text())
    uk_changes = json.loads((SHARED / "openapi-profile.json").read_text())
    assert served["openapi"].startswith("3.1")
    assert set(served["paths"]) == set(profile["paths"]) | {"/openapi.json"}
    defined = set(profile["components"]["parameters"]) | set(uk_changes["components"]["parameters"])
    for path, item in served["paths"].items():
        for parameter in item["get"].get("parameters", []):
            name = parameter["$ref"].rsplit("/", 1)[-1]
            assert name in defined, (path, name)
    for name in openapi.ORUK_SCHEMAS:
        reference = json.loads((SHARED / "schema" / f"{name}.json").read_text())
        assert served["components"]["schemas"][name] == reference, name
    assert served["servers"] == [{"url": "http://testserver/directory/api"}]
    root = client.get("/directory/api/").json()
    assert root["openapi_url"] == "http://testserver/directory/api/openapi.json"


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("post", "/directory/api/services", 405),
        ("put", "/directory/api/", 405),
        ("delete", "/directory/api/services/6c9a1f52-8d1e-4a57-9e0b-2f4b8c3d7e10", 405),
        ("post", "/directory/api/openapi.json", 405),
        ("get", "/directory/api/no-such-thing", 404),
        ("get", "/directory/api/services/not-a-uuid", 404),
        ("post", "/directory/api/no-such-thing", 405),
        ("get", "/directory/api/services?per_page=lots", 400),
    ],
)
def test_every_error_is_json_for_any_origin(db, method, path, status):
    """A POST is refused with a JSON 405 naming the methods, never an HTML CSRF page."""
    from django.test import Client

    response = getattr(Client(enforce_csrf_checks=True), method)(path)
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response.json()["error"]
    if status == 405:
        assert response["Allow"] == "GET, HEAD, OPTIONS"


def broken_view(request):
    raise RuntimeError("the database fell over")


#: For the test below: a view under the API's address that breaks (``pytest.mark.urls``).
urlpatterns = [route("directory/api/broken", broken_view)]


@pytest.mark.urls(__name__)
def test_a_server_error_is_json_too(db):
    """Whatever breaks under /directory/api/, a client still reads JSON with the CORS header."""
    from django.test import Client

    response = Client(raise_request_exception=False).get("/directory/api/broken")
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "went wrong" in response.json()["error"]


def test_a_browser_preflight_is_answered(client, db):
    response = client.options(
        "/directory/api/services",
        headers={
            "Origin": "https://another-directory.example",
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "accept",
        },
    )
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert response["Access-Control-Allow-Headers"] == "accept"
    assert response.json() == {"allow": ["GET", "HEAD", "OPTIONS"]}


def test_head_is_answered_like_get(client, db):
    response = client.head("/directory/api/services")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"


def test_pages_outside_the_api_are_left_alone(client, db):
    response = client.get("/directory/")
    assert "Access-Control-Allow-Origin" not in response
    assert response["Content-Type"].startswith("text/html")
