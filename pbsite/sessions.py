"""Django's database sessions, with a session read by SQL built once per process.

Every request from a signed-in person reads their session first; ``Session.objects.get`` built
its query anew each time, about 600 Python calls, a twentieth of the log-in page, on every
signed-in page. The query is the same but for the key (``pbsite.statements``). Whether the
session has expired is asked of the row read, as Django's ``expire_date__gt=now`` asked it in the
SQL: an expired or unknown key is no session, and the key is forgotten, as Django forgets it.
"""

from django.contrib.sessions.backends import db
from django.utils import timezone

from .statements import Statement


def _session(key):
    return SessionStore.get_model_class().objects.filter(session_key=key)


_session_by_key = Statement(_session, "key")


class SessionStore(db.SessionStore):
    def _get_session_from_db(self):
        found = _session_by_key.objects(key=self.session_key)
        if found and found[0].expire_date > timezone.now():
            return found[0]
        self._session_key = None
        return None
