"""In Chromium: the foundation works without JavaScript, and by keyboard alone.

(a) With JavaScript turned off a person signs up (verifying their email from the outbox), signs
in, changes their settings and signs out, and the header's navigation reaches every part.
(b) By keyboard: the first Tab lands on the skip link, which shows when focused and moves focus to
the main content; every control in the header is reached by Tab and shows a visible focus style.
"""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from accounts.models import Role, User
from home.demo import ensure_home_page
from home.models import GuideIndexPage
from pbsite.registry import navigation as NAVIGATION
from tests.accounts.conftest import link_in, make_user
from tests.browser_support import axe_violations, session_cookie
from tests.people import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(live_server):
    """A home page and the guides section, as a new site has them."""
    home = ensure_home_page()
    if not GuideIndexPage.objects.exists():
        home.add_child(instance=GuideIndexPage(title="Guides", slug="guides"))
    return live_server.url


@pytest.fixture
def no_js(chromium):
    context = chromium.new_context(java_script_enabled=False)
    yield context
    context.close()


# --- (a) Without JavaScript --------------------------------------------------------------------


def test_without_javascript_a_person_signs_up_verifies_changes_settings_and_signs_out(site, no_js):
    page = no_js.new_page()
    page.goto(site + "/")
    assert page.evaluate("typeof window.BudgetCircle") == "undefined", "JavaScript is off"
    page.get_by_role("link", name="Join").click()
    page.wait_for_url("**/accounts/signup/")

    # The password rules are read out with the field: the hint it points to holds them.
    hint = page.evaluate(
        """() => {
            const input = document.getElementById('id_password1');
            return input.getAttribute('aria-describedby').split(' ')
                .map(id => document.getElementById(id)?.textContent || '').join(' ');
        }"""
    )
    assert "at least 8 characters" in hint

    # A mistake first: the form comes back with the error and what was typed.
    page.get_by_label("Display name").fill("Zoë H")
    page.get_by_label("Email").fill("zoe@example.com")
    page.get_by_label("Choose a password").fill(PASSWORD)
    page.get_by_label("Type the password again").fill(PASSWORD)
    page.get_by_role("button", name="Create my account").click()
    page.get_by_text("There is a problem").wait_for()
    assert page.get_by_label("Display name").input_value() == "Zoë H"
    assert page.locator("#id_role-error").inner_text().endswith("Choose what brings you here.")
    page.get_by_label("I help someone with their budget (a family carer)").check()
    page.get_by_label("Choose a password").fill(PASSWORD)
    page.get_by_label("Type the password again").fill(PASSWORD)
    page.get_by_role("button", name="Create my account").click()
    page.wait_for_url("**/accounts/confirm-email/")
    assert not EmailAddress.objects.get(email="zoe@example.com").verified
    page.get_by_role("link", name="Sign in").wait_for()  # not signed in until verified

    [message] = mail.outbox
    page.goto(site + link_in(message, "/accounts/confirm-email/"))
    page.get_by_role("button", name="Confirm").click()
    page.get_by_role("button", name="Sign out").wait_for()

    page.get_by_role("link", name="Your settings").click()
    page.wait_for_url("**/accounts/settings/")
    page.get_by_label("Display name").fill("Zoë Hart")
    page.get_by_label("Straight away").check()
    page.get_by_role("button", name="Save settings").click()
    page.get_by_text("Your settings are saved.").wait_for()
    zoe = User.objects.get(email="zoe@example.com")
    assert (zoe.display_name, zoe.email_preference) == ("Zoë Hart", "immediately")
    assert zoe.has_role(Role.CARER)

    page.get_by_role("button", name="Sign out").click()
    page.get_by_role("link", name="Sign in").wait_for()


def test_without_javascript_a_person_signs_in_and_a_mistake_is_shown_plainly(site, no_js):
    maya = make_user("Maya H")
    page = no_js.new_page()
    page.goto(site + "/")
    page.get_by_role("link", name="Sign in").click()
    page.get_by_label("Email").fill(maya.email)
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Sign In").click()
    page.get_by_text("There is a problem").wait_for()
    assert page.get_by_label("Email").input_value() == maya.email

    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.get_by_role("button", name="Sign out").wait_for()
    assert page.url.rstrip("/") == site

    page.get_by_role("link", name="Your settings").click()
    page.get_by_label("About you").fill("I employ two PAs in Cowley.")
    page.get_by_role("button", name="Save settings").click()
    page.get_by_text("Your settings are saved.").wait_for()
    maya.refresh_from_db()
    assert maya.about == "I employ two PAs in Cowley."


def test_without_javascript_the_header_navigation_reaches_every_part(site, no_js):
    page = no_js.new_page()
    for title, url in NAVIGATION:
        page.goto(site + "/")
        nav = page.get_by_role("navigation", name="Main")
        nav.get_by_role("link", name=title, exact=True).click()
        page.wait_for_url(f"**{url}")
        assert page.locator("h1").count() >= 1, url
        assert "can't find that page" not in page.locator("main").inner_text(), url
        current = page.get_by_role("navigation", name="Main").locator('[aria-current="page"]')
        assert current.inner_text() == title

    page.goto(site + "/")
    page.get_by_role("searchbox", name="Search Budget Circle").fill("personal assistant")
    page.get_by_role("search").get_by_role("button", name="Search").click()
    page.wait_for_url("**/search/?q=personal+assistant")


# --- (b) By keyboard alone ---------------------------------------------------------------------

