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

Visibility that follows a relation (a service is listed only while its organisation is
approved; a PA only while their account is active) is kept in the index as the related
object's FilterFields inside ``index.RelatedFields``. :func:`follow_related_filters` re-indexes
the dependent things when such a related object is saved, so the index's copy stays current.
"""

from __future__ import annotations

import copy

from django.db import router, transaction
from django.db.models.signals import post_delete, post_save
from modelsearch import index
from modelsearch import signal_handlers as modelsearch_handlers
from modelsearch.tasks import insert_or_update_object_task

from . import spelling


def index_after_commit(instance) -> None:
    """Add or update ``instance`` in the search index once the current transaction commits.

    The task reads the row again, so the index gets what was committed, not what this instance
    held. Outside a transaction it is queued at once."""
    model = type(instance)
    app_label, model_name, pk = model._meta.app_label, model._meta.model_name, str(instance.pk)

    def write():
        insert_or_update_object_task.enqueue(app_label, model_name, pk)
        spelling.content_changed()

    _after_commit(write, instance)


def unindex_after_commit(instance) -> None:
    """Remove ``instance`` from the search index once its deletion is committed."""
    # A copy: once the deletion ends, Django sets the instance's primary key to None, and the
    # index could no longer tell which entry to remove.
    deleted = copy.copy(instance)

    def write():
        index.remove_object(deleted)
        spelling.content_changed()

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


def related_filter_dependents() -> list[tuple[type, type, str, frozenset[str]]]:
    """(related model, indexed model, foreign key name, the related fields the index copies)
    for every ``RelatedFields`` along a foreign key that holds FilterFields."""
    found = []
    for model in index.get_indexed_models():
        for field in model.get_search_fields():
            if not isinstance(field, index.RelatedFields):
                continue
            filters = [sub for sub in field.fields if isinstance(sub, index.FilterField)]
            if not filters:
                continue
            relation = field.get_field(model)
            if not (relation.many_to_one or relation.one_to_one) or not relation.concrete:
                continue
            related = relation.related_model
            names = frozenset(sub.field_name for sub in filters) | frozenset(
                sub.get_attname(related) for sub in filters
            )
            found.append((related, model, relation.name, names))
    return found


def _reindex_dependents(model, relation_name, names):
    def handler(instance, **kwargs):
        if kwargs.get("raw", False):
            return
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and not names & set(update_fields):
            return  # a login's last_login, say: nothing the index copies
        for dependent in model._default_manager.filter(**{relation_name: instance.pk}):
            index_after_commit(dependent)

    return handler


def follow_related_filters() -> None:
    for related, model, relation_name, names in related_filter_dependents():
        handler = _reindex_dependents(model, relation_name, names)
        post_save.connect(handler, sender=related, weak=False)


def use_after_commit_handlers() -> None:
    for model in index.get_indexed_models():
        if not getattr(model, "search_auto_update", True):
            continue
        post_save.disconnect(modelsearch_handlers.post_save_signal_handler, sender=model)
        post_delete.disconnect(modelsearch_handlers.post_delete_signal_handler, sender=model)
        post_save.connect(_indexed_on_save, sender=model)
        post_delete.connect(_unindexed_on_delete, sender=model)
    follow_related_filters()
