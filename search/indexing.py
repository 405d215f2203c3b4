"""The search index hears about a change only once the change is committed.

modelsearch updates the index from ``post_save`` and ``post_delete``, that is inside the
transaction that saves the row. When that transaction is rolled back (a failed form, the loser of
a double submit, a unique constraint) the Whoosh files keep an entry for a row that never
existed, and a rolled-back delete removes the entry of a row that is still there. So every index
write goes through :func:`index_after_commit` or :func:`unindex_after_commit`, which wait for
``transaction.on_commit`` (and are dropped with the transaction or savepoint that rolls back).

``search.apps.WagtailSearchOnCommitConfig`` stands in for ``wagtail.search`` in
``INSTALLED_APPS``: it sets the search app up as usual, then swaps modelsearch's signal handlers
for the ones here. Code that indexes by hand (a service saved with its areas and languages,
a profile's skills) calls
:func:`index_after_commit` too.
"""

from __future__ import annotations

import copy

from django.db import router, transaction
from django.db.models.signals import post_delete, post_save
from modelsearch import index
from modelsearch import signal_handlers as modelsearch_handlers
from modelsearch.tasks import insert_or_update_object_task


def index_after_commit(instance) -> None:
    """Add or update ``instance`` in the search index once the current transaction commits.

    The task reads the row again, so the index gets what was committed, not what this instance
    held. Outside a transaction it is queued at once."""
    model = type(instance)
    app_label, model_name, pk = model._meta.app_label, model._meta.model_name, str(instance.pk)

    def write():
        insert_or_update_object_task.enqueue(app_label, model_name, pk)

    _after_commit(write, instance)


def unindex_after_commit(instance) -> None:
    """Remove ``instance`` from the search index once its deletion is committed."""
    # A copy: once the deletion ends, Django sets the instance's primary key to None, and the
    # index could no longer tell which entry to remove.
    deleted = copy.copy(instance)

    def write():
        index.remove_object(deleted)

    _after_commit(write, instance)


def _after_commit(write, instance) -> None:
    # Marked, so the test suite can tell index writes from other commit hooks (tests/conftest.py).
    write.search_index_write = True
    using = instance._state.db or router.db_for_write(type(instance))
    transaction.on_commit(write, using=using, robust=True)


def _indexed_on_save(instance, **kwargs):
    if kwargs.get("raw", False):  # loading fixtures
        return
    index_after_commit(instance)


def _unindexed_on_delete(instance, **kwargs):
    unindex_after_commit(instance)


def use_after_commit_handlers() -> None:
    for model in index.get_indexed_models():
        if not getattr(model, "search_auto_update", True):
            continue
        post_save.disconnect(modelsearch_handlers.post_save_signal_handler, sender=model)
        post_delete.disconnect(modelsearch_handlers.post_delete_signal_handler, sender=model)
        post_save.connect(_indexed_on_save, sender=model)
        post_delete.connect(_unindexed_on_delete, sender=model)
