"""Our records as Open Referral UK (v3, HSDS 3.0) JSON. The importer reads the same shapes back.

Empty values are left out rather than sent as ``null`` or ``""``: the standard's schemas type
them (a URL must be a URI, an age a number), so an absent field is the honest "we don't know".
Records the standard needs but we keep inside another (an address inside a location, an
attribute linking a service to a term) get fixed UUIDs made from their parent's, so the same
data always has the same identifiers.
"""

from __future__ import annotations

import datetime

from pbsite.money import pence_to_number

from .models import CostUnit, Service
from .vocabulary import FACTS, VALUE_FACTS, fixed_id

HSDS_VERSION = "3.0"
PROFILE_URL = "https://openreferraluk.org/"
COUNTRY = "GB"


def compact(record: dict) -> dict:
    """Drop absent values (None, "", []) so every field present has the schema's type."""
    return {key: value for key, value in record.items() if value not in (None, "", [])}


def timestamp(moment: datetime.datetime) -> str:
    """``2023-03-15T10:30:45.123Z``: UTC, milliseconds, as the standard shows."""
    utc = moment.astimezone(datetime.UTC)
    return utc.isoformat(timespec="milliseconds").replace("+00:00", "Z")


# --- Taxonomies ----------------------------------------------------------------------------------


def taxonomy_record(taxonomy) -> dict:
    return compact(
        {
            "id": str(taxonomy.id),
            "name": taxonomy.name,
            "description": taxonomy.description or taxonomy.name,
            "uri": taxonomy.uri,
            "version": taxonomy.version,
        }
    )


def term_record(term) -> dict:
    """Needs ``term.taxonomy`` loaded (select_related) to avoid a query per term."""
    return compact(
        {
            "id": str(term.id),
            "name": term.name,
            "description": term.description or term.name,
            "code": term.code,
            "term": term.code,
            "taxonomy": term.taxonomy.name,
            "taxonomy_id": str(term.taxonomy_id),
            "parent_id": str(term.parent_id) if term.parent_id else None,
            "term_uri": term.term_uri,
        }
    )


def attribute_record(owner_id, link_type: str, term, value: str = "") -> dict:
    return compact(
        {
            "id": str(fixed_id("attribute", owner_id, term.id)),
            "link_id": str(owner_id),
            "link_type": link_type,
            "taxonomy_term_id": str(term.id),
            "taxonomy_term": term_record(term),
            "value": value,
        }
    )


# --- Organisations -------------------------------------------------------------------------------


def organisation_record(organisation, fact_terms=None) -> dict:
    record = {
        "id": str(organisation.id),
        "name": organisation.name,
        "description": organisation.description,
        "website": organisation.website,
    }
    if fact_terms is not None:
        record["attributes"] = [
            attribute_record(organisation.id, "organization", fact_terms[fact.code])
            for fact in FACTS
            if fact.link_type == "organization" and getattr(organisation, fact.field) == fact.value
        ]
    return compact(record)


# --- Services -----------------------------------------------------------------------------------


def service_summary(service: Service) -> dict:
    """The service's own fields and its organisation: a ``service_list`` item's core."""
    return compact(
        {
            "id": str(service.uuid),
            "organization_id": str(service.organisation_id),
            "name": service.name,
            "description": service.description,
            "url": service.url,
            "status": service.status,
            "minimum_age": service.minimum_age,
            "maximum_age": service.maximum_age,
            "assured_date": service.organisation.last_confirmed.isoformat(),
            "last_modified": timestamp(service.last_modified),
        }
    )


def service_record(service: Service, fact_terms: dict) -> dict:
    """A full service. Needs ``finding.with_details`` plus ``service_at_locations__location``
    prefetched, and ``fact_terms`` from ``vocabulary.ensure_facts()`` with taxonomies loaded."""
    record = service_summary(service)
    record.update(
        compact(
            {
                "organization": organisation_record(service.organisation, fact_terms),
                "schedules": [
                    schedule_record(schedule, service) for schedule in service.schedule_rows()
                ],
                "service_areas": [
                    area_record(area, service) for area in service.service_area_rows()
                ],
                "service_at_locations": [
                    {
                        "id": str(link.id),
                        "service_id": str(service.uuid),
                        "location_id": str(link.location_id),
                        "location": location_record(link.location),
                    }
                    for link in venue_links(service)
                ],
                "languages": [
                    compact(
                        {
                            "id": str(language.id),
                            "service_id": str(service.uuid),
                            "name": language.name,
                            "code": language.code,
                        }
                    )
                    for language in service.language_rows()
                ],
                "cost_options": [cost_record(cost, service) for cost in service.cost_option_rows()],
                "attributes": service_attributes(service, fact_terms),
            }
        )
    )
    return record


def venue_links(service: Service) -> list:
    """A venue's address is published only for services that happen at a venue."""
    return list(service.service_at_locations.all()) if service.at_venue else []


def schedule_record(schedule, service) -> dict:
    return compact(
        {
            "id": str(schedule.id),
            "service_id": str(service.uuid),
            "freq": "WEEKLY",
            "interval": 1,
            "byday": schedule.byday,
            "opens_at": schedule.opens_at.isoformat() if schedule.opens_at else None,
            "closes_at": schedule.closes_at.isoformat() if schedule.closes_at else None,
            "description": schedule.description,
        }
    )


def area_record(area, service) -> dict:
    return compact(
        {
            "id": str(area.id),
            "service_id": str(service.uuid),
            "name": area.district or area.name,
            "service_area": area.district or area.name,
            "extent_type": "postcode_district" if area.district else None,
        }
    )


def location_record(location) -> dict:
    return compact(
        {
            "id": str(location.id),
            "location_type": "physical",
            "name": location.name,
            "addresses": [
                {
                    "id": str(fixed_id("address", location.id)),
                    "location_id": str(location.id),
                    "address_1": location.address_1,
                    "city": location.city,
                    "state_province": location.region,
                    "postal_code": location.postcode,
                    "country": COUNTRY,
                    "address_type": "physical",
                }
            ],
            "accessibility": [
                {
                    "id": str(fixed_id("accessibility", location.id)),
                    "location_id": str(location.id),
                    "description": location.accessibility,
                }
            ]
            if location.accessibility
            else [],
        }
    )


def cost_record(cost, service) -> dict:
    free = cost.unit == CostUnit.FREE
    return compact(
        {
            "id": str(cost.id),
            "service_id": str(service.uuid),
            "option": cost.description,
            "amount": 0 if free else pence_to_number(cost.amount_pence),
            "amount_description": "Free" if free else cost.get_unit_display(),
        }
    )


def fact_value(service: Service, fact) -> str | None:
    """The attribute value for a fact that applies to this service, or None if it does not."""
    value = getattr(service, fact.field)
    if fact.field == "checks":
        return "" if fact.value in value else None
    if fact.code in VALUE_FACTS:
        return str(value) if value not in (None, "") else None
    return "" if value else None


def service_attributes(service: Service, fact_terms: dict) -> list[dict]:
    attributes = []
    if service.category_id:
        attributes.append(attribute_record(service.uuid, "service", service.category))
    for fact in FACTS:
        if fact.link_type != "service":
            continue
        value = fact_value(service, fact)
        if value is not None:
            attributes.append(
                attribute_record(service.uuid, "service", fact_terms[fact.code], value)
            )
    return attributes
