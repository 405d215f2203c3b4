"""Import services from Open Referral UK JSON: one service, a page envelope, a list, or a folder.

Each service is one transaction: it is saved whole or not at all, and a rejected one is
reported with the reason, in words a person can act on. Importing the same data again changes
nothing (records are matched by their identifiers). Our own export (``oruk.py``) imports back
to the same data; from other directories we take what maps and say what we could not use.

Imported listings are approved by default, because an editor chose to run the import; pass
``pending=True`` to send them to a moderator first.
"""

from __future__ import annotations

import datetime
import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime, parse_time

from pbsite.areas import parse_postcode
from pbsite.money import round_pence

from .editing import reindex
from .models import (
    WEEKDAY_NAMES,
    CostOption,
    CostUnit,
    Language,
    ListingStatus,
    Location,
    Organisation,
    OrganisationKind,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceStatus,
    Taxonomy,
    TaxonomyTerm,
)
from .vocabulary import BUDGET_VOCABULARY, FACTS, FACTS_BY_CODE, VALUE_FACTS, ensure_facts

UNIT_WORDS = [  # (word in amount_description, unit); the first that appears wins
    ("free", CostUnit.FREE),
    ("hour", CostUnit.HOUR),
    ("session", CostUnit.SESSION),
    ("day", CostUnit.DAY),
    ("week", CostUnit.WEEK),
    ("month", CostUnit.MONTH),
    ("each", CostUnit.ITEM),
]
DELIVERY_CODES = {"delivered-at-home", "delivered-at-venue", "delivered-online"}


class Rejected(Exception):
    """Why a record cannot be imported; ``str()`` is the reason."""


@dataclass
class Rejection:
    source: str
    identifier: str
    reason: str

    def __str__(self):
        return f"{self.source} (id {self.identifier or 'unknown'}): {self.reason}"


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def imported(self) -> int:
        return self.created + self.updated


# --- Reading files -------------------------------------------------------------------------------


def records_from(path: Path, report: ImportReport) -> Iterator[tuple[str, object]]:
    """Every service record in a file or folder, with where it came from."""
    path = Path(path)
    if path.is_dir():
        for child in sorted(path.glob("*.json")):
            yield from records_from(child, report)
        return
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        report.rejected.append(Rejection(path.name, "", f"cannot read it as JSON ({error})"))
        return
    if isinstance(data, dict) and isinstance(data.get("contents"), list):
        items = data["contents"]
    elif isinstance(data, list):
        items = data
    else:
        items = [data]
    for number, item in enumerate(items, start=1):
        yield (f"{path.name} record {number}" if len(items) > 1 else path.name), item


def import_path(path, *, pending: bool = False) -> ImportReport:
    report = ImportReport()
    for source, record in records_from(path, report):
        import_one(source, record, report, pending=pending)
    return report


def import_records(records, *, pending: bool = False) -> ImportReport:
    report = ImportReport()
    for number, record in enumerate(records, start=1):
        import_one(f"record {number}", record, report, pending=pending)
    return report


def import_one(source: str, record, report: ImportReport, *, pending: bool = False) -> None:
    identifier = str(record.get("id", "")) if isinstance(record, dict) else ""
    try:
        with transaction.atomic():
            created = ServiceImport(record, pending=pending).save()
    except Rejected as error:
        report.rejected.append(Rejection(source, identifier, str(error)))
    except (DatabaseError, ValidationError) as error:
        report.rejected.append(Rejection(source, identifier, f"the database refused it ({error})"))
    else:
        if created:
            report.created += 1
        else:
            report.updated += 1


# --- Checking values -----------------------------------------------------------------------------


def _describe_type(value) -> str:
    return {
        str: "text",
        bool: "true/false",
        int: "a number",
        float: "a number",
        list: "a list",
        dict: "an object",
    }.get(type(value), "empty")


def get(record: dict, name: str, kind, where: str, *, required: bool = False):
    """``record[name]`` checked to be of ``kind`` (str, "number", list, dict); None if absent."""
    value = record.get(name)
    if value is None:
        if required:
            raise Rejected(f"{where}: the required field “{name}” is missing.")
        return None
    if kind == "number":
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        wanted = "a number"
    else:
        ok = isinstance(value, kind)
        wanted = {str: "text", list: "a list", dict: "an object"}[kind]
    if not ok:
        raise Rejected(
            f"{where}: “{name}” should be {wanted}, not {_describe_type(value)} ({value!r:.40})."
        )
    if required and kind is str and not value.strip():
        raise Rejected(f"{where}: the required field “{name}” is empty.")
    return value


