"""The helpline becomes a site setting staff edit (Settings → Helpline), starting with the values
the site had written into its code: the demo number is one Ofcom keeps for drama. Editors may
change it, as accounts/groups.py says."""

import django.db.models.deletion
import pbsite.helpline
from django.db import migrations, models


# The values as they were in pbsite/context_processors.py, written out: a migration must not
# follow later changes to the model's defaults.
FIRST_VALUES = {
    "phone": "03069 990123",
    "email": "help@budgetcircle.example",
    "hours": "Monday to Friday, 9am to 5pm",
}


def create_helplines(apps, schema_editor):
    Site = apps.get_model("wagtailcore", "Site")
    Helpline = apps.get_model("pbsite", "Helpline")
    for site in Site.objects.all():
        Helpline.objects.get_or_create(site=site, defaults=FIRST_VALUES)


class Migration(migrations.Migration):
    dependencies = [
        ("pbsite", "0005_reports_act_before_moderators"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.CreateModel(
            name="Helpline",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "phone",
                    models.CharField(
                        default="03069 990123",
                        help_text="As people dial it, with spaces, for example 0300 123 4567.",
                        max_length=20,
                        validators=[pbsite.helpline.validate_phone],
                        verbose_name="phone number",
                    ),
                ),
                (
                    "email",
                    models.EmailField(
                        default="help@budgetcircle.example",
                        max_length=254,
                        verbose_name="email address",
                    ),
                ),
                (
                    "hours",
                    models.CharField(
                        default="Monday to Friday, 9am to 5pm",
                        help_text="When someone answers the phone, for example “Monday to Friday, 9am to 5pm”.",
                        max_length=120,
                        verbose_name="opening hours",
                    ),
                ),
                (
                    "site",
                    models.OneToOneField(
                        editable=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        to="wagtailcore.site",
                    ),
                ),
            ],
            options={
                "verbose_name": "helpline",
            },
        ),
        migrations.RunPython(create_helplines, migrations.RunPython.noop),
    ]
