"""The directory's freshness reminders: which listings are about to sink or hide, and telling
their owners (the daily job ``tasks.send_freshness_reminders``)."""

from __future__ import annotations

from django.urls import reverse

from .freshness import POLICY
from .models import ListingStatus, Organisation


def send_reminders(on=None) -> int:
    """Remind the owners of every listing about to sink or hide. Returns how many listings."""
    candidates = Organisation.objects.filter(
        status=ListingStatus.APPROVED,
        hidden=False,
        last_confirmed__lte=POLICY.first_reminder_on_or_before(on),
        last_confirmed__gt=POLICY.hidden_on_or_before(on),
    ).prefetch_related("owners")
    return POLICY.send_reminders(
        candidates,
        recipients=lambda organisation: organisation.owners.all(),
        about=lambda organisation: organisation,
        url=lambda organisation: reverse("directory:edit", args=[organisation.slug]),
        on=on,
    )
