"""axe-core in Chromium on every register page type: search (results, none, errors), a profile,
the profile editor, the checks page, contact, the wanted list, an advert and the advert form."""

import pytest

from accounts.models import Role
from pa_register.models import Advert
from tests.browser_support import axe_violations, session_cookie

from .conftest import make_pa, make_user

pytestmark = [pytest.mark.browser]


@pytest.mark.django_db(transaction=True)
def test_register_pages_have_no_axe_violations(chromium, live_server, skills):
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
    cookies = {who: session_cookie(who, live_server.url) for who in (holder, pa.user)}
    failures = {}
    for who, path in pages:
        context = chromium.new_context()
        if who is not None:
            context.add_cookies([cookies[who]])
        page = context.new_page()
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        if problems := axe_violations(page):
            failures[path] = problems
        context.close()
    assert not failures, "\n".join(f"{path}: {problems}" for path, problems in failures.items())
