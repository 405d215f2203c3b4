"""The settings page (display name, notification preferences, picture), "download my data" and
"delete my account", through the test client."""

import io
import json
import os
import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from PIL import Image

from conversations.models import Participant
from conversations.services import start_conversation
from forum import posting
from forum.models import Post, Topic
from pa_register.models import Advert, PAProfile
from pbsite.models import Notification, Report
from pbsite.notifications import notify
from tests.pa_register.conftest import make_pa
from tests.people import PASSWORD

from .conftest import main_text, public_topic

pytestmark = pytest.mark.django_db

User = get_user_model()

SETTINGS = {"display_name": "Maya H", "about": "", "email_preference": "daily"}


def png_bytes(size=(40, 40), mode="RGB", color=(10, 120, 200), image_format="PNG") -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, color).save(buffer, format=image_format)
    return buffer.getvalue()


def noisy_png(width, height) -> bytes:
    """A PNG that does not compress, so it is as big on disk as it is in pixels."""
    buffer = io.BytesIO()
    Image.frombytes("RGB", (width, height), os.urandom(width * height * 3)).save(buffer, "PNG")
    return buffer.getvalue()


def error_for(response, field) -> str:
    """The inline error shown next to ``field``, which its input points to."""
    html = response.content.decode()
    match = re.search(rf'<p class="field__error" id="id_{field}-error">(.*?)</p>', html, re.S)
    assert match, f"no inline error for {field}"
    return re.sub(r"<[^>]+>", "", match.group(1)).replace("&#x27;", "'").strip()


@pytest.fixture
def signed_in(client, maya):
    client.force_login(maya)
    return client


# --- The settings page -------------------------------------------------------------------------


def test_settings_need_signing_in(client):
    response = client.get("/accounts/settings/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/accounts/settings/"


def test_the_settings_page_shows_the_current_settings(signed_in, maya):
    page = signed_in.get("/accounts/settings/")
    assert page.status_code == 200
    text = main_text(page)
    assert 'value="Maya H"' in text
    assert 'value="never" checked' in text or re.search(r'value="never"[^>]*checked', text)
    assert maya.email not in text, "the settings form never puts the email in a public field"
    for link in ["/accounts/email/", "/accounts/export/", "/accounts/delete/"]:
        assert f'href="{link}"' in text


def test_settings_save_display_name_about_and_email_preference(signed_in, maya):
    response = signed_in.post(
        "/accounts/settings/",
        {
            "display_name": "  Maya   Hughes ",
            "about": "Oxford, PA employer",
            "email_preference": "immediately",
        },
    )
    assert response.status_code == 302 and response["Location"] == "/accounts/settings/"
    maya.refresh_from_db()
    assert maya.display_name == "Maya Hughes"  # spaces tidied
    assert maya.about == "Oxford, PA employer"
    assert maya.email_preference == "immediately"
    page = signed_in.get("/accounts/settings/")
    assert "Your settings are saved." in page.text
    assert 'value="Maya Hughes"' in page.text


def test_the_email_preference_decides_whether_notifications_are_emailed(
    signed_in, maya, tom, django_capture_on_commit_callbacks
):
    signed_in.post("/accounts/settings/", {**SETTINGS, "email_preference": "immediately"})
    maya.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        notify(maya, "replied to your topic", actor=tom, url="/forum/")
    assert [m.to for m in mail.outbox] == [[maya.email]]
    signed_in.post("/accounts/settings/", {**SETTINGS, "email_preference": "never"})
    maya.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        notify(maya, "replied to your topic", actor=tom, url="/forum/")
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"display_name": "maya.h@example.com"}, "display_name", "can't have an @ in it"),
        ({"display_name": ""}, "display_name", "Enter the name you want other people to see."),
        ({"display_name": "M"}, "display_name", "at least 2 letters"),
        ({"display_name": "x" * 41}, "display_name", "40 characters or fewer"),
        ({"about": "y" * 601}, "about", "600 characters or fewer"),
        ({"email_preference": "hourly"}, "email_preference", "Select a valid choice"),
        ({"email_preference": ""}, "email_preference", "Choose how often we should email you."),
    ],
)
def test_settings_are_validated_and_nothing_is_saved(signed_in, maya, changes, field, message):
    data = {**SETTINGS, "display_name": "Maya Hughes", "about": "New words", **changes}
    response = signed_in.post("/accounts/settings/", data)
    assert response.status_code == 200
    assert message in error_for(response, field)
    assert "There is a problem" in main_text(response)
    maya.refresh_from_db()
    assert (maya.display_name, maya.about, maya.email_preference) == ("Maya H", "", "never")
    # The header still shows who is signed in correctly, not the rejected name.
    header = response.content.decode().split("<main", 1)[0]
    assert "maya.h@example.com" not in header


