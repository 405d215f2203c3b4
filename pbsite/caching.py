"""The default cache without Redis: the database, shared by every worker, but never written
while a page is merely read.

allauth's sign-in limits count in the default cache, so it must be the same on every worker: a
table in the database. Wagtail also fills the default cache while serving a page (the site root
paths, on the first page view after they expire); on SQLite that write would wait behind any
writer, so a page view would wait too (``tests/test_sqlite_locking.py``). Those keys stay in
each process's memory instead. A changed Site clears the key only in the process that saved it;
the others see the change when their copy expires (an hour, Wagtail's own timeout).

:class:`Memo` keeps what is worked out from a few rarely changed rows (the Sites, whether any
page is private) in each process's memory, told whether its copy is current by a token that is
NOT among those keys: it is shared by every process, so a change reaches all of them at once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Hashable
from contextvars import ContextVar
from uuid import uuid4

from django.core.cache import cache
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.db import DatabaseCache
from django.core.cache.backends.locmem import LocMemCache
from django.db import transaction

logger = logging.getLogger(__name__)

#: Keys filled while serving pages, kept per process.
LOCAL_KEYS = ("wagtail_site_root_paths",)
MEMO_PREFIX = "memo-generation:"
#: Values a memo keeps at most: the Site for each host asked for stays few unless any host
#: is allowed (ALLOWED_HOSTS = ["*"]) and someone sends thousands.
MEMO_VALUES_AT_MOST = 1000


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


class Memo:
    """Values worked out from a few rows that rarely change, kept in this process's memory.

    ``memo.get(*args)`` works a value out once (``work_out(*args)``) and hands the same value
    back until :meth:`forget`, which the rows' signals call, so a copy must never be changed by
    its reader. Whether the copies are current is told by a generation token in the default
    cache (Redis, or the database's cache table), read on each use and shared by every process,
    so a change is seen everywhere at once: what is kept may decide who sees a private page.

    A page view only reads the token, and reads every memo's token at once, the first time it
    asks any memo (:class:`MemoTokensMiddleware`): a page that asks three memos pays one read.
    The token is written when a process starts (:func:`begin_memos`) and by :meth:`forget`;
    while there is none (a cleared or culled cache) nothing is kept, as nothing kept could be
    told current, and every value is worked out afresh.
    """

    def __init__(self, name: str, work_out: Callable):
        self.key = f"{MEMO_PREFIX}{name}"
        self.work_out = work_out
        self.generation: str | None = None
        self.values: dict[Hashable, object] = {}
        _memos.append(self)

    def get(self, *args: Hashable):
        generation = _token(self.key)
        if generation is None:
            return self.work_out(*args)
        if generation != self.generation:
            self.values, self.generation = {}, generation
        # The values of the generation this request read: a value worked out while another
        # thread moves the memo on to a newer one goes into the old, never into the new.
        values = self.values
        if args not in values:
            if len(values) >= MEMO_VALUES_AT_MOST:
                values.clear()
            values[args] = self.work_out(*args)
        return values[args]

    def forget(self, **_signal_kwargs) -> None:
        """Work every value out again, in every process (connect to the rows' signals).

        Again once the transaction commits: a process that read the rows before then may have
        kept their old state under the token this first deletion made."""
        self._new_generation()
        transaction.on_commit(self._new_generation)

    def begin(self) -> None:
        """Give the memo a token if it has none, so this process can keep its values."""
        cache.add(self.key, uuid4().hex, None)

    def _new_generation(self) -> None:
        token = uuid4().hex
        cache.set(self.key, token, None)  # no expiry: a lapsed token only costs speed
        read = _tokens_read.get()
        if read is not None:  # this request goes on with what it has just changed
            read[self.key] = token


_memos: list[Memo] = []

#: The memos' tokens as this request has read them; None outside a request (a task, a
#: command, a socket), where each use reads its own token.
_tokens_read: ContextVar[dict | None] = ContextVar("memo_tokens_read", default=None)


def _token(key: str) -> str | None:
    read = _tokens_read.get()
    if read is None:
        return cache.get(key)
    if key not in read:
        keys = [memo.key for memo in _memos]
        found = cache.get_many(keys)
        read.update({each: found.get(each) for each in keys})
    return read.get(key)


class MemoTokensMiddleware:
    """Each request reads the memos' tokens once, all together, when it first asks a memo:
    a token read is a query on the database cache, and a page asks several memos (its Site,
    whether any page is private, the finders' choices). A change another process makes while
    the request runs is seen by the next request, as if this one had begun a moment sooner."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        began = _tokens_read.set({})
        try:
            return self.get_response(request)
        finally:
            _tokens_read.reset(began)


def begin_memos() -> None:
    """At a process's start (:func:`pbsite.startup.settle`), before its first request. A
    cache that cannot be written yet (no cache table before the first migrate) only means
    the memos keep nothing until their rows next change."""
    try:
        for memo in _memos:
            memo.begin()
    except Exception as error:  # the server must start whatever the cache says
        logger.warning("The memos' tokens could not be written: %s", error)
