"""Moderation: "Report this" on the site, the queue in the Wagtail admin, and its three actions."""

from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from wagtail.models import ModelLogEntry

from accounts.demo import ensure_role_groups
from accounts.models import Role
from forum.models import Category, Post, Topic
from pbsite import moderation
from pbsite.models import Report, ReportReason, ReportStatus
from tests.people import PASSWORD, make_user

pytestmark = pytest.mark.django_db

User = get_user_model()
QUEUE = "/admin/moderation/"


@pytest.fixture
def moderator(db):
    user = make_user("Jo Moderator")
    user.groups.add(ensure_role_groups()[Role.MODERATOR.value])
    return user


@pytest.fixture
def member(db):
    return make_user("Maya H")


@pytest.fixture
def troll(db):
    return make_user("Rude Person", about="Buy cheap pills at example.com")


@pytest.fixture
def post(troll):
    category = Category.objects.create(name="Employing PAs", slug="employing-pas")
    topic = Topic.objects.create(category=category, title="Cheap pills", author=troll)
    return Post.objects.create(topic=topic, author=troll, body_markdown="Buy cheap pills here")


def report_url(obj):
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
    return f"/report/{content_type.pk}/{obj.pk}/"


def log_actions(obj):
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
    return list(
        ModelLogEntry.objects.filter(content_type=content_type, object_id=str(obj.pk))
        .order_by("timestamp")
        .values_list("action", "user_id")
    )


# --- "Report this" on the site -----------------------------------------------------------------


def test_a_report_from_the_site_reaches_the_queue(client, member, moderator, post):
    client.force_login(member)
    form = client.get(report_url(post))
    assert form.status_code == 200 and "Report this post" in form.text

    response = client.post(report_url(post), {"reason": "spam", "details": "Selling pills"})

    assert response.status_code == 200 and "Thank you for telling us" in response.text
    report = Report.objects.get()
    assert report.content_object == post and report.reporter == member
    assert "Buy cheap pills here" in report.content_summary
    client.force_login(moderator)
    queue = client.get(QUEUE)
    assert queue.status_code == 200 and "Buy cheap pills here" in queue.text
    assert "Maya H" in queue.text and "maya.h@example.com" not in queue.text


def test_reporting_needs_a_signed_in_person(client, post):
    response = client.get(report_url(post))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.post(report_url(post), {"reason": "spam"}).status_code == 302
    assert not Report.objects.exists()


def test_a_report_without_a_reason_says_what_to_do_and_keeps_the_details(client, member, post):
    client.force_login(member)
    response = client.post(report_url(post), {"details": "Something odd here"})
    assert response.status_code == 200
    assert "Choose what is wrong" in response.text
    assert "Something odd here" in response.text
    assert not Report.objects.exists()


@pytest.mark.parametrize(
    "details",
    ["<script>alert(1)</script>", "x" * 10_000, "nul\x00byte", "😀" * 2001],
)
def test_hostile_report_details_never_500_and_are_escaped(client, member, post, details):
    client.force_login(member)
    response = client.post(report_url(post), {"reason": "abuse", "details": details})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.text
    if len(details) > 2000 or "\x00" in details:
        assert not Report.objects.exists()
        assert "error" in response.text.lower()
    else:
        assert Report.objects.get().details == details


def test_a_made_up_reason_is_refused(client, member, post):
    client.force_login(member)
    response = client.post(report_url(post), {"reason": "not-a-reason"})
    assert response.status_code == 200 and not Report.objects.exists()


@pytest.mark.parametrize(
    "path",
    [
        "/report/999999/1/",  # no such content type
        "/report/{ct}/999999/",  # no such object
        "/report/{ct}/abc/",  # not an id at all
        "/report/{session_ct}/1/",  # a content type nobody registered
    ],
)
def test_unknown_or_unregistered_content_is_404(client, member, post, path):
    client.force_login(member)
    ct = ContentType.objects.get_for_model(Post).pk
    session_ct = ContentType.objects.get(app_label="sessions", model="session").pk
    response = client.get(path.format(ct=ct, session_ct=session_ct))
    assert response.status_code == 404


def test_content_a_person_cannot_see_cannot_be_reported(client, member, post):
    post.hide()
    client.force_login(member)
    assert client.get(report_url(post)).status_code == 404


def test_the_report_link_component_points_at_the_report_page(post):
    from django.template import Context, Template

    html = Template(
        '{% include "components/report_link.html" with obj=post label="post" %}'
    ).render(Context({"post": post}))
    assert f'href="{report_url(post)}"' in html and "Report this post" in html


