"""Wagtail's page-search tests, which run once per WAGTAILSEARCH_BACKENDS entry (ours included).

Run on its own (``make test`` does this)::

    .venv/bin/python -m pytest -q -p no:cacheprovider --confcutdir=tests/search/conformance \\
        tests/search/conformance/test_wagtail_page_search.py \\
        --ds=tests.search.conformance.wagtail_settings
"""

from django.conf import settings
from wagtail.tests.test_page_search import *  # noqa: F403

# Fail loudly if the settings slip: without the entry no Whoosh test class is generated.
assert settings.WAGTAILSEARCH_BACKENDS["whoosh"]["BACKEND"] == "search.backends.whoosh"
assert "TestWhooshBackend" in globals()
