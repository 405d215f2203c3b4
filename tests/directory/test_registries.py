"""The directory in the shared registries: site search, moderation and personal data."""

from directory.listing import request_claim
from directory.models import Organisation, Service
from pbsite import moderation
from pbsite.registry import personal_data
from search.registry import site_search

from .conftest import make_service


def test_site_search_sees_only_listed_services(db):
    listed = make_service("Lunch club")
    make_service("Draft club", status="pending")
    make_service("Old club", confirmed_days_ago=200)
    kind = site_search.get("directory")
    assert list(kind.visible_to(None)) == [listed]
    hit = kind.describe(listed)
    assert hit.url == f"/directory/{listed.organisation.slug}/#service-{listed.uuid}"
    assert "Lunch club Ltd" in hit.meta


def test_a_hit_read_as_values_is_described_as_the_service_is(db):
    """The site search shows services from a row of values, not models: the same title,
    address, summary and meta (the organisation's kind as its translated label) for every
    demo service, listed or not, whichever language the reader has."""
    import io

    from django.utils import translation

    from accounts import demo as accounts_demo
    from directory import demo

    accounts_demo.load(io.StringIO())  # the demo provider looks after one listing
    demo.load(io.StringIO())
    kind = site_search.get("directory")
    services = Service.objects.select_related("organisation")
    rows = {row["pk"]: row for row in services.values("pk", *kind.hit_values)}
    assert len(rows) > 10 and len({s.organisation.kind for s in services}) > 3
    for language in ("en-gb", "pl"):
        with translation.override(language):
            for service in services:
                assert kind.describe_found(rows[service.pk]) == kind.describe(service)
                assert kind.describe_found(service) == kind.describe(service)


def test_a_hit_read_as_values_names_the_kind_in_the_readers_language(db, monkeypatch):
    """The kind's label is translated when the hit is described, in the reader's language,
    from a row as from the model (the demo's labels are not yet translated into Polish)."""
    from django.utils import translation

    service = make_service("Lunch club")
    kind = site_search.get("directory")
    row = Service.objects.values("pk", *kind.hit_values).get()
    monkeypatch.setattr(
        translation._trans, "gettext", lambda message: f"[{translation.get_language()}] {message}"
    )
    for language in ("en-gb", "pl"):
        with translation.override(language):
            meta = kind.describe_found(row).meta
            assert meta == kind.describe(service).meta
            assert f" · [{language}] " in meta


def test_organisations_and_services_are_reportable(db):
    service = make_service("Lunch club")
    assert moderation.is_reportable(service) and moderation.is_reportable(service.organisation)
    moderation.reportable_for(service).hide(service)
    assert not Service.objects.listed().exists()


def test_personal_data_export_and_erase(db, provider):
    owned = make_service("Mine", owner=provider).organisation
    unclaimed = make_service("Theirs").organisation
    request_claim(unclaimed, provider, "I help run it.")
    data = personal_data.export(provider)["directory"]
    assert data["listings_you_look_after"][0]["name"] == owned.name
    assert data["claims"][0]["message"] == "I help run it."
    personal_data.erase(provider)
    assert not provider.directory_claims.exists()
    assert Organisation.objects.filter(pk=owned.pk).exists() and not owned.owners.exists()
