"""Who is in a private conversation, and who has blocked whom.

A conversation's words are a private forum topic (``forum.Topic`` with ``is_private``): replying,
live updates, reporting and edits work there as in the forum. This app owns who takes part and
who may write to whom, so the register, the directory and pooling open conversations without
knowing the forum. The tables keep their first names (``forum_participant``, ``forum_block``):
the models moved here without moving a row (``migrations/0001``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class Participant(models.Model):
    """One person in one conversation, and when they last read it."""

    # The conversation's words live in the forum: named by label, never imported.
    topic = models.ForeignKey(
        "forum.Topic", on_delete=models.CASCADE, related_name="participant_links"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    joined = models.DateTimeField(default=timezone.now)
    last_read = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "forum_participant"
        constraints = [
            models.UniqueConstraint(fields=["topic", "user"], name="forum_one_participant_row")
        ]

    def __str__(self):
        return f"{self.user} in conversation {self.topic_id}"


class Block(models.Model):
    """``blocker`` no longer gets messages from ``blocked``."""

    blocker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blocks_made"
    )
    blocked = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "forum_block"
        constraints = [
            models.UniqueConstraint(fields=["blocker", "blocked"], name="forum_one_block_per_pair")
        ]

    def __str__(self):
        return f"{self.blocker} blocked {self.blocked}"
