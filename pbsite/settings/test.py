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
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": str(_TEST_DATA / "test.sqlite3")}
ALLOWED_HOSTS = ["*"]
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
