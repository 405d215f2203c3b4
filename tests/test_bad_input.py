"""Every foundation form given empty, overlong, wrong-type and hostile input.

Each answer must be a page (never a 500) with a plain-English error next to the field (linked by
``aria-describedby``) and in the error summary at the top, keep what was typed (except
passwords), and save nothing half-done. Forms: sign-up, sign-in, password reset (request and
new password), password change, email change, settings, delete account, "Report this", and the
notifications' POST buttons.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core import mail

from accounts.models import Role
from pbsite.models import Notification, Report
from pbsite.notifications import notify
from tests.accounts.conftest import link_in, public_topic
from tests.people import PASSWORD

pytestmark = pytest.mark.django_db

User = get_user_model()

SCRIPT = "<script>alert(1)</script>"
LONG = "x" * 10_000
UNICODE = "Zoë Ñúñez 😀 مرحبا"
NEW_PASSWORD = "a-Fresh-pass-for-tests-9"


# --- What each form is, and how to tell that nothing was saved --------------------------------


@dataclass
class Form:
    url: str
    valid: dict
    signed_in: bool = True
    passwords: set = field(default_factory=set)
    # Returns everything the form could change, so before == after proves nothing was saved.
    state: Callable[[], object] = lambda: None


def user_state():
    return list(
        User.objects.order_by("pk").values_list(
            "email", "display_name", "about", "email_preference", "avatar", "password", "is_active"
        )
    )


def everything():
    return (
        user_state(),
        list(EmailAddress.objects.order_by("pk").values_list("email", "verified", "primary")),
        Report.objects.count(),
        len(mail.outbox),
    )


@pytest.fixture
def forms(maya, tom):
    post = public_topic(tom).posts.get()
    post_type = ContentType.objects.get_for_model(post)
    return {
        "sign-up": Form(
            "/accounts/signup/",
            {
                "display_name": "Zoë Ñ",
                "email": "new.person@example.com",
                "password1": PASSWORD,
                "password2": PASSWORD,
                "role": Role.HOLDER.value,
            },
            signed_in=False,
            passwords={"password1", "password2"},
        ),
        "sign-in": Form(
            "/accounts/login/",
            {"login": maya.email, "password": PASSWORD},
            signed_in=False,
            passwords={"password"},
        ),
        "password reset": Form("/accounts/password/reset/", {"email": maya.email}, signed_in=False),
        "password change": Form(
            "/accounts/password/change/",
            {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
            passwords={"oldpassword", "password1", "password2"},
        ),
        "email change": Form(
            "/accounts/email/", {"email": "maya.new@example.com", "action_add": ""}
        ),
        "settings": Form(
            "/accounts/settings/",
            {"display_name": "Maya Hughes", "about": UNICODE, "email_preference": "immediately"},
        ),
        "delete account": Form("/accounts/delete/", {"confirm": "on", "email": maya.email}),
        "report": Form(
            f"/report/{post_type.pk}/{post.pk}/", {"reason": "spam", "details": UNICODE}
        ),
    }


# form, field, value typed, the error shown next to it (a part of it)
CASES = [
    # Sign-up
    ("sign-up", "display_name", "", "Enter the name you want other people to see."),
    ("sign-up", "display_name", "   ", "Enter the name you want other people to see."),
    ("sign-up", "display_name", LONG, "Your display name must be 40 characters or fewer."),
    ("sign-up", "display_name", SCRIPT, "Use letters, numbers and spaces only"),
    ("sign-up", "display_name", "Maya\x00H", "Null characters are not allowed."),
    ("sign-up", "display_name", "someone@example.com", "can't have an @ in it"),
    ("sign-up", "email", "", "Enter your email address."),
    ("sign-up", "email", "not-an-email", "Enter an email address, like name@example.com."),
    ("sign-up", "email", LONG + "@example.com", "at most 320 characters"),
    ("sign-up", "email", SCRIPT + "@example.com", "Enter an email address, like"),
    ("sign-up", "email", "maya\x00@example.com", "Null characters are not allowed."),
    ("sign-up", "email", UNICODE, "Enter an email address, like"),
    ("sign-up", "password1", "", "Choose a password."),
    ("sign-up", "password1", "Qz7k", "too short"),
    ("sign-up", "password1", "12345678901", "entirely numeric"),
    ("sign-up", "password1", "pass\x00word-long-1", "Null characters are not allowed."),
    ("sign-up", "password2", "a-different-one-1", "You must type the same password each time."),
    ("sign-up", "role", "", "Choose what brings you here."),
    ("sign-up", "role", Role.MODERATOR.value, "Select a valid choice."),
    ("sign-up", "role", SCRIPT, "Select a valid choice."),
    ("sign-up", "role", LONG, "Select a valid choice."),
    # Sign-in
    ("sign-in", "login", "", "Enter the email address you signed up with."),
    ("sign-in", "login", "not-an-email", "Enter an email address, like name@example.com."),
    ("sign-in", "login", LONG, "Enter an email address, like"),
    ("sign-in", "login", SCRIPT, "Enter an email address, like"),
    ("sign-in", "login", "maya\x00@example.com", "Null characters are not allowed."),
    ("sign-in", "password", "", "Enter your password."),
    ("sign-in", "password", "pass\x00word", "Null characters are not allowed."),
    # Asking for a password reset
    ("password reset", "email", "", "This field is required."),
    ("password reset", "email", "not-an-email", "Enter a valid email address."),
    ("password reset", "email", LONG, "Enter a valid email address."),
    ("password reset", "email", SCRIPT, "Enter a valid email address."),
    ("password reset", "email", "maya\x00@example.com", "Null characters are not allowed."),
    # Changing the password
    ("password change", "oldpassword", "", "This field is required."),
    ("password change", "oldpassword", "wrong-one", "Please type your current password."),
    ("password change", "oldpassword", LONG, "Please type your current password."),
    ("password change", "password1", "", "This field is required."),
    ("password change", "password1", "Qz7k", "too short"),
    ("password change", "password1", "x\x00" * 6, "Null characters are not allowed."),
    ("password change", "password2", "not-the-same-1", "You must type the same password"),
    # Changing the email address
    ("email change", "email", "", "This field is required."),
    ("email change", "email", "not-an-email", "Enter a valid email address."),
    ("email change", "email", LONG, "Enter a valid email address."),
    ("email change", "email", SCRIPT, "Enter a valid email address."),
    ("email change", "email", "maya\x00@example.com", "Null characters are not allowed."),
    ("email change", "email", "maya.h@example.com", "already"),  # their own address
    # Settings
    ("settings", "display_name", "", "Enter the name you want other people to see."),
    ("settings", "display_name", LONG, "Your display name must be 40 characters or fewer."),
    ("settings", "display_name", SCRIPT, "Use letters, numbers and spaces only"),
    ("settings", "display_name", "Maya\x00H", "Null characters are not allowed."),
    ("settings", "display_name", "maya.h@example.com", "can't have an @ in it"),
    ("settings", "about", LONG, "Please keep this to 600 characters or fewer."),
    ("settings", "about", "Hello\x00there", "Null characters are not allowed."),
    ("settings", "email_preference", "", "Choose how often we should email you."),
    ("settings", "email_preference", "hourly", "Select a valid choice."),
    ("settings", "email_preference", SCRIPT, "Select a valid choice."),
    ("settings", "email_preference", LONG, "Select a valid choice."),
    # Deleting the account
    ("delete account", "confirm", "", "Tick the box"),
    ("delete account", "confirm", "false", "Tick the box"),
    ("delete account", "email", "", "Type your email address to confirm."),
    ("delete account", "email", LONG, "at most 254 characters"),
    ("delete account", "email", SCRIPT, "That is not the email address of this account."),
    ("delete account", "email", "tom.c@example.com", "That is not the email address"),
    ("delete account", "email", "maya.h@example.com\x00", "Null characters are not allowed."),
    ("delete account", "email", UNICODE, "That is not the email address of this account."),
    # Report this
    ("report", "reason", "", "Choose what is wrong"),
    ("report", "reason", "not-a-reason", "Select a valid choice."),
    ("report", "reason", SCRIPT, "Select a valid choice."),
    ("report", "reason", LONG, "Select a valid choice."),
    ("report", "details", LONG, "Please keep this under 2,000 characters."),
    ("report", "details", "Spam\x00spam", "Null characters are not allowed."),
]

ROBOTIC = re.compile(r"Traceback|Exception|Error\(|None\b|\[\'|\{|\\x00|id_|<class", re.I)


def page_text(response) -> str:
    return response.content.decode()


def error_next_to(page: str, name: str) -> str:
    match = re.search(rf'<p class="field__error" id="id_{name}-error">(.*?)</p>', page, re.S)
    assert match, f"no error shown next to {name}"
    return html.unescape(re.sub(r"<[^>]+>", "", match.group(1))).strip()


def summary_of(page: str) -> str:
    match = re.search(r'<div class="error-summary".*?</div>', page, re.S)
    assert match, "no error summary at the top of the form"
    return match.group(0)


def shown_value(page: str, name: str) -> str | None:
    """What the re-shown form has in the field ``name`` (input value or textarea text)."""
    tag = re.search(rf'<(input|textarea)\b[^>]*\bname="{name}"[^>]*>', page)
    if tag is None:
        return None
    if tag.group(1) == "textarea":
        body = re.search(rf'<textarea\b[^>]*\bname="{name}"[^>]*>(.*?)</textarea>', page, re.S)
        return html.unescape(body.group(1)).lstrip("\n")
    value = re.search(r'\bvalue="([^"]*)"', tag.group(0))
    return html.unescape(value.group(1)) if value else None


@pytest.mark.parametrize("form_name, name, value, message", CASES)
def test_bad_input_is_answered_plainly_next_to_the_field(
    client, maya, forms, form_name, name, value, message
):
    form = forms[form_name]
    if form.signed_in:
        client.force_login(maya)
    before = everything()
    data = {**form.valid, name: value}
    if name == "confirm" and value == "":
        del data["confirm"]  # an unticked box sends nothing
    if name == "password1" and form_name != "sign-in":
        data["password2"] = value  # the same (bad) password twice, so the rule itself is checked

    response = client.post(form.url, data)

    assert response.status_code == 200, response.status_code
    page = page_text(response)
    error = error_next_to(page, name)
    assert message in error, error
    assert not ROBOTIC.search(error), error
    assert re.search(rf'aria-describedby="[^"]*\bid_{name}-error\b', page), (
        "the field must point to its error"
    )
    summary = summary_of(page)
    assert "There is a problem" in summary
    assert re.search(rf'href="#id_{name}(-field)?"', summary), "the summary links to the field"
    # It says what was kept only when that is true: typed passwords are not sent back.
    if any(data.get(password) for password in form.passwords):
        assert "What you typed is still here, except passwords" in summary
    else:
        assert "What you typed is still here." in summary
    assert SCRIPT not in page, "typed HTML is never put on the page as HTML"
    # What was typed is still there, except passwords, which are never sent back.
    choices = {"action_add", "confirm", "role", "reason", "email_preference"}
    for other, typed in data.items():
        if other in form.passwords:
            if len(typed) > 3:
                assert typed not in page
        elif other not in choices and "\x00" not in typed and typed.strip():
            assert shown_value(page, other) == typed, other
        elif other in {"role", "reason", "email_preference"} and other != name:
            checked = rf'<input type="radio" name="{other}" value="{re.escape(typed)}"[^>]*checked'
            assert re.search(checked, page), f"the chosen {other} is still chosen"
    assert everything() == before, "nothing is saved half-done"
    assert client.session.get("_auth_user_id") == (str(maya.pk) if form.signed_in else None)


@pytest.mark.parametrize("form_name", ["sign-up", "settings", "delete account", "report"])
def test_an_empty_post_names_every_required_field(client, maya, forms, form_name):
    """What a browser sends when nothing is filled in: only the CSRF token."""
    form = forms[form_name]
    if form.signed_in:
        client.force_login(maya)
    before = everything()
    response = client.post(form.url, {"csrfmiddlewaretoken": "browser-sends-this"})
    assert response.status_code == 200
    page = page_text(response)
    summary = summary_of(page)
    required = {
        "sign-up": ["display_name", "email", "password1", "password2", "role"],
        "settings": ["display_name", "email_preference"],
        "delete account": ["confirm", "email"],
        "report": ["reason"],
    }[form_name]
    for name in required:
        assert error_next_to(page, name)
        assert f'href="#id_{name}' in summary
    assert everything() == before


def test_a_wrong_password_at_sign_in_is_a_plain_message_at_the_top(client, maya):
    response = client.post("/accounts/login/", {"login": maya.email, "password": LONG})
    assert response.status_code == 200
    summary = summary_of(page_text(response))
    assert "The email address and/or password you specified are not correct." in summary
    assert shown_value(page_text(response), "login") == maya.email
    assert LONG not in page_text(response)
    assert client.session.get("_auth_user_id") is None


def test_the_new_password_form_from_a_reset_link_refuses_bad_passwords(client, maya):
    client.post("/accounts/password/reset/", {"email": maya.email})
    form_url = client.get(link_in(mail.outbox[0], "/accounts/password/reset/key/"))["Location"]
    password = maya.password
    for first, second, message in [
        ("", "", "This field is required."),
        ("short", "short", "too short"),
        (NEW_PASSWORD, "different-1-X", "You must type the same password each time."),
        ("x\x00" * 6, "x\x00" * 6, "Null characters are not allowed."),
        (LONG[:20] + SCRIPT, "", "This field is required."),
    ]:
        response = client.post(form_url, {"password1": first, "password2": second})
        assert response.status_code == 200
        page = page_text(response)
        errors = " ".join(
            error_next_to(page, name)
            for name in ("password1", "password2")
            if f"id_{name}-error" in page
        )
        assert message in errors
        assert "There is a problem" in summary_of(page)
        assert SCRIPT not in page
        maya.refresh_from_db()
        assert maya.password == password


# --- Hostile input that is allowed is stored as typed and shown as text -----------------------


def test_html_and_unicode_in_settings_are_saved_as_text_and_shown_escaped(client, maya):
    client.force_login(maya)
    about = f"{SCRIPT} {UNICODE} <b>bold</b> \u202egnp.exe"
    response = client.post(
        "/accounts/settings/",
        {"display_name": "Zoë 😀", "about": about, "email_preference": "never"},
    )
    assert response.status_code == 302
    maya.refresh_from_db()
    assert maya.display_name == "Zoë 😀" and maya.about == about
    page = page_text(client.get("/accounts/settings/"))
    assert SCRIPT not in page and "<b>bold</b>" not in page
    assert html.escape(SCRIPT) in page
    assert "Zoë 😀" in page


def test_a_report_with_html_in_it_is_stored_as_text(client, maya, forms):
    client.force_login(maya)
    form = forms["report"]
    response = client.post(form.url, {"reason": "abuse", "details": SCRIPT + UNICODE})
    assert response.status_code == 200 and "Thank you for telling us" in page_text(response)
    report = Report.objects.get()
    assert report.details == SCRIPT + UNICODE and report.reporter == maya
    assert SCRIPT not in page_text(response)


def test_a_unicode_display_name_signs_up(client):
    response = client.post(
        "/accounts/signup/",
        {
            "display_name": "Zoë مرحبا",
            "email": "zoe@example.com",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "role": Role.CARER.value,
        },
    )
    assert response.status_code == 302
    assert User.objects.get(email="zoe@example.com").display_name == "Zoë مرحبا"


# --- Addresses and buttons given junk ---------------------------------------------------------


@pytest.fixture
def notes(maya, tom):
    mine = notify(maya, "replied to your topic", actor=tom, url="/forum/")
    theirs = notify(tom, "replied to your topic", actor=maya, url="/forum/")
    sneaky = notify(maya, "sent you a link", actor=tom, url="javascript:alert(1)")
    offsite = notify(maya, "sent you a link", actor=tom, url="https://evil.example/")
    return {"mine": mine, "theirs": theirs, "sneaky": sneaky, "offsite": offsite}


def test_mark_all_read_ignores_junk_and_touches_only_my_notifications(client, maya, notes):
    client.force_login(maya)
    response = client.post(
        "/notifications/read-all/", {"ids": [SCRIPT, LONG, "\x00"], "user": "tom"}
    )
    assert response.status_code == 302 and response["Location"] == "/notifications/"
    assert not Notification.objects.filter(recipient=maya, read_at__isnull=True).exists()
    notes["theirs"].refresh_from_db()
    assert notes["theirs"].read_at is None


@pytest.mark.parametrize(
    "path, status",
    [
        ("/notifications/{theirs}/open/", 404),
        ("/notifications/99999999/open/", 404),
        ("/notifications/99999999999999999999999/open/", 404),
        ("/notifications/-1/open/", 404),
        ("/notifications/abc/open/", 404),
        ("/notifications/%3Cscript%3E/open/", 404),
    ],
)
def test_opening_someone_elses_or_no_notification_is_not_found(client, maya, notes, path, status):
    client.force_login(maya)
    response = client.post(path.format(theirs=notes["theirs"].pk))
    assert response.status_code == status
    assert "We can't find that page" in page_text(response)
    notes["theirs"].refresh_from_db()
    assert notes["theirs"].read_at is None


def test_notification_links_only_go_to_this_site(client, maya, notes):
    client.force_login(maya)
    for name in ("sneaky", "offsite"):
        response = client.post(f"/notifications/{notes[name].pk}/open/")
        assert response.status_code == 302 and response["Location"] == "/notifications/"
    assert client.get(f"/notifications/{notes['mine'].pk}/open/").status_code == 405


@pytest.mark.parametrize(
    "page", ["abc", "-1", "0", "99999999999999999999", "1.5", SCRIPT, "%00", LONG]
)
def test_the_notifications_page_number_is_never_an_error(client, maya, notes, page):
    client.force_login(maya)
    response = client.get("/notifications/", {"page": page})
    assert response.status_code == 200
    assert "Your notifications" in page_text(response)
    assert SCRIPT not in page_text(response)


@pytest.mark.parametrize(
    "path",
    [
        "/report/{ct}/99999999/",
        "/report/{ct}/abc/",
        "/report/{ct}/%00/",
        "/report/{ct}/%3Cscript%3E/",
        "/report/{ct}/" + "9" * 40 + "/",
        "/report/999999/1/",
        "/report/{notification_ct}/1/",  # not something people can report
    ],
)
def test_reporting_nothing_or_the_unreportable_is_not_found(client, maya, forms, path):
    client.force_login(maya)
    post_ct = forms["report"].url.split("/")[2]
    notification_ct = ContentType.objects.get_for_model(Notification).pk
    response = client.post(
        path.format(ct=post_ct, notification_ct=notification_ct), {"reason": "spam"}
    )
    assert response.status_code == 404
    assert "We can't find that page" in page_text(response)
    assert not Report.objects.exists()


@pytest.mark.parametrize(
    "next_url",
    [
        "javascript:alert(1)",
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example/",
        SCRIPT,
        "\x00",
        LONG,
    ],
)
def test_sign_in_never_sends_people_off_the_site(client, maya, next_url):
    form = client.get("/accounts/login/", {"next": next_url})
    assert form.status_code == 200 and SCRIPT not in page_text(form)
    response = client.post(
        "/accounts/login/", {"login": maya.email, "password": PASSWORD, "next": next_url}
    )
    assert response.status_code == 302
    location = urljoin("http://testserver/accounts/login/", response["Location"])
    assert urlsplit(location)[:2] == ("http", "testserver"), location
    assert "evil.example" not in location


def test_sign_up_cannot_make_someone_a_moderator_with_extra_fields(client):
    response = client.post(
        "/accounts/signup/",
        {
            "display_name": "Sneaky",
            "email": "sneaky@example.com",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "role": Role.HOLDER.value,
            "is_staff": "on",
            "is_superuser": "on",
            "groups": "1",
        },
    )
    assert response.status_code == 302
    sneaky = User.objects.get(email="sneaky@example.com")
    assert not sneaky.is_staff and not sneaky.is_superuser
    assert [group.name for group in sneaky.groups.all()] == [Role.HOLDER.value]


def test_settings_cannot_change_the_email_or_staff_status(client, maya):
    client.force_login(maya)
    response = client.post(
        "/accounts/settings/",
        {
            "display_name": "Maya H",
            "email_preference": "never",
            "email": "hijack@example.com",
            "is_staff": "on",
            "deleted_at": "2020-01-01",
        },
    )
    assert response.status_code == 302
    maya.refresh_from_db()
    assert maya.email == "maya.h@example.com" and not maya.is_staff and maya.deleted_at is None


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("/pools/new/", "Say what the group wants to buy."),
        ("/report/{ct}/{pk}/", "Choose what is wrong"),
    ],
)
def test_a_post_with_nothing_in_it_still_says_what_to_fill_in(client, maya, tom, url, message):
    """An empty POST is falsy: every view binds its form through ``pbsite.forms.posted``."""
    from forum.models import Post

    post = public_topic(tom).posts.get()
    url = url.format(ct=ContentType.objects.get_for_model(Post).pk, pk=post.pk)
    client.force_login(maya)
    client.handler.enforce_csrf_checks = False
    response = client.post(url, {})
    assert response.status_code == 200
    assert message in page_text(response)
