"""When a guide is due to be checked again. Rules change, so every guide is re-read at least
once every GUIDE_REVIEW_MONTHS months (12 unless settings say otherwise)."""

from __future__ import annotations

import calendar
import datetime

from django.conf import settings
from django.utils import timezone


def review_months() -> int:
    return getattr(settings, "GUIDE_REVIEW_MONTHS", 12)


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` earlier; the 31st becomes the month's last day if need be."""
    month_index = day.year * 12 + (day.month - 1) - months
    year, month = divmod(month_index, 12)
    month += 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def review_cutoff(today: datetime.date | None = None) -> datetime.date:
    """Guides last checked before this day are due for review."""
    return months_before(today or timezone.localdate(), review_months())


def is_due(last_reviewed: datetime.date | None, today: datetime.date | None = None) -> bool:
    return last_reviewed is None or last_reviewed < review_cutoff(today)


def due_for_review(guides, today: datetime.date | None = None):
    """The guides (a queryset) that are due, the longest-waiting first; never-checked ones top."""
    from django.db.models import F, Q

    cutoff = review_cutoff(today)
    return guides.filter(Q(last_reviewed__lt=cutoff) | Q(last_reviewed__isnull=True)).order_by(
        F("last_reviewed").asc(nulls_first=True), "title"
    )
