"""In Chromium: the search box's suggestions work by keyboard alone, and the search page works
the same with JavaScript switched off."""

import pytest
from playwright.sync_api import expect

from home.models import GlossaryTerm
from tests.browser_support import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def terms(settings, tmp_path):
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "search.backends.whoosh", "PATH": str(tmp_path / "index")}
    }
    return [
        GlossaryTerm.objects.create(
            term="Personal assistant", slug="personal-assistant", meaning="Someone you employ."
        ),
        GlossaryTerm.objects.create(
            term="Personal budget", slug="personal-budget", meaning="Money for your support."
        ),
    ]


def test_suggestions_by_keyboard(chromium, live_server, terms):
    page = chromium.new_page()
    page.goto(live_server.url + "/search/")
    box = page.locator("#site-search-q")  # the box in the header, on every page
    box.focus()
    page.keyboard.type("person")
    options = page.get_by_role("option")
    expect(options).to_have_count(2, timeout=10_000)
    expect(box).to_have_attribute("aria-expanded", "true")
    assert axe_violations(page) == []
    page.keyboard.press("ArrowDown")
    first = options.first
    expect(first).to_have_attribute("aria-selected", "true")
    assert box.get_attribute("aria-activedescendant") == first.get_attribute("id")
    page.keyboard.press("Escape")
    expect(box).to_have_attribute("aria-expanded", "false")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url("**/glossary/**")
    page.close()


def test_search_page_without_javascript(chromium, live_server, terms):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/search/")
    page.get_by_label("What are you looking for?").fill("persnal budgt")
    page.get_by_role("button", name="Search").last.click()
    expect(page.locator(".search-results")).to_contain_text("Personal budget")
    expect(page.locator("body")).to_contain_text("We changed your spelling")
    page.get_by_role("link", name="Words explained (2)").click()
    expect(page.locator(".search-results li")).to_have_count(2)
    context.close()
