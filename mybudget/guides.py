"""The guides each part of My budget points to, found by slug among the live guides (a guide
that does not exist is left out, never a broken link)."""

from __future__ import annotations

from collections.abc import Iterable

from pbsite.caching import Memo

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
    query for them all (a timeline asks for each of its stages), kept until a page changes."""
    keys = list(keys)
    slugs = tuple(sorted({slug for key in keys for slug in GUIDES.get(key, [])}))
    found = _guides.get(slugs) if slugs else {}
    return {key: [found[slug] for slug in GUIDES.get(key, []) if slug in found] for key in keys}


def _live_guides(slugs: tuple[str, ...]) -> dict[str, tuple[str, str]]:
    """(title, address) of the live page with each of these slugs, when it has an address."""
    from wagtail.models import Page

    pages = {page.slug: page for page in Page.objects.live().filter(slug__in=slugs)}
    links = {slug: (page.title, page.url) for slug, page in pages.items()}
    return {slug: (title, url) for slug, (title, url) in links.items() if url}


# Every view of a budget or a timeline links the same few guides, which change only when an
# editor publishes, moves or deletes a page (or changes a site, and so the addresses).
_guides = Memo("mybudget-guides", _live_guides)


def forget_guides(sender=None, instance=None, **kwargs) -> None:
    from wagtail.models import Page, Site

    if instance is None or isinstance(instance, Page | Site):
        _guides.forget()


def forget_guides_on_page_changes() -> None:
    """Connect :func:`forget_guides` to every change of a page's title, address or liveness."""
    from django.db.models.signals import post_delete, post_save
    from wagtail.models import Page, Site
    from wagtail.signals import page_published, page_unpublished, post_page_move

    for name, signal in [
        ("published", page_published),
        ("unpublished", page_unpublished),
        ("moved", post_page_move),
    ]:
        signal.connect(forget_guides, dispatch_uid=f"mybudget.guides.{name}")
    # Saved as whatever type it is (a GuidePage), so forget_guides looks. Deleted: a page's
    # Page row goes too, and a receiver for every model would stop Django deleting the fast way.
    post_save.connect(forget_guides, dispatch_uid="mybudget.guides.saved")
    for sender in (Page, Site):
        post_delete.connect(
            forget_guides, sender=sender, dispatch_uid=f"mybudget.guides.deleted.{sender.__name__}"
        )
