"""Glossary auto-linking: first use only, never inside links or headings, other names, whole
words, any case, and the meaning always available without hovering."""

import pytest
from bs4 import BeautifulSoup

from home.glossary import Entry, TermMatcher, explain_first_uses

DP = Entry("direct-payment", "direct payment", "Money paid to you.", ("DP",))
PA = Entry("personal-assistant", "personal assistant", "Someone you employ.", ("PA",))
PB = Entry("personal-budget", "personal budget", "Money for your support.")
PHB = Entry("personal-health-budget", "personal health budget", "NHS money for your care.")
SELF = Entry("self-assessment", "self-assessment", "Filling in your own form.")
ENTRIES = [DP, PA, PB, PHB, SELF]


def links(html):
    return BeautifulSoup(html, "html.parser").select("a.glossary-term")


def test_first_use_only():
    html = explain_first_uses(
        "<p>A direct payment is money.</p><p>Your direct payment.</p>", ENTRIES
    )
    found = links(html)
    assert len(found) == 1
    assert found[0]["href"] == "/glossary/#direct-payment"
    assert html.endswith("<p>Your direct payment.</p>")


def test_meaning_is_inside_the_link_for_screen_readers_and_focus():
    link = links(explain_first_uses("<p>Get a direct payment.</p>", ENTRIES))[0]
    meaning = link.select_one(".glossary-term__meaning")
    assert meaning.get_text() == " (Money paid to you.)"
    assert link.get_text() == "direct payment (Money paid to you.)"


def test_never_inside_links_or_headings():
    html = explain_first_uses(
        '<h2>Direct payments</h2><p><a href="/x">a direct payment</a></p>'
        "<h3>Your PA</h3><p>Then a direct payment and a PA.</p>",
        ENTRIES,
    )
    soup = BeautifulSoup(html, "html.parser")
    assert soup.h2.get_text() == "Direct payments" and not soup.h2.find("a")
    assert soup.h3.get_text() == "Your PA"
    assert soup.find("a", href="/x").get_text() == "a direct payment"
    assert [a["href"] for a in links(html)] == [
        "/glossary/#direct-payment",
        "/glossary/#personal-assistant",
    ]
    assert not any(a.find_parent("a") for a in links(html))


def test_other_names_count_as_the_term_and_share_its_first_use():
    html = explain_first_uses("<p>Your DP arrives. A direct payment helps.</p>", ENTRIES)
    found = links(html)
    assert len(found) == 1 and found[0].contents[0] == "DP"


def test_case_insensitive_for_words_exact_for_capitals():
    html = explain_first_uses("<p>Direct Payments help. A pa or a spa. Your PA's day.</p>", ENTRIES)
    words = [a.contents[0] for a in links(html)]
    assert words == ["Direct Payments", "PA's"]


def test_whole_words_only():
    html = explain_first_uses(
        "<p>PAYE and DPSX, PArt, UPA, indirect payments, direct paymentsx.</p>", ENTRIES
    )
    assert links(html) == []


def test_longest_name_wins():
    html = explain_first_uses("<p>A personal health budget, then a personal budget.</p>", ENTRIES)
    assert [a["href"] for a in links(html)] == [
        "/glossary/#personal-health-budget",
        "/glossary/#personal-budget",
    ]


def test_hyphens_and_spaces_match_each_other():
    html = explain_first_uses("<p>Do a self assessment.</p>", ENTRIES)
    assert links(html)[0]["href"] == "/glossary/#self-assessment"


def test_terms_in_nested_inline_markup_and_escaping():
    html = explain_first_uses(
        "<p>Use <b>direct payments</b> &amp; <i>more</i> &lt;ok&gt;</p>", ENTRIES
    )
    assert '<b><a class="glossary-term"' in html
    assert "&amp;" in html and "&lt;ok&gt;" in html


def test_meaning_is_escaped():
    hostile = Entry("x", "widget", '<script>alert(1)</script>"')
    html = explain_first_uses("<p>A widget.</p>", [hostile])
    assert "<script>" not in html and "&lt;script&gt;" in html


@pytest.mark.parametrize("html", ["", "<p></p>", "plain text, no tags"])
def test_odd_input_is_harmless(html):
    assert explain_first_uses(html, []) == html
    assert isinstance(explain_first_uses(html, ENTRIES), str)


def test_matcher_ignores_empty_entries():
    matcher = TermMatcher([Entry("", "", ""), DP])
    assert [entry.slug for _m, entry in matcher.finditer("a DP")] == ["direct-payment"]


@pytest.mark.django_db
def test_guide_page_links_glossary_terms_on_first_use(client, guide, glossary_terms):
    html = client.get(guide.url).content.decode()
    soup = BeautifulSoup(html, "html.parser")
    body_links = soup.select(".guide-body a.glossary-term")
    hrefs = [a["href"] for a in body_links]
    # "direct payment" in the paragraph, "PA" in the example, "HMRC" in the warning.
    assert hrefs == [
        "/glossary/#direct-payment",
        "/glossary/#personal-assistant",
        "/glossary/#hmrc",
    ]
    assert not soup.select("h2 a.glossary-term")


# The rendered body is cached (the glossary matching was half a guide's time), never stale.


def guide_body(client, guide) -> str:
    soup = BeautifulSoup(client.get(guide.url).content.decode(), "html.parser")
    return str(soup.select_one(".guide-body"))


def body_links(client, guide) -> list[str]:
    soup = BeautifulSoup(client.get(guide.url).content.decode(), "html.parser")
    return [a.get_text() for a in soup.select(".guide-body a.glossary-term")]


@pytest.mark.django_db
def test_guide_body_is_cached_after_the_first_visit(client, guide, glossary_terms):
    from django.core.cache import caches

    from home.models import kept_glossary, rendered_body_key

    key = rendered_body_key(guide, kept_glossary().digest)
    assert caches["derived"].get(key) is None
    first = guide_body(client, guide)
    assert "glossary-term" in caches["derived"].get(key)
    assert guide_body(client, guide) == first


@pytest.mark.django_db
def test_an_edited_glossary_term_shows_at_once(client, guide, glossary_terms):
    assert body_links(client, guide)[0].startswith("direct payment")
    term = glossary_terms[0]
    term.meaning = "Council money you spend yourself."
    term.save()
    assert "(Council money you spend yourself.)" in body_links(client, guide)[0]
    term.delete()
    assert not any(text.startswith("direct payment") for text in body_links(client, guide))


@pytest.mark.django_db
def test_a_published_edit_shows_at_once(client, guide, glossary_terms):
    assert len(body_links(client, guide)) == 3
    guide.body = [{"type": "paragraph", "value": "<p>Only HMRC here.</p>"}]
    guide.save_revision().publish()
    assert body_links(client, guide) == ["HMRC (The government's tax office.)"]
