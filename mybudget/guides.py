"""The guides each part of My budget points to, found by slug among the live guides (a guide
that does not exist is left out, never a broken link)."""

from __future__ import annotations

from collections.abc import Iterable

GUIDES = {
    "underspend": ["keeping-records", "reviews-and-changes", "using-your-budget-creatively"],
    "asked_for_assessment": ["getting-assessed"],
    "assessed": ["getting-assessed", "challenging-your-budget"],
    "indicative_budget": ["challenging-your-budget"],
    "support_plan_agreed": ["support-planning"],
    "money_started": ["ways-to-hold-the-money", "keeping-records"],
    "review_due": ["reviews-and-changes"],
    "reviewed": ["reviews-and-changes", "challenging-your-budget"],
    "complaint_sent": ["chasing-a-stalled-application", "getting-an-advocate"],
    "answered": ["chasing-a-stalled-application", "getting-an-advocate"],
    "late": ["chasing-a-stalled-application", "getting-an-advocate"],
}


def links_for(keys: Iterable[str]) -> dict[str, list[tuple[str, str]]]:
    """For each key, (title, address) of each of its live guides, in the order listed: one
    query for them all (a timeline asks for each of its stages)."""
    keys = list(keys)
    slugs = {slug for key in keys for slug in GUIDES.get(key, [])}
    found = _live_guides(slugs) if slugs else {}
    return {key: [found[slug] for slug in GUIDES.get(key, []) if slug in found] for key in keys}


def _live_guides(slugs: set[str]) -> dict[str, tuple[str, str]]:
    """(title, address) of the live page with each of these slugs, when it has an address."""
    from wagtail.models import Page

    pages = {page.slug: page for page in Page.objects.live().filter(slug__in=slugs)}
    links = {slug: (page.title, page.url) for slug, page in pages.items()}
    return {slug: (title, url) for slug, (title, url) in links.items() if url}
