"""A guide's "Ask someone" block chooses its forum category (a snippet) instead of having its
slug typed in: each slug becomes the category's id, and back. A slug no category has becomes an
empty choice, and the block then links to the forum's front page."""

import json

import wagtail.fields
from django.db import migrations


def convert_forum_categories(stream, convert):
    """``stream`` (a guide body's raw data) with each "Ask someone" block's forum category
    passed through ``convert``; other blocks as they were."""
    converted = []
    for block in stream or []:
        if block.get("type") == "ask_someone" and isinstance(block.get("value"), dict):
            value = dict(block["value"])
            value["forum_category"] = convert(value.get("forum_category"))
            block = {**block, "value": value}
        converted.append(block)
    return converted


def slugs_to_ids(stream, ids_by_slug):
    return convert_forum_categories(stream, lambda slug: ids_by_slug.get(slug))


def ids_to_slugs(stream, slugs_by_id):
    return convert_forum_categories(stream, lambda pk: slugs_by_id.get(pk, ""))


def _convert_guides(apps, convert):
    GuidePage = apps.get_model("home", "GuidePage")
    Revision = apps.get_model("wagtailcore", "Revision")
    ContentType = apps.get_model("contenttypes", "ContentType")
    for guide in GuidePage.objects.all():
        raw = guide.body.raw_data if hasattr(guide.body, "raw_data") else guide.body
        body = convert(list(raw))
        GuidePage.objects.filter(pk=guide.pk).update(body=body)
    guide_type = ContentType.objects.filter(app_label="home", model="guidepage").first()
    if guide_type is None:
        return
    for revision in Revision.objects.filter(content_type=guide_type):
        body = revision.content.get("body")
        if isinstance(body, str):
            revision.content["body"] = json.dumps(convert(json.loads(body)))
        elif isinstance(body, list):
            revision.content["body"] = convert(body)
        else:
            continue
        revision.save(update_fields=["content"])


def forwards(apps, schema_editor):
    Category = apps.get_model("forum", "Category")
    ids_by_slug = dict(Category.objects.values_list("slug", "pk"))
    _convert_guides(apps, lambda stream: slugs_to_ids(stream, ids_by_slug))


def backwards(apps, schema_editor):
    Category = apps.get_model("forum", "Category")
    slugs_by_id = dict(Category.objects.values_list("pk", "slug"))
    _convert_guides(apps, lambda stream: ids_to_slugs(stream, slugs_by_id))


class Migration(migrations.Migration):

    dependencies = [
        ('home', '0007_guide_body_with_adviser_answers_and_video'),
        ('forum', '0005_advisers_and_escalations'),
        ('wagtailcore', '0098_apitoken'),
    ]

    operations = [
        migrations.AlterField(
            model_name='guidepage',
            name='body',
            field=wagtail.fields.StreamField([('paragraph', 0), ('key_point', 3), ('steps', 7), ('checklist', 9), ('questions', 12), ('example', 14), ('quote', 17), ('warning', 18), ('ask_someone', 21), ('adviser_answer', 25), ('video', 31)], block_lookup={0: ('home.blocks.ParagraphBlock', (), {}), 1: ('wagtail.blocks.CharBlock', (), {'help_text': 'For example: “You do not have to…”', 'max_length': 120}), 2: ('wagtail.blocks.RichTextBlock', (), {'features': ['bold', 'italic', 'link']}), 3: ('wagtail.blocks.StructBlock', [[('heading', 1), ('text', 2)]], {}), 4: ('wagtail.blocks.CharBlock', (), {'max_length': 120}), 5: ('wagtail.blocks.CharBlock', (), {'max_length': 400}), 6: ('wagtail.blocks.ListBlock', (5,), {'label': 'Steps, in order'}), 7: ('wagtail.blocks.StructBlock', [[('heading', 4), ('items', 6)]], {}), 8: ('wagtail.blocks.ListBlock', (5,), {'label': 'Things to check'}), 9: ('wagtail.blocks.StructBlock', [[('heading', 4), ('items', 8)]], {}), 10: ('wagtail.blocks.CharBlock', (), {'default': 'Questions to ask', 'max_length': 120}), 11: ('wagtail.blocks.ListBlock', (5,), {'label': 'Questions'}), 12: ('wagtail.blocks.StructBlock', [[('heading', 10), ('items', 11)]], {}), 13: ('wagtail.blocks.CharBlock', (), {'help_text': 'A made-up first name. Never a real person.', 'max_length': 80}), 14: ('wagtail.blocks.StructBlock', [[('name', 13), ('story', 2)]], {}), 15: ('wagtail.blocks.TextBlock', (), {'max_length': 600}), 16: ('wagtail.blocks.CharBlock', (), {'help_text': 'For example: “A holder in Oxfordshire”.', 'max_length': 120}), 17: ('wagtail.blocks.StructBlock', [[('text', 15), ('who', 16)]], {}), 18: ('wagtail.blocks.StructBlock', [[('heading', 4), ('text', 2)]], {}), 19: ('wagtail.blocks.CharBlock', (), {'default': 'Ask someone who has done it', 'max_length': 120}), 20: ('wagtail.snippets.blocks.SnippetChooserBlock', ('forum.Category',), {'help_text': 'The forum category readers are sent to, to ask their question.'}), 21: ('wagtail.blocks.StructBlock', [[('heading', 19), ('text', 2), ('forum_category', 20)]], {}), 22: ('wagtail.blocks.TextBlock', (), {'help_text': 'The question, in plain words.', 'max_length': 600}), 23: ('wagtail.blocks.RichTextBlock', (), {'features': ['bold', 'italic', 'link', 'ol', 'ul'], 'help_text': "The adviser's answer. Shorten it if you need to, but keep what it says."}), 24: ('wagtail.snippets.blocks.SnippetChooserBlock', ('forum.AdviserAnswer',), {'help_text': 'Readers see who answered, their expertise and when, with a link to the topic.', 'label': "The adviser's answer in the forum"}), 25: ('wagtail.blocks.StructBlock', [[('question', 22), ('answer', 23), ('adviser_answer', 24)]], {}), 26: ('wagtail.blocks.CharBlock', (), {'help_text': 'For example: “This guide in British Sign Language”.', 'label': 'What the video is', 'max_length': 120}), 27: ('wagtail.documents.blocks.DocumentChooserBlock', (), {'help_text': 'An MP4 or WebM file from Documents. Or give a web address below.', 'label': 'Video file', 'required': False}), 28: ('wagtail.blocks.URLBlock', (), {'help_text': 'The address of an MP4 or WebM file, starting https://.', 'label': "Or the video's web address", 'required': False}), 29: ('wagtail.documents.blocks.DocumentChooserBlock', (), {'help_text': 'A .vtt captions file from Documents, timed to the video.', 'label': 'Captions (WebVTT)'}), 30: ('wagtail.blocks.TextBlock', (), {'help_text': 'Everything said or signed, in words. Leave a blank line between paragraphs.', 'label': 'Transcript'}), 31: ('wagtail.blocks.StructBlock', [[('title', 26), ('video', 27), ('video_url', 28), ('captions', 29), ('transcript', 30)]], {})}),
        ),
        migrations.RunPython(forwards, backwards),
    ]
