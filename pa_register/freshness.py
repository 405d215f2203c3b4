"""Freshness of the PA register: the shared policy (``pbsite.freshness``) with its own words.

A PA confirms now and then that their profile is still right; it sinks after 90 days and hides
after 180, and they are reminded before each. The profile keeps the moment it was confirmed;
the policy reads it as that day. Plain values in, words out: the models call this module, never
the other way round; the reminders that query profiles are in ``reminders``.
"""

from __future__ import annotations

from django.utils import timezone

from pbsite.freshness import Freshness, FreshnessPolicy

__all__ = ["POLICY", "Freshness", "confirm", "due_reminder", "freshness", "freshness_note"]

POLICY = FreshnessPolicy(
    sinking_reminder=(
        "Is your PA profile still right? Please confirm it this week, or it will move down the list"
    ),
    hiding_reminder=(
        "Your PA profile will be hidden in 2 weeks. Confirm it is still right to keep it on "
        "the register"
    ),
)
freshness, freshness_note = POLICY.freshness, POLICY.note


def confirm(profile, now=None) -> None:
    """The PA says "my profile is still right"."""
    profile.last_confirmed = now or timezone.now()
    profile.reminders_sent = 0
    profile.save(update_fields=["last_confirmed", "reminders_sent"])


def due_reminder(profile, now=None) -> int | None:
    if profile.paused:
        return None
    return POLICY.due_reminder(profile.last_confirmed, profile.reminders_sent, now)
