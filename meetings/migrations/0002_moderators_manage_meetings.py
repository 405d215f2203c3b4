"""Moderators look after venues, meetings and approved organisers in the admin (the list is in
accounts/groups.py; ``load_demo`` syncs it exactly). Only the meetings' own permissions are added
here, so this migration never waits on another part's."""

from django.db import migrations


def give_moderators_meetings(apps, schema_editor):
    from accounts.groups import GROUP_PERMISSIONS, MODERATOR, ensure_permissions_exist

    ensure_permissions_exist(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    moderators, _created = Group.objects.get_or_create(name=MODERATOR)
    codenames = [
        dotted.split(".", 1)[1]
        for dotted in GROUP_PERMISSIONS[MODERATOR]
        if dotted.startswith("meetings.")
    ]
    moderators.permissions.add(
        *Permission.objects.filter(content_type__app_label="meetings", codename__in=codenames)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0001_meetings_venues_series_rsvps_notes"),
        ("accounts", "0004_edit_version"),
    ]

    operations = [migrations.RunPython(give_moderators_meetings, migrations.RunPython.noop)]
