"""A group's "PA wanted" advert: the link moves from the register's ``Advert.pool`` to pooling's
own ``GroupAdvert`` row, so the register knows nothing of pools. Every existing link is copied
here before ``pa_register`` 0005 drops the old column (and copied back when unapplied)."""

import django.db.models.deletion
from django.db import migrations, models


def copy_links(apps, schema_editor):
    Advert = apps.get_model("pa_register", "Advert")
    GroupAdvert = apps.get_model("pooling", "GroupAdvert")
    GroupAdvert.objects.bulk_create(
        GroupAdvert(advert_id=advert_id, pool_id=pool_id)
        for advert_id, pool_id in Advert.objects.filter(pool__isnull=False).values_list(
            "pk", "pool_id"
        )
    )


def copy_links_back(apps, schema_editor):
    Advert = apps.get_model("pa_register", "Advert")
    GroupAdvert = apps.get_model("pooling", "GroupAdvert")
    for advert_id, pool_id in GroupAdvert.objects.values_list("advert_id", "pool_id"):
        Advert.objects.filter(pk=advert_id).update(pool_id=pool_id)


class Migration(migrations.Migration):

    dependencies = [
        ("pa_register", "0004_edit_version"),
        ("pooling", "0009_edit_version"),
    ]

    operations = [
        migrations.CreateModel(
            name="GroupAdvert",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "advert",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="group_link",
                        to="pa_register.advert",
                    ),
                ),
                (
                    "pool",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="group_adverts",
                        to="pooling.pool",
                    ),
                ),
            ],
        ),
        migrations.RunPython(copy_links, copy_links_back),
    ]
