"""In Chromium: a glossary word's meaning shows on keyboard focus (no hover, no script needed),
and axe finds nothing on a guide."""

import pytest

from .conftest import make_guide

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def browser_page(chromium):
    page = chromium.new_page()
    yield page
    page.close()


@pytest.fixture
def guide_url(live_server, guide_index, glossary_terms):
    from wagtail.models import Site

    Site.objects.filter(is_default_site=True).update(hostname="localhost", port=80)
    guide = make_guide(guide_index, "Direct payments")
    return live_server.url + guide.url


def meaning_width(page):
    return page.eval_on_selector(
        ".guide-body a.glossary-term .glossary-term__meaning",
        "element => element.getBoundingClientRect().width",
    )


def test_glossary_meaning_shows_on_keyboard_focus(browser_page, guide_url):
    page = browser_page
    page.goto(guide_url)
    assert meaning_width(page) <= 1  # hidden visually, still in the accessible name
    name = page.eval_on_selector(".guide-body a.glossary-term", "a => a.textContent")
    assert "Money paid to you." in name
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('glossary-term')"):
            break
    else:
        pytest.fail("Tab never reached the glossary word")
    assert meaning_width(page) > 50


def test_axe_finds_nothing_on_a_guide(browser_page, guide_url):
    from axe_playwright_python.sync_playwright import Axe

    browser_page.goto(guide_url)
    results = Axe().run(browser_page)
    assert results.violations_count == 0, results.generate_report()
