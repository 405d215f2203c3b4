"""A browser journey: two people form a pool, both accept the agreement, and download it."""

import pytest

from pooling.models import Pool
from tests.browser_support import session_cookie

from .test_pools import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_two_people_form_a_pool_agree_and_download_the_agreement(chromium, live_server, tmp_path):
    ann, bo = make_user("Ann"), make_user("Bo")
    cookies = {person: session_cookie(person, live_server.url) for person in (ann, bo)}

    def page_for(person):
        context = chromium.new_context(accept_downloads=True)
        context.add_cookies([cookies[person]])
        return context.new_page()

    coordinator = page_for(ann)
    coordinator.goto(live_server.url + "/pools/new/")
    coordinator.get_by_label("What does the group want to buy?").fill("Shared PA for the cinema")
    coordinator.get_by_label("Tell people more").fill("Fridays at the Ultimate Picture Palace.")
    coordinator.get_by_label("A shared personal assistant").check()
    coordinator.get_by_label("Which areas?").fill("ox4")
    coordinator.get_by_label("Share the cost equally").check()
    coordinator.get_by_label("Total cost for each session (£)").fill("60")
    coordinator.get_by_label("Fewest people needed").fill("2")
    coordinator.get_by_label("Most people who can join").fill("3")
    coordinator.get_by_label("More than half of members agree").check()
    coordinator.get_by_label("On the pooling board, for anyone to find").check()
    coordinator.get_by_role("button", name="Put the group on the board").click()
    coordinator.get_by_text("Your group is on the board.").wait_for()
    coordinator.get_by_label("Direct payment").check()
    coordinator.get_by_role("button", name="Join the group").click()
    coordinator.get_by_text("You have joined the group.").wait_for()
    pool_url = coordinator.url

    member = page_for(bo)
    member.goto(pool_url)
    assert "If you join, your share would be about £30" in member.content()
    member.get_by_label("Individual service fund").check()
    member.get_by_role("button", name="Join the group").click()
    member.get_by_text("You have joined the group.").wait_for()
    member.get_by_role("button", name="I accept this agreement").click()
    member.get_by_text("You have accepted the agreement.").wait_for()

    coordinator.goto(pool_url)
    coordinator.get_by_role("button", name="I accept this agreement").click()
    coordinator.get_by_text("Everyone has agreed: ready to start").first.wait_for()
    assert Pool.objects.get().state == "agreed"

    coordinator.get_by_role("link", name="Read the agreement").click()
    with coordinator.expect_download() as download_info:
        coordinator.get_by_role("button", name="Download as a PDF").click()
    pdf = tmp_path / "agreement.pdf"
    download_info.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize("width", [320, 390])
def test_the_demo_agreement_and_decisions_pages_fit_a_phone(chromium, live_server, width):
    """At 320 and 390 px the agreement's shares table and the quotes table stack into labelled
    lines instead of making the page scroll sideways (WCAG 1.4.10, Reflow)."""
    import io
    import threading

    from django.db import connection

    from accounts import demo as people_demo
    from accounts.demo import demo_user
    from accounts.models import Role
    from pooling import demo as pooling_demo

    def load():  # in its own thread: notifying live must not run inside Playwright's loop
        people_demo.load(io.StringIO())
        pooling_demo.load(io.StringIO())
        connection.close()

    loader = threading.Thread(target=load)
    loader.start()
    loader.join()
    agreed = Pool.objects.get(state="agreed")
    deciding = Pool.objects.get(state="viable")
    context = chromium.new_context(viewport={"width": width, "height": 800})
    context.add_cookies([session_cookie(demo_user(Role.HOLDER), live_server.url)])
    page = context.new_page()
    for path in (f"/pools/{agreed.pk}/agreement/", f"/pools/{deciding.pk}/decisions/"):
        page.goto(live_server.url + path)
        assert page.get_by_role("heading", level=1).is_visible()
        wide = page.evaluate("document.documentElement.scrollWidth")
        assert wide <= page.evaluate("window.innerWidth"), f"{path} is {wide} px wide"
    page.goto(live_server.url + f"/pools/{agreed.pk}/agreement/")
    # Each member's row still reads as labelled values, and still is a table to assistive tech.
    label = page.evaluate(
        "getComputedStyle(document.querySelector('.pool-table td'), '::before').content"
    )
    assert label.startswith('"Each session: "')
    assert page.get_by_role("table").count() == 1
    context.close()
