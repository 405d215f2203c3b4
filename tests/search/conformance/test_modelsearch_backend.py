"""modelsearch's own backend conformance suite, run against the Whoosh backend.

Run on its own (``make test`` does this)::

    .venv/bin/python -m pytest -q -p no:cacheprovider --confcutdir=tests/search/conformance \
        tests/search/conformance/test_modelsearch_backend.py \
        --ds=tests.search.conformance.modelsearch_settings

Count the passes, not the exit code: ``BackendTests.setUp`` skips every test when no
``MODELSEARCH_BACKENDS`` entry names ``backend_path`` exactly.
"""

import shutil
import unittest

from django.conf import settings
from django.test import TestCase
from modelsearch.test.testapp import models
from modelsearch.tests.test_backends import BackendTests, BackendTestSetupMixin

from search.backends.whoosh_store import forget_everything_under


def clear_whoosh_index():
    # Whoosh files are not rolled back with the test's transaction: start each test from an
    # empty folder (setUp then rebuilds the index from the database).
    shutil.rmtree(settings.INDEX_DIR, ignore_errors=True)
    forget_everything_under(settings.INDEX_DIR)


class TestWhooshBackend(BackendTests, TestCase):
    backend_path = "search.backends.whoosh"

    def clear_index_entries(self):
        clear_whoosh_index()

    # The fixture predates the tree-model tests: it has no MPAnimal or NSAnimal rows, so
    # these five fail on every backend for lack of data and are not counted
    # (fixtures/README.md). They are excluded here by name, not faked.
    test_get_ancestors_filter = None
    test_get_children_filter = None
    test_get_descendants_filter = None
    test_get_siblings_filter = None
    test_get_root_nodes_filter = None

    # The fixture has no AgendaItem or Speaker rows ("Doyle" appears nowhere in search.json),
    # so this test cannot pass on any backend with it. It stays in the run as an expected
    # failure (it would report an unexpected success if the data appeared), and
    # TestWhooshWithSuppliedData below runs it with the missing rows created.
    @unittest.expectedFailure
    def test_search_on_nested_related_fields(self):
        return super().test_search_on_nested_related_fields()


class TestWhooshWithSuppliedData(BackendTestSetupMixin, TestCase):
    """The six upstream tests whose rows the fixture lacks, run with those rows created here.

    The assertions are modelsearch's own; only the data (an animal tree, and a meeting with an
    agenda item and a speaker) is added before the index is built.
    """

    backend_path = "search.backends.whoosh"
    fixtures = ["search"]

    def setUp(self):
        for model in (models.MPAnimal, models.NSAnimal):
            animal = model.add_root(name="Animal")
            mammal = animal.add_child(name="Mammal")
            animal = model.objects.get(pk=animal.pk)  # nested-set values moved
            animal.add_child(name="Reptile")
            mammal = model.objects.get(pk=mammal.pk)
            mammal.add_child(name="Dog")
            mammal = model.objects.get(pk=mammal.pk)
            mammal.add_child(name="Cat")
        meeting = models.Meeting.objects.get(name="Stand-up meeting")
        item = models.AgendaItem.objects.create(meeting=meeting, topic="Sherlock Holmes stories")
        models.Speaker.objects.create(agenda_item=item, name="Arthur Conan Doyle")
        super().setUp()

    def clear_index_entries(self):
        clear_whoosh_index()

    test_get_ancestors_filter = BackendTests.test_get_ancestors_filter
    test_get_children_filter = BackendTests.test_get_children_filter
    test_get_descendants_filter = BackendTests.test_get_descendants_filter
    test_get_siblings_filter = BackendTests.test_get_siblings_filter
    test_get_root_nodes_filter = BackendTests.test_get_root_nodes_filter
    test_search_on_nested_related_fields = BackendTests.test_search_on_nested_related_fields
