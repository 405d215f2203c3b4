"""``Advert.pool`` goes: pooling's ``GroupAdvert`` (pooling 0010, which copied every link) now
says which group posted an advert, so the register knows nothing of pools."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("pa_register", "0004_edit_version"),
        ("pooling", "0010_group_advert_link_moves_from_register"),
    ]

    operations = [
        migrations.RemoveField(model_name="advert", name="pool"),
    ]