# --- The picture (avatar) ----------------------------------------------------------------------


def test_a_real_png_picture_is_saved(signed_in, maya):
    picture = SimpleUploadedFile("me.png", png_bytes(), content_type="image/png")
    response = signed_in.post("/accounts/settings/", {**SETTINGS, "avatar": picture})
    assert response.status_code == 302
    maya.refresh_from_db()
    assert maya.avatar.name.startswith(f"avatars/{maya.pk}/") and maya.avatar.name.endswith(".png")
    with Image.open(maya.avatar.path) as saved:
        assert saved.format == "PNG" and saved.size == (40, 40)


@pytest.mark.parametrize(
    "name, content, content_type, message",
    [
        (
            "notes.png",
            b"This is just text with a picture's name.\n" * 20,
            "image/png",
            "couldn't read that file as a picture",
        ),
        (
            "cv.pdf",
            b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n",
            "application/pdf",
            "couldn't read that file as a picture",
        ),
        ("photo.txt", png_bytes(), "text/plain", "Choose a JPEG, PNG or WebP picture."),
        (
            "me.gif",
            png_bytes(image_format="GIF"),
            "image/gif",
            "Choose a JPEG, PNG or WebP picture.",
        ),
        ("huge.png", noisy_png(900, 900), "image/png", "too big"),
        ("wide.png", png_bytes(size=(4001, 2)), "image/png", "under 4000 pixels wide"),
        ("empty.png", b"", "image/png", "That file is empty."),
    ],
)
def test_files_that_are_not_a_usable_picture_are_refused(
    signed_in, maya, name, content, content_type, message
):
    if name == "huge.png":
        assert len(content) > 2 * 1024 * 1024
    media = os.path.join(str(maya.avatar.storage.location), "avatars", str(maya.pk))
    files_before = set(os.listdir(media)) if os.path.exists(media) else set()
    upload = SimpleUploadedFile(name, content, content_type=content_type)
    response = signed_in.post(
        "/accounts/settings/", {**SETTINGS, "display_name": "Changed Name", "avatar": upload}
    )
    assert response.status_code == 200
    assert message.lower() in error_for(response, "avatar").lower()
    maya.refresh_from_db()
    assert not maya.avatar and maya.display_name == "Maya H", "nothing is saved half-done"
    files_after = set(os.listdir(media)) if os.path.exists(media) else set()
    assert files_after == files_before, "no file is written for a refused picture"


# --- Download my data --------------------------------------------------------------------------


@pytest.fixture
def lives(maya, tom):
    """Maya and Tom each have public posts, a private conversation, notifications and adverts."""
    mine = public_topic(maya, "Maya's question about PAs", "Maya's public words")
    theirs = public_topic(tom, "Tom's question", "Tom's public words")
    posting.reply(mine, tom, "Tom's public answer")
    conversation = start_conversation(maya, [tom], "Just us two", "Maya's private hello")
    posting.reply(conversation, tom, "Tom's private reply")
    notify(maya, "sent you a secret-for-maya message", actor=tom, url="/forum/")
    notify(tom, "sent you a secret-for-tom message", actor=maya, url="/forum/")
    for author, title in [(maya, "Maya needs a PA"), (tom, "Tom needs a PA")]:
        Advert.objects.create(
            author=author,
            title=title,
            details=f"{title}, mornings",
            district="OX4",
            employment="employed",
            kinds=["domestic"],
        )
    Report.objects.create(
        content_object=theirs.posts.get(), reporter=maya, reason="spam", details="Maya reports"
    )
    make_pa("Sam PA")  # someone else's PA profile
    return {"mine": mine, "theirs": theirs, "conversation": conversation}


