"""What a listing's page and the service form read with the listing, or keep per process,
rather than in queries of their own: each answer is for the person it was read for, and a
change shows at once."""

import pytest

from directory.forms import ServiceForm
from directory.models import Organisation
from tests.people import make_user

from .conftest import category, make_service

pytestmark = pytest.mark.django_db


def test_a_listing_read_for_its_owner_answers_for_nobody_else(provider):
    other = make_user("Sam Other")
    organisation = make_service("Art club", owner=provider).organisation
    read = Organisation.objects.with_ownership(provider).get(pk=organisation.pk)
    assert read.is_claimed and read.is_owned_by(provider)
    assert not read.is_owned_by(other)  # asked of the database, not read for the owner
    organisation.owners.add(other)
    assert read.is_owned_by(other)


def test_an_unclaimed_listing_says_so_to_everyone(provider):
    organisation = make_service("Art club").organisation
    read = Organisation.objects.with_ownership(provider).get(pk=organisation.pk)
    assert not read.is_claimed and not read.is_owned_by(provider)


def test_a_renamed_kind_of_support_shows_at_once_on_a_saved_service():
    service = make_service("Art club")
    str(ServiceForm(instance=service)["category"])  # the choices kept
    term = category("day-activities")
    term.name = "Days out and about"
    term.save()
    assert "Days out and about" in str(ServiceForm(instance=service)["category"])


def test_a_kind_of_support_no_longer_offered_is_refused():
    service = make_service("Art club")
    str(ServiceForm(instance=service)["category"])  # the choices kept
    term = category("day-activities")
    term.curated = False
    term.save()
    form = ServiceForm(
        {"name": "Art club", "description": "Painting.", "category": str(term.pk)},
        instance=service,
        organisation=service.organisation,
    )
    assert "category" in form.errors


def test_the_editors_listing_read_by_kept_sql_answers_for_its_person_and_address(
    client, provider, moderator
):
    """``directory.views._editable``: the SQL is kept, never the rows; each request answers
    for its own person and listing, and a change of owners shows at once."""
    other = make_user("Sam Other")
    art = make_service("Art club", owner=provider).organisation
    choir = make_service("Choir").organisation
    client.force_login(provider)
    assert client.get(f"/directory/{art.slug}/services/new/").status_code == 200
    assert client.get(f"/directory/{choir.slug}/services/new/").status_code == 404
    assert client.get("/directory/no-such-listing/services/new/").status_code == 404
    client.force_login(other)
    assert client.get(f"/directory/{art.slug}/services/new/").status_code == 404
    art.owners.add(other)
    assert client.get(f"/directory/{art.slug}/services/new/").status_code == 200
    art.owners.remove(other)
    assert client.get(f"/directory/{art.slug}/services/new/").status_code == 404
    client.force_login(moderator)
    assert client.get(f"/directory/{choir.slug}/services/new/").status_code == 200
    client.logout()
    assert client.get(f"/directory/{art.slug}/services/new/").status_code == 302  # sign in


def test_the_editor_knows_whether_a_listing_is_claimed_as_the_orm_does(provider):
    from django.test import RequestFactory

    from directory.views import _editable

    art = make_service("Art club", owner=provider).organisation
    request = RequestFactory().get("/")
    request.user = provider
    read = _editable(request, art.slug)
    expected = Organisation.objects.with_ownership(provider).get(pk=art.pk)
    assert read.is_claimed and read.is_owned_by(provider)
    assert [getattr(read, f.attname) for f in Organisation._meta.concrete_fields] == [
        getattr(expected, f.attname) for f in Organisation._meta.concrete_fields
    ]
