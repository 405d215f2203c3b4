"""Saving a service with everything that hangs off it, all or nothing."""

from __future__ import annotations

from django.db import transaction

from search.indexing import index_after_commit

from .models import Language, Location, ServiceArea, ServiceAtLocation


def set_areas(service, districts: list[str]) -> None:
    service.service_areas.all().delete()
    ServiceArea.objects.bulk_create(
        [ServiceArea(service=service, district=district, name=district) for district in districts]
    )


def set_languages(service, names: list[str]) -> None:
    service.languages.all().delete()
    Language.objects.bulk_create([Language(service=service, name=name) for name in names])


def set_venue(service, venue: dict | None) -> None:
    """A venue service gets its venue; any other service loses every address link."""
    links = service.service_at_locations.select_related("location")
    if venue is None:
        links.delete()
        return
    link = links.first()
    location = link.location if link else Location(organisation=service.organisation)
    for field, value in venue.items():
        setattr(location, field, value)
    location.save()
    if link is None:
        ServiceAtLocation.objects.create(service=service, location=location)


@transaction.atomic
def save_service(form, cost_formset, schedule_formset, organisation):
    """Save a valid ServiceForm and its formsets for ``organisation``."""
    service = form.save(commit=False)
    service.organisation = organisation
    data = form.cleaned_data
    service.checks = list(data["checks"])
    service.save()
    set_areas(service, data["districts"])
    set_languages(service, data["languages"])
    venue = None
    if data.get("at_venue"):
        venue = {
            "name": data["venue_name"],
            "address_1": data["venue_address"],
            "city": data["venue_town"],
            "postcode": data["venue_postcode"],
            "accessibility": data["venue_access"],
        }
    set_venue(service, venue)
    for formset in (cost_formset, schedule_formset):
        formset.instance = service
        formset.save()
    reindex(service)
    return service


def reindex(service) -> None:
    """Languages and areas are saved after the service, so the index must hear about them
    (once the save is committed, like every index write)."""
    index_after_commit(service)
