"""notify() reaches the page, the person's open sockets, and their inbox as they chose."""

from pathlib import Path

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.test import Client

from pbsite.asgi import application
from pbsite.models import Notification
from pbsite.notifications import notify, send_daily_digests
from tests.people import make_user

User = get_user_model()


@pytest.fixture
def tom(db):
    return make_user("Tom O'Neill")


def unread_badge(html: str) -> str:
    start = html.index("data-unread-count>") + len("data-unread-count>")
    return html[start : html.index("<", start)]


# --- On the site -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_notification_is_listed_and_counted_in_the_header(client, maya, tom):
    notify(maya, "replied to your topic", actor=tom, url="/forum/t/1/")
    client.force_login(maya)
    page = client.get("/notifications/")
    assert page.status_code == 200
    assert "Tom O&#x27;Neill replied to your topic" in page.text
    assert unread_badge(page.text) == "1"
    assert "Mark all as read" in page.text


@pytest.mark.django_db
def test_notifications_are_private_to_their_recipient(client, maya, tom):
    mine = notify(maya, "mentioned you", actor=tom, url="/forum/t/1/")
    client.force_login(tom)
    page = client.get("/notifications/")
    assert "mentioned you" not in page.text and unread_badge(page.text) == "0"
    assert client.post(f"/notifications/{mine.pk}/open/").status_code == 404
    mine.refresh_from_db()
    assert mine.read_at is None


@pytest.mark.django_db
def test_opening_marks_read_and_goes_to_the_content(client, maya, tom):
    notification = notify(maya, "replied to your topic", actor=tom, url="/forum/t/1/")
    other = notify(maya, "liked your post", actor=tom, url="/forum/t/2/")
    client.force_login(maya)

    response = client.post(f"/notifications/{notification.pk}/open/")

    assert response.status_code == 302 and response["Location"] == "/forum/t/1/"
    notification.refresh_from_db()
    other.refresh_from_db()
    assert notification.is_read and not other.is_read
    assert unread_badge(client.get("/notifications/").text) == "1"


@pytest.mark.parametrize(
    "url",
    ["https://evil.example/phish", "//evil.example/", "javascript:alert(1)", "\\\\evil.example"],
)
@pytest.mark.django_db
def test_opening_never_redirects_off_the_site(client, maya, url):
    notification = notify(maya, "sent you a link", url=url)
    client.force_login(maya)
    response = client.post(f"/notifications/{notification.pk}/open/")
    assert response.status_code == 302 and response["Location"] == "/notifications/"


@pytest.mark.django_db
def test_opening_needs_post_and_a_signed_in_recipient(client, maya):
    notification = notify(maya, "mentioned you", url="/forum/")
    assert client.post(f"/notifications/{notification.pk}/open/").status_code == 302
    client.force_login(maya)
    assert client.get(f"/notifications/{notification.pk}/open/").status_code == 405
    notification.refresh_from_db()
    assert notification.read_at is None


@pytest.mark.django_db
def test_mark_all_read(client, maya, tom):
    for verb in ("replied", "mentioned you", "liked your post"):
        notify(maya, verb, actor=tom)
    toms = notify(tom, "replied", actor=maya)
    client.force_login(maya)

    response = client.post("/notifications/read-all/")

    assert response.status_code == 302
    assert not maya.notifications.unread().exists()
    toms.refresh_from_db()
    assert not toms.is_read
    assert unread_badge(client.get("/notifications/").text) == "0"


