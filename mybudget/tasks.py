"""The daily job: tell a person when a date someone promised them has passed."""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from pbsite.notifications import notify
from pbsite.tasks import retrying_task

from .models import Stage


def send_reminders(today=None) -> int:
    """Each stage whose promised date has passed without it happening is told once to the
    timeline's owner (nobody else). Returns how many were told."""
    today = today or timezone.localdate()
    told = 0
    late = Stage.objects.filter(
        promised_by__lt=today, done_on__isnull=True, reminded_at__isnull=True
    ).select_related("timeline__owner")
    for stage in late:
        with transaction.atomic():
            claimed = Stage.objects.filter(pk=stage.pk, reminded_at__isnull=True).update(
                reminded_at=timezone.now()
            )
            if not claimed:
                continue
            timeline = stage.timeline
            notify(
                timeline.owner,
                f"reminds you that a promised date has passed ({stage}, promised by "
                f"{stage.promised_by.day} {stage.promised_by:%B %Y}). You can make a letter to "
                "chase it",
                target=timeline,
                url=reverse("mybudget:timeline", args=[timeline.pk]),
            )
            told += 1
    return told


@retrying_task()
def remind_promised_dates() -> int:
    return send_reminders()
