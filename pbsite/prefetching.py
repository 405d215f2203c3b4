"""Related rows prefetched as plain lists, and read the same way whether or not they were.

Django's ``prefetch_related("skills")`` builds a filtered queryset on every object only to hold
its rows: on a page of twenty results with four prefetches, eighty querysets, about a fifth of
"find support" (``make bench-pages``). ``Prefetch(to_attr=...)`` stores a list instead. Here is
one convention for the attribute, so that a model reads its rows through :func:`rows` and gets
the prefetched list when there is one, or asks the database when the object was loaded any
other way::

    PAProfile.objects.prefetch_related(*as_lists("skills"), as_list("checks", ordered_checks))
    rows(profile, "skills")
"""

from __future__ import annotations

from django.db.models import Prefetch


def _attribute(relation: str) -> str:
    return f"_listed_{relation}"


def as_list(relation: str, queryset=None) -> Prefetch:
    """Prefetch ``relation`` (optionally through ``queryset``) as a list for :func:`rows`."""
    return Prefetch(relation, queryset=queryset, to_attr=_attribute(relation))


def as_lists(*relations: str) -> list[Prefetch]:
    return [as_list(relation) for relation in relations]


def attach_lists(objects, relation: str, related, key: str) -> None:
    """Give each of ``objects`` its ``relation``'s rows as :func:`rows` reads them, from
    ``related``: the rows of all of them, read at once in their order (as by a
    ``pbsite.statements.Statement``), each naming its object's id in its attribute ``key``."""
    by_object: dict = {}
    for row in related:
        by_object.setdefault(getattr(row, key), []).append(row)
    for obj in objects:
        setattr(obj, _attribute(relation), by_object.get(obj.pk, []))


def rows(obj, relation: str) -> list:
    """The object's related rows: the prefetched list, or one query when there is none."""
    listed = getattr(obj, _attribute(relation), None)
    return listed if listed is not None else list(getattr(obj, relation).all())


def keep_rows(obj, relation: str, found: list) -> None:
    """Give the object its related rows, read some other way, for :func:`rows` to read."""
    setattr(obj, _attribute(relation), found)
