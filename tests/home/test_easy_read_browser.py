"""In Chromium: the demo's Easy Read versions and leaflets print on one or two A4 pages, and
"Listen" reads the page with the browser's speech, shown only where the browser can speak."""

import io

import pypdf
import pytest
from playwright.sync_api import expect

from home import demo
from home.models import EasyReadPage, PrintPackPage

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

A4_PORTRAIT = (595, 842)


@pytest.fixture
def demo_pages(db):
    demo.load(io.StringIO())
    return list(EasyReadPage.objects.live()), list(PrintPackPage.objects.live())


def printed_pages(page) -> list:
    reader = pypdf.PdfReader(io.BytesIO(page.pdf(format="A4", print_background=False)))
    return reader.pages


def test_easy_read_pages_and_leaflets_print_on_one_or_two_a4_sheets(
    chromium, live_server, demo_pages
):
    easy_reads, packs = demo_pages
    assert {easy.get_parent().slug for easy in easy_reads} == {
        "you-have-been-offered-a-direct-payment",
        "what-is-a-personal-budget",
        "personal-health-budgets",
        "care-charges-and-the-financial-assessment",
        "ways-to-hold-the-money",
        "emergency-cover",
    }
    assert {pack.audience for pack in packs} == {"gp-surgery", "hospital-ward", "housing-office"}
    page = chromium.new_page()
    page.emulate_media(media="print")
    for easy in easy_reads:
        page.goto(live_server.url + easy.url)
        sheets = printed_pages(page)
        assert 1 <= len(sheets) <= 2, f"{easy.url} prints on {len(sheets)} pages"
    for pack in packs:
        page.goto(live_server.url + pack.url)
        sheets = printed_pages(page)
        assert len(sheets) == 1, f"{pack.url} prints on {len(sheets)} pages"
        text = sheets[0].extract_text()
        assert "03069 990123" in text and "Talk to a person" in text
        assert "Download the leaflet" not in text  # only the leaflet comes out
    page.close()


# A stand-in for the browser's speech engine, so the test hears what would be said.
FAKE_SPEECH = """
window.__spoken = [];
Object.defineProperty(window, "speechSynthesis", { configurable: true, value: {
  speak(u) {
    window.__spoken.push(u.text);
    if (!window.__hold) { setTimeout(() => u.onend && u.onend(), 5); }
  },
  pause() { window.__paused = true; }, resume() { window.__paused = false; },
  cancel() { window.__cancelled = (window.__cancelled || 0) + 1; },
} });
"""


def test_listen_reads_the_page_aloud_and_is_kept_to_the_keyboard(chromium, live_server, demo_pages):
    easy = demo_pages[0][0]
    context = chromium.new_context()
    context.add_init_script("window.__hold = true;" + FAKE_SPEECH)
    page = context.new_page()
    page.goto(live_server.url + easy.url)
    control = page.locator("[data-listen]")
    assert control.is_visible()
    play = page.get_by_role("button", name="Listen to this page")
    play.focus()
    page.keyboard.press("Enter")
    first = page.evaluate("window.__spoken[0]")
    assert first == easy.title
    assert page.locator("[data-listen-status]").text_content() == "Reading aloud."
    assert page.evaluate("document.activeElement.textContent") == "Pause"
    page.keyboard.press("Enter")  # pause
    assert page.evaluate("window.__paused") is True
    assert page.get_by_role("button", name="Carry on listening").is_enabled()
    page.get_by_role("button", name="Stop").click()
    assert page.locator("[data-listen-status]").text_content() == "Stopped."
    assert page.get_by_role("button", name="Pause").is_disabled()
    context.close()

    # Read to the end: every line, in order, and never the "not checked" notice.
    context = chromium.new_context()
    context.add_init_script(FAKE_SPEECH)
    page = context.new_page()
    page.goto(live_server.url + easy.url)
    page.get_by_role("button", name="Listen to this page").click()
    expect(page.locator("[data-listen-status]")).to_have_text("Finished reading.")
    spoken = page.evaluate("window.__spoken")
    lines = [block.value["text"] for block in easy.body if block.block_type == "line"]
    assert [text for text in spoken if text in lines] == lines
    assert not any("have not checked" in text for text in spoken)
    context.close()


def test_listen_is_hidden_without_javascript_or_speech(chromium, live_server, demo_pages):
    easy = demo_pages[0][0]
    for options, script in (
        ({"java_script_enabled": False}, None),
        ({}, 'Object.defineProperty(window, "speechSynthesis", { value: undefined });'),
    ):
        context = chromium.new_context(**options)
        if script:
            context.add_init_script(script)
        page = context.new_page()
        page.goto(live_server.url + easy.get_parent().url)
        assert page.locator("[data-listen]").count() == 1
        assert not page.locator("[data-listen]").is_visible()
        assert page.get_by_role("link", name="Read this in Easy Read").is_visible()
        context.close()
