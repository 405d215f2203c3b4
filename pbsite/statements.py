"""Queries whose SQL the ORM builds once per process, then only runs for a row's id.

Building a query (a queryset, its filters, its compiler, its SQL) costs the ORM some six hundred
Python calls, however small the query; running it, a few dozen. A page that reads the same few
small things of each row it shows (a service's areas, languages and venue, for its form) can
have their SQL built once, with a stand-in id, and then run with the real one, as the header's
counts are (``pbsite.registry.HeaderCountRegistry``). The rows are what the ORM's own query
gives, as plain tuples: only for columns that need no conversion from the database (text,
numbers), since the ORM's converters are not run.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import connections
from django.db.models import QuerySet

#: Stands for the row's id while the SQL is built; replaced by the real id each time.
STAND_IN = -7_654_321


class BuiltOnce:
    """``BuiltOnce(lambda row_id: queryset)``: ``rows(row_id)`` runs that queryset's SQL for
    ``row_id``, built once per process and database. The queryset must use the id it is given
    only as a parameter (a filter's value), never in its shape."""

    def __init__(self, build: Callable[[int], QuerySet]):
        self.build = build
        self._statements: dict[str, tuple[str, list]] = {}

    def rows(self, row_id: int, using: str = "default") -> list[tuple]:
        sql, params = self._statement(using)
        with connections[using].cursor() as cursor:
            cursor.execute(sql, [row_id if param == STAND_IN else param for param in params])
            return cursor.fetchall()

    def _statement(self, using: str) -> tuple[str, list]:
        if using not in self._statements:
            queryset = self.build(STAND_IN)
            compiler = queryset.query.get_compiler(using=using)
            sql, params = compiler.as_sql()
            if STAND_IN not in params:
                raise ValueError("The query does not take the row's id as a parameter.")
            self._statements[using] = (sql, list(params))
        return self._statements[using]
