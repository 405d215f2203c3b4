"""axe-core in Chromium on every register page type: search (results, none, errors), a profile,
the profile editor, the checks page, contact, the wanted list, an advert and the advert form."""

import os
import shutil

import pytest
from django.test import Client

from accounts.models import Role
from pa_register.models import Advert

from .conftest import make_pa, make_user

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not shutil.which(CHROMIUM), reason="No Chromium found at " + CHROMIUM),
]


def session_cookie(user, live_server):
    client = Client()
    client.force_login(user)
    return {"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}


@pytest.mark.django_db(transaction=True)
def test_register_pages_have_no_axe_violations(live_server, skills):
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright

    pa = make_pa("Axe PA", districts=["OX16"], skills=[skills["hoist"]], slots=["tue-morning"])
    holder = make_user("Axe Holder", role=Role.HOLDER)
    advert = Advert.objects.create(
        author=holder,
        title="PA wanted in Banbury",
        details="Mornings, please.",
        district="OX16",
        kinds=["personal_care"],
        employment="employed",
        rate_pence=1250,
    )
    pages = [
        (None, "/register/"),
        (None, "/register/?where=OX16&kinds=personal_care&skills=hoist"),
        (None, "/register/?where=OX4&language=Klingon"),
        (None, "/register/?where=ZZ+ZZ&max_rate=-5"),
        (None, pa.get_absolute_url()),
        (holder, pa.get_absolute_url()),
        (holder, f"/register/pa/{pa.pk}/contact/"),
        (pa.user, "/register/profile/"),
        (pa.user, "/register/profile/checks/"),
        (None, "/register/wanted/"),
        (None, advert.get_absolute_url()),
        (holder, advert.get_absolute_url()),
        (holder, "/register/wanted/new/"),
    ]
    # Sessions are made before Playwright starts its event loop (no database access inside it).
    cookies = {who: session_cookie(who, live_server) for who in (holder, pa.user)}
    axe = Axe()
    failures = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        for who, path in pages:
            context = browser.new_context()
            if who is not None:
                context.add_cookies([cookies[who]])
            page = context.new_page()
            response = page.goto(live_server.url + path)
            assert response.status == 200, path
            results = axe.run(page)
            if results.violations_count:
                failures[path] = results.generate_report()
            context.close()
        browser.close()
    assert not failures, "\n\n".join(f"{path}\n{report}" for path, report in failures.items())
