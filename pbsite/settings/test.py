"""Test profile: the same settings as the site, isolated data directories, fast hashing."""

import atexit
import os
import shutil
import tempfile
from pathlib import Path

# Each test process gets its own data directory (search index, media, secret key), removed at exit.
_TEST_DATA = Path(tempfile.mkdtemp(prefix="bc-test-"))
atexit.register(shutil.rmtree, _TEST_DATA, ignore_errors=True)
os.environ.setdefault("DATA_DIR", str(_TEST_DATA))
os.environ.setdefault("SEARCH_INDEX_DIR", str(_TEST_DATA / "search-index"))
os.environ.setdefault("MEDIA_ROOT", str(_TEST_DATA / "media"))

from .base import *  # noqa: E402, F403
from .base import DATABASES  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tasks run inside the request in tests; tests of the queue and the worker choose it themselves.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMBEDDED_WORKER = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": str(_TEST_DATA / "test.sqlite3")}
ALLOWED_HOSTS = ["*"]
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

if REDIS_URL:  # noqa: F405
    from urllib.parse import urlsplit, urlunsplit

    def _redis_database(url: str, number: int) -> str:
        return urlunsplit(urlsplit(url)._replace(path=f"/{number}"))

    # Tests empty the cache (Redis FLUSHDB) between tests. Each xdist worker therefore gets a
    # Redis database of its own for the cache, so one worker never wipes another's rate limits,
    # and the channel layer lives apart from every cache (a prefix per worker), so no flush ever
    # drops a socket's groups.
    _WORKER = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
    if _WORKER > 11:
        raise RuntimeError("The Redis test set-up has databases for 12 pytest workers at most.")
    # A REDIS_URL naming a database (redis://…/5) keeps one test run to that database and up,
    # so two runs side by side (two checkouts) never flush each other's cache.
    _BASE = int(urlsplit(REDIS_URL).path.strip("/") or 0) or 1  # noqa: F405
    if _BASE + _WORKER > 12:
        raise RuntimeError("The Redis test databases run from REDIS_URL's number to 12 at most.")
    CACHES["default"]["LOCATION"] = _redis_database(REDIS_URL, _BASE + _WORKER)  # noqa: F405
    CACHES["derived"]["LOCATION"] = CACHES["default"]["LOCATION"]  # noqa: F405
    CHANNEL_LAYERS["default"]["CONFIG"] = {  # noqa: F405
        "hosts": [{"address": _redis_database(REDIS_URL, 13), "socket_timeout": None}],  # noqa: F405
        "prefix": f"test-db{_BASE}-gw{_WORKER}",
    }
