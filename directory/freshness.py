"""Freshness of the directory: the shared policy (``pbsite.freshness``) with its own words.

A provider confirms now and then that its listing is still right; its services sink after 90
days and hide after 180, and its owners are reminded before each (``reminders``). Plain
values in, words out: the models call this module, never the other way round.
"""

from __future__ import annotations

from pbsite.freshness import Freshness, FreshnessPolicy, as_day

__all__ = ["POLICY", "Freshness", "confirm", "due_reminder", "freshness", "freshness_note"]

POLICY = FreshnessPolicy(
    sinking_reminder=(
        "Is your directory listing still right? Please confirm it this week, or it will move "
        "down the list"
    ),
    hiding_reminder=(
        "Your directory listing will be hidden in 2 weeks. Confirm it is still right to keep "
        "it in the directory"
    ),
    stale_advice="Some details may have changed: ask them first.",
)
freshness, freshness_note = POLICY.freshness, POLICY.note


def confirm(organisation, on=None) -> None:
    """The provider says "our listing is still right"."""
    organisation.last_confirmed = as_day(on)
    organisation.reminders_sent = 0
    organisation.save(update_fields=["last_confirmed", "reminders_sent", "modified"])


def due_reminder(organisation, on=None) -> int | None:
    return POLICY.due_reminder(organisation.last_confirmed, organisation.reminders_sent, on)
