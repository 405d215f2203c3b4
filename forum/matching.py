"""Ranking peer buddies for a newcomer: plain Python on plain values, so it is easy to test.

Points, highest first:
- speaks the language the newcomer asked for (when it is not English): 4
- has held the same kind of budget: 3
- each thing the newcomer wants help with that the buddy offers: 2
- covers the newcomer's postcode district: 2, or the same postcode area (OX4 and OX1): 1
Buddies with no free places are left out. Ties go to the buddy with more free places.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class BuddyOffer:
    """What matching needs to know about one approved buddy."""

    key: object
    budget_types: frozenset[str] = frozenset()
    topics: frozenset[str] = frozenset()
    districts: frozenset[str] = frozenset()
    languages: frozenset[str] = frozenset({"english"})
    free_places: int = 1


@dataclass(frozen=True)
class Need:
    """What one newcomer asked for."""

    budget_type: str = ""
    topics: frozenset[str] = frozenset()
    district: str = ""
    language: str = "English"


@dataclass
class Match:
    offer: BuddyOffer
    score: int
    reasons: list[str] = field(default_factory=list)


def _area(district: str) -> str:
    found = re.match(r"[A-Z]+", district.upper())
    return found.group(0) if found else ""


def score(offer: BuddyOffer, need: Need) -> Match:
    match = Match(offer, 0)
    language = need.language.strip().lower()
    if language and language != "english" and language in offer.languages:
        match.score += 4
        match.reasons.append(f"speaks {need.language.strip()}")
    if need.budget_type and need.budget_type in offer.budget_types:
        match.score += 3
        match.reasons.append("has the same kind of budget")
    shared = need.topics & offer.topics
    if shared:
        match.score += 2 * len(shared)
        match.reasons.append(f"can help with {len(shared)} of the things you chose")
    district = need.district.upper()
    if district and district in offer.districts:
        match.score += 2
        match.reasons.append("lives near you")
    elif district and _area(district) in {_area(d) for d in offer.districts}:
        match.score += 1
        match.reasons.append("lives in your area")
    return match


def rank(offers: Iterable[BuddyOffer], need: Need) -> list[Match]:
    """Buddies with room, best first."""
    matches = [score(offer, need) for offer in offers if offer.free_places > 0]
    return sorted(matches, key=lambda m: (-m.score, -m.offer.free_places, str(m.offer.key)))
