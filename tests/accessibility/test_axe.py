"""axe-core (WCAG 2.0, 2.1 and 2.2, A and AA) on every page type in pages.py, in Chromium.

The demo site is loaded once, then every page is visited as the visitor or demo person its
entry names. One failure lists every page with problems, so a single run shows them all.
"""

import pytest
from django.core.management import call_command

from accounts.demo import demo_user
from tests.browser_support import axe_violations, session_cookie

from .pages import PAGES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_every_page_type_passes_axe(chromium, live_server):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    cookies = {
        role: session_cookie(demo_user(role), live_server.url)
        for role in {who for _name, _path, who in PAGES if who is not None}
    }
    failures, checked = {}, 0
    for name, path, who in PAGES:
        url = live_server.url + (path() if callable(path) else path)
        context = chromium.new_context()
        if who is not None:
            context.add_cookies([cookies[who]])
        page = context.new_page()
        response = page.goto(url)
        expected = 404 if "404" in name else 200
        if response is None or response.status != expected:
            failures[name] = [f"{url} answered {response and response.status}, not {expected}"]
        elif problems := axe_violations(page):
            failures[name] = problems
        checked += 1
        context.close()
    assert checked == len(PAGES)
    assert not failures, "\n".join(
        f"{name}:\n  " + "\n  ".join(problems) for name, problems in failures.items()
    )
