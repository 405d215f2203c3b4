"""The Editor and Moderator groups, tried through the Wagtail admin with the test client.

The groups come from a data migration (so a real site has them) and are made exact again by
``load_demo``. Editors edit and publish pages and never moderate or manage people; moderators
work the moderation queue, the forum and directory screens and the PA checks queue, and never
edit pages or manage people.
"""

import io

import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission, Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from accounts import demo as accounts_demo
from accounts.demo import demo_user
from accounts.models import Role
from forum.models import Category, Post, Topic
from home import demo as home_demo
from home.models import GuideIndexPage, GuidePage
from pbsite import moderation
from pbsite.models import Report, ReportStatus
from tests.people import make_user

pytestmark = pytest.mark.django_db

QUEUE = "/admin/moderation/"


@pytest.fixture
def demo_people(db):
    accounts_demo.load(io.StringIO())


@pytest.fixture
def editor(demo_people):
    return demo_user(Role.EDITOR)


@pytest.fixture
def moderator(demo_people):
    return demo_user(Role.MODERATOR)


@pytest.fixture
def guide(db):
    home = home_demo.ensure_home_page()
    index = home.add_child(instance=GuideIndexPage(title="Guides", slug="guides"))
    guide = GuidePage(
        title="Direct payments",
        slug="direct-payments",
        summary="What a direct payment is.",
        stage="before-you-apply",
        body=[{"type": "paragraph", "value": "<p>A direct payment is money paid to you.</p>"}],
        last_reviewed="2026-09-14",
    )
    index.add_child(instance=guide)
    guide.save_revision().publish()
    return guide


@pytest.fixture
def report(db):
    troll = make_user("Rude Person")
    reporter = make_user("Maya H")
    category = Category.objects.create(name="Employing PAs", slug="employing-pas")
    topic = Topic.objects.create(category=category, title="Cheap pills", author=troll)
    post = Post.objects.create(topic=topic, author=troll, body_markdown="Buy cheap pills here")
    return moderation.report(post, reason="spam", reporter=reporter)


def edit_form(guide, paragraph: str, action: str = "action-publish") -> dict:
    data = nested_form_data(
        {
            "title": guide.title,
            "slug": guide.slug,
            "summary": guide.summary,
            "body": streamfield([("paragraph", rich_text(paragraph))]),
            "stage": guide.stage,
            "audiences": [],
            "tags": "",
            "last_reviewed": "2026-09-14",
            "sources": "",
            "related_guide_links": inline_formset([]),
            "comments": inline_formset([]),
        }
    )
    data[action] = action
    return data


def refused(response) -> bool:
    """Wagtail refuses with a 403, or by sending people to the admin home or the log-in page."""
    if response.status_code == 403:
        return True
    return response.status_code == 302 and response["Location"].split("?")[0] in (
        "/admin/",
        "/admin/login/",
    )


# --- The migration gives a real site the groups --------------------------------------------


def test_the_migration_gives_editors_the_pages_and_moderators_none(db):
    """No load_demo here: what a fresh database has after ``migrate``."""
    root = Page.objects.get(depth=1)
    editor_group = Group.objects.get(name=Role.EDITOR.value)
    moderator_group = Group.objects.get(name=Role.MODERATOR.value)
    on_root = set(
        GroupPagePermission.objects.filter(group=editor_group, page=root).values_list(
            "permission__codename", flat=True
        )
    )
    assert on_root == {"add_page", "change_page", "publish_page", "lock_page", "unlock_page"}
    assert not GroupPagePermission.objects.filter(group=moderator_group).exists()
    assert moderator_group.permissions.filter(codename="change_report").exists()
    assert not editor_group.permissions.filter(codename="change_report").exists()
    # Meetings' own migration (after the staff groups') gives moderators venues and meetings.
    meetings = moderator_group.permissions.filter(content_type__app_label="meetings")
    assert {"change_venue", "change_meeting", "add_organiserapproval"} <= set(
        meetings.values_list("codename", flat=True)
    )
    # Every role's group is there, so signing up always finds its group.
    assert set(Group.objects.values_list("name", flat=True)) >= set(Role.values)


def test_a_new_editor_on_a_real_site_can_edit_guides(client, guide):
    """Someone an admin puts in the Editor group (no demo) can open a guide in the editor."""
    person = make_user("New Editor", role=Role.EDITOR)
    client.force_login(person)
    response = client.get(f"/admin/pages/{guide.pk}/edit/")
    assert response.status_code == 200
    assert "How easy is this to read?" in response.text


# --- The demo editor -------------------------------------------------------------------------