# --- The queue -------------------------------------------------------------------------------


def test_the_queue_lists_open_reports_riskiest_first(client, moderator, member, troll, post):
    # Six people (one person has one open report about one thing).
    filed = {
        reason: moderation.report(troll, reason=reason, reporter=make_user(f"Member {reason}"))
        for reason in ["other", "spam", "crisis", "privacy", "abuse", "safety"]
    }
    closed = moderation.report(troll, reason="crisis", reporter=member)
    Report.objects.filter(pk=closed.pk).update(status=ReportStatus.DISMISSED)

    assert [r.reason for r in Report.objects.open().by_risk()] == ReportReason.values
    client.force_login(moderator)
    text = client.get(QUEUE).text
    links = [f"{QUEUE}inspect/{filed[reason].pk}/" for reason in ReportReason.values]
    positions = [text.index(link) for link in links]
    assert positions == sorted(positions)
    assert f"{QUEUE}inspect/{closed.pk}/" not in text


def test_the_queue_filters_by_status_and_reason(client, moderator, member, troll, post):
    spam = moderation.report(post, reason="spam", reporter=member)
    abuse = moderation.report(troll, reason="abuse", reporter=member)
    moderation.dismiss(abuse, moderator)
    client.force_login(moderator)

    def listed(query):
        response = client.get(QUEUE + query)
        assert response.status_code == 200
        return {
            pk for pk in (spam.pk, abuse.pk) if f"/admin/moderation/inspect/{pk}/" in response.text
        }

    assert listed("") == {spam.pk}
    assert listed("?status=dismissed") == {abuse.pk}
    assert listed("?status=any") == {spam.pk, abuse.pk}
    assert listed("?status=any&reason=abuse") == {abuse.pk}
    assert listed("?reason=abuse") == set()
    assert client.get(QUEUE + "?status=<script>&reason=%00").status_code == 200


def test_the_menu_shows_the_count_of_open_reports_to_moderators(client, moderator, member, troll):
    moderation.report(troll, reason="spam", reporter=member)
    moderation.report(troll, reason="abuse", reporter=make_user("Tom C"))
    client.force_login(moderator)
    home = client.get("/admin/")
    assert home.status_code == 200
    assert "Moderation (2)" in home.text


def test_the_report_page_shows_the_content_link_and_the_actions(client, moderator, member, post):
    report = moderation.report(post, reason="spam", reporter=member, details="Selling pills")
    client.force_login(moderator)
    page = client.get(f"{QUEUE}inspect/{report.pk}/")
    assert page.status_code == 200
    assert "Buy cheap pills here" in page.text and "Selling pills" in page.text
    assert f'href="{post.get_absolute_url()}"' in page.text
    assert "Maya H" in page.text and "maya.h@example.com" not in page.text
    for action in ("dismiss", "hide", "suspend"):
        assert f'action="{QUEUE}{action}/{report.pk}/"' in page.text


def test_no_add_edit_or_delete_screens_for_reports(client, moderator, member, troll):
    report = moderation.report(troll, reason="spam", reporter=member)
    admin = make_user("Site Admin", is_staff=True, is_superuser=True)
    client.force_login(admin)
    assert client.get(QUEUE).status_code == 200
    for path in ("new/", f"edit/{report.pk}/", f"delete/{report.pk}/"):
        assert client.get(QUEUE + path).status_code == 404


# --- The three actions -------------------------------------------------------------------------


def test_dismiss_closes_every_open_report_about_it_and_is_audited(client, moderator, member, post):
    first = moderation.report(post, reason="spam", reporter=member)
    second = moderation.report(post, reason="other", reporter=None)
    client.force_login(moderator)

    response = client.post(f"{QUEUE}dismiss/{first.pk}/")

    assert response.status_code == 302 and response["Location"] == QUEUE
    for report in (first, second):
        report.refresh_from_db()
        assert report.status == ReportStatus.DISMISSED and report.resolved_by == moderator
    post.refresh_from_db()
    assert not post.hidden
    assert log_actions(first) == [("budgetcircle.report.dismiss", moderator.pk)]


def test_hide_calls_the_registered_hide_and_is_audited(client, moderator, member, post):
    report = moderation.report(post, reason="abuse", reporter=member)
    client.force_login(moderator)

    client.post(f"{QUEUE}hide/{report.pk}/")

    post.refresh_from_db()
    report.refresh_from_db()
    assert post.hidden and report.status == ReportStatus.HIDDEN
    assert log_actions(report) == [("budgetcircle.report.hide", moderator.pk)]
    assert log_actions(post) == [("budgetcircle.report.hide", moderator.pk)]
    client.force_login(member)
    assert "Buy cheap pills here" not in client.get(post.topic.get_absolute_url()).text


