"""The navigation marks the part of the site a page is in, and only that part."""

import re

import pytest

from pbsite.templatetags.components import in_section

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path, section, inside",
    [
        ("/forum/", "/forum/", True),
        ("/forum/t/3/", "/forum/", True),
        ("/for-professionals/", "/forum/", False),  # was marked "Forum" (first four letters)
        ("/print-packs/", "/pools/", False),
        ("/my-budget/1/", "/my-budget/", True),
        ("/guides/", "", False),
    ],
)
def test_a_path_is_in_a_section_only_below_its_address(path, section, inside):
    assert in_section(path, section) is inside


def test_the_forum_page_marks_forum_and_nothing_else(client):
    page = client.get("/forum/").content.decode()
    current = re.findall(r'<a href="([^"]*)" aria-current="page">', page)
    assert current == ["/forum/"]


def test_the_forum_page_in_polish_marks_forum_and_nothing_else(client):
    page = client.get("/pl/forum/").content.decode()
    current = re.findall(r'<a href="([^"]*)" aria-current="page">', page)
    assert current == ["/pl/forum/"]
