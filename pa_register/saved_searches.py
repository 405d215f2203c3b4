"""Saved searches: run each one again (daily) and tell its owner about new or newly available
PAs. A PA who stops matching (paused, hidden, out of date) and comes back is news again."""

from __future__ import annotations

from django.http import QueryDict

from pbsite.notifications import notify

from . import finding
from .filters import PAFilter
from .models import PAProfile, SavedSearch

MAX_SAVED = 10
IGNORED_KEYS = ("page", "sort")


def clean_query(query: str) -> str:
    data = QueryDict(query, mutable=True)
    for key in IGNORED_KEYS:
        data.pop(key, None)
    return data.urlencode()


def current_matches(query: str) -> list[int] | None:
    """Who matches now; None if the saved query no longer validates."""
    pa_filter = PAFilter(QueryDict(query), queryset=PAProfile.objects.listed())
    if not pa_filter.form.is_valid():
        return None
    return [candidate.pk for candidate, _match in finding.search(pa_filter)]


def save(user, query: str, name: str) -> SavedSearch:
    query = clean_query(query)
    return SavedSearch.objects.create(
        user=user, name=name[:80], query=query, matching_ids=current_matches(query) or []
    )


def run(saved: SavedSearch) -> int:
    """Notify the owner if anyone new matches; returns how many are new."""
    matches = current_matches(saved.query)
    if matches is None:
        return 0
    new = [pk for pk in matches if pk not in set(saved.matching_ids)]
    if new:
        count = len(new)
        notify(
            saved.user,
            f"found {count} new PA{'s' if count != 1 else ''} for your saved search",
            saved,
        )
    saved.matching_ids = matches
    saved.save(update_fields=["matching_ids"])
    return len(new)


def run_all() -> int:
    """Run every saved search; returns how many people were told about new PAs."""
    told = 0
    for saved in SavedSearch.objects.select_related("user").filter(user__is_active=True):
        told += bool(run(saved))
    return told
