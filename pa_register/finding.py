"""Finding PAs: the filtered set, free-text search, the match score and the order, in a fixed
number of database queries however many PAs match.

1. the filters narrow ``PAProfile.objects.listed()`` in SQL (django-filter);
2. free text, if any, asks the search backend for matching profiles (Whoosh or the database);
3. one query reads the few facts matching needs for every remaining PA, and one more their
   skills, then ``matching.rank`` orders them in Python;
4. only the page being shown is loaded in full (one query, plus one each for checks and skills).
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass
from functools import cache

from django.db import DatabaseError, transaction
from django.db.models import Case, F, Func, IntegerField, When
from django.utils import timezone

from pbsite.fragments import render_once
from pbsite.freshness import after, as_day
from pbsite.prefetching import rows
from pbsite.statements import Statement
from search.site import finder_matches

from . import availability, checks
from .filters import PAFilter
from .freshness import POLICY, freshness_note
from .matching import Candidate, Match, Need, rank, score
from .models import Check, PAProfile, TaggedSkill, check_name, listed_by, listed_rule

TEXT_MATCH_LIMIT = 500
logger = logging.getLogger("budgetcircle.pa_register")


@dataclass
class Result:
    profile: PAProfile
    match: Match

    def card(self) -> str:
        """The result's card (pa_register/_result.html), rendered once per process for what
        it shows: on every visit to the register, its first page is the same twenty cards."""
        context = {"profile": self.profile, "match": self.match}
        return render_once("pa_register/_result.html", context, shows=self.card_shows())

    def card_shows(self) -> tuple:
        """Every value the card shows, as plain strings (translated words included)."""
        profile, match = self.profile, self.match
        return (
            profile.pk,
            profile.photo.name,
            str(profile.display_name),
            tuple(str(district) for district in profile.districts),
            str(profile.rate_text),
            profile.short_notice,
            profile.about,
            tuple(profile.skill_names),
            tuple(str(name) for name in profile.verified_names),
            str(profile.freshness_note),
            match.stale,
            tuple(str(reason) for reason in match.reasons),
            tuple(str(gap) for gap in match.gaps),
        )


def need_from(data: dict) -> Need:
    """What the search form asked for, as a ``Need``."""
    return Need(
        skills={skill.slug: skill.sentence for skill in data.get("skills") or []},
        kinds=frozenset(data.get("kinds") or []),
        slots=availability.to_mask(PAFilter.slots_from_data(data)),
        place=data.get("where") or None,
        max_rate_pence=data.get("max_rate"),
        short_notice=bool(data.get("short_notice")),
    )


def text_matches(query: str) -> list[int]:
    """Listed profiles whose words match, best first: the site search's own parsing and
    matching rule (``search.site.finder_matches``), ranked before the limit is taken."""
    try:
        with transaction.atomic():  # a savepoint: a backend error must not spoil the request
            return finder_matches(query, "pas", TEXT_MATCH_LIMIT)
    except DatabaseError:
        logger.exception("The search backend failed on %r", query)
        return []


def candidates(queryset, *, ids=None, with_skills=True) -> list[Candidate]:
    """The facts matching needs, for every PA in ``queryset``: two queries in all, or one
    without their skills (``with_skills=False``, when no skill was asked for: the match
    reads them only to compare them with those asked for)."""
    rows = list(
        queryset.values_list(
            "pk",
            "kinds",
            "availability",
            "districts",
            "last_confirmed",
            "rate_min_pence",
            "short_notice",
        )
    )
    skills: dict[int, set[str]] = {}
    if with_skills:
        skills = skill_slugs([row[0] for row in rows] if ids else queryset.values("pk"))
    return [
        Candidate(
            pk=pk,
            skills=frozenset(skills.get(pk, ())),
            kinds=frozenset(kinds or ()),
            slots=slots,
            districts=tuple(districts or ()),
            last_confirmed=last_confirmed,
            rate_min_pence=rate_min,
            short_notice=short_notice,
        )
        for pk, kinds, slots, districts, last_confirmed, rate_min, short_notice in rows
    ]


class OrderedInSQL:
    """Results whose order the database can give (by date or by rate): only the page being
    shown is read and scored. A sequence, so the paginator can count and slice it."""

    def __init__(self, queryset, need: Need, sort: str, now=None, listed_rule=None):
        self.need, self.now, self.listed_rule = need, now, listed_rule
        if sort == "rate":
            sinks_before = after(POLICY.stale_on_or_before(now))
            sinking = Case(When(last_confirmed__lt=sinks_before, then=1), default=0)
            order_by = [sinking, F("rate_min_pence").asc(nulls_last=True), "-last_confirmed"]
            self.order_shown = (sort, sinks_before)
        else:
            order_by = ["-last_confirmed"]
            self.order_shown = ("recent",)
        self.order_by = (*order_by, "pk")
        self.queryset = queryset.order_by(*self.order_by)
        self._count = None

    def count(self) -> int:
        if self._count is None:
            if self.listed_rule is not None:
                self._count = listed_count(self.listed_rule)
            else:
                self._count = self.queryset.count()
        return self._count

    __len__ = count

    def __getitem__(self, key):
        """A page, as (profile, match) pairs: each profile read once, with what its card shows
        and what matching reads (``load_results`` then reads it no more)."""
        if not isinstance(key, slice):
            return self[key : key + 1][0]
        if self.listed_rule is not None and key.step is None:
            profiles = listed_page(self.listed_rule, self.order_shown, self.order_by, key)
        else:
            profiles = list(self.queryset[key].select_related("user").only(*PAGE_FIELDS))
        ids = [profile.pk for profile in profiles]
        slugs = skill_slugs(ids) if ids and self.need.skills else {}
        return [
            (profile, self._score(Candidate.from_profile(profile, slugs.get(profile.pk, ()))))
            for profile in profiles
        ]

    def __iter__(self):
        """Every (candidate, match) pair, with only what matching reads (saved searches)."""
        pairs = candidates(self.queryset, with_skills=bool(self.need.skills))
        return iter([(candidate, self._score(candidate)) for candidate in pairs])

    def _score(self, candidate: Candidate) -> Match:
        return score(candidate, self.need, self.now)


def search(pa_filter: PAFilter, now=None, *, from_listed: bool = False):
    """Every matching PA, in order, as a sequence of (candidate, match) pairs.

    Best match with something asked for is scored in Python over the whole filtered set;
    every other order comes from the database a page at a time. ``from_listed``: the filter's
    queryset is ``PAProfile.objects.listed()`` as of now, so that when nothing narrows it a
    page is read by SQL kept for it (``listed_page``).
    """
    rule = listed_rule() if from_listed and now is None else None
    now = as_day(now)  # the day, worked out once: every PA's score asks how fresh it is
    data = pa_filter.form.cleaned_data
    queryset = pa_filter.qs
    if data.get("q"):
        queryset = queryset.filter(pk__in=text_matches(data["q"]))
    need, sort = need_from(data), data.get("sort") or "best"
    with_skills = bool(need.skills)
    if sort == "near" and need.place is not None:
        return rank(candidates(queryset, with_skills=with_skills), need, now, nearest=True)
    if sort not in ("best", "near") or need.is_empty:
        unnarrowed = rule is not None and not pa_filter.narrowed and not data.get("q")
        return OrderedInSQL(queryset, need, sort, now, rule if unnarrowed else None)
    return rank(candidates(queryset, with_skills=with_skills), need, now)


#: What a result card shows of a profile (``Result.card_shows``), read with nothing else: a
#: profile and its account have dozens of columns, each converted for every result.
CARD_FIELDS = (
    "photo",
    "about",
    "districts",
    "rate_min_pence",
    "rate_max_pence",
    "short_notice",
    "last_confirmed",
    "user__display_name",
    "user__deleted_at",
)


#: What matching reads of a profile (``Candidate.from_profile``), beside its skills.
MATCHED_BY = ("kinds", "availability", "districts", "last_confirmed", "rate_min_pence")
#: What a page of ``OrderedInSQL`` reads of each profile: its card and its match.
PAGE_FIELDS = (*CARD_FIELDS, *MATCHED_BY)


def listed_page(rule: tuple, order_shown: tuple, order_by: tuple, page: slice) -> list:
    """A page of the listed profiles, none filtered out, in this order, with what their cards
    and matches read: what everyone who opens the register sees first. By SQL the ORM builds
    once per process (``pbsite.statements``) for each value the query holds: the listed
    rule's moment and code of conduct version (``models.listed_rule``), the order (with the
    day results sink before, for "Lowest rate first") and the page's place."""
    key = (rule, order_shown, page.start, page.stop)
    statement = _listed_pages.get(key)
    if statement is None:
        if len(_listed_pages) >= LISTED_PAGES_KEPT_AT_MOST:
            _listed_pages.clear()  # yesterday's rule, or pages far down: build again if asked
        listed = PAProfile.objects.filter(listed_by(*rule)).order_by(*order_by)
        statement = Statement(lambda: listed[page].select_related("user").only(*PAGE_FIELDS))
        _listed_pages[key] = statement
    return statement.objects()


