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
