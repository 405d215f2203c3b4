"""The guides each part of My budget points to, found by slug among the live guides (a guide
that does not exist is left out, never a broken link)."""

from __future__ import annotations

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


def links(key: str) -> list[tuple[str, str]]:
    """(title, address) of each live guide for ``key``, in the order listed."""
    from wagtail.models import Page

    slugs = GUIDES.get(key, [])
    if not slugs:
        return []
    pages = {page.slug: page for page in Page.objects.live().filter(slug__in=slugs)}
    return [
        (pages[slug].title, pages[slug].url) for slug in slugs if slug in pages and pages[slug].url
    ]
