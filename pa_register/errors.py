"""The register's one domain error, as every part has its own (``ListingError``, ``PoolError``,
``PostingError``, ``BuddyError``).

Rules raise ``RegisterError`` with a message that says, in plain words, why a person may not do
something. Rules know nothing of requests: each view decides what the person sees, showing the
message where they could have been offered the action, and answering 403 (``refused_as_403``)
where only a made-up request could get there.
"""

from contextlib import contextmanager

from django.core.exceptions import PermissionDenied


class RegisterError(Exception):
    """Something a person may not do on the register; the message says why."""


@contextmanager
def refused_as_403():
    """In a view: a ``RegisterError`` from the rules becomes Django's 403 page."""
    try:
        yield
    except RegisterError as error:
        raise PermissionDenied(str(error)) from None