@pytest.mark.django_db
def test_notifications_page_needs_sign_in(client):
    response = client.get("/notifications/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.django_db
def test_the_target_gives_the_title_and_link(maya, tom):
    notification = notify(maya, "updated your settings page", target=tom)
    assert notification.target == tom
    assert notification.target_title == "Tom O'Neill"
    assert notification.url == tom.get_absolute_url()


@pytest.mark.django_db
def test_nobody_is_notified_of_their_own_action_or_while_suspended(maya, tom):
    assert notify(maya, "replied", actor=maya) is None
    tom.is_active = False
    tom.save()
    assert notify(tom, "replied", actor=maya) is None
    assert notify(None, "replied") is None
    assert not Notification.objects.exists()


@pytest.mark.django_db
def test_hostile_text_in_a_notification_is_escaped(client, maya):
    notify(maya, "<script>alert(1)</script>", url="/forum/")
    client.force_login(maya)
    page = client.get("/notifications/")
    assert "<script>alert(1)</script>" not in page.text
    assert "&lt;script&gt;" in page.text


# --- By email, as each person chose ------------------------------------------------------------


@pytest.mark.django_db
def test_immediately_sends_one_email_straight_away(
    django_capture_on_commit_callbacks, tom, settings
):
    settings.SITE_URL = "https://budgetcircle.example"
    holly = make_user("Holly", email_preference="immediately")
    with django_capture_on_commit_callbacks(execute=True):
        notify(holly, "replied to your topic", actor=tom, url="/forum/t/1/")

    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["holly@example.com"]
    assert "Tom O'Neill replied to your topic" in email.subject
    assert "Tom O'Neill replied to your topic" in email.body  # plain text: no &#x27;
    assert "https://budgetcircle.example/forum/t/1/" in email.body
    assert "tom.o'neill@example.com" not in email.body
    assert Notification.objects.get().emailed_at is not None

    call_command("send_digests", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_daily_sends_nothing_until_the_digest_then_one_email(
    django_capture_on_commit_callbacks, tom, capsys
):
    dan = make_user("Dan", email_preference="daily")
    with django_capture_on_commit_callbacks(execute=True):
        notify(dan, "replied to your topic", actor=tom, url="/forum/t/1/")
        notify(dan, "mentioned you", actor=tom, url="/forum/t/2/")
    assert mail.outbox == []

    call_command("send_digests")

    assert "Sent 1 digest email." in capsys.readouterr().out
    assert len(mail.outbox) == 1
    digest = mail.outbox[0]
    assert digest.to == ["dan@example.com"] and "2 new notifications" in digest.subject
    assert "replied to your topic" in digest.body and "mentioned you" in digest.body
    call_command("send_digests")
    assert len(mail.outbox) == 1, "the same notifications are never emailed twice"


@pytest.mark.django_db
def test_daily_digest_leaves_out_what_was_already_read(django_capture_on_commit_callbacks, tom):
    dan = make_user("Dan", email_preference="daily")
    with django_capture_on_commit_callbacks(execute=True):
        seen = notify(dan, "replied to your topic", actor=tom)
    Notification.objects.filter(pk=seen.pk).update(read_at=seen.created_at)
    assert send_daily_digests() == 0 and mail.outbox == []


@pytest.mark.django_db
def test_never_sends_no_email_at_all(django_capture_on_commit_callbacks, tom):
    nina = make_user("Nina", email_preference="never")
    with django_capture_on_commit_callbacks(execute=True):
        notify(nina, "replied to your topic", actor=tom)
    call_command("send_digests", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert mail.outbox == []
    assert Notification.objects.filter(recipient=nina).count() == 1


# --- Live, over the recipient's socket ---------------------------------------------------------


def cookie_for(user) -> bytes:
    client = Client()
    client.force_login(user)
    name = settings.SESSION_COOKIE_NAME
    return f"{name}={client.cookies[name].value}".encode()


async def connect(user):
    cookie = await database_sync_to_async(cookie_for)(user)
    communicator = WebsocketCommunicator(
        application, "/ws/", headers=[(b"cookie", cookie), (b"origin", b"http://testserver")]
    )
    connected, _ = await communicator.connect(timeout=10)
    assert connected
    return communicator


@pytest.mark.django_db(transaction=True)
def test_notify_reaches_the_recipients_open_pages_and_nobody_elses():
    async def scenario():
        maya, tom = await database_sync_to_async(lambda: (make_user("Maya"), make_user("Tom")))()
        maya_page_one, maya_page_two, tom_page = [await connect(u) for u in (maya, maya, tom)]

        notification = await database_sync_to_async(notify)(
            maya, "replied to your topic", actor=tom, url="/forum/t/1/"
        )

        for page in (maya_page_one, maya_page_two):
            message = await page.receive_json_from(timeout=10)
            assert message == {
                "type": "notification",
                "id": notification.pk,
                "text": "Tom replied to your topic",
                "url": "/forum/t/1/",
                "unread": 1,
            }
        assert await tom_page.receive_nothing(timeout=0.5)
        for page in (maya_page_one, maya_page_two, tom_page):
            await page.disconnect()

    async_to_sync(scenario)()


#: The list's lines as Django's template wrote them before the component.
DJANGO_LINES = (
    (Path(__file__).resolve().parent / "page_speed/notification_rows_before.html")
    .read_text()
    .removesuffix("\n")
)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "pl"])
def test_the_lines_are_those_djangos_template_wrote(maya, tom, language):
    from datetime import timedelta

    from django.template import Context, Template
    from django.utils import timezone, translation

    from pbsite.notification_rows import render_notification_rows

    notify(maya, "replied to <b>your</b> topic", actor=tom, url="/forum/t/1/")
    Notification.objects.create(
        recipient=maya,
        verb='said "thanks"',
        target_title="Tom's & Maya's <i>pool</i>",
        read_at=timezone.now(),
        created_at=timezone.now() - timedelta(days=3, hours=2),
    )
    notifications = list(maya.notifications.select_related("actor"))
    with translation.override(language):
        reference = Template(DJANGO_LINES).render(
            Context({"notifications": notifications, "csrf_token": "t0ken"})
        )
        lines = render_notification_rows(notifications, csrf_token="t0ken")
    assert lines == reference
    assert "Tom O&#x27;Neill replied to &lt;b&gt;your&lt;/b&gt; topic" in lines
    assert lines.count('name="csrfmiddlewaretoken" value="t0ken"') == 2
