"""The register's freshness reminders: which PA profiles are about to sink or hide, and telling
their PAs (the daily job ``tasks.send_profile_reminders``)."""

from __future__ import annotations

from django.urls import reverse

from pbsite.freshness import after

from .freshness import POLICY
from .models import PAProfile


def send_reminders(now=None) -> int:
    """Remind every PA whose profile is about to sink or hide. Returns how many were sent."""
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
