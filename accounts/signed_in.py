"""Who is signed in: Django's ``auth.get_user``, the person read by SQL built once per process.

Every request from a signed-in person reads them first. ``ModelBackend.get_user`` built its
``User.objects.get(pk=...)`` anew each time, about 600 Python calls, a twentieth of the log-in
page, on every signed-in page; the query is the same but for the id (``pbsite.statements``).
Only the everyday answer is taken here: a person the session names, read through a backend whose
``get_user`` is ``ModelBackend``'s, who may sign in (``is_active``) and whose session hash is
the one their password gives now. Anything else (no such person, a deactivated account, a
changed password, a hash made with an old secret, another backend) is asked of Django's
``auth.get_user`` itself, which answers, and flushes or renews the session, as it always has. So
a deactivated account or a changed password takes effect on the very next request, as before.
"""

from functools import cache, partial

from django.conf import settings
from django.contrib import auth
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.contrib.auth.models import AnonymousUser
from django.utils.crypto import constant_time_compare
from django.utils.functional import SimpleLazyObject

from pbsite.statements import Statement


def _person(person):
    return get_user_model()._default_manager.filter(pk=person)


_person_by_id = Statement(_person, "person")


@cache
def _backend_reading_by_id(path: str) -> ModelBackend | None:
    """The backend at ``path`` if its ``get_user`` is ``ModelBackend``'s (a read by id and
    ``user_can_authenticate``), else None."""
    backend = auth.load_backend(path)
    if getattr(type(backend), "get_user", None) is ModelBackend.get_user:
        return backend
    return None


def signed_in_user(request):
    """What ``django.contrib.auth.get_user(request)`` gives, for the same session."""
    try:
        person = auth._get_user_session_key(request)
        backend_path = request.session[BACKEND_SESSION_KEY]
    except KeyError:
        return AnonymousUser()
    backend = (
        _backend_reading_by_id(backend_path)
        if backend_path in settings.AUTHENTICATION_BACKENDS
        else None
    )
    if backend is not None:
        found = _person_by_id.objects(person=person)
        if found and backend.user_can_authenticate(found[0]):
            user = found[0]
            session_hash = request.session.get(HASH_SESSION_KEY)
            if session_hash and constant_time_compare(session_hash, user.get_session_auth_hash()):
                return user
    return auth.get_user(request)


def _once(request):
    if not hasattr(request, "_cached_user"):
        request._cached_user = signed_in_user(request)
    return request._cached_user


class SignedInUserMiddleware(AuthenticationMiddleware):
    """Django's ``AuthenticationMiddleware`` with ``request.user`` from ``signed_in_user``."""

    def process_request(self, request):
        super().process_request(request)
        request.user = SimpleLazyObject(partial(_once, request))