def listed_count(rule: tuple) -> int:
    """How many profiles are listed, none filtered out, as ``.count()`` tells, by SQL built
    once per process for the listed rule's values (as ``listed_page``)."""
    key = (rule, "count")
    statement = _listed_pages.get(key)
    if statement is None:
        if len(_listed_pages) >= LISTED_PAGES_KEPT_AT_MOST:
            _listed_pages.clear()
        listed = PAProfile.objects.filter(listed_by(*rule)).order_by()
        # COUNT as a plain function, not Django's Count: an aggregate in values_list() would
        # group by every column, and a Statement needs a queryset, not .count()'s number.
        counted = Func(F("pk"), function="COUNT", output_field=IntegerField())
        statement = Statement(lambda: listed.values_list(counted))
        _listed_pages[key] = statement
    return statement.rows()[0][0]


LISTED_PAGES_KEPT_AT_MOST = 200
_listed_pages: dict[tuple, Statement] = {}


def load_results(pairs) -> list[Result]:
    """The profiles of one page of (candidate, match) pairs, with what their cards show, in
    the same order. A pair may hold the profile itself, read with its card's fields
    (``OrderedInSQL``): it is not read again."""
    ids = [candidate.pk for candidate, _match in pairs]
    if not ids:
        return []
    by_id = {
        candidate.pk: candidate for candidate, _match in pairs if isinstance(candidate, PAProfile)
    }
    unread = [pk for pk in ids if pk not in by_id]
    if unread:
        profiles = PAProfile.objects.filter(pk__in=unread).select_related("user")
        by_id.update((profile.pk, profile) for profile in profiles.only(*CARD_FIELDS))
    skills, verified = skill_names(ids), verified_checks(ids)
    today = timezone.localdate()  # once for the page, not once for each check of each PA
    results = []
    for candidate, match in pairs:
        profile = by_id.get(candidate.pk)
        if profile is not None:
            profile.skill_names = skills.get(profile.pk, [])
            describe_result(profile, verified.get(profile.pk, []), today)
            results.append(Result(profile, match))
    return results


