"""Every page type in pages.py, in Chromium, as the visitor or demo person its entry names:

- axe-core (WCAG 2.0, 2.1 and 2.2, A and AA) at 1280 px;
- what a person on a phone sees, at 320 and 390 px: the page never scrolls sideways (WCAG 1.4.10
  Reflow: ``document.documentElement.scrollWidth`` no wider than the window) and the main heading
  starts in the first screen.

The demo site is loaded once and each person's tab is reused (tests/accessibility/browsing.py).
One failure lists every page with problems, so a single run shows them all.
"""

import pytest
from django.core.management import call_command

from tests.browser_support import axe_violations

from .browsing import expected_status, phone_problems, walk
from .pages import PAGES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_every_page_type_passes_axe_and_fits_a_phone(chromium, live_server):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    axe_failures, phone_failures, checked = {}, {}, 0
    for name, url, page, response in walk(chromium, live_server.url):
        checked += 1
        expected = expected_status(name)
        if response is None or response.status != expected:
            axe_failures[name] = [f"{url} answered {response and response.status}, not {expected}"]
            continue
        if problems := axe_violations(page):
            axe_failures[name] = problems
        if problems := phone_problems(page):
            phone_failures[name] = [f"{url} {problem}" for problem in problems]
    assert checked == len(PAGES)
    report = [
        f"{kind} – {name}:\n  " + "\n  ".join(problems)
        for kind, failures in (("axe", axe_failures), ("phone", phone_failures))
        for name, problems in failures.items()
    ]
    assert not report, "\n".join(report)
