"""Counting a page's queries the same way on both stacks.

On the embedded default the cache is a database table (``pbsite.caching.SharedDatabaseCache``),
so a request's one read of the kept memos' tokens is an SQL query; with Redis it is not. A test
that pins a page's queries counts the others, which are the same on SQLite and PostgreSQL.
"""

from django.conf import settings


def without_cache_reads(queries) -> list[str]:
    """The SQL of the captured queries that are not reads of the database cache's table."""
    table = settings.CACHES["default"].get("LOCATION", "")
    return [query["sql"] for query in queries if f'"{table}"' not in query["sql"]]
