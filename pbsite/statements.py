"""Small read-only queries whose SQL the ORM builds once per process and database, then only runs.

Building a query is 600 to 1,000 Python calls (a subquery more), running a built one a few
dozen; a page that asks the same small question on every request (what a signed-in viewer has
to do with the profile they open) pays the building every time for nothing. A ``Statement`` is
made from a function that returns a ``values()`` queryset for the ids it is given: it is called
once with stand-in ids, its SQL kept, and each run swaps the real ids into the parameters and
converts the rows as Django would (booleans, dates): ``row`` gives the first as a dict,
``rows`` every one as a tuple. ``pbsite.registry.HeaderCountRegistry`` does the same for the
header's counts.

Only ids may vary: anything else the function reads (today's date, a setting, a version kept in
memory) would be frozen into the kept SQL. Each stand-in must reach the SQL as a parameter of
its own, which is checked when the SQL is built.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import connections

#: Stand-ins for the ids while the SQL is built: no row has a negative id.
_FIRST_STAND_IN = -7_654_300


class Statement:
    def __init__(self, build: Callable[..., Any], *names: str):
        self.build = build
        self.names = names
        self._built: dict[str, tuple] = {}

    def row(self, using: str = "default", **ids: int) -> dict[str, Any] | None:
        """The query's first row for these ids, as ``values()`` gives it, or None."""
        found = self._run(using, ids, first=True)
        if not found:
            return None
        columns = self._statement(connections[using])[4]
        return dict(zip(columns, found[0], strict=True))

    def rows(self, using: str = "default", **ids: int) -> list[tuple]:
        """Every row for these ids, as ``values_list()`` gives them (converted as the ORM
        converts them), in the query's order."""
        return self._run(using, ids)

    def _run(self, using: str, ids: dict[str, int], first: bool = False) -> list[tuple]:
        connection = connections[using]
        sql, params, slots, compiler, _columns = self._statement(connection)
        params = list(params)
        for place, name in slots:
            params[place] = ids[name]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            found = cursor.fetchmany(1) if first else cursor.fetchall()
        return list(compiler.results_iter(results=[found], tuple_expected=True))

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
