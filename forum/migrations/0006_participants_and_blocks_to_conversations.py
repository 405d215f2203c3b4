"""The forum lets go of ``Participant`` and ``Block``: the conversations app owns them now
(``conversations/migrations/0001``). Nothing changes in the database: the tables stay as they
are, and a topic's participants are read through ``conversations.Participant``. Reversible."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("forum", "0005_advisers_and_escalations"),
        ("conversations", "0001_participants_and_blocks_from_forum"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="topic",
                    name="participants",
                    field=models.ManyToManyField(
                        blank=True,
                        related_name="conversations",
                        through="conversations.Participant",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                migrations.DeleteModel(name="Participant"),
                migrations.DeleteModel(name="Block"),
            ],
            database_operations=[],
        ),
    ]