def get_uuid(record: dict, name: str, where: str, *, required: bool = True) -> uuid.UUID | None:
    value = get(record, name, str, where, required=required)
    if value is None:
        return None
    try:
        return uuid.UUID(value)
    except ValueError:
        raise Rejected(f"{where}: “{name}” is not a valid UUID ({value!r:.40}).") from None


def text(record: dict, name: str, where: str, limit: int) -> str:
    return (get(record, name, str, where) or "").replace("\x00", "").strip()[:limit]


def items(record: dict, name: str, where: str) -> list[tuple[str, dict]]:
    values = get(record, name, list, where) or []
    found = []
    for number, value in enumerate(values):
        place = f"{where}.{name}[{number}]"
        if not isinstance(value, dict):
            raise Rejected(f"{place} should be an object, not {_describe_type(value)}.")
        found.append((place, value))
    return found


def whole(record: dict, name: str, where: str) -> int | None:
    value = get(record, name, "number", where)
    if value is None:
        return None
    if value < 0 or value > 150:
        raise Rejected(f"{where}: “{name}” must be between 0 and 150, not {value}.")
    return int(value)


def day(record: dict, name: str, where: str) -> datetime.date | None:
    value = get(record, name, str, where)
    if not value:
        return None
    parsed = parse_date(value[:10]) if len(value) >= 10 else None
    if parsed is None:
        raise Rejected(f"{where}: “{name}” should be a date like 2025-01-31, not {value!r:.40}.")
    return parsed


def moment(record: dict, name: str, where: str) -> datetime.datetime | None:
    value = get(record, name, str, where)
    if not value:
        return None
    try:
        parsed = parse_datetime(value)
    except ValueError:
        parsed = None
    if parsed is None:
        raise Rejected(f"{where}: “{name}” should be a date and time, not {value!r:.40}.")
    return parsed if parsed.tzinfo else timezone.make_aware(parsed)


def clock(record: dict, name: str, where: str) -> datetime.time | None:
    value = get(record, name, str, where)
    if not value:
        return None
    try:
        parsed = parse_time(value.removesuffix("Z"))
    except ValueError:
        parsed = None
    if parsed is None:
        raise Rejected(f"{where}: “{name}” should be a time like 09:30, not {value!r:.40}.")
    return parsed.replace(tzinfo=None)


def district_in(name: str) -> str:
    """The postcode district if the area's name is one (``OX4``), else ""."""
    try:
        postcode = parse_postcode(name)
    except ValidationError:
        return ""
    return "" if postcode.is_full else postcode.district


# --- One service ---------------------------------------------------------------------------------