def test_hiding_a_profile_uses_the_accounts_hide(client, moderator, member, troll):
    report = moderation.report(troll, reason="spam", reporter=member)
    client.force_login(moderator)
    client.post(f"{QUEUE}hide/{report.pk}/")
    troll.refresh_from_db()
    assert troll.profile_hidden and troll.is_active


def test_suspend_blocks_sign_in_and_is_audited(client, moderator, member, troll, post):
    report = moderation.report(post, reason="abuse", reporter=member)
    troll_client = client.__class__()
    assert troll_client.login(email=troll.email, password=PASSWORD)
    client.force_login(moderator)

    client.post(f"{QUEUE}suspend/{report.pk}/")

    troll.refresh_from_db()
    report.refresh_from_db()
    assert not troll.is_active and troll.suspended_at is not None
    assert report.status == ReportStatus.SUSPENDED
    assert log_actions(report) == [("budgetcircle.report.suspend", moderator.pk)]
    assert log_actions(troll) == [("budgetcircle.report.suspend", moderator.pk)]
    # The session they had is no longer signed in, and they cannot sign in again.
    assert troll_client.get("/notifications/").status_code == 302
    assert not client.__class__().login(email=troll.email, password=PASSWORD)


def test_audited_actions_show_in_the_report_history(client, moderator, member, troll):
    report = moderation.report(troll, reason="spam", reporter=member)
    moderation.dismiss(report, moderator)
    client.force_login(moderator)
    history = client.get(f"{QUEUE}history/{report.pk}/")
    assert history.status_code == 200
    assert "Report dismissed by a moderator" in history.text
    assert f'href="{QUEUE}inspect/{report.pk}/"' in history.text
    assert f'href="{QUEUE}history/{report.pk}/"' in client.get(f"{QUEUE}inspect/{report.pk}/").text


def test_a_moderator_cannot_suspend_themselves(client, moderator, member):
    report = moderation.report(moderator, reason="abuse", reporter=member)
    client.force_login(moderator)
    response = client.post(f"{QUEUE}suspend/{report.pk}/", follow=True)
    moderator.refresh_from_db()
    report.refresh_from_db()
    assert moderator.is_active and report.status == ReportStatus.OPEN
    assert "You cannot suspend your own account" in response.text


def test_a_closed_report_is_not_acted_on_twice(client, moderator, member, troll):
    report = moderation.report(troll, reason="abuse", reporter=member)
    moderation.dismiss(report, moderator)
    client.force_login(moderator)
    response = client.post(f"{QUEUE}suspend/{report.pk}/", follow=True)
    troll.refresh_from_db()
    assert troll.is_active and "already dealt with" in response.text


def test_actions_are_post_only(client, moderator, member, troll):
    report = moderation.report(troll, reason="abuse", reporter=member)
    client.force_login(moderator)
    assert client.get(f"{QUEUE}suspend/{report.pk}/").status_code == 405
    troll.refresh_from_db()
    assert troll.is_active


# --- Who may use the queue ---------------------------------------------------------------------


@pytest.mark.parametrize("who", ["anonymous", "member", "editor"])
def test_only_moderators_may_see_or_act(client, who, member, troll, post):
    report = moderation.report(post, reason="abuse", reporter=member)
    if who == "member":
        client.force_login(member)
    elif who == "editor":
        editor = make_user("Priya Editor")
        editor.groups.add(ensure_role_groups()[Role.EDITOR.value])
        client.force_login(editor)
        assert "Moderation queue" not in client.get("/admin/").text

    for path in (QUEUE, f"{QUEUE}inspect/{report.pk}/"):
        assert client.get(path).status_code in (302, 403)
    for action in ("dismiss", "hide", "suspend"):
        response = client.post(f"{QUEUE}{action}/{report.pk}/")
        assert response.status_code in (302, 403)
        # Refused: sent to the log-in page or the admin home, never on to the queue.
        assert response.status_code == 403 or not urlsplit(response["Location"]).path.startswith(
            QUEUE
        )

    report.refresh_from_db()
    post.refresh_from_db()
    troll.refresh_from_db()
    assert report.status == ReportStatus.OPEN and not post.hidden and troll.is_active
    assert log_actions(report) == []
