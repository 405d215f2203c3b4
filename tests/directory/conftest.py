import datetime
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from accounts.models import Role
from directory.editing import reindex
from directory.models import (
    CostOption,
    Language,
    ListingStatus,
    Location,
    Organisation,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    TaxonomyTerm,
)
from tests.people import make_user

#: Open Referral UK schemas and examples, copied into the tests (origin and licence in its README).
SHARED = Path(__file__).resolve().parent / "openreferral-uk"


def category(code):
    return TaxonomyTerm.objects.get(code=code, taxonomy__name="budgetcircle-categories")


def make_service(
    name,
    *,
    organisation=None,
    org_name=None,
    districts=("OX4",),
    costs=((1000, "session"),),
    days="MO",
    languages=("English",),
    confirmed_days_ago=1,
    owner=None,
    venue=None,
    status=ListingStatus.APPROVED,
    category_code="day-activities",
    **fields,
):
    """A listed service with its organisation, areas, costs, one schedule and languages."""
    if organisation is None:
        organisation = Organisation.objects.create(
            name=org_name or f"{name} Ltd",
            kind=fields.pop("kind", "micro_enterprise"),
            description=f"We run {name}.",
            status=status,
            last_confirmed=timezone.localdate() - datetime.timedelta(days=confirmed_days_ago),
        )
        if owner is not None:
            organisation.owners.add(owner)
    defaults = {"description": f"{name}: a friendly service.", "at_venue": True}
    service = Service.objects.create(
        organisation=organisation,
        name=name,
        category=category(category_code) if category_code else None,
        **{**defaults, **fields},
    )
    ServiceArea.objects.bulk_create(
        [ServiceArea(service=service, district=d, name=d) for d in districts]
    )
    CostOption.objects.bulk_create(
        [CostOption(service=service, amount_pence=p, unit=u) for p, u in costs]
    )
    if days:
        Schedule.objects.create(
            service=service,
            byday=days,
            opens_at=datetime.time(10),
            closes_at=datetime.time(12),
        )
    Language.objects.bulk_create([Language(service=service, name=n) for n in languages])
    if venue:
        location = Location.objects.create(organisation=organisation, **venue)
        ServiceAtLocation.objects.create(service=service, location=location)
    reindex(service)
    return service


@pytest.fixture
def provider(db):
    return make_user("Pat Provider", role=Role.PROVIDER)


@pytest.fixture
def holder(db):
    return make_user("Maya Holder", role=Role.HOLDER)


@pytest.fixture
def moderator(db):
    user = make_user("Jo Moderator", role=Role.MODERATOR, is_staff=True)
    group = Group.objects.get(name=Role.MODERATOR.value)
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(content_type__app_label="directory"),
    )
    return user


@pytest.fixture
def shared_oruk():
    """The Open Referral UK schemas and examples kept beside these tests."""
    return SHARED
