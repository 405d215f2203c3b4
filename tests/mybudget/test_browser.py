"""The journey on a phone (320 px): a holder sets up a budget, adds a PA's weekly hours and a
line with a receipt, sees what is left, joins a group (its share appears), and downloads a
statement PDF and CSV whose sums match."""

import csv
import datetime
import io

import pypdf
import pytest
from django.utils import timezone

from mybudget.models import RepeatingLine
from pooling import services
from pooling.models import Pool
from tests.browser_support import session_cookie
from tests.people import make_user

from .conftest import png_upload

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fits(page) -> bool:
    # After a click the next page may still be arriving; measure the page that has loaded.
    page.wait_for_load_state()
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_holder_on_a_phone_keeps_their_budget(chromium, live_server, tmp_path):
    maya, ann = make_user("Maya H"), make_user("Ann Coordinator")
    pool = Pool.objects.create(
        coordinator=ann,
        title="Swimming with a shared PA",
        description="Saturdays.",
        category="shared_pa",
        districts=["OX4"],
        cost_per_session_pence=6000,
        min_members=2,
        max_members=4,
        repeat="weekly",
    )
    services.join(pool, ann, pays_with="direct_payment")
    cookie = session_cookie(maya, live_server.url)
    context = chromium.new_context(viewport={"width": 320, "height": 800}, accept_downloads=True)
    context.add_cookies([cookie])
    page = context.new_page()
    start = timezone.localdate() - datetime.timedelta(days=3)

    page.goto(live_server.url + "/my-budget/")
    assert fits(page)
    page.get_by_role("button", name="Set up a budget").click()
    page.get_by_label("What you call this budget").fill("Social care budget")
    page.get_by_label("How much it is").fill("1150")
    page.get_by_label("Every four weeks").check()
    page.get_by_label("Direct payment").check()
    page.get_by_label("When it started").fill(start.isoformat())
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Your budget is set up.").wait_for()
    assert fits(page)

    page.get_by_role("link", name="Add a regular payment, like a PA's weekly hours").click()
    page.get_by_label("A PA's hours at their hourly rate").check()
    page.get_by_label("What it is for").fill("Sam, my PA")
    page.get_by_label("Hours each time (for a PA)").fill("10")
    page.get_by_label("Hourly rate (for a PA)").fill("12")
    page.get_by_label("Every week", exact=True).check()
    page.get_by_label("First payment").fill(start.isoformat())
    page.get_by_role("button", name="Add the regular payment").click()
    page.get_by_text("Added: Sam, my PA, £120 each time.").wait_for()

    receipt = tmp_path / "receipt.png"
    receipt.write_bytes(png_upload().read())
    page.get_by_label("How much").fill("54.50")
    page.get_by_label("What it was for").fill("Art class")
    page.get_by_label("A photo or PDF of the receipt").set_input_files(str(receipt))
    page.get_by_role("button", name="Add the line").click()
    page.get_by_text("Added: Art class, £54.50.").wait_for()
    # £1,150 - 4 weeks of the PA at £120 - £54.50
    assert "You have £615.50 left this four weeks." in page.inner_text("main")
    assert fits(page)

    page.goto(live_server.url + pool.get_absolute_url())
    page.get_by_label("Direct payment").check()
    page.get_by_role("button", name="Join the group").click()
    page.get_by_text("You have joined the group.").wait_for()
    share = RepeatingLine.objects.get(kind="pool_share")
    assert share.amount_pence == 3000

    page.goto(live_server.url + "/my-budget/")
    page.get_by_role("link", name="Social care budget").click()
    main = page.inner_text("main")
    assert "My share: Swimming with a shared PA" in main
    assert "£30 a week" in main
    # Its share each week from today: 4 more payments of £30 before the period ends.
    assert "You have £495.50 left this four weeks." in main

    page.get_by_role("link", name="The statement for this four weeks").click()
    page.wait_for_url("**/statement/")
    assert fits(page)
    with page.expect_download() as pdf_download:
        page.get_by_role("link", name="Download the statement as a PDF").click()
    with page.expect_download() as csv_download:
        page.get_by_role("link", name="Download the lines as a spreadsheet (CSV)").click()
    pdf_path, csv_path = tmp_path / "statement.pdf", tmp_path / "statement.csv"
    pdf_download.value.save_as(pdf_path)
    csv_download.value.save_as(csv_path)

    reader = pypdf.PdfReader(pdf_path)
    assert bool(reader.trailer["/Root"]["/MarkInfo"]["/Marked"])
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert "Money in £1,150" in text and "Money out £654.50" in text
    assert "Balance at the end £495.50" in text
    rows = list(csv.reader(io.StringIO(csv_path.read_text())))
    out = sum(float(r[6]) for r in rows[2:-1] if r[6])
    came_in = sum(float(r[5]) for r in rows[2:-1] if r[5])
    assert (round(came_in, 2), round(out, 2)) == (1150.00, 654.50)
    assert rows[-1][5:] == ["1150.00", "654.50", "495.50"]
    context.close()
