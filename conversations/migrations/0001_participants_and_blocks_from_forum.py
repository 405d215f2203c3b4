"""The conversations app takes over the forum's ``Participant`` and ``Block`` models.

Not a row moves and no table is renamed: the models keep their tables (``forum_participant``,
``forum_block``) and constraint names, so only Django's record of who owns them changes
(``SeparateDatabaseAndState``; the forum's ``0006`` lets go of them). The content types are
renamed too, so permissions and logs keep pointing at the same models. Reversible.
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

MOVED = ("participant", "block")


def content_types_to(app_label, from_label):
    def move(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        db = schema_editor.connection.alias
        for model in MOVED:
            if ContentType.objects.using(db).filter(app_label=app_label, model=model).exists():
                continue  # already made for the new label (post_migrate of an earlier run)
            ContentType.objects.using(db).filter(app_label=from_label, model=model).update(
                app_label=app_label
            )

    return move


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("forum", "0005_advisers_and_escalations"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Participant",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("joined", models.DateTimeField(default=django.utils.timezone.now)),
                        ("last_read", models.DateTimeField(blank=True, null=True)),
                        (
                            "topic",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="participant_links",
                                to="forum.topic",
                            ),
                        ),
                        (
                            "user",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "forum_participant",
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("topic", "user"), name="forum_one_participant_row"
                            )
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="Block",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("created", models.DateTimeField(default=django.utils.timezone.now)),
                        (
                            "blocked",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "blocker",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="blocks_made",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "forum_block",
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("blocker", "blocked"), name="forum_one_block_per_pair"
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(
            content_types_to("conversations", "forum"), content_types_to("forum", "conversations")
        ),
    ]
