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
