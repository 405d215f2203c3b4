"""Settings for modelsearch's own backend test suite, run against the Whoosh backend.

Used only by ``test_modelsearch_backend.py``, in its own pytest run (see the Makefile's ``test``
target): the suite needs modelsearch's test app, which the site itself must not install.
"""

import tempfile
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[3]
#: The fixture modelsearch's suite loads is not shipped with the package: a copy lives beside
#: this file (fixtures/README.md says where it comes from and its licence).
FIXTURE_DIR = Path(__file__).resolve().parent / "fixtures"
INDEX_DIR = Path(tempfile.mkdtemp(prefix="bc-conformance-")) / "search-index"

SECRET_KEY = "conformance-tests-only"
DEBUG = False
ALLOWED_HOSTS = ["testserver"]
USE_TZ = True
TIME_ZONE = "UTC"
INSTALLED_APPS = [
    "modelsearch.test.testapp",
    "modelsearch",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]
ROOT_URLCONF = "modelsearch.test.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STATIC_URL = "/static/"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
FIXTURE_DIRS = [str(FIXTURE_DIR)]

# BackendTests.setUp skips every test unless an entry's BACKEND equals backend_path exactly.
MODELSEARCH_BACKENDS = {
    "default": {"BACKEND": "search.backends.whoosh", "PATH": str(INDEX_DIR)},
}
