"""Journeys through the Wagtail admin in Chromium (JavaScript on), on the demo site, as the
demo editor and the demo moderator sign in and work: an editor changes a paragraph of a guide
and publishes it; a moderator handles a report a member sent through the public form."""

import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from accounts.demo import DEMO_PASSWORD, demo_user
from accounts.models import Role
from forum.models import Topic
from home import readability
from home.models import GuidePage
from pbsite.models import Report, ReportStatus
from tests.browser_support import session_cookie

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GUIDE_SLUG = "carers-managing-a-budget"
NEW_SENTENCE = "Ask the person what matters to them before you change anything."


@pytest.fixture
def demo_site(transactional_db):
    """The demo site, loaded before Chromium starts (Playwright's event loop would stop the
    demo's live notifications from being sent)."""
    call_command("load_demo", stdout=io.StringIO())


def sign_in_to_admin(page, base: str, email: str) -> None:
    """Through the admin's own sign-in form, as a person would."""
    page.goto(f"{base}/admin/login/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(f"{base}/admin/")


def first_paragraph(guide: GuidePage) -> str:
    block = next(block for block in guide.body if block.block_type == "paragraph")
    return readability.html_to_parts(block.value.source)[0][0]


def test_demo_editor_changes_a_paragraph_publishes_and_readers_see_it(
    demo_site, chromium, live_server
):
    editor = demo_user(Role.EDITOR)
    guide = GuidePage.objects.get(slug=GUIDE_SLUG)
    old_text = first_paragraph(guide)
    edit_url = f"{live_server.url}/admin/pages/{guide.pk}/edit/"

    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    sign_in_to_admin(page, live_server.url, editor.email)
    page.goto(edit_url)
    # Before the Editor group had page permissions, Wagtail sent editors back to the admin
    # home with "Sorry, you do not have permission to access this area".
    expect(page).to_have_url(edit_url)
    expect(page.get_by_text("How easy is this to read?")).to_be_visible()

    paragraph = page.locator(".Draftail-Editor [data-block='true']", has_text=old_text[:40])
    expect(paragraph).to_have_count(1)
    paragraph.select_text()
    page.keyboard.type(NEW_SENTENCE)
    expect(page.locator(".Draftail-Editor", has_text=NEW_SENTENCE)).to_have_count(1)
    # Draftail writes the text into the form a moment later (a person is never that quick).
    page.wait_for_function(
        "text => [...document.querySelectorAll('input[type=hidden]')]"
        ".some(input => input.value.includes(text))",
        arg=NEW_SENTENCE,
    )

    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish", exact=True).click()
    expect(page.get_by_text(f"Page '{guide.title}' has been published.")).to_be_visible()

    guide.refresh_from_db()
    assert guide.live and guide.live_revision.user_id == editor.pk
    assert NEW_SENTENCE in str(guide.body)
    # Wagtail 8 autosaves a draft half a second after a change, and only sometimes (when its
    # change check runs before the publish), so a copy of the same text may land as a draft
    # just after publishing. What matters to the editor is that nothing different is waiting.
    assert NEW_SENTENCE in str(guide.get_latest_revision_as_object().body)

    reader = chromium.new_page()
    reader.goto(f"{live_server.url}/guides/{GUIDE_SLUG}/")
    main = reader.locator("main")
    expect(main).to_contain_text(NEW_SENTENCE)
    expect(main).not_to_contain_text(old_text)
    # The rest of the guide is untouched.
    expect(main).to_contain_text(first_paragraph_after(guide, old_text))


def first_paragraph_after(guide: GuidePage, changed: str) -> str:
    """Some other paragraph of the guide, to show the edit touched only the one."""
    others = [
        unit
        for _label, units in guide.text_parts()
        for unit in units
        if unit not in (changed, NEW_SENTENCE) and len(unit) > 20
    ]
    return others[0][:40]


def test_demo_moderator_handles_a_report_sent_through_the_public_form(
    demo_site, chromium, live_server
):
    reporter = demo_user(Role.HOLDER)
    moderator = demo_user(Role.MODERATOR)
    topic = Topic.objects.get(title="What actually is a direct payment?", is_private=False)
    post = topic.posts.order_by("created")[1]
    opening = " ".join(post.body_markdown.split()[:6])

    # A member reports a reply through "Report this post".
    member = chromium.new_context()
    member.add_cookies([session_cookie(reporter, live_server.url)])
    page = member.new_page()
    page.goto(f"{live_server.url}/forum/t/{topic.pk}/")
    page.locator(f"#post-{post.pk}").get_by_role("link", name="Report this post").click()
    page.get_by_label("Spam, scam or advertising").check()
    page.locator("textarea[name=details]").fill("This reads like an advert to me.")
    page.get_by_role("button", name="Send report").click()
    expect(page.get_by_role("heading", name="Thank you for telling us")).to_be_visible()
    member.close()
    report = Report.objects.get(reporter=reporter, object_id=str(post.pk))
    assert report.status == ReportStatus.OPEN

    # The moderator signs in, opens the queue from the menu and deals with it.
    staff = chromium.new_page(viewport={"width": 1280, "height": 900})
    sign_in_to_admin(staff, live_server.url, moderator.email)
    staff.get_by_role("link", name=re.compile(r"^Moderation")).first.click()
    expect(staff).to_have_url(f"{live_server.url}/admin/moderation/")
    row = staff.locator("tbody tr", has_text=opening)
    expect(row).to_have_count(1)
    row.get_by_role("link").first.click()
    expect(staff.get_by_text("This reads like an advert to me.")).to_be_visible()
    staff.get_by_role("button", name="Dismiss: nothing wrong").click()

    expect(staff).to_have_url(f"{live_server.url}/admin/moderation/")
    expect(staff.get_by_text("Report dismissed. Nothing was changed.")).to_be_visible()
    expect(staff.locator("tbody tr", has_text=opening)).to_have_count(0)
    report.refresh_from_db()
    assert report.status == ReportStatus.DISMISSED and report.resolved_by_id == moderator.pk
