"""Sign-up with email verification, signing in and out, password reset without giving away who
has an account, changing the email address, and allauth's rate limits, through the test client."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client

from accounts.models import Role
from tests.people import PASSWORD

from .conftest import link_in, main_text, make_user, public_topic

pytestmark = pytest.mark.django_db

User = get_user_model()

SIGNUP = {
    "display_name": "Maya H",
    "email": "maya@example.com",
    "password1": PASSWORD,
    "password2": PASSWORD,
    "role": Role.HOLDER.value,
}


def signed_in_user_id(client):
    return client.session.get("_auth_user_id")


def sign_in(client, email, password=PASSWORD):
    return client.post("/accounts/login/", {"login": email, "password": password})


# --- Sign-up with email verification -----------------------------------------------------------


def test_sign_up_sends_a_verification_email_and_the_link_verifies_the_account(client):
    form = client.get("/accounts/signup/")
    assert form.status_code == 200
    assert 'name="display_name"' in form.text and 'name="role"' in form.text

    response = client.post("/accounts/signup/", SIGNUP)

    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    user = User.objects.get(email="maya@example.com")
    assert user.display_name == "Maya H"
    assert user.has_role(Role.HOLDER)
    address = EmailAddress.objects.get(user=user)
    assert not address.verified
    assert signed_in_user_id(client) is None, "nobody is signed in before verifying"
    sent = client.get(response["Location"])
    assert sent.status_code == 200 and "verif" in main_text(sent).lower()

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["maya@example.com"]
    assert message.subject.startswith("[Budget Circle] ")
    confirm_path = link_in(message, "/accounts/confirm-email/")

    # Signing in before verifying only sends the person back to "check your email".
    early = sign_in(Client(), "maya@example.com")
    assert early.status_code == 302 and early["Location"] == "/accounts/confirm-email/"

    # The link is opened on another device: it asks to confirm, and the POST verifies.
    phone = Client()
    page = phone.get(confirm_path)
    assert page.status_code == 200 and "maya@example.com" in page.text
    address.refresh_from_db()
    assert not address.verified, "opening the link alone must not verify (mail scanners open it)"
    confirmed = phone.post(confirm_path)
    assert confirmed.status_code == 302
    address.refresh_from_db()
    assert address.verified and address.primary

    # Now the person can sign in with their email address and password.
    laptop = Client()
    signed_in = sign_in(laptop, "maya@example.com")
    assert signed_in.status_code == 302 and signed_in["Location"] == "/"
    assert signed_in_user_id(laptop) == str(user.pk)
    assert "Your settings" in laptop.get("/accounts/settings/").text


def test_confirming_in_the_same_browser_signs_the_person_in(client):
    client.post("/accounts/signup/", SIGNUP)
    confirm_path = link_in(mail.outbox[0], "/accounts/confirm-email/")
    response = client.post(confirm_path)
    assert response.status_code == 302
    assert signed_in_user_id(client) == str(User.objects.get(email="maya@example.com").pk)


def test_a_wrong_verification_link_verifies_nothing(client):
    client.post("/accounts/signup/", SIGNUP)
    confirm_path = link_in(mail.outbox[0], "/accounts/confirm-email/")
    broken = confirm_path.rstrip("/")[:-4] + "abcd/"
    response = client.post(broken)
    assert response.status_code in (200, 404)
    assert not EmailAddress.objects.get(email="maya@example.com").verified


def test_signing_up_with_an_email_that_has_an_account_does_not_say_so(client, maya):
    response = client.post("/accounts/signup/", {**SIGNUP, "email": maya.email})
    fresh = Client().post("/accounts/signup/", {**SIGNUP, "email": "brand.new@example.com"})
    assert (response.status_code, response["Location"]) == (fresh.status_code, fresh["Location"])
    assert User.objects.filter(email=maya.email).count() == 1
    maya.refresh_from_db()
    assert maya.display_name == "Maya H" and maya.check_password(PASSWORD)
    to_maya = [m for m in mail.outbox if m.to == [maya.email]]
    assert len(to_maya) == 1
    assert "/accounts/confirm-email/" not in to_maya[0].body, "no link that takes the account"


# --- Display name is never the email -----------------------------------------------------------


@pytest.mark.parametrize(
    "display_name, message",
    [
        ("maya@example.com", "can&#x27;t have an @ in it"),
        ("Maya @ home", "can&#x27;t have an @ in it"),
        ("", "Enter the name you want other people to see."),
        ("   ", "Enter the name you want other people to see."),
    ],
)
def test_the_display_name_is_never_an_email_address(client, display_name, message):
    response = client.post("/accounts/signup/", {**SIGNUP, "display_name": display_name})
    assert response.status_code == 200
    assert message in main_text(response)
    assert 'id="id_display_name-error"' in response.text
    assert not User.objects.exists() and mail.outbox == []


def test_other_people_see_the_display_name_and_never_the_email(client, maya, tom):
    topic = public_topic(maya)
    client.force_login(tom)
    page = client.get(topic.get_absolute_url())
    assert page.status_code == 200
    assert "Maya H" in page.text
    assert maya.email not in page.text


# --- Signing in and out ------------------------------------------------------------------------


def test_sign_in_with_email_any_case(client, maya):
    page = client.get("/accounts/login/")
    assert page.status_code == 200 and 'name="login"' in page.text
    response = sign_in(client, "  Maya.H@Example.COM ")
    assert response.status_code == 302
    assert signed_in_user_id(client) == str(maya.pk)


def test_a_wrong_password_is_refused_plainly(client, maya):
    response = sign_in(client, maya.email, "not-the-password")
    assert response.status_code == 200
    assert "not correct" in main_text(response)
    assert signed_in_user_id(client) is None
    # What was typed in the email box is still there; the password is not.
    assert f'value="{maya.email}"' in response.text
    assert "not-the-password" not in response.text


def test_sign_in_goes_back_to_the_page_asked_for(client, maya):
    response = client.post(
        "/accounts/login/?next=/notifications/", {"login": maya.email, "password": PASSWORD}
    )
    assert response.status_code == 302 and response["Location"] == "/notifications/"


def test_sign_out_asks_first_and_then_signs_out(client, maya):
    client.force_login(maya)
    question = client.get("/accounts/logout/")
    assert question.status_code == 200
    assert "Are you sure you want to sign out?" in main_text(question)
    assert signed_in_user_id(client) == str(maya.pk), "a GET (a stray link) signs nobody out"

    response = client.post("/accounts/logout/")
    assert response.status_code == 302 and response["Location"] == "/"
    assert signed_in_user_id(client) is None
    settings_page = client.get("/accounts/settings/")
    assert settings_page.status_code == 302
    assert settings_page["Location"].startswith("/accounts/login/")


def test_the_header_offers_sign_out_only_when_signed_in(client, maya):
    assert "Sign out" not in client.get("/accounts/login/").text
    client.force_login(maya)
    assert "Sign out" in client.get("/accounts/settings/").text


# --- Password reset without account enumeration ------------------------------------------------


def test_password_reset_looks_the_same_for_known_and_unknown_addresses(maya):
    known, unknown = Client(), Client()
    known_response = known.post("/accounts/password/reset/", {"email": maya.email})
    unknown_response = unknown.post("/accounts/password/reset/", {"email": "nobody@example.com"})

    assert known_response.status_code == unknown_response.status_code == 302
    assert known_response["Location"] == unknown_response["Location"]
    known_page = known.get(known_response["Location"])
    unknown_page = unknown.get(unknown_response["Location"])
    assert known_page.status_code == unknown_page.status_code == 200
    assert main_text(known_page) == main_text(unknown_page)
    assert "We have sent you an email" in main_text(known_page)

    # Only the real account gets a reset link. (allauth may tell an unknown address that it has
    # no account: that goes only to the address's owner, and carries no link to take anything.)
    reset_links = [m for m in mail.outbox if "/accounts/password/reset/key/" in m.body]
    assert [m.to for m in reset_links] == [[maya.email]]
    for message in mail.outbox:
        if message.to == ["nobody@example.com"]:
            assert "/accounts/password/reset/key/" not in message.body


def test_the_password_reset_link_sets_a_new_password(client, maya):
    client.post("/accounts/password/reset/", {"email": maya.email})
    reset_path = link_in(mail.outbox[0], "/accounts/password/reset/key/")

    # allauth swaps the key in the address for one kept in the session (so it does not leak).
    response = client.get(reset_path)
    assert response.status_code == 302
    form_path = response["Location"]
    assert client.get(form_path).status_code == 200
    new_password = "a-Different-pass-2"
    done = client.post(form_path, {"password1": new_password, "password2": new_password})
    assert done.status_code == 302

    maya.refresh_from_db()
    assert maya.check_password(new_password) and not maya.check_password(PASSWORD)
    assert sign_in(Client(), maya.email, PASSWORD).status_code == 200  # old one refused
    fresh = Client()
    assert sign_in(fresh, maya.email, new_password).status_code == 302
    assert signed_in_user_id(fresh) == str(maya.pk)

    # The link works once only.
    again = Client().get(reset_path, follow=True)
    assert again.status_code == 200
    assert "invalid" in main_text(again).lower()
    assert 'name="password1"' not in again.text


# --- Changing the email address ----------------------------------------------------------------


def test_changing_email_needs_the_new_address_confirmed(client, maya):
    client.force_login(maya)
    page = client.get("/accounts/email/")
    assert page.status_code == 200 and maya.email in page.text

    response = client.post("/accounts/email/", {"email": "maya.new@example.com", "action_add": ""})

    assert response.status_code == 302
    maya.refresh_from_db()
    assert maya.email == "maya.h@example.com", "nothing changes until the new address confirms"
    new_address = EmailAddress.objects.get(email="maya.new@example.com")
    assert new_address.user == maya and not new_address.verified
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["maya.new@example.com"]
    pending = client.get("/accounts/email/")
    assert "maya.new@example.com" in pending.text and "pending verification" in pending.text

    client.post(link_in(mail.outbox[0], "/accounts/confirm-email/"))

    maya.refresh_from_db()
    assert maya.email == "maya.new@example.com"
    assert list(EmailAddress.objects.filter(user=maya).values_list("email", "verified")) == [
        ("maya.new@example.com", True)
    ]
    assert signed_in_user_id(sign_in_client := Client()) is None
    assert sign_in(sign_in_client, "maya.new@example.com").status_code == 302
    assert signed_in_user_id(sign_in_client) == str(maya.pk)
    assert sign_in(Client(), "maya.h@example.com").status_code == 200  # the old one no more


def test_changing_to_someone_elses_address_does_not_reveal_it_or_take_it(client, maya, tom):
    client.force_login(maya)
    response = client.post("/accounts/email/", {"email": tom.email, "action_add": ""})
    assert response.status_code in (200, 302)
    assert "already" not in response.content.decode().lower()
    # Even if Tom opens the link he is sent and confirms, the address stays his alone.
    for message in mail.outbox:
        if "/accounts/confirm-email/" in message.body:
            assert message.to == [tom.email]
            Client().post(link_in(message, "/accounts/confirm-email/"))
    tom.refresh_from_db()
    maya.refresh_from_db()
    assert tom.email == "tom.c@example.com" and maya.email == "maya.h@example.com"
    assert not EmailAddress.objects.filter(user=maya, email=tom.email, verified=True).exists()
    assert EmailAddress.objects.get(user=tom).verified
    assert sign_in(Client(), tom.email).status_code == 302


def test_the_email_page_uses_the_site_form_components_and_no_inline_code(client, maya):
    from tests.test_security import InlineCode

    client.force_login(maya)
    client.post("/accounts/email/", {"email": "maya.new@example.com", "action_add": ""})
    page = client.get("/accounts/email/")
    finder = InlineCode()
    finder.feed(page.text)
    assert finder.problems == [], "the CSP would block these"
    assert "maya.new@example.com" in main_text(page)
    assert 'name="action_send"' in page.text and 'name="action_remove"' in page.text

    # Cancelling the pending change removes it.
    client.post("/accounts/email/", {"email": "maya.new@example.com", "action_remove": ""})
    assert not EmailAddress.objects.filter(email="maya.new@example.com").exists()


# --- allauth's rate limits ---------------------------------------------------------------------


def test_repeated_failed_sign_ins_are_refused_plainly_even_with_the_right_password(client, maya):
    # ACCOUNT_RATE_LIMITS is not set, so allauth's default applies: 5 failures per address in
    # 5 minutes ("login_failed": "10/m/ip,5/300s/key").
    for _attempt in range(5):
        response = sign_in(client, maya.email, "wrong-guess")
        assert response.status_code == 200 and "not correct" in main_text(response)

    refused = sign_in(client, maya.email, PASSWORD)

    assert refused.status_code == 200
    assert "Too many failed login attempts. Try again later." in main_text(refused)
    assert signed_in_user_id(client) is None
    # Another account is not locked out by it.
    tom = make_user("Tom C")
    assert sign_in(Client(), tom.email).status_code == 302


def test_repeated_password_reset_requests_are_refused_with_a_plain_page(client, maya):
    # Default "reset_password": "20/m/ip,5/m/key".
    for _attempt in range(5):
        assert client.post("/accounts/password/reset/", {"email": maya.email}).status_code == 302
    refused = client.post("/accounts/password/reset/", {"email": maya.email})
    assert refused.status_code == 429
    text = main_text(refused)
    assert "Budget Circle" in refused.text  # the site's own page, with its header and help
    assert "too many" in text.lower() and "try again" in text.lower()
    assert len(mail.outbox) == 5


def test_many_sign_ups_from_one_place_are_refused(client):
    # Default "signup": "20/m/ip". Every POST counts, so a bot cannot keep trying.
    for number in range(20):
        response = client.post(
            "/accounts/signup/", {**SIGNUP, "email": f"person{number}@example.com"}
        )
        assert response.status_code == 302
    refused = client.post("/accounts/signup/", {**SIGNUP, "email": "one.more@example.com"})
    assert refused.status_code == 429
    assert "try again" in main_text(refused).lower()
    assert not User.objects.filter(email="one.more@example.com").exists()