def download(client):
    response = client.post("/accounts/export/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="budget-circle-my-data-{today}.json"'
    )
    return response.content.decode(), json.loads(response.content)


def test_the_export_page_explains_and_offers_one_button(signed_in):
    page = signed_in.get("/accounts/export/")
    assert page.status_code == 200
    assert "Download my data" in main_text(page)
    assert Client().get("/accounts/export/").status_code == 302  # signed out: sign in first


def test_download_my_data_is_one_json_file_of_everything_about_me(signed_in, maya, lives):
    raw, data = download(signed_in)

    assert {"about_this_file", "account", "forum", "pa_register"} <= set(data)
    account = data["account"]
    assert account["email"] == maya.email and account["display_name"] == "Maya H"
    assert account["email_addresses"] == [{"email": maya.email, "verified": True, "primary": True}]
    assert account["email_preference"] == "never"
    texts = [n["text"] for n in account["notifications"]]
    assert "Tom C sent you a secret-for-maya message" in texts
    assert len(texts) == Notification.objects.filter(recipient=maya).count()
    assert [r["details"] for r in account["reports_made"]] == ["Maya reports"]

    forum = data["forum"]
    assert [t["title"] for t in forum["topics_started"]] == ["Maya's question about PAs"]
    assert [p["message"] for p in forum["posts"]] == ["Maya's public words"]
    [conversation] = forum["conversations"]
    assert conversation["with"] == ["Tom C"]
    assert [m["message"] for m in conversation["my_messages"]] == ["Maya's private hello"]

    register = data["pa_register"]
    assert register["pa_profile"] is None
    assert [a["title"] for a in register["pa_wanted_adverts"]] == ["Maya needs a PA"]

    # Nothing that belongs to another person.
    for theirs in [
        "tom.c@example.com",
        "Tom's public words",
        "Tom's public answer",
        "Tom's private reply",
        "secret-for-tom",
        "Tom needs a PA",
        "Tom's question",
        "Sam PA",
        "sam.pa@example.com",
    ]:
        assert theirs not in raw, theirs


def test_each_person_downloads_only_their_own_data(client, maya, tom, lives):
    client.force_login(tom)
    raw, data = download(client)
    assert data["account"]["email"] == tom.email
    assert [a["title"] for a in data["pa_register"]["pa_wanted_adverts"]] == ["Tom needs a PA"]
    for mine in ["maya.h@example.com", "Maya's private hello", "secret-for-maya", "Maya reports"]:
        assert mine not in raw, mine


def test_a_pa_profile_is_in_its_owners_export(client):
    profile = make_pa("Sam PA")
    client.force_login(profile.user)
    _raw, data = download(client)
    assert data["pa_register"]["pa_profile"]["about"] == "I am Sam PA, a friendly PA."


def test_downloading_needs_a_post_with_a_csrf_token(maya):
    client = Client(enforce_csrf_checks=True)
    client.force_login(maya)
    assert client.post("/accounts/export/").status_code == 403


# --- Delete my account -------------------------------------------------------------------------


def test_deleting_shows_what_happens_and_asks_twice(signed_in, maya):
    page = signed_in.get("/accounts/delete/")
    assert page.status_code == 200
    text = main_text(page)
    assert "Former member" in text and "cannot undo" in text
    assert 'name="confirm"' in text and 'name="email"' in text
    assert 'href="/accounts/export/"' in text
    maya.refresh_from_db()
    assert maya.is_active and maya.deleted_at is None


