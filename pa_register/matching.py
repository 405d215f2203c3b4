"""How well a PA fits what someone needs: a score out of 100, and the reasons in words.

The score weighs four things. Each weighs its full share when the person asked nothing about
it, so a search with no skills chosen ranks on what was asked:

- skills and kinds of support met (40): the share of the asked-for ones the PA has;
- availability (25): the share of the asked-for times the PA is free;
- area (20): whether the PA covers the district or place; when a town was asked for, PAs a
  few miles away score part of it, less the further they are;
- freshness (15): confirmed lately; a profile not confirmed for 90 days scores little.

Everything here is plain Python on plain values (``Candidate`` and ``Need``), so it can be
tested on constructed cases and used for search results, adverts and saved searches alike.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from pbsite.areas import Place, describe_distance, miles_from
from pbsite.money import format_pence

from . import availability
from .freshness import Freshness, freshness
from .kinds import SHORT_KIND_LABELS

WEIGHTS = {"skills": 40, "availability": 25, "area": 20, "freshness": 15}
STALE_SHARE = 1 / 3


@dataclass(frozen=True)
class Need:
    """What someone is looking for. Skills are slugs mapped to how to say them."""

    skills: dict[str, str] = field(default_factory=dict)
    kinds: frozenset[str] = frozenset()
    slots: int = 0
    district: str = ""
    max_rate_pence: int | None = None
    short_notice: bool = False
    place: Place | None = None  # a searched-for town or district; ``district`` is then unused

    @property
    def is_empty(self) -> bool:
        return not (self.skills or self.kinds or self.slots or self.district or self.place)


@dataclass(frozen=True)
class Candidate:
    """The facts about one PA that matching needs."""

    pk: int
    skills: frozenset[str]
    kinds: frozenset[str]
    slots: int
    districts: tuple[str, ...]
    last_confirmed: datetime.datetime
    rate_min_pence: int | None = None
    short_notice: bool = False

    @classmethod
    def from_profile(cls, profile, skills=None) -> Candidate:
        """``skills``: their slugs, where they were read apart (``finding.skill_slugs``)."""
        if skills is None:
            skills = [skill.slug for skill in profile.skill_rows()]
        return cls(
            pk=profile.pk,
            skills=frozenset(skills),
            kinds=frozenset(profile.kinds),
            slots=profile.availability,
            districts=tuple(profile.districts),
            last_confirmed=profile.last_confirmed,
            rate_min_pence=profile.rate_min_pence,
            short_notice=profile.short_notice,
        )


@dataclass
class Match:
    score: int
    reasons: list[str]
    gaps: list[str]
    stale: bool = False


def score(candidate: Candidate, need: Need, now=None) -> Match:
    reasons: list[str] = []
    gaps: list[str] = []
    total = 0.0

    if need.place is not None:
        total += WEIGHTS["area"] * _area_share(candidate, need.place, reasons, gaps)
    elif need.district:
        if need.district in candidate.districts:
            total += WEIGHTS["area"]
            reasons.append(f"covers {need.district}")
        else:
            gaps.append(f"does not cover {need.district}")
    else:
        total += WEIGHTS["area"]

    total += WEIGHTS["skills"] * _skills_share(candidate, need, reasons, gaps)
    total += WEIGHTS["availability"] * _availability_share(candidate, need, reasons, gaps)

    state = freshness(candidate.last_confirmed, now)
    if state is Freshness.FRESH:
        total += WEIGHTS["freshness"]
    else:
        total += WEIGHTS["freshness"] * STALE_SHARE if state is Freshness.STALE else 0
        gaps.append("has not confirmed their profile for over 3 months")

    if need.short_notice and candidate.short_notice:
        reasons.append("can cover at short notice")
    rate = candidate.rate_min_pence
    if need.max_rate_pence is not None and rate is not None and rate <= need.max_rate_pence:
        reasons.append(f"can work for {format_pence(need.max_rate_pence)} an hour")
    return Match(round(total), reasons, gaps, stale=state is not Freshness.FRESH)


def _skills_share(candidate: Candidate, need: Need, reasons: list, gaps: list) -> float:
    asked = len(need.skills) + len(need.kinds)
    if not asked:
        return 1.0
    met = 0
    for slug, sentence in need.skills.items():
        if slug in candidate.skills:
            met += 1
            reasons.append(sentence)
        else:
            gaps.append(f"does not list: {sentence.removeprefix('can ')}")
    for kind in sorted(need.kinds):
        label = SHORT_KIND_LABELS.get(kind, kind)
        if kind in candidate.kinds:
            met += 1
            reasons.append(f"offers {label}")
        else:
            gaps.append(f"does not offer {label}")
    return met / asked


# A PA this far away (from the nearest district they cover) scores none of the area share.
FAR_MILES = 25


def miles_away(candidate: Candidate, place: Place) -> float | None:
    return miles_from(place, candidate.districts)


def _area_share(candidate: Candidate, place: Place, reasons: list, gaps: list) -> float:
    miles = miles_away(candidate, place)
    if miles is None:
        gaps.append(f"does not cover {place.name}")
        return 0.0
    reasons.append(describe_distance(miles, place))
    return max(0.0, 1 - miles / FAR_MILES)


def _availability_share(candidate: Candidate, need: Need, reasons: list, gaps: list) -> float:
    if not need.slots:
        return 1.0
    wanted = availability.to_slots(need.slots)
    free = availability.overlap(candidate.slots, need.slots)
    for phrase in availability.describe(free):
        reasons.append(f"free on {phrase}")
    missing = [slot for slot in wanted if slot not in free]
    for phrase in availability.describe(missing):
        gaps.append(f"not free on {phrase}")
    return len(free) / len(wanted)


def rank(candidates, need: Need, now=None, *, nearest=False) -> list[tuple[Candidate, Match]]:
    """Best first: higher score, then nearer, then confirmed more recently. Stale profiles
    always sink. ``nearest`` puts distance from the place asked for before the score."""
    scored = [(candidate, score(candidate, need, now)) for candidate in candidates]

    def miles(candidate):
        if need.place is None:
            return 0.0
        away = miles_away(candidate, need.place)
        return float("inf") if away is None else away

    if nearest:
        scored.sort(
            key=lambda pair: (
                pair[1].stale,
                miles(pair[0]),
                -pair[1].score,
                -pair[0].last_confirmed.timestamp(),
            )
        )
    else:
        scored.sort(
            key=lambda pair: (
                pair[1].stale,
                -pair[1].score,
                miles(pair[0]),
                -pair[0].last_confirmed.timestamp(),
            )
        )
    return scored


def matches_advert(candidate: Candidate, need: Need, now=None, *, threshold: int = 60) -> bool:
    """Should this PA hear about an advert? They must cover the district and fit well."""
    if need.district and need.district not in candidate.districts:
        return False
    return score(candidate, need, now).score >= threshold
