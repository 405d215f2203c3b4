"""Posts saved before links with a backslash were cleaned keep a link a browser reads as going to
another site (``/\\evil.example`` opens ``//evil.example``): render those posts again."""

from django.db import migrations


def render_again(apps, schema_editor):
    from forum.rendering import render_markdown

    Post = apps.get_model("forum", "Post")
    for post in Post.objects.filter(body_markdown__contains="\\").only("pk", "body_markdown"):
        Post.objects.filter(pk=post.pk).update(body_html=render_markdown(post.body_markdown))


class Migration(migrations.Migration):
    dependencies = [("forum", "0003_edit_version")]

    operations = [migrations.RunPython(render_again, migrations.RunPython.noop)]
