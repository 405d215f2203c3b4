"""Demo directory: 38 fictional Oxfordshire providers, from a wood workshop to a council team,
read from ``directory/demo_content/providers.yaml`` (``pbsite.demo_loading``).

Every name, place and person here is made up. Listings are matched by name, so loading twice
changes nothing. A few are stale on purpose (not confirmed for months) to show sinking and
hiding, and one belongs to the demo provider account so its editor can be tried.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils.text import slugify

from accounts.models import Role
from pbsite.demo_loading import days_ago, read_demo

from .editing import reindex
from .models import (
    CostOption,
    Language,
    ListingStatus,
    Location,
    Organisation,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
)
from .vocabulary import ensure_categories, ensure_facts

DP, MA, PHB, ISF, SELF = "dp", "ma", "phb", "isf", "self"
PAY_FIELDS = {
    DP: "accepts_direct_payments",
    MA: "accepts_managed_accounts",
    PHB: "accepts_phbs",
    ISF: "accepts_isfs",
    SELF: "accepts_self_funders",
}

DEMO_OWNED = "Oakleaf Crafts"  # the listing the demo provider account looks after


def load(stdout) -> None:
    ensure_facts()
    categories = ensure_categories()
    providers = read_demo("directory", "providers")
    created = 0
    with transaction.atomic():
        for row in providers:
            created += load_provider(row, categories)
    stdout.write(f"Directory: {len(providers)} providers ({created} new).")


def load_provider(row, categories) -> int:
    name = row["name"]
    if Organisation.objects.filter(name=name).exists():
        return 0
    organisation = Organisation.objects.create(
        name=name,
        kind=row["kind"],
        size=row["size"],
        description=row["about"],
        status=ListingStatus.APPROVED,
        last_confirmed=days_ago(row["confirmed_days_ago"]),
        website=f"https://{slugify(name)}.example",
    )
    if name == DEMO_OWNED:
        from accounts.demo import demo_user

        organisation.owners.add(demo_user(Role.PROVIDER))
    for service_row in row["services"]:
        load_service(organisation, service_row, categories, row.get("languages") or ["English"])
    return 1


def load_service(organisation, row, categories, languages) -> None:
    pay, where, shareable = row["pay"], row["where"], row["shareable"]
    service = Service.objects.create(
        organisation=organisation,
        name=row["name"],
        category=categories[row["category"]],
        description=row["description"],
        who_for=row["who_for"],
        at_home=where == "home",
        at_venue=where == "venue",
        online=where == "online",
        shareable_by_group=shareable,
        max_group_size=6 if shareable else None,
        invoices_accepted=MA in pay or ISF in pay,
        checks=["insurance", "dbs"] if organisation.kind != "community_group" else ["insurance"],
        **{PAY_FIELDS[code]: True for code in pay},
    )
    for district in [d.strip() for d in row["districts"].split(",") if d.strip()]:
        ServiceArea.objects.create(service=service, district=district, name=district)
    for cost in row["costs"]:
        CostOption.objects.create(
            service=service, amount_pence=cost["pence"], unit=cost["unit"], description=cost["note"]
        )
    opens, closes = row["opens"], row["closes"]
    Schedule.objects.create(
        service=service,
        byday=row["days"],
        opens_at=datetime.time.fromisoformat(opens) if opens else None,
        closes_at=datetime.time.fromisoformat(closes) if closes else None,
    )
    for language in languages:
        Language.objects.create(service=service, name=language)
    if venue := row.get("venue"):
        location, _ = Location.objects.get_or_create(
            organisation=organisation,
            name=venue["name"],
            defaults={
                "address_1": venue["address"],
                "city": venue["town"],
                "region": "Oxfordshire",
                "postcode": venue["postcode"],
                "accessibility": venue["access"],
            },
        )
        ServiceAtLocation.objects.create(service=service, location=location)
    reindex(service)
