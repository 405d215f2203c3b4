"""Wagtail's own test project settings, plus a ``whoosh`` search backend.

``wagtail.tests.test_page_search`` generates a test class for every WAGTAILSEARCH_BACKENDS
entry, so adding one runs Wagtail's page-search tests against the Whoosh backend too.
"""

import tempfile
from pathlib import Path

from wagtail.test.settings import *  # noqa: F403
from wagtail.test.settings import WAGTAILSEARCH_BACKENDS

_TEMP = Path(tempfile.mkdtemp(prefix="bc-wagtail-conformance-"))
MEDIA_ROOT = str(_TEMP / "media")
STATIC_ROOT = str(_TEMP / "static")
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}

WAGTAILSEARCH_BACKENDS["whoosh"] = {
    "BACKEND": "search.backends.whoosh",
    "PATH": str(_TEMP / "search-index"),
}
