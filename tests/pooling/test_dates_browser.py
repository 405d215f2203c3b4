"""A browser journey (JavaScript on): the coordinator saves a pool without touching its dates,
and the dates are kept. The date boxes are Chromium's date pickers, which read only ISO dates:
filled as 04/01/2027 they showed nothing and saving deleted the date (issue 12, item 3)."""

import datetime

import pytest

from pooling.models import Pool
from tests.browser_support import session_cookie

from .test_pools import make_pool, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_saving_a_pool_without_changing_its_dates_keeps_them(chromium, live_server):
    ann = make_user("Ann")
    start, closing = datetime.date(2027, 1, 4), datetime.date(2026, 12, 20)
    pool = make_pool(ann, start_date=start, closing_date=closing)
    context = chromium.new_context(locale="en-GB")
    context.add_cookies([session_cookie(ann, live_server.url)])
    page = context.new_page()

    page.goto(f"{live_server.url}/pools/{pool.pk}/edit/")
    assert page.get_by_label("When would it start?").input_value() == "2027-01-04"
    assert page.get_by_label("Last day to join").input_value() == "2026-12-20"
    page.get_by_label("Tell people more").fill("Fridays at the cinema, then the pub.")
    page.get_by_role("button", name="Save the changes").click()
    page.get_by_text("Saved.").first.wait_for()

    pool = Pool.objects.get(pk=pool.pk)
    assert pool.description == "Fridays at the cinema, then the pub."
    assert (pool.start_date, pool.closing_date) == (start, closing)
    context.close()
