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
