"""A guide's "Ask someone" block chooses a forum category (a snippet), and the migration turns
the slugs typed in before into category ids, and back."""

import importlib

import pytest

from forum.models import Category

from .conftest import make_guide

migration = importlib.import_module("home.migrations.0008_ask_someone_forum_category_chooser")

pytestmark = pytest.mark.django_db


def ask_someone(category):
    return {
        "type": "ask_someone",
        "id": "a1",
        "value": {
            "heading": "Ask someone",
            "text": "<p>Others can help.</p>",
            "forum_category": category,
        },
    }


def test_the_block_links_to_the_category_chosen(client, guide_index):
    Category.objects.create(slug="getting-started", name="Getting started")
    health = Category.objects.create(slug="health-budgets", name="Health budgets")
    make_guide(guide_index, "Health money", body=[ask_someone(health.pk)])
    html = client.get("/guides/health-money/").content.decode()
    assert 'href="/forum/c/health-budgets/"' in html
    assert "/forum/c/getting-started/" not in html


def test_a_category_deleted_since_links_to_the_forum(client, guide_index):
    gone = Category.objects.create(slug="old-things", name="Old things")
    make_guide(guide_index, "Older guide", body=[ask_someone(gone.pk)])
    gone.delete()
    response = client.get("/guides/older-guide/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<a href="/forum/">Ask a question in the forum</a>' in html
    assert "old-things" not in html


def test_the_migration_turns_slugs_into_ids_and_leaves_other_blocks_alone():
    paragraph = {"type": "paragraph", "id": "p1", "value": "<p>Hello</p>"}
    stream = [paragraph, ask_someone("health-budgets"), ask_someone("no-such-category")]
    converted = migration.slugs_to_ids(stream, {"health-budgets": 7, "getting-started": 3})
    assert converted[0] == paragraph
    assert converted[1] == ask_someone(7)
    assert converted[2]["value"]["forum_category"] is None
    assert stream[1]["value"]["forum_category"] == "health-budgets"  # the input is not changed


def test_the_migration_back_turns_ids_into_slugs():
    stream = [ask_someone(7), ask_someone(99)]
    converted = migration.ids_to_slugs(stream, {7: "health-budgets"})
    assert converted[0] == ask_someone("health-budgets")
    assert converted[1]["value"]["forum_category"] == ""
