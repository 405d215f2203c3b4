"""Freshness of the PA register: the shared policy (``pbsite.freshness``) with its own words.

A PA confirms now and then that their profile is still right; it sinks after 90 days and hides
after 180, and they are reminded before each. The profile keeps the moment it was confirmed;
the policy reads it as that day.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from pbsite.freshness import Freshness, FreshnessPolicy, after

__all__ = ["POLICY", "Freshness", "confirm", "freshness", "freshness_note", "send_reminders"]

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


def send_reminders(now=None) -> int:
    """Remind every PA whose profile is about to sink or hide. Returns how many were sent."""
    from .models import PAProfile

    candidates = PAProfile.objects.filter(
        paused=False,
        hidden=False,
        last_confirmed__lt=after(POLICY.first_reminder_on_or_before(now)),
        last_confirmed__gte=after(POLICY.hidden_on_or_before(now)),
    ).select_related("user")
    return POLICY.send_reminders(
        candidates,
        recipients=lambda profile: [profile.user],
        url=lambda profile: reverse("pa_register:edit_profile"),
        on=now,
    )