def test_demo_editor_opens_and_publishes_a_guide(client, editor, guide):
    client.force_login(editor)
    assert client.get(f"/admin/pages/{guide.pk}/edit/").status_code == 200

    new_text = "<p>A direct payment is money the council pays to you each month.</p>"
    response = client.post(f"/admin/pages/{guide.pk}/edit/", edit_form(guide, new_text))
    assert response.status_code == 302, response.content.decode()[:2000]

    guide = GuidePage.objects.get(pk=guide.pk)
    assert guide.live and not guide.has_unpublished_changes
    assert "money the council pays to you each month" in str(guide.body)
    assert guide.live_revision.user_id == editor.pk
    assert "money the council pays to you each month" in client.get(guide.url).text


def test_demo_editor_can_add_a_guide_and_use_editors_screens(client, editor, guide):
    client.force_login(editor)
    index = guide.get_parent()
    assert client.get(f"/admin/pages/add/home/guidepage/{index.pk}/").status_code == 200
    for path in (
        "/admin/reports/guide-readability/",
        "/admin/snippets/home/glossaryterm/",
        "/admin/guide_feedback/",
        "/admin/images/",
        "/admin/documents/",
    ):
        assert client.get(path).status_code == 200, path


def test_demo_editor_cannot_moderate_or_manage_people(client, editor, report):
    client.force_login(editor)
    for path in ("/admin/users/", "/admin/groups/", QUEUE, f"{QUEUE}inspect/{report.pk}/"):
        assert refused(client.get(path)), path
    assert refused(client.post(f"{QUEUE}dismiss/{report.pk}/"))
    assert refused(client.get("/admin/pa-checks/"))
    assert refused(client.get("/admin/pa-endorsements/"))
    report.refresh_from_db()
    assert report.status == ReportStatus.OPEN


def test_the_admin_menu_shows_an_editor_only_their_own_work(client, editor):
    client.force_login(editor)
    html = client.get("/admin/").text
    assert "Moderation" not in html
    assert "PA checks to verify" not in html


# --- The demo moderator ----------------------------------------------------------------------


def test_demo_moderator_works_the_queue_and_resolves_a_report(client, moderator, report):
    client.force_login(moderator)
    queue = client.get(QUEUE)
    assert queue.status_code == 200
    assert "Buy cheap pills here" in queue.text
    assert client.get(f"{QUEUE}inspect/{report.pk}/").status_code == 200

    response = client.post(f"{QUEUE}dismiss/{report.pk}/")
    assert response.status_code == 302 and response["Location"] == QUEUE
    report.refresh_from_db()
    assert report.status == ReportStatus.DISMISSED and report.resolved_by == moderator
    assert "Buy cheap pills here" not in client.get(QUEUE).text
    assert not Report.objects.open().exists()


def test_demo_moderator_reaches_the_other_moderation_screens(client, moderator):
    client.force_login(moderator)
    for path in (
        "/admin/post/",
        "/admin/topic/",
        "/admin/buddyprofile/",
        "/admin/directory_claims/",
        "/admin/directory_organisations/",
        "/admin/pa-checks/",
        "/admin/pa-endorsements/",
    ):
        assert client.get(path).status_code == 200, path
    admin_home = client.get("/admin/").text
    assert "PA checks to verify" in admin_home and "PA endorsements" in admin_home


def test_demo_moderator_cannot_edit_pages_or_manage_people(client, moderator, guide):
    client.force_login(moderator)
    assert refused(client.get(f"/admin/pages/{guide.pk}/edit/"))
    index = guide.get_parent()
    assert refused(client.get(f"/admin/pages/add/home/guidepage/{index.pk}/"))
    response = client.post(f"/admin/pages/{guide.pk}/edit/", edit_form(guide, "<p>Changed.</p>"))
    assert refused(response)
    assert "Changed." not in str(GuidePage.objects.get(pk=guide.pk).body)
    for path in ("/admin/users/", "/admin/groups/", "/admin/snippets/home/glossaryterm/"):
        assert refused(client.get(path)), path


def test_demo_groups_hold_nothing_more_than_listed(editor):
    """Earlier demo loads gave both groups every directory permission, delete included."""
    moderator_group = Group.objects.get(name=Role.MODERATOR.value)
    assert not moderator_group.permissions.filter(codename__startswith="delete_").exists()
    assert not moderator_group.permissions.filter(content_type__app_label="auth").exists()
    editor_group = Group.objects.get(name=Role.EDITOR.value)
    assert not editor_group.permissions.filter(content_type__app_label="auth").exists()
    stray = Permission.objects.get(codename="delete_claim")
    moderator_group.permissions.add(stray)
    accounts_demo.ensure_role_groups()
    assert stray not in moderator_group.permissions.all()
