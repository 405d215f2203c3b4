"""Budget Circle's fact vocabulary and the starting categories, so they exist everywhere."""

from django.db import migrations


def create_vocabulary(apps, schema_editor):
    from directory.vocabulary import (
        BUDGET_VOCABULARY,
        CATEGORY_VOCABULARY,
        FACTS,
        STARTER_CATEGORIES,
        fixed_id,
    )

    Taxonomy = apps.get_model("directory", "Taxonomy")
    TaxonomyTerm = apps.get_model("directory", "TaxonomyTerm")
    facts, _ = Taxonomy.objects.get_or_create(
        name=BUDGET_VOCABULARY,
        defaults={"id": fixed_id("taxonomy", BUDGET_VOCABULARY), "version": "1"},
    )
    for fact in FACTS:
        TaxonomyTerm.objects.get_or_create(
            taxonomy=facts,
            code=fact.code,
            defaults={
                "id": fixed_id("term", BUDGET_VOCABULARY, fact.code),
                "name": fact.name,
                "description": fact.name,
                "curated": False,
            },
        )
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
    dependencies = [("directory", "0001_initial")]

    operations = [migrations.RunPython(create_vocabulary, migrations.RunPython.noop)]
