"""The references journey in a browser (JavaScript on), on a 320 px phone: a PA names two
referees; each referee answers from the link in their email (the link then dies); a moderator
checks both in the Wagtail admin; a holder sees "2 references checked" and, once the PA shares
them, reads them. (issue 19, item 1)"""

import re

import pytest
from django.core import mail
from django.utils import timezone

from accounts.models import Role
from conversations.services import start_conversation
from pa_register.models import Reference
from tests.browser_support import axe_violations, session_cookie
from tests.people import make_user

from .conftest import make_pa

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 320, "height": 640}


def phone_page(chromium, live_server, person=None):
    context = chromium.new_context(locale="en-GB", viewport=PHONE)
    if person is not None:
        context.add_cookies([session_cookie(person, live_server.url)])
    return context.new_page()


def emailed_link(to: str, live_server) -> str:
    message = next(message for message in mail.outbox if to in message.to)
    link = re.search(r"https?://\S+/register/reference/\S+/", message.body).group(0)
    return live_server.url + "/" + link.split("://", 1)[1].split("/", 1)[1]


def fits_the_phone(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_references_from_naming_referees_to_a_holder_reading_them(chromium, live_server):
    pa = make_pa("Priya Patel")
    holder = make_user("Maya Holder", role=Role.HOLDER)
    moderator = make_user("Jo Moderator", role=Role.MODERATOR, is_staff=True)
    start_conversation(holder, [pa.user], "About PA work", "Hello, are you free on Tuesdays?")

    # The PA names two referees on their phone.
    page = phone_page(chromium, live_server, pa.user)
    page.goto(live_server.url + pa.get_absolute_url())
    page.get_by_role("link", name="My references").click()
    for name, email in (("Pat Okafor", "pat@example.org"), ("Lee Brennan", "lee@example.org")):
        page.get_by_label("Their name").fill(name)
        page.get_by_label("How do they know you?").fill("Past employer")
        page.get_by_label("Their email address").fill(email)
        page.get_by_role("button", name="Ask them for a reference").click()
        page.get_by_text(f"We have emailed {name} a private link").wait_for()
    assert fits_the_phone(page)
    assert "You have named two referees" in page.content()

    # Each referee answers from the emailed link, without an account; the link then dies.
    for email in ("pat@example.org", "lee@example.org"):
        link = emailed_link(email, live_server)
        referee = phone_page(chromium, live_server)
        referee.goto(link)
        referee.get_by_role("heading", name="A reference for Priya Patel").wait_for()
        assert fits_the_phone(referee)
        if email == "pat@example.org":
            assert axe_violations(referee) == []
        referee.get_by_label("How long have you known them?").fill("three years")
        referee.get_by_label("In what role?").fill("I employed her as my PA")
        referee.get_by_label("Always reliable").check()
        referee.get_by_label("Yes").check()
        referee.get_by_label("Anything an employer should know?").fill(f"Calm and kind ({email}).")
        referee.get_by_role("button", name="Send my reference").click()
        referee.get_by_role("heading", name="Thank you for your reference").wait_for()
        response = referee.goto(link)
        assert response.status == 410
        assert "This link has already been used" in referee.content()
        assert referee.get_by_role("button", name="Send my reference").count() == 0
        referee.context.close()

    # A moderator checks both in the Wagtail admin.
    admin = chromium.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    admin.add_cookies([session_cookie(moderator, live_server.url)])
    admin_page = admin.new_page()
    for reference in Reference.objects.order_by("pk"):
        admin_page.goto(f"{live_server.url}/admin/pa_references/edit/{reference.pk}/")
        admin_page.get_by_label("I have checked this reference").check()
        admin_page.get_by_role("button", name="Save").first.click()
        admin_page.wait_for_url(re.compile(r"/admin/pa_references/$"))
    admin.close()
    assert Reference.objects.filter(checked_by=moderator).count() == 2

    # The holder sees "2 references checked", never the text, and cannot read them yet.
    reader = phone_page(chromium, live_server, holder)
    reader.goto(live_server.url + pa.get_absolute_url())
    assert f"2 references checked ({timezone.now():%B %Y})" in reader.content()
    assert "Calm and kind" not in reader.content()
    assert reader.get_by_role("link", name=re.compile("Read the references")).count() == 0
    response = reader.goto(f"{live_server.url}/register/pa/{pa.pk}/references/")
    assert response.status == 404

    # The PA shares them with one tap; the holder reads them.
    page.goto(live_server.url + "/register/profile/references/")
    page.get_by_role("button", name="Share my references with Maya Holder").click()
    page.get_by_text("Maya Holder can now read your references").wait_for()

    reader.goto(live_server.url + pa.get_absolute_url())
    reader.get_by_role("link", name=re.compile("Read the references")).click()
    reader.get_by_role("heading", name="References for Priya Patel").wait_for()
    assert "Calm and kind (pat@example.org)." in reader.content()
    assert "Calm and kind (lee@example.org)." in reader.content()
    assert "pat@example.org" not in reader.content().replace("(pat@example.org)", "")
    assert fits_the_phone(reader)
    assert axe_violations(reader) == []
    page.context.close()
    reader.context.close()
