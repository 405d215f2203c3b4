"""The four kinds of reader a guide can be for. Their slugs appear in /guides/?audience=…"""

from django.db import migrations

AUDIENCES = [
    ("holder", "People with a budget", 1),
    ("carer", "Family carers", 2),
    ("pa", "Personal assistants", 3),
    ("provider", "Providers and groups", 4),
]


def add_audiences(apps, schema_editor):
    Audience = apps.get_model("home", "Audience")
    for slug, name, order in AUDIENCES:
        Audience.objects.update_or_create(slug=slug, defaults={"name": name, "order": order})


class Migration(migrations.Migration):
    dependencies = [("home", "0002_guides_glossary_feedback")]

    operations = [migrations.RunPython(add_audiences, migrations.RunPython.noop)]
