"""Editors: the readability check in the editor and the preview, a warning on save, the two
reports, the glossary snippet and the feedback list."""

import datetime

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from home.models import GlossaryTerm, GuidePage
from home.wagtail_hooks import readability_message

from .conftest import make_guide

pytestmark = pytest.mark.django_db

HARD_PARAGRAPH = (
    "<p>Notwithstanding the aforementioned considerations, the administrative determination "
    "of eligibility necessitates comprehensive multidisciplinary evaluation, incorporating "
    "longitudinal documentation regarding functional limitations.</p>"
)


def test_editor_shows_the_readability_check(admin_client, guide, glossary_terms):
    html = admin_client.get(f"/admin/pages/{guide.pk}/edit/").content.decode()
    assert "How easy is this to read?" in html
    assert "Flesch–Kincaid grade" in html and "Flesch reading ease" in html
    assert "plain enough" in html


def test_new_guide_form_explains_when_the_check_appears(admin_client, guide_index):
    html = admin_client.get(f"/admin/pages/add/home/guidepage/{guide_index.pk}/").content.decode()
    assert "Save a draft to see how easy this guide is to read" in html


def test_readability_preview_mode_scores_the_unsaved_text(rf, guide):
    guide.body = [{"type": "paragraph", "value": HARD_PARAGRAPH}]
    request = rf.get("/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    response = guide.serve_preview(request, "readability")
    response.render()
    html = response.content.decode()
    assert "Readability check" in html
    assert "harder than our aim of grade 6" in html
    assert ("readability", "Readability check") in guide.preview_modes


def test_saving_a_hard_guide_warns_the_editor(admin_client, guide_index, guide):
    data = nested_form_data(
        {
            "title": "Direct payments",
            "slug": "direct-payments",
            "summary": "A short guide.",
            "body": streamfield([("paragraph", rich_text(HARD_PARAGRAPH))]),
            "stage": "before-you-apply",
            "audiences": [],
            "tags": "money",
            "last_reviewed": "2026-09-14",
            "sources": "",
            "related_guide_links": inline_formset([]),
            "comments": inline_formset([]),
        }
    )
    response = admin_client.post(f"/admin/pages/{guide.pk}/edit/", data, follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert "our aim is grade 6 or lower" in html, html[:3000]
    latest = GuidePage.objects.get(pk=guide.pk).get_latest_revision_as_object()
    assert latest.reading_grade > 6


def test_readability_message_only_for_hard_guides(guide_index, guide):
    assert readability_message(guide) is None
    guide.body = [{"type": "paragraph", "value": HARD_PARAGRAPH}]
    assert "our aim is grade 6 or lower" in readability_message(guide)


def test_readability_report_lists_every_guide_hardest_first(admin_client, guide_index, guide):
    hard = make_guide(
        guide_index, "Hard one", body=[{"type": "paragraph", "value": HARD_PARAGRAPH}]
    )
    response = admin_client.get("/admin/reports/guide-readability/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("Hard one") < html.index("Direct payments")
    assert str(GuidePage.objects.get(pk=hard.pk).reading_grade) in html


def test_due_for_review_report(admin_client, guide_index, guide):
    make_guide(guide_index, "Long unchecked", last_reviewed=datetime.date(2020, 1, 1))
    html = admin_client.get("/admin/reports/guides-due/").content.decode()
    assert "Long unchecked" in html
    assert "Direct payments" not in html
    assert "not checked for 12 months" in html


def test_reports_are_for_editors_only(client, guide):
    from accounts.models import User

    User.objects.create_user(email="x@example.com", password="pw-for-tests", display_name="X")
    client.login(email="x@example.com", password="pw-for-tests")
    response = client.get("/admin/reports/guide-readability/")
    assert response.status_code in (302, 403)


def test_glossary_snippet_can_be_added_in_the_admin(admin_client):
    response = admin_client.post(
        "/admin/snippets/home/glossaryterm/add/",
        {
            "term": "support plan",
            "slug": "support-plan",
            "meaning": "Your plan for spending the money.",
            "explanation": "",
            "also_known_as": "care plan",
        },
    )
    assert response.status_code == 302
    assert GlossaryTerm.objects.get(slug="support-plan").aliases == ["care plan"]


def test_feedback_cannot_be_made_up_by_editors(admin_client):
    assert admin_client.get("/admin/guide_feedback/new/").status_code in (302, 403, 404)
