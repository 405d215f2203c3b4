"""Budget Circle's own Open Referral vocabulary, and the starting set of categories.

Open Referral UK has no fields for how a personal budget can pay for a service, whether a group
can share it, or what kind of organisation runs it. The standard's answer is attributes: links
from a record to terms of a taxonomy. So each of those facts is a term of the ``budgetcircle``
taxonomy, and a service that takes direct payments carries an attribute pointing at the term
``accepts-direct-payments``. Terms have fixed UUIDs (made from their codes), so another
directory that imports our data sees the same identifiers every time.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from .models import (
    BUDGET_VOCABULARY,
    CheckHeld,
    OrganisationKind,
    OrganisationSize,
    Taxonomy,
    TaxonomyTerm,
)

CATEGORY_VOCABULARY = "budgetcircle-categories"
NAMESPACE = uuid.UUID("6f1c3a52-8d2e-4e43-9a57-0b7d3c1e5a10")


def fixed_id(*parts) -> uuid.UUID:
    """The same UUID every time for the same parts: for derived Open Referral records."""
    return uuid.uuid5(NAMESPACE, ":".join(str(part) for part in parts))


@dataclass(frozen=True)
class Fact:
    """One fact of the vocabulary: which model field it mirrors, and what it is called."""

    code: str
    name: str
    field: str  # Service/Organisation field; "kind", "size" and "checks" hold a value
    value: str = ""
    link_type: str = "service"


SERVICE_FLAGS = [
    ("accepts-direct-payments", "Takes direct payments", "accepts_direct_payments"),
    ("accepts-managed-accounts", "Takes council-managed accounts", "accepts_managed_accounts"),
    ("accepts-personal-health-budgets", "Takes personal health budgets", "accepts_phbs"),
    ("accepts-individual-service-funds", "Takes individual service funds", "accepts_isfs"),
    ("accepts-self-funders", "Takes people paying for themselves", "accepts_self_funders"),
    ("invoices-accepted", "Can send an invoice", "invoices_accepted"),
    ("shareable-by-group", "A group can share it", "shareable_by_group"),
    ("delivered-at-home", "Happens at the person's home", "at_home"),
    ("delivered-at-venue", "Happens at a venue", "at_venue"),
    ("delivered-online", "Happens online or by phone", "online"),
]

FACTS: list[Fact] = [
    *(Fact(code, name, field) for code, name, field in SERVICE_FLAGS),
    *(Fact(f"check-{c.value}", c.label, "checks", c.value) for c in CheckHeld),
    Fact("minimum-purchase", "Smallest amount you can buy", "minimum_purchase"),
    Fact("max-group-size", "Largest group that can share it", "max_group_size"),
    Fact("who-for", "Who it is for", "who_for"),
    *(Fact(f"kind-{k.value}", k.label, "kind", k.value, "organization") for k in OrganisationKind),
    *(
        Fact(f"size-{s.value}", f"Size: {s.label}", "size", s.value, "organization")
        for s in OrganisationSize
    ),
]
FACTS_BY_CODE = {fact.code: fact for fact in FACTS}
# Facts whose attribute carries the value itself (HSDS 3 attributes have a ``value``).
VALUE_FACTS = {"minimum-purchase", "max-group-size", "who-for"}

STARTER_CATEGORIES = [
    ("day-activities", "Day activities and clubs"),
    ("arts-crafts", "Arts, crafts and making things"),
    ("outdoors", "Outdoors, gardening and walking"),
    ("sport-fitness", "Sport and keeping fit"),
    ("learning-work", "Learning, training and work"),
    ("help-at-home", "Help at home"),
    ("personal-care", "Personal care"),
    ("getting-out", "Getting out and about, transport"),
    ("food", "Food, cafés and cooking"),
    ("mental-health", "Mental health and wellbeing"),
    ("breaks", "Short breaks and respite"),
    ("advice", "Advice and support planning"),
    ("advocacy", "Advocacy: help to speak up"),
    ("direct-payment-support", "Direct payment support services"),
    ("legal-advice", "Legal advice"),
    ("independent-assessments", "Independent assessments (occupational therapy, mental health)"),
    ("housing-help", "Housing help"),
]


def budget_taxonomy() -> Taxonomy:
    taxonomy, _ = Taxonomy.objects.get_or_create(
        name=BUDGET_VOCABULARY,
        defaults={
            "id": fixed_id("taxonomy", BUDGET_VOCABULARY),
            "description": "Budget Circle: how a personal budget can pay for a service, and "
            "facts about who provides it.",
            "version": "1",
        },
    )
    return taxonomy


def ensure_facts() -> dict[str, TaxonomyTerm]:
    """Every fact term, created if missing; by code. Idempotent."""
    taxonomy = budget_taxonomy()
    existing = {term.code: term for term in taxonomy.terms.all()}
    for fact in FACTS:
        if fact.code not in existing:
            existing[fact.code] = TaxonomyTerm.objects.create(
                id=fixed_id("term", BUDGET_VOCABULARY, fact.code),
                taxonomy=taxonomy,
                code=fact.code,
                name=fact.name,
                description=fact.name,
                curated=False,
            )
    return existing


def category_taxonomy() -> Taxonomy:
    taxonomy, _ = Taxonomy.objects.get_or_create(
        name=CATEGORY_VOCABULARY,
        defaults={
            "id": fixed_id("taxonomy", CATEGORY_VOCABULARY),
            "description": "Budget Circle's categories of support, curated by our editors.",
            "version": "1",
        },
    )
    return taxonomy


def ensure_categories() -> dict[str, TaxonomyTerm]:
    taxonomy = category_taxonomy()
    terms = {}
    for code, name in STARTER_CATEGORIES:
        terms[code], _ = TaxonomyTerm.objects.get_or_create(
            taxonomy=taxonomy,
            code=code,
            defaults={
                "id": fixed_id("term", CATEGORY_VOCABULARY, code),
                "name": name,
                "description": name,
            },
        )
    return terms
