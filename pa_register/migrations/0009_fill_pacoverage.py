"""Fill the PAs' coverage rows from every profile's districts (upper case, as
``pa_register.coverage.covered`` keeps them). From now on a profile's save keeps them in step."""

from django.db import migrations


def fill_coverage(apps, schema_editor):
    PAProfile = apps.get_model("pa_register", "PAProfile")
    PACoverage = apps.get_model("pa_register", "PACoverage")
    rows = []
    for pk, districts in PAProfile.objects.values_list("pk", "districts").iterator():
        covered = {district.upper() for district in districts or () if isinstance(district, str)}
        rows.extend(PACoverage(profile_id=pk, district=district) for district in sorted(covered))
        if len(rows) >= 5000:
            PACoverage.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)
            rows = []
    PACoverage.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [
        ("pa_register", "0008_pacoverage"),
    ]

    operations = [
        # Back again, the rows go with their table (0008).
        migrations.RunPython(fill_coverage, migrations.RunPython.noop),
    ]
