"""Editors may copy a page tree into another language to translate it (Wagtail's simple
translation; the list is in accounts/groups.py)."""

from django.db import migrations


def let_editors_translate_pages(apps, schema_editor):
    from accounts.groups import ensure_permissions_exist, sync_role_groups

    ensure_permissions_exist(apps)
    sync_role_groups(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0005_editors_change_the_helpline"),
        ("simple_translation", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(let_editors_translate_pages, migrations.RunPython.noop),
    ]