def skill_slugs(ids) -> dict[int, set[str]]:
    """The slugs of each of these profiles' skills (what matching compares), in one query;
    ``ids`` may be a subquery (a list is read by SQL built once, ``for_each_of``)."""
    slugs: dict[int, set[str]] = {}
    found = for_each_of(_skill_slugs, ids) if isinstance(ids, list) else _skill_slugs(ids)
    for profile_id, slug in found:
        slugs.setdefault(profile_id, set()).add(slug)
    return slugs


def _skill_slugs(ids):
    tagged = TaggedSkill.objects.filter(content_object__in=ids)
    return tagged.values_list("content_object_id", "tag__slug")


def skill_names(ids: list[int]) -> dict[int, list[str]]:
    """The names of each of these profiles' skills, in the order they were given, in one
    query (no Skill objects: a card shows only the names), by SQL built once per process for
    each number of profiles (``for_each_of``)."""
    names: dict[int, list[str]] = {}
    for profile_id, name in for_each_of(_skill_names, ids):
        names.setdefault(profile_id, []).append(name)
    return names


def _skill_names(ids: list[int]):
    tagged = TaggedSkill.objects.filter(content_object__in=ids).order_by("pk")
    return tagged.values_list("content_object_id", "tag__name")


def for_each_of(build, ids: list[int]) -> list:
    """The rows of ``build(ids)``, a ``values_list()`` query of these profiles, by SQL the ORM
    builds once per process for each number of ids (``pbsite.statements``, an id list): a page
    of results always asks the same two questions of up to twenty profiles, and building each
    query cost more than running it."""
    if not ids:
        return []
    return _statement_for(build).rows(ids=ids)


@cache
def _statement_for(build) -> Statement:
    return Statement(build, "ids")


@dataclass(frozen=True)
class VerifiedCheck:
    """A verified check as a result card names it: the fields that name it and tell whether it
    is in date, read as plain values (a ``Check`` instance for each of a page's two dozen
    checks cost more than the rest of the page's check work)."""

    kind: str
    title: str
    dbs_level: str
    dated: datetime.date | None
    valid_until: datetime.date | None

    @property
    def name(self) -> str:
        return check_name(self.kind, self.title, self.dbs_level)

    def is_expired(self, today: datetime.date) -> bool:
        return checks.is_expired(self, today)


def verified_checks(ids: list[int]) -> dict[int, list[VerifiedCheck]]:
    """The checks a moderator verified of each of these profiles, with what a result card needs
    to name them and tell whether they are in date, in Check's order: one query, by SQL built
    once per process for each number of profiles (``for_each_of``)."""
    checks_of: dict[int, list[VerifiedCheck]] = {}
    for profile_id, *named_by in for_each_of(_verified_checks, ids):
        checks_of.setdefault(profile_id, []).append(VerifiedCheck(*named_by))
    return checks_of


def _verified_checks(ids: list[int]):
    verified = Check.objects.filter(profile__in=ids, verified_at__isnull=False)
    return verified.order_by("kind", "-dated").values_list("profile_id", *CHECK_NAMED_BY)


CHECK_NAMED_BY = ("kind", "title", "dbs_level", "dated", "valid_until")


def describe_result(profile: PAProfile, verified: list[VerifiedCheck], today) -> PAProfile:
    """Attach what a result card shows about checks and freshness (no further queries): the
    verified checks in date, as ``checks.describe`` tells them."""
    profile.verified_names = [check.name for check in verified if not check.is_expired(today)]
    profile.freshness_note = freshness_note(profile.last_confirmed, today)
    return profile


def describe_profile(profile: PAProfile, today=None) -> PAProfile:
    """Attach what templates show about checks and freshness (no further queries)."""
    today = today or timezone.localdate()
    profile_checks = rows(profile, "checks")
    profile.check_lines = [checks.describe(check, today) for check in profile_checks]
    profile.verified_lines = [line for line in profile.check_lines if line.status == "verified"]
    profile.missing_checks = checks.missing_kinds(profile_checks)
    profile.freshness_note = freshness_note(profile.last_confirmed)
    return profile