@pytest.mark.parametrize(
    "data, field, message",
    [
        ({}, "confirm", "Tick the box"),
        ({"email": "maya.h@example.com"}, "confirm", "Tick the box"),
        ({"confirm": "on"}, "email", "Type your email address to confirm."),
        ({"confirm": "on", "email": "tom.c@example.com"}, "email", "not the email address"),
    ],
)
def test_half_a_confirmation_deletes_nothing(signed_in, maya, lives, data, field, message):
    response = signed_in.post("/accounts/delete/", data)
    assert response.status_code == 200
    assert message in error_for(response, field)
    maya.refresh_from_db()
    assert maya.is_active and maya.deleted_at is None and maya.display_name == "Maya H"
    assert Notification.objects.filter(recipient=maya).exists()
    assert signed_in.session.get("_auth_user_id") == str(maya.pk)


def test_deleting_removes_private_data_and_keeps_public_posts_as_former_member(
    signed_in, maya, tom, lives
):
    picture = SimpleUploadedFile("me.png", png_bytes(), content_type="image/png")
    signed_in.post(
        "/accounts/settings/",
        {**SETTINGS, "about": "I live in Cowley", "email_preference": "daily", "avatar": picture},
    )
    maya.refresh_from_db()
    avatar_path = maya.avatar.path
    assert os.path.exists(avatar_path)
    public_post = lives["mine"].posts.get(author=maya)

    response = signed_in.post(
        "/accounts/delete/", {"confirm": "on", "email": " Maya.H@Example.com"}
    )

    assert response.status_code == 302 and response["Location"] == "/accounts/deleted/"
    assert signed_in.session.get("_auth_user_id") is None
    goodbye = signed_in.get("/accounts/deleted/")
    assert "Your account is deleted" in main_text(goodbye)

    maya.refresh_from_db()
    assert maya.deleted_at is not None and not maya.is_active
    assert "maya" not in maya.email.lower() and maya.display_name == "" and maya.about == ""
    assert not maya.avatar and not os.path.exists(avatar_path)
    assert not maya.has_usable_password()
    assert not maya.groups.exists()
    # Private things are gone.
    assert not EmailAddress.objects.filter(user=maya).exists()
    assert not Notification.objects.filter(recipient=maya).exists()
    assert not Participant.objects.filter(user=maya).exists()
    assert not Post.objects.filter(author=maya, topic__is_private=True).exists()
    assert not Advert.objects.filter(author=maya).exists()
    # Public posts stay, shown as "Former member".
    assert Post.objects.filter(pk=public_post.pk).exists()
    topic_page = Client().get(lives["mine"].get_absolute_url())
    assert topic_page.status_code == 200
    assert "Former member" in topic_page.text
    assert "Maya H" not in topic_page.text and "maya.h@example.com" not in topic_page.text
    # Tom keeps everything of his, including his side of the conversation.
    assert Notification.objects.filter(recipient=tom).exists()
    assert Advert.objects.filter(author=tom).exists()
    assert Topic.objects.filter(pk=lives["conversation"].pk).exists()
    assert Post.objects.filter(author=tom, body_markdown="Tom's private reply").exists()
    assert PAProfile.objects.filter(user__display_name="Sam PA").exists()


def test_a_deleted_account_cannot_sign_in_and_the_address_is_free_again(signed_in, maya):
    signed_in.post("/accounts/delete/", {"confirm": "on", "email": maya.email})

    refused = Client().post(
        "/accounts/login/", {"login": "maya.h@example.com", "password": PASSWORD}
    )
    assert refused.status_code == 200
    again = Client().post(
        "/accounts/signup/",
        {
            "display_name": "Maya Again",
            "email": "maya.h@example.com",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "role": "Holder",
        },
    )
    assert again.status_code == 302
    assert User.objects.get(email="maya.h@example.com").display_name == "Maya Again"


def test_deleting_needs_signing_in(client, maya):
    response = client.post("/accounts/delete/", {"confirm": "on", "email": maya.email})
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    maya.refresh_from_db()
    assert maya.deleted_at is None
