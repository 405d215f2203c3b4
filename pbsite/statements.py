"""Small read-only queries whose SQL the ORM builds once per process and database, then only runs.

Building a query is 600 to 1,000 Python calls (a subquery more), running a built one a few
dozen; a page that asks the same small question on every request (what a signed-in viewer has
to do with the profile they open) pays the building every time for nothing. A ``Statement`` is
made from a function that returns a ``values()`` queryset for the ids it is given: it is called
once with stand-in ids, its SQL kept, and each run swaps the real ids into the parameters and
converts the row as Django would (booleans, dates). ``pbsite.registry.HeaderCountRegistry``
does the same for the header's counts. ``objects`` runs a queryset of model instances the same
way (its ``select_related()`` included), for a page that shows a list read on every request.

Only ids may vary: anything else the function reads (today's date, a setting, a version kept in
memory) would be frozen into the kept SQL. Each stand-in must reach the SQL as a parameter of
its own, which is checked when the SQL is built.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

#: Stand-ins for the ids while the SQL is built: no row has a negative id.
_FIRST_STAND_IN = -7_654_300


class Statement:
    def __init__(self, build: Callable[..., Any], *names: str):
        self.build = build
        self.names = names
        self._built: dict[str, tuple] = {}

    def row(self, **ids: int) -> dict[str, Any] | None:
        """The query's first row for these ids, as ``values()`` gives it, or None."""
        from django.db import connection

        sql, params, _slots, compiler, columns = self._statement(connection)
        with connection.cursor() as cursor:
            cursor.execute(sql, self._params(connection, ids))
            found = cursor.fetchone()
        if found is None:
            return None
        (converted,) = compiler.results_iter(results=[[found]])
        return dict(zip(columns, converted, strict=True))

    def rows(self, **ids: int) -> list[dict[str, Any]]:
        """Every row of the query for these ids, as ``values()`` gives them."""
        from django.db import connection

        sql, _params, _slots, compiler, columns = self._statement(connection)
        with connection.cursor() as cursor:
            cursor.execute(sql, self._params(connection, ids))
            found = cursor.fetchall()
        return [
            dict(zip(columns, row, strict=True)) for row in compiler.results_iter(results=[found])
        ]

    def objects(self, **ids: int) -> list:
        """The model instances of a (not ``values()``) query for these ids, with the ones it
        ``select_related()``s, as iterating the queryset makes them (Django's ModelIterable,
        less what a related manager's queryset adds)."""
        from django.db import connection
        from django.db.models.query import get_related_populators

        sql, _params, _slots, compiler, _columns = self._statement(connection)
        with connection.cursor() as cursor:
            cursor.execute(sql, self._params(connection, ids))
            found = cursor.fetchall()
        klass_info, select = compiler.klass_info, compiler.select
        model, fields = klass_info["model"], klass_info["select_fields"]
        start, end = fields[0], fields[-1] + 1
        names = [column[0].target.attname for column in select[start:end]]
        related = get_related_populators(klass_info, select, connection.alias)
        made = []
        for row in compiler.results_iter(results=[found]):
            instance = model.from_db(connection.alias, names, row[start:end])
            for populator in related:
                populator.populate(row, instance)
            for name, place in compiler.annotation_col_map.items():
                setattr(instance, name, row[place])
            made.append(instance)
        return made

    def _params(self, connection, ids: dict[str, int]) -> list:
        _sql, params, slots, _compiler, _columns = self._statement(connection)
        params = list(params)
        for place, name in slots:
            params[place] = ids[name]
        return params

    def _statement(self, connection) -> tuple:
        if connection.alias not in self._built:
            stand_ins = {_FIRST_STAND_IN - place: name for place, name in enumerate(self.names)}
            queryset = self.build(**{name: value for value, name in stand_ins.items()})
            query = queryset.query
            compiler = query.get_compiler(connection=connection)
            sql, params = compiler.as_sql()
            # Where each stand-in is among the parameters: the real id goes in its place.
            slots = [
                (place, stand_ins[param])
                for place, param in enumerate(params)
                if type(param) is int and param in stand_ins
            ]
            missing = set(self.names) - {name for _place, name in slots}
            if missing:
                raise ValueError(f"Each id must be a parameter of the SQL: {sorted(missing)}")
            columns = [*query.extra_select, *query.values_select, *query.annotation_select]
            self._built[connection.alias] = (sql, tuple(params), slots, compiler, columns)
        return self._built[connection.alias]
