"""import_openreferral: the shared examples, broken copies, idempotence and the round trip."""

import copy
import json
from io import StringIO

import pytest
from django.core.management import call_command

from directory import importer
from directory.models import (
    CostOption,
    Location,
    Organisation,
    Schedule,
    Service,
    ServiceArea,
    TaxonomyTerm,
)

from .conftest import make_service


@pytest.fixture
def example(shared_oruk):
    return json.loads((shared_oruk / "examples" / "service_full.json").read_text())


def run(path):
    out, err = StringIO(), StringIO()
    call_command("import_openreferral", str(path), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_imports_the_shared_examples(db, shared_oruk, example):
    out, err = run(shared_oruk / "examples" / "service_full.json")
    assert "Imported 1 service (1 new, 0 updated). Rejected 0." in out, err
    service = Service.objects.get(uuid=example["id"])
    assert service.name == "Community Counselling"
    assert (service.minimum_age, service.maximum_age) == (12, 100)
    assert service.organisation.name == "Example Organization Inc."
    assert str(service.organisation.last_confirmed) == "2005-01-01"
    cost = service.cost_options.get()
    assert (cost.amount_pence, cost.unit, cost.description) == (
        3500,
        "hour",
        "Under 18s and Over 60s",
    )
    schedule = service.schedules.get()
    assert (schedule.byday, str(schedule.opens_at)) == ("TH,FR", "10:00:00")
    assert service.at_venue  # it has a physical location
    assert service.public_locations()[0].postcode == "ABC 1234"
    area = service.service_areas.get()
    assert area.district == "" and area.name.startswith("The service is available")
    assert service.category.name == "name" and not service.category.curated
    # The list envelope holds the same service: importing it updates, never duplicates.
    out, _ = run(shared_oruk / "examples" / "service_list.json")
    assert "(0 new, 1 updated)" in out
    assert Service.objects.count() == 1


def test_importing_twice_changes_nothing(db, shared_oruk):
    run(shared_oruk / "examples" / "service_full.json")
    counts = [m.objects.count() for m in (Service, Organisation, CostOption, Schedule, Location)]
    out, _ = run(shared_oruk / "examples" / "service_full.json")
    assert "(0 new, 1 updated)" in out
    assert counts == [
        m.objects.count() for m in (Service, Organisation, CostOption, Schedule, Location)
    ]


def broken(example, change):
    record = copy.deepcopy(example)
    change(record)
    return record


BREAKAGES = [
    ("missing name", lambda r: r.pop("name"), "the required field “name” is missing"),
    ("missing status", lambda r: r.pop("status"), "the required field “status” is missing"),
    ("bad uuid", lambda r: r.update(id="12345"), "“id” is not a valid UUID"),
    ("name is a number", lambda r: r.update(name=42), "“name” should be text, not a number"),
    ("age is text", lambda r: r.update(minimum_age="twelve"), "“minimum_age” should be a number"),
    ("unknown status", lambda r: r.update(status="open"), "“status” must be one of"),
    ("negative cost", lambda r: r["cost_options"][0].update(amount=-5), "cannot be negative"),
    (
        "schedules not a list",
        lambda r: r.update(schedules="weekly"),
        "“schedules” should be a list",
    ),
    (
        "bad schedule time",
        lambda r: r["schedules"][0].update(opens_at="ten"),
        "“opens_at” should be a time",
    ),
    (
        "organisation without name",
        lambda r: r["organization"].pop("name"),
        "service.organization: the required field “name” is missing",
    ),
    (
        "bad child uuid",
        lambda r: r["cost_options"][0].update(id="nope"),
        "service.cost_options[0]: “id” is not a valid UUID",
    ),
]


@pytest.mark.parametrize(("label", "change", "reason"), BREAKAGES, ids=[b[0] for b in BREAKAGES])
def test_broken_records_are_rejected_whole_with_the_reason(db, example, label, change, reason):
    record = broken(example, change)
    report = importer.import_records([record])
    assert report.imported == 0
    assert len(report.rejected) == 1
    assert reason in report.rejected[0].reason
    # Nothing half-saved: not the organisation, location, terms or any child row.
    assert not Service.objects.exists()
    assert not Organisation.objects.exists()
    assert not Location.objects.exists()
    assert not ServiceArea.objects.exists()
    assert not TaxonomyTerm.objects.filter(
        id=example["attributes"][0]["taxonomy_term"]["id"]
    ).exists()


def test_a_folder_with_good_and_broken_files_reports_each(db, tmp_path, example):
    (tmp_path / "a_good.json").write_text(json.dumps(example))
    (tmp_path / "b_broken.json").write_text(json.dumps(broken(example, lambda r: r.pop("name"))))
    (tmp_path / "c_not_json.json").write_text("{ not json")
    envelope = {
        "total_items": 2,
        "contents": [
            {
                "id": "0b7d5f6e-0000-4000-8000-000000000001",
                "name": "Second",
                "status": "active",
                "organization": example["organization"],
            },
            broken(example, lambda r: r.update(id="bad")),
        ],
    }
    (tmp_path / "d_page.json").write_text(json.dumps(envelope))
    out, err = run(tmp_path)
    assert "Imported 2 services (2 new, 0 updated). Rejected 3." in out
    assert "b_broken.json" in err and "“name” is missing" in err
    assert "c_not_json.json" in err and "cannot read it as JSON" in err
    assert "d_page.json record 2" in err and "not a valid UUID" in err
    assert set(Service.objects.values_list("name", flat=True)) == {
        "Community Counselling",
        "Second",
    }


def test_missing_path_is_a_plain_error(db, tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="There is no file or folder"):
        run(tmp_path / "nothing-here.json")


def export_all(client):
    data = client.get("/directory/api/services?per_page=100").json()
    assert data["total_pages"] == 1
    return data


def test_round_trip_export_then_import_gives_the_same_data(client, db):
    from accounts import demo as accounts_demo
    from directory import demo

    accounts_demo.load(StringIO())
    demo.load(StringIO())
    make_service(
        "Odd one",
        minimum_age=18,
        maximum_age=65,
        who_for="Adults",
        max_group_size=4,
        shareable_by_group=True,
        minimum_purchase="3 sessions",
        checks=["dbs", "cqc"],
        costs=((1250, "hour"), (None, "month"), (0, "free")),
        days="SA,SU",
        languages=("Polish", "English"),
        url="https://odd.example/one",
    )
    exported = export_all(client)
    assert exported["total_items"] >= 25
    # An empty database: everything but the vocabulary goes.
    Organisation.objects.all().delete()
    TaxonomyTerm.objects.exclude(taxonomy__name__startswith="budgetcircle").delete()
    assert not Service.objects.exists()
    report = importer.import_records(exported["contents"])
    assert report.rejected == []
    assert report.created == exported["total_items"]
    again = export_all(client)
    for before, after in zip(exported["contents"], again["contents"], strict=True):
        assert after == before, after["name"]
    assert again == exported
