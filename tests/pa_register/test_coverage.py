"""The PAs' coverage rows (``PACoverage``): derived from each profile's districts, kept in step
by every way a profile is written, and giving ``covering``/``covering_any`` the same PAs as the
match of the districts' JSON text they replace."""

import importlib
from io import StringIO

import pytest
from django.apps import apps
from django.core import serializers
from django.core.management import call_command
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext

from accounts import demo as accounts_demo
from pa_register import demo
from pa_register.coverage import coverage_rows, match_coverage
from pa_register.models import PACoverage, PAProfile

from .conftest import make_pa

pytestmark = pytest.mark.django_db


def coverage_of(profile) -> set[str]:
    return set(PACoverage.objects.filter(profile_id=profile.pk).values_list("district", flat=True))


def json_match(districts) -> Q:
    """The old ``covering_any``, kept here as the reference: the quoted item in the JSON text."""
    query = Q()
    for district in districts:
        query |= Q(districts__icontains=f'"{district}"')
    return query


def test_a_new_profile_covers_its_districts_upper_case():
    profile = make_pa("Ann", districts=["OX4", "ox16"])
    assert coverage_of(profile) == {"OX4", "OX16"}


def test_an_edit_adds_and_removes_districts(client):
    profile = make_pa("Ann", districts=["OX4", "OX1"])
    client.force_login(profile.user)
    response = client.post(
        "/register/profile/",
        {
            "about": "I have worked as a PA for six years.",
            "kinds": ["personal_care"],
            "districts": "ox1, OX16",
            "free_tue": ["morning"],
            "work_arrangements": ["self_employed"],
            "languages": "english",
        },
    )
    assert response.status_code == 302, response.content.decode()[:500]
    profile.refresh_from_db()
    assert profile.districts == ["OX1", "OX16"]
    assert coverage_of(profile) == {"OX1", "OX16"}
    assert list(PAProfile.objects.covering("OX16")) == [profile]
    assert not PAProfile.objects.covering("OX4").exists()


def test_a_save_with_the_same_districts_writes_no_coverage(django_assert_num_queries):
    profile = make_pa("Ann", districts=["OX4", "OX1"])
    with django_assert_num_queries(1):  # the read of the rows: nothing to write
        match_coverage(profile)
    profile.districts = ["OX1"]
    with django_assert_num_queries(2):  # the read, the delete
        match_coverage(profile)
    assert coverage_of(profile) == {"OX1"}


def test_a_save_of_other_fields_leaves_the_coverage_alone():
    profile = make_pa("Ann", districts=["OX4"])
    profile.paused = True
    with CaptureQueriesContext(connection) as queries:
        profile.save(update_fields=["paused"])
    assert not [q for q in queries.captured_queries if PACoverage._meta.db_table in q["sql"]]
    profile.districts = ["OX9"]
    profile.save(update_fields=["districts"])
    assert coverage_of(profile) == {"OX9"}


def test_coverage_goes_with_the_profile():
    profile = make_pa("Ann", districts=["OX4", "OX1"])
    kept = make_pa("Bea", districts=["OX4"])
    profile.delete()
    assert not PACoverage.objects.filter(profile_id=profile.pk).exists()
    assert coverage_of(kept) == {"OX4"}


def test_coverage_goes_when_the_pa_deletes_their_account(client):
    profile = make_pa("Ann", districts=["OX4", "OX16"])
    client.force_login(profile.user)
    response = client.post("/accounts/delete/", {"confirm": "on", "email": profile.user.email})
    assert response.status_code == 302
    assert not PAProfile.objects.filter(pk=profile.pk).exists()
    assert not PACoverage.objects.filter(profile_id=profile.pk).exists()


def test_loading_a_profile_from_a_fixture_writes_its_coverage(tmp_path):
    profile = make_pa("Ann", districts=["OX4", "OX16"])
    fixture = tmp_path / "profile.json"
    fixture.write_text(serializers.serialize("json", [profile]))
    PACoverage.objects.all().delete()
    call_command("loaddata", str(fixture), verbosity=0)
    assert coverage_of(profile) == {"OX4", "OX16"}
    # Loaded over itself with other districts, it keeps only the new ones.
    profile.districts = ["OX1"]
    fixture.write_text(serializers.serialize("json", [profile]))
    call_command("loaddata", str(fixture), verbosity=0)
    assert coverage_of(profile) == {"OX1"}


def test_the_data_migration_fills_the_coverage_of_every_profile():
    first = make_pa("Ann", districts=["OX4", "ox16", "OX4"])
    second = make_pa("Bea", districts=["OX1"])
    nowhere = make_pa("Cat", districts=[])
    PACoverage.objects.filter(profile=second).delete()
    PACoverage.objects.filter(profile=first, district="OX16").delete()
    migration = importlib.import_module("pa_register.migrations.0009_fill_pacoverage")
    migration.fill_coverage(apps, None)
    assert coverage_of(first) == {"OX4", "OX16"}
    assert coverage_of(second) == {"OX1"}
    assert coverage_of(nowhere) == set()


def test_bulk_created_profiles_get_their_rows_from_coverage_rows():
    profile = make_pa("Ann", districts=["OX4", "ox16"])
    PACoverage.objects.all().delete()
    PACoverage.objects.bulk_create(coverage_rows([profile]))
    assert coverage_of(profile) == {"OX4", "OX16"}


def test_covering_finds_the_same_pas_as_the_json_match_over_the_demo():
    accounts_demo.load(StringIO())
    demo.load(StringIO())
    make_pa("Lower Case", districts=["ox16", "ox4"])
    make_pa("Nowhere", districts=[])
    profiles = PAProfile.objects.all()
    assert profiles.count() > 60
    assert PACoverage.objects.count() == sum(len(set(p.districts)) for p in profiles)
    every = sorted({district for profile in profiles for district in profile.districts})
    asked = [
        ["OX16"],
        ["ox16"],
        ["OX4", "OX1", "OX14"],
        ["OX15", "OX16", "OX17", "OX7"],
        ["OX1"],  # not OX14, OX16 and so on: whole districts only
        ["RG9"],  # nobody
        [],
        every,
    ]
    for districts in asked:
        expected = list(profiles.filter(json_match(districts)).order_by("pk"))
        if not districts:
            expected = []  # an empty Q matched everyone; no district covers nobody
        assert list(profiles.covering_any(districts).order_by("pk")) == expected, districts
        listed = PAProfile.objects.listed().filter(json_match(districts)) if districts else []
        assert set(PAProfile.objects.listed().covering_any(districts)) == set(listed)
        orm = PACoverage.objects.filter(district__in=[d.upper() for d in districts])
        assert set(profiles.covering_any(districts)) == set(
            profiles.filter(pk__in=orm.values("profile_id"))
        )
    for district in [*every, "ox16", "RG9"]:
        expected = list(profiles.filter(json_match([district])).order_by("pk"))
        assert list(profiles.covering(district).order_by("pk")) == expected, district
