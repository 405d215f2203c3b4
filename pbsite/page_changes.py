"""Forgetting what was kept from Wagtail's pages whenever one of them changes.

What a page shows of other pages (its translations' addresses, its related guides' titles) is
read from a few columns that change only when an editor saves, publishes, unpublishes, moves or
deletes a page. A :class:`pbsite.caching.Memo` of them is forgotten on each of those, in every
process at once.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move


def forget_on_page_changes(forget_memo: Callable, name: str) -> None:
    """Connect a memo's ``forget`` to every change of a page's row (its title, address, language,
    liveness or its own fields), its place in the tree, and its deletion."""

    def forget(sender=None, instance=None, **_kwargs) -> None:
        if instance is None or isinstance(instance, Page):
            forget_memo()

    for signal_name, signal in [
        ("published", page_published),
        ("unpublished", page_unpublished),
        ("moved", post_page_move),
    ]:
        signal.connect(forget, weak=False, dispatch_uid=f"{name}.page-{signal_name}")
    # Saved as whatever kind it is (a GuidePage), so ``forget`` looks. Deleted: a page's Page
    # row goes too, and a receiver for every model would stop Django deleting the fast way.
    # (``weak=False``: the signals hold the only reference to this function.)
    post_save.connect(forget, weak=False, dispatch_uid=f"{name}.page-saved")
    post_delete.connect(forget, sender=Page, weak=False, dispatch_uid=f"{name}.page-deleted")
