"""Small read-only queries whose SQL the ORM builds once per process and database, then only runs.

Building a query is 600 to 1,000 Python calls (a subquery more), running a built one a few
dozen; a page that asks the same small question on every request (what a signed-in viewer has
to do with the profile they open) pays the building every time for nothing. A ``Statement`` is
made from a function that returns a queryset for the ids it is given: it is called once with
stand-in ids, its SQL kept, and each run swaps the real ids into the parameters and converts
the rows as Django would (booleans, dates). ``row`` gives the first row of a ``values()``
query as a dict; ``rows`` every row as the queryset gives them (dicts for ``values()``, tuples
for ``values_list()``); ``objects`` the model instances of a plain queryset, with what it
``select_related()``s, for a page that shows a list read on every request.
``pbsite.registry.HeaderCountRegistry`` does the same for the header's counts.

Only ids may vary: anything else the function reads (today's date, a setting, a version kept in
memory) would be frozen into the kept SQL. Each stand-in must reach the SQL as a parameter of
its own, which is checked when the SQL is built. An id may be text (a session's key): a text
column's stand-in reaches the SQL as the stand-in number's text, and the real text goes there.
An id may be a ``uuid.UUID`` (a service's identifier in an address): its stand-in is a UUID no
``uuid4`` makes (version bits 0), and the real one goes where it went, as the backend writes
it (a UUID on PostgreSQL, its 32 hex digits where there is no UUID column type).
An id may be a list of ids (for ``__in``): the
SQL is then built once for each length of list, as ``IN (%s, %s, …)`` has a parameter for
each, a list being made as long as the next power of two with its last id repeated (``IN``
finds the same with an id twice), so a list of any length up to 16 costs at most five builds,
not sixteen; an empty list is refused. A query Django knows finds nothing (``pk__in``
an empty list in the function itself) runs no SQL and gives no rows, as Django's own does.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models.query import ValuesIterable, get_related_populators

#: Stand-ins for the ids while the SQL is built: no row has a negative id.
_FIRST_STAND_IN = -7_654_300


class Statement:
    def __init__(self, build: Callable[..., Any], *names: str):
        self.build = build
        self.names = names
        self._built: dict[tuple, tuple] = {}

    def row(self, using: str = "default", **ids: int | list[int]) -> dict[str, Any] | None:
        """The first row of a ``values()`` query for these ids, as a dict, or None."""
        ids = _padded(ids)
        connection = connections[using]
        found = self._converted(connection, ids, first=True)
        if not found:
            return None
        return dict(zip(self._statement(connection, ids)[4], found[0], strict=True))

    def rows(self, using: str = "default", **ids: int | list[int]) -> list:
        """Every row for these ids, in the query's order, as the queryset gives them: dicts
        for ``values()``, tuples for ``values_list()``."""
        ids = _padded(ids)
        connection = connections[using]
        found = self._converted(connection, ids)
        columns, as_dicts = self._statement(connection, ids)[4:6]
        if as_dicts:
            return [dict(zip(columns, row, strict=True)) for row in found]
        return found

    def objects(self, using: str = "default", **ids: int | list[int]) -> list:
        """The model instances of a (not ``values()``) query for these ids, with the ones it
        ``select_related()``s, as iterating the queryset makes them (Django's ModelIterable,
        less what a related manager's queryset adds)."""
        ids = _padded(ids)
        connection = connections[using]
        compiler = self._statement(connection, ids)[3]
        klass_info, select = compiler.klass_info, compiler.select
        model, fields = klass_info["model"], klass_info["select_fields"]
        start, end = fields[0], fields[-1] + 1
        names = [column[0].target.attname for column in select[start:end]]
        related = get_related_populators(klass_info, select, connection.alias)
        made = []
        for row in self._converted(connection, ids):
            instance = model.from_db(connection.alias, names, row[start:end])
            for populator in related:
                populator.populate(row, instance)
            for name, place in compiler.annotation_col_map.items():
                setattr(instance, name, row[place])
            made.append(instance)
        return made

    def _converted(self, connection, ids: dict, first: bool = False) -> list[tuple]:
        sql, params, slots, compiler, _columns, _as_dicts, converters = self._statement(
            connection, ids
        )
        if sql is None:
            return []
        params = list(params)
        for place, name, index, as_hex in slots:
            value = ids[name] if index is None else ids[name][index]
            params[place] = value.hex if as_hex else value
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            found = cursor.fetchmany(1) if first else cursor.fetchall()
        if converters is None:
            return list(compiler.results_iter(results=[found], tuple_expected=True))
        if not converters:
            return found
        return list(map(tuple, compiler.apply_converters(found, converters)))

    def _statement(self, connection, ids: dict) -> tuple:
        # How many ids each list holds (None for a single id): one SQL for each, and for
        # UUIDs given where numbers were (a stand-in of each kind).
        lengths = tuple(_length(ids[name]) for name in self.names)
        uuids = tuple(_is_uuid(ids[name]) for name in self.names)
        key = (connection.alias, lengths, uuids)
        if key not in self._built:
            # Each stand-in, as (name, its place in the list or None for a single id).
            stand_ins: dict[int, tuple[str, int | None]] = {}
            given: dict[str, int | list[int]] = {}
            for name, length, is_uuid in zip(self.names, lengths, uuids, strict=True):
                places = [None] if length is None else range(length)
                made = []
                for index in places:
                    stand_in = _FIRST_STAND_IN - len(stand_ins)
                    if is_uuid:
                        stand_in = UUID(int=-stand_in)
                    stand_ins[stand_in] = (name, index)
                    made.append(stand_in)
                given[name] = made[0] if length is None else made
            queryset = self.build(**given)
            query = queryset.query
            compiler = query.get_compiler(connection=connection)
            try:
                sql, params = compiler.as_sql()
            except EmptyResultSet:
                # Django knows it finds nothing (an empty ``__in``) and asks nothing.
                sql, params = None, []
            # Where each stand-in is among the parameters: the real id goes in its place (a
            # UUID's as hex digits where its stand-in went as them).
            as_text = {str(value): place for value, place in stand_ins.items()}
            as_hex = {value.hex: place for value, place in stand_ins.items() if type(value) is UUID}
            slots = [
                (place, *found, type(param) is str and param in as_hex)
                for place, param in enumerate(params)
                if (found := _stand_in_of(param, stand_ins, as_text, as_hex))
            ]
            placed = {(name, index) for _place, name, index, _hex in slots}
            unplaced = set(stand_ins.values()) - placed
            if unplaced and sql is not None:
                missing = sorted({name for name, _index in unplaced})
                raise ValueError(f"Each id must be a parameter of the SQL: {missing}")
            columns = [*query.extra_select, *query.values_select, *query.annotation_select]
            as_dicts = queryset._iterable_class is ValuesIterable
            # How each column's value is converted (booleans, dates), worked out once: Django's
            # results_iter works it out for every run, five calls a column. None: composite
            # columns, left to results_iter.
            fields = [column[0] for column in compiler.select[: compiler.col_count]]
            converters = (
                None if compiler.has_composite_fields(fields) else compiler.get_converters(fields)
            )
            built = (sql, tuple(params), slots, compiler, columns, as_dicts, converters)
            self._built[key] = built
        return self._built[key]


def _stand_in_of(param, stand_ins: dict, as_text: dict, as_hex: dict) -> tuple | None:
    """(name, place in its list) of the stand-in a parameter of the built SQL is, if it is one."""
    if type(param) in (int, UUID):
        return stand_ins.get(param)
    if type(param) is str:
        return as_text.get(param) or as_hex.get(param)
    return None


def _padded(ids: dict) -> dict:
    """Each list of ids as long as the next power of two, its last id repeated."""
    padded = None
    for name, value in ids.items():
        if isinstance(value, list | tuple) and value:
            length = 1 << (len(value) - 1).bit_length()
            if length > len(value):
                padded = padded or dict(ids)
                padded[name] = [*value, *[value[-1]] * (length - len(value))]
    return padded or ids


def _is_uuid(ids) -> bool:
    return isinstance(ids[0] if isinstance(ids, list | tuple) and ids else ids, UUID)


def _length(ids: int | list[int] | tuple[int, ...]) -> int | None:
    if not isinstance(ids, list | tuple):
        return None
    if not ids:
        raise ValueError("A list of ids must hold at least one id.")
    return len(ids)


_by_id: dict[type, Statement] = {}


def by_id(model) -> Statement:
    """A statement that reads a row of ``model`` whole by its id (``.objects(pk=...)``), as
    ``model._default_manager.get(pk=...)`` reads it: kept per model, for a page read by its id on
    every view (a Wagtail page found by its address, a Site's root page)."""
    if model not in _by_id:
        _by_id[model] = Statement(lambda pk: model._default_manager.filter(pk=pk).order_by(), "pk")
    return _by_id[model]