class ServiceImport:
    def __init__(self, record, *, pending: bool):
        if not isinstance(record, dict):
            raise Rejected(f"a service should be an object, not {_describe_type(record)}.")
        self.record = record
        self.pending = pending
        self.facts = ensure_facts()
        self.fact_ids = {term.id: code for code, term in self.facts.items()}

    def save(self) -> bool:
        """Save the service and everything in it. True if it was new."""
        record, where = self.record, "service"
        service_id = get_uuid(record, "id", where)
        name = text(record, "name", where, 120)
        get(record, "name", str, where, required=True)
        status = get(record, "status", str, where, required=True)
        if status not in ServiceStatus.values:
            raise Rejected(
                f"service: “status” must be one of {', '.join(ServiceStatus.values)}, "
                f"not {status!r:.40}."
            )
        attributes = self.attribute_codes(record, where)
        organisation = self.organisation(record, attributes)
        service = Service.objects.filter(uuid=service_id).first()
        created = service is None
        if service is None:
            service = Service(uuid=service_id)
        elif service.organisation_id != organisation.pk:
            raise Rejected("this service id already belongs to another organisation.")
        service.organisation = organisation
        service.name = name
        service.description = text(record, "description", where, 3000)
        service.url = text(record, "url", where, 200)
        service.status = status
        service.minimum_age = whole(record, "minimum_age", where)
        service.maximum_age = whole(record, "maximum_age", where)
        self.apply_facts(service, attributes["service"])
        service.category = self.category(attributes["other"])
        links = self.locations(record, organisation)
        if not DELIVERY_CODES & set(attributes["service"]):
            service.at_venue = bool(links)  # data from elsewhere: a venue means "at a venue"
        service.save()
        self.replace_children(service, record, links)
        if modified := moment(record, "last_modified", where):
            Service.objects.filter(pk=service.pk).update(last_modified=modified)
        reindex(service)
        return created

    # Attributes: Budget Circle facts, and any other terms (the first is the category).
    def attribute_codes(self, record, where) -> dict:
        found = {"service": {}, "organization": {}, "other": []}
        organisation = get(record, "organization", dict, where) or {}
        for owner, attributes in (
            ("service", items(record, "attributes", where)),
            ("organization", items(organisation, "attributes", "organization")),
        ):
            for place, attribute in attributes:
                get_uuid(attribute, "id", place)
                term = get(attribute, "taxonomy_term", dict, place) or {}
                term_id = get_uuid(term, "id", f"{place}.taxonomy_term", required=False)
                term_id = term_id or get_uuid(attribute, "taxonomy_term_id", place)
                code = self.fact_ids.get(term_id)
                if code is None and term.get("taxonomy") == BUDGET_VOCABULARY:
                    code = term.get("code") or term.get("term")
                if code in FACTS_BY_CODE:
                    found[owner][code] = str(attribute.get("value") or "")
                elif owner == "service":
                    found["other"].append((place, term_id, term))
        return found

    def apply_facts(self, service: Service, codes: dict) -> None:
        """Set every fact field from the attributes; absent facts are false or empty."""
        service.checks = []
        for fact in FACTS:
            if fact.link_type != "service":
                continue
            present = fact.code in codes
            if fact.field == "checks":
                if present:
                    service.checks.append(fact.value)
            elif fact.code in VALUE_FACTS:
                value = codes.get(fact.code, "")
                if fact.field == "max_group_size":
                    value = int(value) if value.isdigit() and len(value) < 5 else None
                setattr(service, fact.field, value)
            else:
                setattr(service, fact.field, present)

    def category(self, others) -> TaxonomyTerm | None:
        """The first term from outside our fact vocabulary; new terms wait for an editor."""
        if not others:
            return None
        place, term_id, term = others[0]
        existing = TaxonomyTerm.objects.filter(pk=term_id).first()
        if existing is not None:
            return existing
        name = text(term, "name", f"{place}.taxonomy_term", 120)
        if not name:
            raise Rejected(f"{place}.taxonomy_term: the required field “name” is missing.")
        taxonomy_id = get_uuid(term, "taxonomy_id", f"{place}.taxonomy_term", required=False)
        taxonomy_name = text(term, "taxonomy", f"{place}.taxonomy_term", 120) or "Imported"
        taxonomy = (
            Taxonomy.objects.filter(pk=taxonomy_id).first() if taxonomy_id else None
        ) or Taxonomy.objects.get_or_create(
            name=taxonomy_name, defaults={"id": taxonomy_id or uuid.uuid4()}
        )[0]
        code = text(term, "code", place, 80) or text(term, "term", place, 80) or str(term_id)
        return TaxonomyTerm.objects.create(
            id=term_id,
            taxonomy=taxonomy,
            code=code,
            name=name,
            description=text(term, "description", place, 2000),
            curated=False,
        )

    def organisation(self, record, attributes) -> Organisation:
        where = "service.organization"
        data = get(record, "organization", dict, "service")
        if data is None:
            organisation_id = get_uuid(record, "organization_id", "service", required=False)
            existing = Organisation.objects.filter(pk=organisation_id).first()
            if existing is None:
                raise Rejected(
                    "there is no “organization”, and no organisation we know has its "
                    "“organization_id”."
                )
            return existing
        organisation_id = get_uuid(data, "id", where)
        name = text(data, "name", where, 120)
        get(data, "name", str, where, required=True)
        get(data, "description", str, where, required=True)
        organisation = Organisation.objects.filter(pk=organisation_id).first()
        if organisation is None:
            organisation = Organisation(
                id=organisation_id,
                status=ListingStatus.PENDING if self.pending else ListingStatus.APPROVED,
            )
        organisation.name = name
        organisation.description = text(data, "description", where, 2000)
        website = text(data, "website", where, 200)
        organisation.website = website if website.startswith(("http://", "https://")) else ""
        codes = attributes["organization"]
        kinds = [FACTS_BY_CODE[code].value for code in codes if code.startswith("kind-")]
        sizes = [FACTS_BY_CODE[code].value for code in codes if code.startswith("size-")]
        organisation.kind = (
            kinds[0] if kinds else (organisation.kind or OrganisationKind.COMMUNITY_GROUP)
        )
        organisation.size = sizes[0] if sizes else ""
        if assured := day(record, "assured_date", "service"):
            organisation.last_confirmed = assured
        organisation.save()
        return organisation

    def locations(self, record, organisation) -> list[tuple[uuid.UUID, Location]]:
        links = []
        for place, link in items(record, "service_at_locations", "service"):
            link_id = get_uuid(link, "id", place)
            data = get(link, "location", dict, place)
            if data is None:
                continue  # a link to a location we were not given: nothing to show
            where = f"{place}.location"
            location_id = get_uuid(data, "id", where)
            location_type = get(data, "location_type", str, where, required=True)
            if location_type not in ("physical", "postal", "virtual"):
                raise Rejected(f"{where}: “location_type” {location_type!r:.20} is not known.")
            if location_type == "virtual":
                continue
            location = Location.objects.filter(pk=location_id).first() or Location(
                id=location_id, organisation=organisation
            )
            if location.organisation_id != organisation.pk:
                raise Rejected(f"{where}: this location belongs to another organisation.")
            location.name = text(data, "name", where, 120) or organisation.name[:120]
            address = next(iter(items(data, "addresses", where)), None)
            if address is not None:
                place_, fields = address
                get_uuid(fields, "id", place_)
                location.address_1 = text(fields, "address_1", place_, 200)
                location.city = text(fields, "city", place_, 80)
                location.region = text(fields, "state_province", place_, 80)
                location.postcode = text(fields, "postal_code", place_, 10)
            access = next(iter(items(data, "accessibility", where)), None)
            location.accessibility = (
                text(access[1], "description", access[0], 1000) if access else ""
            )
            location.save()
            links.append((link_id, location))
        return links

    def replace_children(self, service: Service, record, links) -> None:
        """Schedules, areas, languages, costs and venues: replaced wholesale, same ids."""
        where = "service"
        for related in ("schedules", "service_areas", "languages", "cost_options"):
            getattr(service, related).all().delete()
        service.service_at_locations.all().delete()
        ServiceAtLocation.objects.bulk_create(
            [
                ServiceAtLocation(id=link_id, service=service, location=location)
                for link_id, location in links
            ]
        )
        for place, data in items(record, "schedules", where):
            byday = get(data, "byday", str, place) or ""
            codes = [code.strip().upper() for code in byday.split(",") if code.strip()]
            Schedule.objects.create(
                id=get_uuid(data, "id", place),
                service=service,
                byday=",".join(code for code in codes if code in WEEKDAY_NAMES),
                opens_at=clock(data, "opens_at", place),
                closes_at=clock(data, "closes_at", place),
                description=text(data, "description", place, 200),
            )
        for place, data in items(record, "service_areas", where):
            name = text(data, "name", place, 500) or text(data, "service_area", place, 500)
            ServiceArea.objects.create(
                id=get_uuid(data, "id", place),
                service=service,
                district=district_in(name),
                name=name,
            )
        for place, data in items(record, "languages", where):
            name = text(data, "name", place, 60) or text(data, "code", place, 60)
            if not name:
                continue  # a language with no name or code says nothing we can show
            Language.objects.create(
                id=get_uuid(data, "id", place),
                service=service,
                name=name,
                code=text(data, "code", place, 12),
            )
        for place, data in items(record, "cost_options", where):
            CostOption.objects.create(
                id=get_uuid(data, "id", place), service=service, **cost_fields(data, place)
            )


def cost_fields(data: dict, place: str) -> dict:
    amount = get(data, "amount", "number", place)
    if amount is not None and amount < 0:
        raise Rejected(f"{place}: “amount” cannot be negative ({amount}).")
    words = text(data, "amount_description", place, 200).lower()
    unit = next((unit for word, unit in UNIT_WORDS if word in words), CostUnit.SESSION)
    if amount == 0:
        unit = CostUnit.FREE
    try:
        pounds = None if amount is None else Decimal(str(amount))
    except InvalidOperation:
        raise Rejected(f"{place}: “amount” is not a usable number.") from None
    if pounds is not None and not pounds.is_finite():
        raise Rejected(f"{place}: “amount” is not a usable number.")
    if pounds is not None and pounds > 100_000:
        raise Rejected(f"{place}: “amount” is too large ({amount}).")
    pence = None if pounds is None else round_pence(pounds)
    return {
        "amount_pence": 0 if unit == CostUnit.FREE else pence,
        "unit": unit,
        "description": text(data, "option", place, 200),
    }
