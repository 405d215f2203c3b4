"""What people see in a real browser, beyond what axe checks: search results first on a phone,
filters one tap away without JavaScript, suggestions under the search box (not over it), guide
checklists that read as sentences, and guides that print compactly with full addresses."""

import io

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 320, "height": 568}

# For each checklist item: does any piece of it (a run of text, a link) start beside an earlier
# piece that carries on below it? That is what a flex item does: the text before a link becomes
# a narrow column, and the link another one beside it.
CHECKLIST_COLUMNS = """() => {
  const broken = [];
  for (const item of document.querySelectorAll(".checklist__list li")) {
    const pieces = [];
    for (const node of item.childNodes) {
      if (node.nodeType === 1 && node.classList.contains("checklist__box")) continue;
      const range = document.createRange();
      if (node.nodeType === 3) range.selectNodeContents(node); else range.selectNode(node);
      const rects = Array.from(range.getClientRects()).filter((r) => r.width > 0);
      if (rects.length) pieces.push(rects);
    }
    for (let i = 1; i < pieces.length; i++) {
      const before = pieces[i - 1], after = pieces[i];
      if (after[0].top < before[before.length - 1].top - 2) {
        broken.push(item.textContent.trim().slice(0, 60));
        break;
      }
    }
  }
  return broken;
}"""


def _top(page, selector: str) -> float:
    return page.eval_on_selector(selector, "node => node.getBoundingClientRect().top + scrollY")


def search_results_come_first_on_a_phone_and_filters_work_without_javascript(chromium, base):
    context = chromium.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    for path, results in (
        ("/register/?where=OX16&kinds=personal_care&sort=best", "PA"),
        ("/directory/?where=OX4&pay=direct_payments&sort=best", "service"),
    ):
        page.goto(base + path)
        # What was chosen, in words, then the results, within the first two screens.
        summary = page.locator(".filter-summary").inner_text()
        assert "OX16" in summary or "OX4" in summary, summary
        assert _top(page, "#results-title") < 2 * PHONE["height"], path
        assert _top(page, ".result-list li") < 2 * PHONE["height"], path
        assert f"{results}" in page.locator("#results-title").inner_text()
        # The filters are folded away, one tap (no JavaScript) from being used.
        where = page.get_by_label("Postcode or town")
        assert not where.is_visible()
        page.get_by_text("Change your search").click()
        assert where.is_visible()
        where.fill("OX4" if "OX16" in path else "OX16")
        page.locator(".filter-panel__form button[type=submit]").click()
        page.wait_for_load_state()
        assert ("where=OX4" in page.url) != ("where=OX4" in path)
        assert page.locator(".filter-summary").is_visible()
    context.close()


def search_suggestions_open_under_the_box_and_the_button(chromium, base):
    for width, height in ((1280, 800), (390, 844)):
        context = chromium.new_context(viewport={"width": width, "height": height})
        page = context.new_page()
        # The header's box has its button beside it; the search page's box has it below.
        for path, box in (("/", "#site-search-q"), ("/search/", "#id_q")):
            page.goto(base + path)
            page.locator(box).press_sequentially("personal", delay=20)
            suggestions = page.locator(f"#{page.get_attribute(box, 'aria-controls')}")
            suggestions.wait_for(state="visible")
            listed = suggestions.bounding_box()
            typed = page.locator(box).bounding_box()
            where = f"{path} at {width} px: list at {listed}, box at {typed}"
            assert listed["y"] >= typed["y"] + typed["height"] - 1, where
            if box == "#site-search-q":
                button = page.locator(".site-search button").bounding_box()
                assert listed["y"] >= button["y"] + button["height"] - 1, where
        context.close()


def guide_checklists_read_as_sentences_and_the_guide_prints_compactly(chromium, base):
    from pypdf import PdfReader

    # A guide of "About 3 minutes", with links and glossary words in its checklist.
    guide = "/guides/getting-paid-from-a-personal-budget/"
    context = chromium.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(base + guide)
    assert "About 3 minutes" in page.content()
    assert page.locator(".checklist__list li a.glossary-term").count() >= 2
    for width in (320, 1280):
        page.set_viewport_size({"width": width, "height": 800})
        assert page.evaluate(CHECKLIST_COLUMNS) == [], f"checklist in columns at {width} px"
    page.emulate_media(media="print")
    assert page.evaluate(CHECKLIST_COLUMNS) == [], "checklist in columns on paper"

    pdf = PdfReader(io.BytesIO(page.pdf(format="A4", prefer_css_page_size=True)))
    text = "\n".join(sheet.extract_text() for sheet in pdf.pages)
    flat = " ".join(text.split())
    assert len(pdf.pages) <= 3, f"{len(pdf.pages)} A4 pages for a 3-minute guide"
    # A link to the site is printed with the site's address, not just "/forum/…".
    assert f"({base}/forum/buddies/)" in flat.replace(" ", "") or (
        f"{base}/forum/buddies/" in flat
    ), flat[-1500:]
    assert "(/forum/" not in flat.replace(" ", "")
    assert flat.count("Talk to a person") == 1
    context.close()


def test_what_people_see_on_a_phone_on_a_desktop_and_on_paper(chromium, live_server):
    """Three journeys on one demo site (loading it is the slow part)."""
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    search_results_come_first_on_a_phone_and_filters_work_without_javascript(
        chromium, live_server.url
    )
    search_suggestions_open_under_the_box_and_the_button(chromium, live_server.url)
    guide_checklists_read_as_sentences_and_the_guide_prints_compactly(chromium, live_server.url)
