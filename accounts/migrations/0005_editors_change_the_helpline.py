"""Editors may change the helpline site setting (the list is in accounts/groups.py). It lives
here, not in pbsite's migration that makes the setting, because the shared layer knows no part."""

from django.db import migrations


def let_editors_change_the_helpline(apps, schema_editor):
    from accounts.groups import ensure_permissions_exist, sync_role_groups

    ensure_permissions_exist(apps)
    sync_role_groups(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_edit_version"),
        ("pbsite", "0006_helpline_site_setting"),
    ]

    operations = [
        migrations.RunPython(let_editors_change_the_helpline, migrations.RunPython.noop),
    ]