FOCUS_STYLE = """el => {
    const s = getComputedStyle(el);
    return {outline: s.outlineStyle + ' ' + s.outlineWidth + ' ' + s.outlineColor,
            outlineStyle: s.outlineStyle, outlineWidth: parseFloat(s.outlineWidth),
            boxShadow: s.boxShadow, background: s.backgroundColor, color: s.color,
            decoration: s.textDecorationLine};
}"""

HEADER_CONTROLS = """() => Array.from(document.querySelectorAll(
    'header a[href], header button, header input:not([type=hidden]), header select, header textarea'
)).filter(el => el.getClientRects().length > 0).map(el => el.outerHTML.slice(0, 80))"""


def visibly_focused(before: dict, after: dict) -> bool:
    outline = after["outlineStyle"] != "none" and after["outlineWidth"] >= 2
    shadow = after["boxShadow"] != "none" and after["boxShadow"] != before["boxShadow"]
    background = after["background"] != before["background"]
    return (outline and after["outline"] != before["outline"]) or shadow or background


def tab_through_the_header(page) -> list[str]:
    """Tab from the skip link until focus leaves the header; check each control's focus style."""
    unfocused = page.evaluate(
        f"""() => Array.from(document.querySelectorAll('header *'))
            .map(el => [el.outerHTML.slice(0, 80), ({FOCUS_STYLE})(el)])"""
    )
    unfocused = dict(unfocused)
    reached, problems = [], []
    for _ in range(40):
        page.keyboard.press("Tab")
        inside = page.evaluate("() => !!document.activeElement.closest('header')")
        if not inside:
            break
        name = page.evaluate("() => document.activeElement.outerHTML.slice(0, 80)")
        focused = page.evaluate(f"() => ({FOCUS_STYLE})(document.activeElement)")
        if not visibly_focused(unfocused[name], focused):
            problems.append(f"{name}: {unfocused[name]} -> {focused}")
        reached.append(name)
    assert not problems, "no visible focus style:\n" + "\n".join(problems)
    return reached


@pytest.mark.parametrize("signed_in", [False, True], ids=["visitor", "member"])
def test_the_skip_link_comes_first_and_every_header_control_shows_focus(site, chromium, signed_in):
    context = chromium.new_context()
    if signed_in:
        context.add_cookies([session_cookie(make_user("Maya H"), site)])
    page = context.new_page()
    page.goto(site + "/")

    skip = page.get_by_role("link", name="Skip to main content")
    box = skip.bounding_box()
    assert box is None or box["x"] + box["width"] <= 0, "hidden until focused"

    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent") == "Skip to main content"
    box = skip.bounding_box()
    assert box and box["x"] >= 0 and box["y"] >= 0 and box["width"] > 50 and box["height"] > 10
    assert box["x"] + box["width"] <= page.viewport_size["width"]

    reached = tab_through_the_header(page)
    controls = page.evaluate(HEADER_CONTROLS)
    assert reached == controls, "Tab reaches every control in the header, in order"
    expected = ["Sign out", "Your settings"] if signed_in else ["Sign in", "Join"]
    for text in [*expected, *[title for title, _url in NAVIGATION]]:
        assert any(text in control for control in reached), text

    # Back to the top: Enter on the skip link moves focus to the main content.
    page.goto(site + "/")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"
    page.keyboard.press("Tab")
    assert page.evaluate("() => !!document.activeElement.closest('main')"), (
        "the next Tab stays in the main content"
    )
    context.close()


def contrast(foreground: str, background: str) -> float:
    """WCAG contrast ratio of two computed ``rgb(...)`` colours."""

    def luminance(colour: str) -> float:
        red, green, blue = (float(part) for part in re.findall(r"[\d.]+", colour)[:3])
        channels = []
        for value in (red / 255, green / 255, blue / 255):
            channels.append(value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4)
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]

    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_a_focused_header_link_can_still_be_read(site, chromium):
    page = chromium.new_page()
    page.goto(site + "/")
    page.keyboard.press("Tab")  # the skip link
    unreadable = []
    for _ in range(20):
        page.keyboard.press("Tab")
        if not page.evaluate("() => !!document.activeElement.closest('header')"):
            break
        style = page.evaluate(f"() => ({FOCUS_STYLE})(document.activeElement)")
        name = page.evaluate("() => document.activeElement.textContent.trim()")
        if not style["background"].startswith("rgba(0, 0, 0, 0)"):
            ratio = contrast(style["color"], style["background"])
            if ratio < 4.5:
                unreadable.append(f"{name}: {ratio:.1f}:1")
    page.close()
    assert not unreadable, "focused text below 4.5:1 contrast: " + ", ".join(unreadable)


def test_axe_finds_nothing_on_the_failed_email_change_and_sign_up_forms(site, chromium):
    """The email change page is the site's own template now; the hints are block elements."""
    maya = make_user("Maya H")
    context = chromium.new_context()
    context.add_cookies([session_cookie(maya, site)])
    page = context.new_page()
    page.goto(site + "/accounts/email/")
    page.get_by_label("New email address").fill("not-an-email")
    page.get_by_role("button", name="Change email address").click()
    page.get_by_text("There is a problem").wait_for()
    assert page.evaluate("() => document.activeElement.matches('[data-error-summary]')")
    assert axe_violations(page) == []

    visitor = chromium.new_page()
    visitor.goto(site + "/accounts/signup/")
    visitor.get_by_role("button", name="Create my account").click()
    visitor.get_by_text("There is a problem").wait_for()
    assert axe_violations(visitor) == []
    context.close()
