"""axe-core on the directory's page types (the same list the site-wide check uses)."""

import pytest
from django.core.management import call_command

from accounts.demo import demo_user
from tests.accessibility.pages import PAGES
from tests.browser_support import axe_violations, session_cookie

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DIRECTORY_PAGES = [
    page
    for page in PAGES
    if "/directory/" in str(page[1])
    or callable(page[1])
    and page[1].__name__ == "demo_service_editor"
]


def test_directory_pages_pass_axe(chromium, live_server):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    failures = {}
    for name, path, who in DIRECTORY_PAGES:
        context = chromium.new_context()
        if who is not None:
            context.add_cookies([session_cookie(demo_user(who), live_server.url)])
        page = context.new_page()
        response = page.goto(live_server.url + (path() if callable(path) else path))
        if response is None or response.status != 200:
            failures[name] = [f"answered {response and response.status}"]
        elif problems := axe_violations(page):
            failures[name] = problems
        context.close()
    assert len(DIRECTORY_PAGES) >= 10
    assert not failures, "\n".join(f"{n}:\n  " + "\n  ".join(p) for n, p in failures.items())
