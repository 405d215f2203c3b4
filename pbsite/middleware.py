"""Writes in one transaction, reads in none; and our own "not found" page everywhere."""

from django.conf import settings
from django.db import connections, transaction
from django.http import Http404

from .errors import page_not_found

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


class AtomicWritesMiddleware:
    """Django's ``ATOMIC_REQUESTS``, for the requests that may change something.

    On SQLite a transaction that writes must begin IMMEDIATE (taking the write lock at once), or
    two writers deadlock when both try to upgrade a read lock. With ``ATOMIC_REQUESTS`` every GET
    began that way too, so reading a page waited for any writer, up to the busy timeout, and then
    failed. Safe methods now run in autocommit, which WAL never makes wait; every other method
    runs its view in one transaction per database, as before, so a failed POST saves nothing.

    The view is called here, in ``process_view``, so this middleware must be the last one.
    A view marked ``transaction.non_atomic_requests`` is left alone, as Django would.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view, view_args, view_kwargs):
        if request.method in SAFE_METHODS:
            return None
        leave_alone = getattr(view, "_non_atomic_requests", set())
        for alias in connections:
            if alias not in leave_alone:
                view = transaction.atomic(using=alias)(view)
        response = view(request, *view_args, **view_kwargs)
        if response is None:
            raise ValueError(f"The view {view!r} returned None instead of a response.")
        return response


class OwnNotFoundPageMiddleware:
    """With DEBUG on (``make run``), Django answers a 404 with its list of URL patterns. People
    trying the demo site should meet the page the real site shows, with its way back."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if settings.DEBUG and isinstance(exception, Http404):
            return page_not_found(request, exception)
        return None
