"""One walk over every page type in pages.py, shared by the axe and reflow test and by
``make screenshots`` (tests/accessibility/screenshots.py).

The walk opens one browser context per person (an anonymous visitor, or a demo person signed
in) and reuses its tab from page to page, so the whole list loads quickly in one browser.
"""

from collections.abc import Iterator

from django.conf import settings
from django.utils import translation

from accounts.demo import demo_user
from tests.browser_support import session_cookie

from .pages import PAGES

# Phone sizes: the narrowest phone still sold (320 px, as WCAG's Reflow asks) and a common one.
PHONE_VIEWPORTS = [(320, 568), (390, 844)]
WIDE_VIEWPORT = (1280, 800)


def resolve(path) -> str:
    """A page's address, worked out in English: a Polish page opened through the test client
    leaves Polish active in the thread, and ``reverse()`` would then give a /pl/ address (the
    page speed benchmark timed some pages in Polish that way)."""
    if not callable(path):
        return path
    with translation.override(settings.LANGUAGE_CODE):
        return path()


def expected_status(name: str) -> int:
    if "(403)" in name:
        return 403
    return 404 if "404" in name else 200


def walk(
    browser, base_url: str, pages=PAGES, viewport=WIDE_VIEWPORT, *, javascript: bool = True
) -> Iterator[tuple]:
    """Yield ``(name, url, page, response)`` for each entry, the page loaded as its person
    (``javascript=False``: as a browser with JavaScript turned off sees it)."""
    cookies = {
        who: session_cookie(demo_user(who), base_url)
        for who in {who for _name, _path, who in pages if who is not None}
    }
    tabs = {}
    try:
        for name, path, who in pages:
            if who not in tabs:
                width, height = viewport
                context = browser.new_context(
                    viewport={"width": width, "height": height}, java_script_enabled=javascript
                )
                if who is not None:
                    context.add_cookies([cookies[who]])
                tabs[who] = context.new_page()
            page = tabs[who]
            page.set_viewport_size({"width": viewport[0], "height": viewport[1]})
            url = base_url + resolve(path)
            response = page.goto(url)
            yield name, url, page, response
    finally:
        for page in tabs.values():
            page.context.close()


# What a person sees: how wide the page is, and where the main heading starts.
MEASURE = """() => {
  const heading = document.querySelector("main h1") || document.querySelector("h1");
  const wide = [];
  if (document.documentElement.scrollWidth > window.innerWidth) {
    for (const node of document.querySelectorAll("body *")) {
      const box = node.getBoundingClientRect();
      if (box.right > window.innerWidth + 1 && box.width > 0) {
        const parentBox = node.parentElement.getBoundingClientRect();
        if (parentBox.right <= window.innerWidth + 1) {
          const name = typeof node.className === "string" ? node.className.trim() : "";
          const classes = name ? "." + name.split(/\\s+/).join(".") : "";
          wide.push(node.tagName.toLowerCase() + classes + " (" + Math.round(box.right) + " px)");
        }
      }
      if (wide.length >= 4) break;
    }
  }
  return {
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    innerHeight: window.innerHeight,
    headingTop: heading ? heading.getBoundingClientRect().top + window.scrollY : null,
    wide: wide,
  };
}"""


def phone_problems(page) -> list[str]:
    """At each phone width: no sideways scrolling, and the main heading in the first screen."""
    problems = []
    for width, height in PHONE_VIEWPORTS:
        page.set_viewport_size({"width": width, "height": height})
        seen = page.evaluate(MEASURE)
        if seen["scrollWidth"] > seen["innerWidth"]:
            problems.append(
                f"at {width} px the page is {seen['scrollWidth']} px wide (scrolls sideways);"
                f" too wide: {', '.join(seen['wide']) or 'unknown'}"
            )
        if seen["headingTop"] is None:
            problems.append(f"at {width} px there is no h1")
        elif seen["headingTop"] >= seen["innerHeight"]:
            problems.append(
                f"at {width} px the h1 starts {round(seen['headingTop'])} px down,"
                f" below the first screen ({seen['innerHeight']} px)"
            )
    return problems
