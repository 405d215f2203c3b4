"""Checks: who may verify them, when they expire, and how a profile describes them.

A PA states a check and may upload evidence; only a moderator marks it verified. Changing a
verified check (its date, level or evidence) takes the verification away again, because what
was checked is no longer what is shown.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from wagtail.log_actions import log

from accounts.permissions import is_moderator

from .errors import RegisterError
from .kinds import CheckKind

# The fields a verification vouches for: changing any of them needs a fresh look.
VOUCHED_FIELDS = (
    "kind",
    "title",
    "dbs_level",
    "update_service",
    "dated",
    "valid_until",
    "evidence",
)


def dbs_valid_months() -> int:
    return int(getattr(settings, "PA_DBS_VALID_MONTHS", 36))


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later, or the month's last day (31 Jan + 1 month = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def expiry_date(check) -> datetime.date | None:
    """DBS checks go out of date a set time after issue; other checks when the PA says."""
    if check.kind == CheckKind.DBS:
        return add_months(check.dated, dbs_valid_months()) if check.dated else None
    return check.valid_until


def is_expired(check, today: datetime.date) -> bool:
    """Whether the check was out of date on ``today`` (``Check.is_expired``)."""
    expires = expiry_date(check)
    return expires is not None and expires < today


def in_date(today=None) -> Q:
    """Which checks are in date on ``today``, as a filter (``Check.objects.current_verified``)."""
    today = today or timezone.localdate()
    oldest_dbs = add_months(today, -dbs_valid_months())
    return Q(kind=CheckKind.DBS, dated__gte=oldest_dbs) | (
        ~Q(kind=CheckKind.DBS) & (Q(valid_until__isnull=True) | Q(valid_until__gte=today))
    )


def verify(check, moderator, *, now=None) -> None:
    """Mark a check verified. Only moderators may; a PA can never verify their own."""
    if not is_moderator(moderator) or moderator.pk == check.profile.user_id:
        raise RegisterError("Only a moderator can mark a check as verified.")
    check.verified_at = now or timezone.now()
    check.verified_by = moderator
    check.save(update_fields=["verified_at", "verified_by"])
    log(check.profile, "pa_register.check.verify", user=moderator, data={"check": check.name})


def changed_since_verified(before: dict, after) -> bool:
    return any(before.get(name) != getattr(after, name) for name in VOUCHED_FIELDS)


@dataclass(frozen=True)
class CheckLine:
    """One line of a profile's "Checks" list, in words."""

    name: str
    status: str  # "verified", "expired", "stated"
    text: str


def describe(check, today=None) -> CheckLine:
    today = today or timezone.localdate()
    expires = check.expires_on
    if check.is_expired(today):
        return CheckLine(
            check.name,
            "expired",
            f"Out of date since {expires:%-d %B %Y}. Ask to see a new one.",
        )
    if check.is_verified:
        text = f"Checked by Budget Circle on {timezone.localdate(check.verified_at):%-d %B %Y}."
        if expires:
            text += f" In date until {expires:%-d %B %Y}."
        return CheckLine(check.name, "verified", text)
    return CheckLine(
        check.name,
        "stated",
        f"The PA says they have this (dated {check.dated:%-d %B %Y}). "
        "Budget Circle has not checked it yet.",
    )


def missing_kinds(checks) -> list[str]:
    """The kinds of check a profile does not list at all, in words."""
    listed = {check.kind for check in checks}
    return [kind.label for kind in CheckKind if kind not in listed and kind != CheckKind.OTHER]
