"""Editors curate categories and add listings in the Wagtail admin."""

from django.urls import reverse

from directory.models import Organisation, TaxonomyTerm


def test_categories_are_snippets_editors_manage(client, moderator):
    client.force_login(moderator)
    response = client.get(reverse("wagtailsnippets_directory_taxonomyterm:list"))
    assert response.status_code == 200
    assert "Day activities and clubs" in response.content.decode()


def test_editor_adds_a_listing_without_owner(client, moderator):
    client.force_login(moderator)
    response = client.post(
        reverse("directory_organisations:add"),
        {
            "name": "Village Lunch",
            "slug": "village-lunch",
            "kind": "community_group",
            "description": "Lunch in the village hall.",
            "website": "",
            "size": "small",
            "status": "approved",
            "last_confirmed": "2026-01-01",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    organisation = Organisation.objects.get(slug="village-lunch")
    assert not organisation.owners.exists()


def test_only_curated_categories_are_offered(client, db):
    term = TaxonomyTerm.objects.get(code="outdoors")
    term.curated = False
    term.save()
    page = client.get("/directory/").content.decode()
    assert "Outdoors, gardening and walking" not in page
    assert "Day activities and clubs" in page
