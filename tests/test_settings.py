"""Settings come from the environment, in one place; production passes ``check --deploy``.

Settings are read once when a process starts, so each case starts a fresh Python process with the
environment under test and reads back what Django ended up with.
"""

import json
import os
import secrets
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
CONFIG_VARIABLES = [
    "DATABASE_URL",
    "REDIS_URL",
    "SEARCH_BACKEND",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DEBUG",
    "EMAIL_URL",
    "SITE_URL",
    "DJANGO_SETTINGS_MODULE",
    "SEARCH_INDEX_DIR",
    "MEDIA_ROOT",
    "TRUSTED_PROXY_COUNT",
]

READ_SETTINGS = textwrap.dedent(
    """
    import json
    from django.conf import settings
    names = ["DEBUG", "ALLOWED_HOSTS", "SITE_URL", "CSRF_TRUSTED_ORIGINS", "DATABASES", "CACHES",
             "CHANNEL_LAYERS", "WAGTAILSEARCH_BACKENDS", "EMAIL_BACKEND", "EMAIL_HOST",
             "EMAIL_PORT", "EMAIL_HOST_USER", "EMAIL_USE_TLS", "SECRET_KEY",
             "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SECURE_HSTS_SECONDS",
             "SECURE_SSL_REDIRECT", "TRUSTED_PROXY_COUNT", "ALLAUTH_TRUSTED_PROXY_COUNT"]
    print(json.dumps({name: getattr(settings, name, None) for name in names}, default=str))
    """
)


