import os

import pytest

# The conformance suites need their own settings (modelsearch's test app, Wagtail's test
# project), so they run as separate pytest invocations (see the Makefile) and are left out of
# the main run.
if not os.environ.get("DJANGO_SETTINGS_MODULE", "").startswith("tests.search.conformance"):
    collect_ignore = ["conformance"]


@pytest.fixture
def index_path(tmp_path):
    return tmp_path / "search-index"


@pytest.fixture
def whoosh(settings, index_path):
    """The Whoosh backend as the site's default, in a fresh folder, whatever SEARCH_BACKEND says."""
    from modelsearch.backends import get_search_backend

    from search.backends.whoosh_store import forget_everything_under

    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "search.backends.whoosh", "PATH": str(index_path)}
    }
    yield get_search_backend()
    forget_everything_under(index_path)


@pytest.fixture
def root_page(db):
    from wagtail.models import Page

    return Page.objects.get(depth=1)


def add_page(parent, title, *, live=True, **fields):
    from django.utils.text import slugify
    from wagtail.models import Page

    page = Page(title=title, slug=slugify(title)[:50], live=live, **fields)
    parent.add_child(instance=page)
    return page


GUIDE_TITLES = [
    "Hiring a personal assistant",
    "Paying your personal assistant through payroll",
    "Direct payments explained",
    "Managed accounts and direct payments",
    "Hoist training for assistants",
]


@pytest.fixture
def guides(whoosh, root_page):
    """Five live pages and one draft, indexed through the save signal like any page."""
    from django.utils import timezone

    pages = {}
    for number, title in enumerate(GUIDE_TITLES):
        published = timezone.now() - timezone.timedelta(days=10 * (number + 1))
        pages[title] = add_page(root_page, title, first_published_at=published)
    pages["draft"] = add_page(root_page, "Draft about holiday cover", live=False)
    return pages
