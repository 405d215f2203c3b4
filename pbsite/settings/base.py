"""Settings shared by every profile. Everything that varies comes from the environment, here."""

import secrets
from email.utils import getaddresses
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent
DATA_DIR = Path(environ.Env().str("DATA_DIR", default=str(BASE_DIR / "data")))

env = environ.Env(
    DEBUG=(bool, False),
    ALLOWED_HOSTS=(list, ["127.0.0.1", "localhost"]),
    SEARCH_BACKEND=(str, "whoosh"),
    SITE_URL=(str, "http://127.0.0.1:8000"),
    EMAIL_URL=(str, "consolemail://"),
    REDIS_URL=(str, ""),
)


def read_or_create_secret_key(data_dir: Path) -> str:
    """SECRET_KEY from the environment, or one generated once into data/ (never committed)."""
    key = env.str("SECRET_KEY", default="")
    if key:
        return key
    data_dir.mkdir(parents=True, exist_ok=True)
    key_file = data_dir / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = read_or_create_secret_key(DATA_DIR)
DEBUG = env("DEBUG")
ALLOWED_HOSTS = env("ALLOWED_HOSTS")
SITE_URL = env("SITE_URL").rstrip("/")
CSRF_TRUSTED_ORIGINS = [SITE_URL]

INSTALLED_APPS = [
    "daphne",
    "pbsite",
    "accounts",
    "home",
    "search",
    "conversations",
    "forum",
    "pa_register",
    "directory",
    "pooling",
    "meetings",
    "mybudget",
    "hiring",
    "wagtail.locales",
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "search.apps.WagtailSearchOnCommitConfig",  # wagtail.search, indexing after commit
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "channels",
    "allauth",
    "allauth.account",
    "csp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    # First: every answer under /directory/api/ is JSON with the CORS header, errors included.
    "directory.api.ApiResponsesMiddleware",
    # Whatever a request asks of the per-process memos, their tokens are read once (caching.py).
    "pbsite.caching.MemoTokensMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language from the address: /pl/... is Polish; an address without a prefix, English.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Django's, with the signed-in person read by SQL built once (accounts/signed_in.py).
    "accounts.signed_in.SignedInUserMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "pbsite.middleware.OwnNotFoundPageMiddleware",
    # Which Site a page view answers for, from memory rather than a query (pbsite/sites.py).
    "pbsite.sites.SiteForPageViewsMiddleware",
    # Last: it calls the view itself, in a transaction, for every method but the safe ones.
    "pbsite.middleware.AtomicWritesMiddleware",
]

ROOT_URLCONF = "pbsite.urls"
WSGI_APPLICATION = "pbsite.wsgi.application"
ASGI_APPLICATION = "pbsite.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "pbsite" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "pbsite.context_processors.site_chrome",
            ],
            "builtins": ["pbsite.templatetags.components"],
        },
    },
]

# Django's widget templates through Jinja2 (the same HTML, several times faster); all else as
# before (pbsite/form_renderer.py).
FORM_RENDERER = "pbsite.form_renderer.FormRenderer"

# --- Database -------------------------------------------------------------------------------
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{DATA_DIR / 'budget-circle.sqlite3'}"),
}
# No ATOMIC_REQUESTS: pbsite.middleware.AtomicWritesMiddleware wraps the unsafe methods only, so
# reading a page never takes SQLite's write lock (WAL lets reads go on beside one writer).
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several workers and the task runner share one file: a writer waits its turn (the timeout),
    # and begins IMMEDIATE so that two writers never deadlock upgrading a read lock.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache and channel layer -----------------------------------------------------------------
REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        },
        "derived": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "derived",
        },
    }
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            # No read timeout: a socket waits on Redis (BZPOPMIN) for 5 s at a time, and
            # redis-py 8's default 5 s socket timeout cut those waits, closing every idle
            # WebSocket (found by the load test; channels_redis issue 422).
            "CONFIG": {"hosts": [{"address": REDIS_URL, "socket_timeout": None}]},
        }
    }
else:
    # The database, not each worker's memory: allauth's sign-in limits count here, and must
    # see the same counts on every worker. The table is made by a migration (pbsite.CacheEntry).
    CACHES = {
        "default": {
            "BACKEND": "pbsite.caching.SharedDatabaseCache",
            "LOCATION": "budget_circle_cache",
            "OPTIONS": {"MAX_ENTRIES": 50000},
        },
        # What is worked out from the database (the spelling vocabulary, rendered guide bodies)
        # stays in each process's memory: filling it on a page view must never write to SQLite,
        # where it would wait behind a writer (tests/test_sqlite_locking.py).
        "derived": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        # Wagtail's image renditions, looked up while serving pages: the same reason.
        "renditions": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}

