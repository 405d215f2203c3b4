"""Editors: the readability check in the editor and the preview, a warning on save, the two
reports, the glossary snippet and the feedback list."""

import datetime

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from home.models import GlossaryTerm, GuidePage
from home.wagtail_hooks import readability_message

from .conftest import make_guide
from .test_readability import EASY_PARAGRAPHS, LEGAL

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


def parts_listed(html: str) -> str:
    """The text of the editor's list of parts harder than grade 6 (empty if there is none)."""
    from bs4 import BeautifulSoup

    listed = BeautifulSoup(html, "html.parser").select_one("ul.readability-parts")
    return " ".join(listed.get_text().split()) if listed else ""


@pytest.fixture
def one_hard_paragraph(guide_index):
    body = [{"type": "paragraph", "value": f"<p>{text}</p>"} for text in EASY_PARAGRAPHS]
    body.insert(2, {"type": "paragraph", "value": f"<p>{LEGAL}</p>"})
    return make_guide(guide_index, "Spending rules", body=body)


def test_editor_marks_the_one_hard_paragraph_among_easy_ones(admin_client, one_hard_paragraph):
    html = admin_client.get(f"/admin/pages/{one_hard_paragraph.pk}/edit/").content.decode()
    # The page as a whole averages under grade 6...
    assert "overall is within our aim of grade 6, but some parts are harder" in html
    assert "1 part is harder than grade 6" in html  # ...but one part is not
    listed = parts_listed(html)
    assert "Block 3: Paragraph, grade" in listed
    assert "“The authority may, at its discretion and subject…”" in listed
    for easy in EASY_PARAGRAPHS:
        assert " ".join(easy.split()[:4]) not in listed
    assert "Block 1" not in listed and "Summary" not in listed


def test_editor_says_when_every_part_is_plain(admin_client, guide):
    html = admin_client.get(f"/admin/pages/{guide.pk}/edit/").content.decode()
    assert "Every part of this guide reads at grade 6 or lower." in html
    assert parts_listed(html) == ""


def test_readability_preview_marks_the_hard_paragraph(rf, one_hard_paragraph):
    from django.contrib.auth.models import AnonymousUser

    request = rf.get("/")
    request.user = AnonymousUser()
    response = one_hard_paragraph.serve_preview(request, "readability")
    response.render()
    listed = parts_listed(response.content.decode())
    assert "Block 3: Paragraph" in listed and "The authority may" in listed
    assert "Keep your receipts" not in listed


def test_saving_an_easy_guide_with_one_hard_part_names_it(guide_index, one_hard_paragraph):
    message = readability_message(one_hard_paragraph)
    assert message.startswith("“Spending rules” reads at grade")
    assert "1 part is harder than grade 6: Block 3: Paragraph (grade" in message


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


def test_the_preview_panel_may_frame_the_readability_check(admin_client, guide):
    """The preview panel is a frame of the editor: the preview may be framed by the site
    itself (the public pages' ``frame-ancestors 'none'`` made the browser refuse it)."""
    data = nested_form_data(
        {
            "title": guide.title,
            "slug": guide.slug,
            "summary": guide.summary,
            "body": streamfield([("paragraph", rich_text(f"<p>{LEGAL}</p>"))]),
            "stage": guide.stage,
            "audiences": [],
            "tags": "",
            "last_reviewed": "2026-09-14",
            "sources": "",
            "related_guide_links": inline_formset([]),
            "comments": inline_formset([]),
        }
    )
    preview_url = f"/admin/pages/{guide.pk}/edit/preview/"
    assert admin_client.post(preview_url, data).json()["is_valid"]
    response = admin_client.get(f"{preview_url}?mode=readability&in_preview_panel=true")
    assert response.status_code == 200
    assert frame_ancestors(response) == "'self'"
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert "The authority may, at its discretion" in parts_listed(response.content.decode())
    # The published guide still refuses every frame.
    public = admin_client.get(guide.url)
    assert frame_ancestors(public) == "'none'"


def frame_ancestors(response) -> str:
    directives = dict(
        part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")
    )
    return directives["frame-ancestors"]
