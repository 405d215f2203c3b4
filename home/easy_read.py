"""Plain rules about Easy Read versions: when one counts as checked, and how its lines group."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _


def is_checked(checked_by: str, checked_on: datetime.date | None) -> bool:
    """Checked means an editor recorded both who checked it (a person with learning
    disabilities, or a checking group) and on which day. Either alone is not enough."""
    return bool((checked_by or "").strip()) and checked_on is not None


def check_errors(
    checked_by: str, checked_on: datetime.date | None, today: datetime.date
) -> dict[str, str]:
    """What is wrong with a check record, by field; empty when it is fine (or not filled in)."""
    errors = {}
    if (checked_by or "").strip() and checked_on is None:
        errors["checked_on"] = _("Add the day they checked it, or clear who checked it.")
    if checked_on is not None and not (checked_by or "").strip():
        errors["checked_by"] = _("Say who checked it, or clear the date.")
    if checked_on is not None and checked_on > today:
        errors["checked_on"] = _("This day has not happened yet. Add the day they checked it.")
    return errors


def group_lines(items: list[tuple[str, object]]) -> list[tuple[str, object]]:
    """Stream items as (kind, value) with each run of "line" items gathered into one
    ("lines", [items]) entry, so each run becomes one list on the page."""
    grouped: list[tuple[str, object]] = []
    for kind, value in items:
        if kind == "line" and grouped and grouped[-1][0] == "lines":
            grouped[-1][1].append(value)
        elif kind == "line":
            grouped.append(("lines", [value]))
        else:
            grouped.append((kind, value))
    return grouped
