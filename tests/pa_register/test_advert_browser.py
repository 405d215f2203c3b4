"""Browser journeys (JavaScript on) for "PA wanted" adverts: the demo holder posts one end to
end, with a start date picked in the date box; a holder changes an advert without touching its
start date, and the date is kept (it used to be deleted: issue 12, item 3)."""

import datetime

import pytest
from django.core.management import call_command

from accounts.demo import demo_user
from accounts.models import Role
from pa_register.models import Advert
from tests.browser_support import axe_violations, session_cookie
from tests.people import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def signed_in_page(chromium, person, live_server):
    context = chromium.new_context(locale="en-GB")
    context.add_cookies([session_cookie(person, live_server.url)])
    return context.new_page()


def test_changing_an_advert_without_touching_its_start_date_keeps_it(chromium, live_server):
    holder = make_user("Ann", role=Role.HOLDER)
    start = datetime.date(2027, 1, 4)
    advert = Advert.objects.create(
        author=holder,
        title="PA for mornings",
        details="Help getting up.",
        district="OX4",
        kinds=["personal_care"],
        start_date=start,
        employment="employed",
    )
    page = signed_in_page(chromium, holder, live_server)
    page.goto(f"{live_server.url}/register/wanted/{advert.pk}/edit/")
    assert page.get_by_label("When should they start?").input_value() == "2027-01-04"
    page.get_by_label("Headline").fill("PA for weekday mornings")
    page.get_by_role("button", name="Save the advert").click()
    page.get_by_text("Your advert is saved.").wait_for()

    advert.refresh_from_db()
    assert advert.title == "PA for weekday mornings"
    assert advert.start_date == start
    assert "4 January 2027" in page.content()
    page.context.close()


def test_the_demo_holder_posts_an_advert(chromium, live_server):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    holder = demo_user(Role.HOLDER)
    page = signed_in_page(chromium, holder, live_server)
    page.goto(live_server.url + "/register/wanted/")
    page.get_by_role("button", name="Post a PA wanted advert").click()
    page.get_by_label("Headline").fill("Friendly PA for Saturday outings")
    page.get_by_label("Tell PAs about the job").fill("I like football and the market.")
    page.get_by_label("Going out and joining in (social and community)").check()
    page.get_by_label("Your area").fill("OX4 2AA")
    page.get_by_label("Saturday").check()
    page.get_by_label("When should they start?").fill("2027-03-06")  # the picker's own value
    page.get_by_label("Employed by the person they support").check()
    page.get_by_role("button", name="Save the advert").click()
    page.get_by_text("Your advert is up.").wait_for()

    advert = Advert.objects.get(author=holder, title="Friendly PA for Saturday outings")
    assert page.url.endswith(advert.get_absolute_url())
    assert (advert.district, advert.kinds) == ("OX4", ["social"])
    assert advert.start_date == datetime.date(2027, 3, 6)
    content = page.content()
    assert "6 March 2027" in content
    assert "We told 0" not in content
    assert axe_violations(page) == []
    page.context.close()
