"""Editors keep the interview question bank and the hiring figures (the list is in
accounts/groups.py; ``load_demo`` syncs it exactly). Only hiring's own permissions are added."""

from django.db import migrations


def give_editors_hiring(apps, schema_editor):
    from accounts.groups import EDITOR, GROUP_PERMISSIONS, ensure_permissions_exist

    ensure_permissions_exist(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors, _created = Group.objects.get_or_create(name=EDITOR)
    codenames = [
        dotted.split(".", 1)[1] for dotted in GROUP_PERMISSIONS[EDITOR] if dotted.startswith("hiring.")
    ]
    editors.permissions.add(
        *Permission.objects.filter(content_type__app_label="hiring", codename__in=codenames)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("hiring", "0001_kits_questions_interviews"),
        ("accounts", "0004_edit_version"),
    ]

    operations = [migrations.RunPython(give_editors_hiring, migrations.RunPython.noop)]
