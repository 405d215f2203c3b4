"""Wagtail's private sections (PageViewRestriction), looked for only when the site has any.

Before serving a page Wagtail asks the database for the restrictions on it and on each page
above it, and each list of pages kept to the public (``.public()``) asks for every restriction
again: three queries on the guide list. A site has none until an editor makes one in the admin,
so each process keeps whether there are any (:class:`pbsite.caching.Memo`) and asks Wagtail's
questions only then.
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from wagtail.models import PageViewRestriction

from .caching import Memo

_restrictions_exist = Memo("view-restrictions", PageViewRestriction.objects.exists)


def any_view_restrictions() -> bool:
    return _restrictions_exist.get()


def public(pages):
    """Wagtail's ``pages.public()``, without its query while nothing is private."""
    return pages.public() if any_view_restrictions() else pages


class ChecksRestrictionsIfAny:
    """For a page model: Wagtail's check before serving it, skipped while nothing is private."""

    def get_view_restrictions(self):
        if not any_view_restrictions():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


def connect() -> None:
    for signal in (post_save, post_delete):
        signal.connect(
            _restrictions_exist.forget,
            sender=PageViewRestriction,
            dispatch_uid=f"pbsite.view_restrictions.{signal is post_save}",
        )
