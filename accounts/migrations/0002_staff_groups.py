"""The role groups, and what the Moderator and Editor groups may do in the Wagtail admin
(accounts/groups.py). Adds to what a site's admins may already have given them; takes nothing
away."""

from django.db import migrations


def create_staff_groups(apps, schema_editor):
    from accounts.groups import ensure_permissions_exist, sync_role_groups

    ensure_permissions_exist(apps)
    # Permissions of models made by later migrations are given by those migrations.
    sync_role_groups(apps, skip_missing=True)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("pbsite", "0001_initial"),
        ("forum", "0001_initial"),
        ("directory", "0002_vocabulary"),
        ("home", "0003_audiences"),
        ("pa_register", "0003_advert_pool"),
    ]

    operations = [migrations.RunPython(create_staff_groups, migrations.RunPython.noop)]
