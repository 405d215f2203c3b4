"""The default cache without Redis: the database, shared by every worker, but never written
while a page is merely read.

allauth's sign-in limits count in the default cache, so it must be the same on every worker: a
table in the database. Wagtail also fills the default cache while serving a page (the site root
paths, on the first page view after they expire); on SQLite that write would wait behind any
writer, so a page view would wait too (``tests/test_sqlite_locking.py``). Those keys stay in
each process's memory instead. A changed Site clears the key only in the process that saved it;
the others see the change when their copy expires (an hour, Wagtail's own timeout).
"""

from __future__ import annotations

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.db import DatabaseCache
from django.core.cache.backends.locmem import LocMemCache

#: Keys filled while serving pages, kept per process.
LOCAL_KEYS = ("wagtail_site_root_paths",)


class SharedDatabaseCache(DatabaseCache):
    def __init__(self, table, params):
        super().__init__(table, params)
        self.local = LocMemCache(f"local:{table}", {})

    def _is_local(self, key) -> bool:
        return isinstance(key, str) and key.startswith(LOCAL_KEYS)

    def get(self, key, default=None, version=None):
        if self._is_local(key):
            return self.local.get(key, default, version)
        return super().get(key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        if self._is_local(key):
            return self.local.set(key, value, timeout, version)
        return super().set(key, value, timeout, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        if self._is_local(key):
            return self.local.add(key, value, timeout, version)
        return super().add(key, value, timeout, version)

    def delete(self, key, version=None):
        if self._is_local(key):
            return self.local.delete(key, version)
        return super().delete(key, version)

    def clear(self):
        self.local.clear()
        return super().clear()
