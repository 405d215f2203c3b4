"""Demo content, moderation, site search and "my data" hooks."""

import datetime
from io import StringIO

from django.core.files.uploadedfile import SimpleUploadedFile

from accounts import demo as accounts_demo
from pa_register import demo
from pa_register.models import Advert, Check, CheckKind, PAProfile
from pbsite import moderation
from pbsite.registry import demo_content, personal_data
from search.registry import site_search

from .conftest import make_pa, make_user


def test_demo_builds_a_believable_register_and_is_idempotent(db):
    accounts_demo.load(StringIO())
    demo.load(StringIO())
    count = PAProfile.objects.count()
    assert count >= 60
    assert Advert.objects.count() >= 10
    districts = {d for p in PAProfile.objects.all() for d in p.districts}
    assert {"OX16", "OX26", "OX28", "OX14", "OX11"} <= districts
    assert "RG9" not in districts
    listed = PAProfile.objects.listed().count()
    assert 40 <= listed < count  # some are hidden for being out of date
    assert Check.objects.filter(verified_at__isnull=True).exists()
    expired = [c for c in Check.objects.filter(kind=CheckKind.DBS) if c.is_expired()]
    assert expired
    sam = PAProfile.objects.get(user__email="pa@demo.budgetcircle.example")
    assert sam.districts[0] == "OX16"
    snapshot = sorted(PAProfile.objects.values_list("user__email", "about", "availability"))
    demo.load(StringIO())
    assert PAProfile.objects.count() == count
    assert sorted(PAProfile.objects.values_list("user__email", "about", "availability")) == snapshot
    assert "pa_register" in [loader.name for loader in demo_content]


def test_moderation_hides_profiles_and_adverts(db, holder):
    profile = make_pa("Reported PA")
    moderation.report(profile, reason="spam", reporter=holder)
    moderation.reportable_for(profile).hide(profile)
    assert not PAProfile.objects.listed().filter(pk=profile.pk).exists()
    advert = Advert.objects.create(
        author=holder,
        title="Help",
        details="x",
        district="OX4",
        employment="employed",
        kinds=["domestic"],
    )
    moderation.reportable_for(advert).hide(advert)
    assert not Advert.objects.open().exists()


def test_site_search_sees_only_listed_profiles(db):
    fresh = make_pa("Fresh PA")
    make_pa("Paused PA", paused=True)
    make_pa("Old PA", confirmed_days_ago=181)
    kind = site_search.get("pas")
    assert list(kind.visible_to(None)) == [fresh]
    hit = kind.describe(fresh)
    assert hit.url == fresh.get_absolute_url() and "OX4" in hit.meta


def test_export_and_erase(db, holder):
    profile = make_pa("Leaving PA")
    check = Check.objects.create(
        profile=profile,
        kind=CheckKind.FIRST_AID,
        dated=datetime.date(2025, 1, 1),
        evidence=SimpleUploadedFile("cert.pdf", b"%PDF", "application/pdf"),
    )
    path = check.evidence.path
    data = personal_data.export(profile.user)["pa_register"]
    assert data["pa_profile"]["about"] == profile.about
    assert data["pa_profile"]["checks"][0]["evidence_file"] == "cert.pdf"
    Advert.objects.create(
        author=holder,
        title="Mine",
        details="x",
        district="OX4",
        employment="employed",
        kinds=["domestic"],
    )
    assert personal_data.export(holder)["pa_register"]["pa_wanted_adverts"][0]["title"] == "Mine"
    personal_data.sections["pa_register"].erase(profile.user)
    personal_data.sections["pa_register"].erase(holder)
    assert not PAProfile.objects.exists() and not Check.objects.exists()
    assert not Advert.objects.exists()
    import os

    assert not os.path.exists(path)
    assert make_user("Someone Else")  # the registry does not touch other people


def test_editors_manage_curated_skills_in_the_admin(client, db, skills):
    admin = make_user("Admin Person", is_staff=True, is_superuser=True)
    client.force_login(admin)
    response = client.get("/admin/snippets/pa_register/skill/")
    assert response.status_code == 200
    assert "PEG feeding" in response.content.decode()
    response = client.post(
        "/admin/snippets/pa_register/skill/add/",
        {
            "name": "Tracheostomy care",
            "slug": "tracheostomy-care",
            "curated": "on",
            "phrase": "can do tracheostomy care",
        },
    )
    assert response.status_code == 302
    page = client.get("/register/").content.decode()
    assert "Tracheostomy care" in page  # a new checkbox on the search form


def test_a_hit_read_as_values_is_described_as_the_profile_is(db):
    """The site search shows PAs from a row of values, not models: the same name (as
    ``User.public_name`` gives it, a deleted or unnamed account's too), address, summary and
    districts for every demo profile, listed or not, whichever language the reader has."""
    from django.utils import translation

    from accounts.models import User

    accounts_demo.load(StringIO())
    demo.load(StringIO())
    kind = site_search.get("pas")
    profiles = list(PAProfile.objects.select_related("user").order_by("pk"))
    User.objects.filter(pk=profiles[1].user_id).update(
        deleted_at=datetime.datetime.now(datetime.UTC)
    )
    User.objects.filter(pk=profiles[2].user_id).update(display_name="")
    profiles = list(PAProfile.objects.select_related("user").order_by("pk"))
    rows = {row["pk"]: row for row in PAProfile.objects.values("pk", *kind.hit_values)}
    assert len(rows) >= 60
    for language in ("en-gb", "pl"):
        with translation.override(language):
            for profile in profiles:
                assert kind.describe_found(rows[profile.pk]) == kind.describe(profile)
                assert kind.describe_found(profile) == kind.describe(profile)
    titles = {kind.describe_found(rows[profile.pk]).title for profile in profiles[1:3]}
    assert titles == {"Former member", "Member"}
    # And the demo's PA wanted adverts, open or not.
    kind = site_search.get("pa_wanted")
    adverts = list(Advert.objects.order_by("pk"))
    rows = {row["pk"]: row for row in Advert.objects.values("pk", *kind.hit_values)}
    assert len(rows) >= 3
    with translation.override("pl"):
        for advert in adverts:
            assert kind.describe_found(rows[advert.pk]) == kind.describe(advert)