# --- Background tasks (django-tasks, as Wagtail 8 uses) ---------------------------------------
# The queue lives in the database (django-tasks-db); a worker runs it. Without Redis the in-memory
# channel layer cannot cross processes, so the worker runs inside the web process
# (EMBEDDED_WORKER), where a task's live events reach the sockets. With Redis it runs on its own:
# `manage.py run_worker` (make run starts both).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
EMBEDDED_WORKER = env.bool("EMBEDDED_WORKER", default=not REDIS_URL)

# --- Search ----------------------------------------------------------------------------------
SEARCH_BACKEND = env("SEARCH_BACKEND")
SEARCH_INDEX_DIR = Path(env.str("SEARCH_INDEX_DIR", default=str(DATA_DIR / "search-index")))
_SEARCH_BACKENDS = {
    "whoosh": {"BACKEND": "search.backends.whoosh", "PATH": str(SEARCH_INDEX_DIR)},
    # PostgreSQL full text on several machines. (On SQLite it is FTS5, which is too slow for a
    # real site: p95 4.7 s at 10,000 documents, 20x Whoosh; see the README.) No OpenSearch: it
    # cannot be installed or tested here, so the site does not offer it.
    "database": {"BACKEND": "modelsearch.backends.database"},
}
if SEARCH_BACKEND not in _SEARCH_BACKENDS:
    raise environ.ImproperlyConfigured(
        f"SEARCH_BACKEND must be one of {', '.join(_SEARCH_BACKENDS)}, not {SEARCH_BACKEND!r}."
    )
WAGTAILSEARCH_BACKENDS = {"default": _SEARCH_BACKENDS[SEARCH_BACKEND]}

# --- Accounts --------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupExtraForm"
ACCOUNT_FORMS = {
    "login": "accounts.allauth_forms.LoginForm",
    "signup": "accounts.allauth_forms.SignupForm",
}
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Budget Circle] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if SITE_URL.startswith("https") else "http"
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_LOGOUT_REDIRECT_URL = "/"

# --- Proxies and rate limits -----------------------------------------------------------------
# How many proxies of our own stand in front of the site (nginx: 1). Each appends the address it
# saw to X-Forwarded-For; with 0 the header is ignored, as anyone can send one. allauth's limits
# and ours (pbsite.ratelimit.client_ip) read the visitor's address the same way.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT

# --- Email -----------------------------------------------------------------------------------
vars().update(env.email_url("EMAIL_URL"))
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="Budget Circle <hello@budgetcircle.example>"
)
SERVER_EMAIL = env.str("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)
# Who gets an email for each server error (with DEBUG off): "Name <address>, Name <address>".
ADMINS = [
    (name, address)
    for name, address in getaddresses([env.str("ADMINS", default="")])
    if "@" in address
]

# --- Internationalisation ---------------------------------------------------------------------
# English keeps today's addresses (/guides/...); the others have a prefix (/pl/guides/...):
# pbsite/urls.py uses i18n_patterns(prefix_default_language=False). Polish and Romanian are the
# two main languages most spoken in England after English (Census 2021); see the README.
# Each is named in itself: the language switcher shows these names.
LANGUAGE_CODE = "en-gb"
LANGUAGES = [("en-gb", "English"), ("pl", "Polski"), ("ro", "Română")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/London"
USE_I18N = True
# Editors add a translated page tree (Wagtail's localisation, and "Translate" to copy a page and
# its children into another language: wagtail.contrib.simple_translation).
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
USE_TZ = True

# --- Static and media ------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static_collected"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(DATA_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
AVATAR_MAX_BYTES = 2 * 1024 * 1024

# --- Wagtail ---------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Budget Circle"
WAGTAILADMIN_BASE_URL = SITE_URL
# mp4, webm and vtt: captioned videos (a BSL or spoken version) and their WebVTT captions.
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "pdf", "txt", "xlsx", "mp4", "webm", "vtt"]
TAGGIT_CASE_INSENSITIVE = True

# --- Security --------------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Django's database sessions, each read by SQL built once per process (pbsite/sessions.py).
SESSION_ENGINE = "pbsite.sessions"
CONTENT_SECURITY_POLICY = {
    # Wagtail's admin uses inline styles and scripts it ships itself; the public site does not.
    "EXCLUDE_URL_PREFIXES": ["/admin/", "/django-admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        # 'self' covers ws: and wss: to this same host (CSP 3; Chromium, Firefox, Safari):
        # the page's one WebSocket may go nowhere else.
        "connect-src": ["'self'"],
        "font-src": ["'self'"],
        # A captioned video may be a file on another site (https only); its captions are ours.
        "media-src": ["'self'", "https:"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "budgetcircle": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