def clean_env(data_dir: Path, **variables) -> dict:
    """This process's environment minus the site's own configuration, plus ``variables``."""
    # The chromium fixture lets this process make sync calls beside Playwright's loop; a run of
    # the site must not inherit that (check --deploy refuses it, rightly).
    left_out = {*CONFIG_VARIABLES, "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {key: value for key, value in os.environ.items() if key not in left_out}
    return {**env, "DATA_DIR": str(data_dir), "PYTHONPATH": str(PROJECT), **variables}


def run_python(code: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def settings_with(tmp_path, module="pbsite.settings.base", **variables) -> dict:
    env = clean_env(tmp_path, DJANGO_SETTINGS_MODULE=module, **variables)
    result = run_python(READ_SETTINGS, env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_defaults_need_nothing_installed(tmp_path):
    found = settings_with(tmp_path)
    database = found["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.sqlite3"
    assert database["NAME"] == str(tmp_path / "budget-circle.sqlite3")
    # The database, so that every worker counts rate limits (allauth's and ours) together.
    assert found["CACHES"]["default"]["BACKEND"] == "pbsite.caching.SharedDatabaseCache"
    assert found["CACHES"]["default"]["LOCATION"] == "budget_circle_cache"
    # No proxy is trusted unless configured: X-Forwarded-For is ignored.
    assert found["TRUSTED_PROXY_COUNT"] == 0 and found["ALLAUTH_TRUSTED_PROXY_COUNT"] == 0
    assert found["CHANNEL_LAYERS"]["default"]["BACKEND"] == "channels.layers.InMemoryChannelLayer"
    assert found["WAGTAILSEARCH_BACKENDS"]["default"]["BACKEND"] == "search.backends.whoosh"
    assert found["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"
    assert found["DEBUG"] is False
    assert found["ALLOWED_HOSTS"] == ["127.0.0.1", "localhost"]
    assert found["SITE_URL"] == "http://127.0.0.1:8000"


def test_the_dev_profile_debugs_unless_told_not_to(tmp_path):
    assert settings_with(tmp_path, "pbsite.settings.dev")["DEBUG"] is True
    assert settings_with(tmp_path, "pbsite.settings.dev", DEBUG="false")["DEBUG"] is False


def test_every_variable_is_read_from_the_environment(tmp_path):
    found = settings_with(
        tmp_path,
        DATABASE_URL="postgres://budget:s3cret@db.example:5433/circle",
        REDIS_URL="redis://cache.example:6380/2",
        SEARCH_BACKEND="database",
        EMAIL_URL="smtp+tls://mailer:pw@mail.example:587",
        DEBUG="true",
        ALLOWED_HOSTS="budgetcircle.example,www.budgetcircle.example",
        SITE_URL="https://budgetcircle.example/",
    )
    database = found["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["HOST"], database["PORT"], database["NAME"]) == ("db.example", 5433, "circle")
    assert (database["USER"], database["PASSWORD"]) == ("budget", "s3cret")
    assert found["CACHES"]["default"] == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://cache.example:6380/2",
    }
    assert found["CHANNEL_LAYERS"]["default"]["BACKEND"] == "channels_redis.core.RedisChannelLayer"
    # No read timeout on the layer's connection (see tests/test_deploy_config.py).
    assert found["CHANNEL_LAYERS"]["default"]["CONFIG"]["hosts"] == [
        {"address": "redis://cache.example:6380/2", "socket_timeout": None}
    ]
    search = found["WAGTAILSEARCH_BACKENDS"]["default"]
    assert search == {"BACKEND": "modelsearch.backends.database"}
    assert found["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert (found["EMAIL_HOST"], found["EMAIL_PORT"]) == ("mail.example", 587)
    assert found["EMAIL_HOST_USER"] == "mailer" and found["EMAIL_USE_TLS"] is True
    assert found["DEBUG"] is True
    assert found["ALLOWED_HOSTS"] == ["budgetcircle.example", "www.budgetcircle.example"]
    assert found["SITE_URL"] == "https://budgetcircle.example"
    assert found["CSRF_TRUSTED_ORIGINS"] == ["https://budgetcircle.example"]


def test_one_setting_says_how_many_proxies_to_trust_for_ours_and_allauths(tmp_path):
    found = settings_with(tmp_path, TRUSTED_PROXY_COUNT="1")
    assert found["TRUSTED_PROXY_COUNT"] == 1
    assert found["ALLAUTH_TRUSTED_PROXY_COUNT"] == 1


def test_the_database_search_backend(tmp_path):
    found = settings_with(tmp_path, SEARCH_BACKEND="database")
    assert found["WAGTAILSEARCH_BACKENDS"]["default"] == {
        "BACKEND": "modelsearch.backends.database"
    }


def test_an_unknown_search_backend_is_a_clear_error(tmp_path):
    env = clean_env(tmp_path, DJANGO_SETTINGS_MODULE="pbsite.settings.base", SEARCH_BACKEND="solr")
    result = run_python(READ_SETTINGS, env)
    assert result.returncode != 0
    assert "SEARCH_BACKEND must be one of whoosh, database, not 'solr'" in result.stderr


def test_a_secret_key_is_generated_into_the_data_folder_once_and_reused(tmp_path):
    first = settings_with(tmp_path, "pbsite.settings.production")["SECRET_KEY"]
    key_file = tmp_path / "secret_key"
    assert key_file.read_text().strip() == first
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600, "only the site may read its key"
    assert len(first) >= 50 and len(set(first)) >= 5
    assert settings_with(tmp_path, "pbsite.settings.production")["SECRET_KEY"] == first
    other_machine = tmp_path / "elsewhere"
    assert settings_with(other_machine, "pbsite.settings.production")["SECRET_KEY"] != first


def test_a_secret_key_from_the_environment_wins_and_nothing_is_written(tmp_path):
    key = secrets.token_urlsafe(60)
    assert settings_with(tmp_path, SECRET_KEY=key)["SECRET_KEY"] == key
    assert not (tmp_path / "secret_key").exists()


def test_the_secret_key_file_is_not_committed():
    ignored = subprocess.run(
        ["git", "check-ignore", "-q", "data/secret_key"], cwd=PROJECT, capture_output=True
    )
    if ignored.returncode == 128:
        pytest.skip("not a git checkout")
    assert ignored.returncode == 0, "data/ must be in .gitignore"


def test_production_is_https_only_with_secure_cookies(tmp_path):
    found = settings_with(tmp_path, "pbsite.settings.production", DEBUG="true")
    assert found["DEBUG"] is False, "DEBUG can never be switched on in production"
    assert found["SESSION_COOKIE_SECURE"] and found["CSRF_COOKIE_SECURE"]
    assert found["SECURE_SSL_REDIRECT"] is True
    assert found["SECURE_HSTS_SECONDS"] >= 31536000


def test_check_deploy_reports_nothing_for_production(tmp_path):
    env = clean_env(
        tmp_path,
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="budgetcircle.example",
        SITE_URL="https://budgetcircle.example",
    )
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "check",
            "--deploy",
            "--settings=pbsite.settings.production",
            "--fail-level=WARNING",
        ],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues (0 silenced)." in output
    assert "WARNINGS" not in output and "security.W" not in output
