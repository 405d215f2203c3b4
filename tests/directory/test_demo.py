"""The demo directory: enough providers of every kind, idempotent, and a few stale ones."""

import io

from accounts import demo as accounts_demo
from accounts.models import Role
from directory import demo
from directory.freshness import Freshness
from directory.models import Organisation, OrganisationKind, Service


def test_demo_loads_once_with_every_kind(db):
    accounts_demo.load(io.StringIO())
    demo.load(io.StringIO())
    count = Organisation.objects.count()
    services = Service.objects.count()
    demo.load(io.StringIO())
    assert Organisation.objects.count() == count >= 30
    assert Service.objects.count() == services
    assert set(Organisation.objects.values_list("kind", flat=True)) == set(OrganisationKind.values)
    assert Service.objects.filter(shareable_by_group=True).count() >= 5
    assert Service.objects.listed().free().count() >= 5
    states = {organisation.freshness() for organisation in Organisation.objects.all()}
    assert states == {Freshness.FRESH, Freshness.STALE, Freshness.HIDDEN}
    owned = Organisation.objects.get(name=demo.DEMO_OWNED)
    assert owned.owners.get() == accounts_demo.demo_user(Role.PROVIDER)
    # A home-visit service never has a venue.
    assert not Service.objects.filter(at_home=True, service_at_locations__isnull=False).exists()
