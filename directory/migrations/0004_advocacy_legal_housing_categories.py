"""Five more starting categories: advocacy, direct payment support services, legal advice,
independent assessments and housing help (issue 18). Existing sites get them here; new sites
already get them from 0002, which reads the same list."""

from django.db import migrations


def add_categories(apps, schema_editor):
    from directory.vocabulary import CATEGORY_VOCABULARY, STARTER_CATEGORIES, fixed_id

    Taxonomy = apps.get_model("directory", "Taxonomy")
    TaxonomyTerm = apps.get_model("directory", "TaxonomyTerm")
    categories, _ = Taxonomy.objects.get_or_create(
        name=CATEGORY_VOCABULARY,
        defaults={"id": fixed_id("taxonomy", CATEGORY_VOCABULARY), "version": "1"},
    )
    for code, name in STARTER_CATEGORIES:
        TaxonomyTerm.objects.get_or_create(
            taxonomy=categories,
            code=code,
            defaults={
                "id": fixed_id("term", CATEGORY_VOCABULARY, code),
                "name": name,
                "description": name,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("directory", "0003_edit_version")]

    operations = [migrations.RunPython(add_categories, migrations.RunPython.noop)]
