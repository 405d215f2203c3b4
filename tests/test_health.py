"""/healthz: 200 when the database, cache, channel layer and search index all answer; 503 if not."""

import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db

PROJECT = Path(__file__).resolve().parent.parent
CLOSED_PORT = "127.0.0.1:1"  # nothing listens on port 1: connections are refused at once


def test_healthy_site_answers_200_with_every_check(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {
            "database": "ok",
            "cache": "ok",
            "channel_layer": "ok",
            "search_index": "ok",
            "task_queue": "ok",
        },
        "queue": {"waiting": 0, "oldest_waiting_seconds": None, "failed": 0},
    }
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_503_when_the_channel_layer_is_down(client):
    dead_redis = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [f"redis://{CLOSED_PORT}/0"]},
        }
    }
    started = time.monotonic()
    with override_settings(CHANNEL_LAYERS=dead_redis):
        response = client.get("/healthz")
    assert time.monotonic() - started < 15, "a dead layer must not hang the health check"
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "degraded"
    assert body["checks"]["channel_layer"] == "failing"
    assert body["checks"]["database"] == "ok"
    # And the layer the settings configure is healthy again afterwards.
    assert client.get("/healthz").status_code == 200


# The database cannot be taken down inside this process: the test database is what every other
# test runs on, and pytest-django holds it open in a transaction. So a fresh Python process is
# started with DATABASE_URL pointing at a database that really is unreachable (a PostgreSQL port
# nobody listens on, or an SQLite file in a folder that does not exist), and asks /healthz there.
HEALTH_IN_A_FRESH_PROCESS = textwrap.dedent(
    """
    import json, django
    django.setup()
    from django.test import Client
    response = Client(raise_request_exception=False).get("/healthz")
    print(json.dumps({"status_code": response.status_code, "body": response.content.decode()}))
    """
)


@pytest.mark.parametrize(
    "database_url",
    [f"postgres://nobody:wrong@{CLOSED_PORT}/nothing", "sqlite:////no-such-folder/budget.sqlite3"],
    ids=["postgresql-refused", "sqlite-missing"],
)
def test_503_when_the_database_is_down(database_url, tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "pbsite.settings.test",
        "DATABASE_URL": database_url,
        "DATA_DIR": str(tmp_path),
        "PYTHONPATH": str(PROJECT),
    }
    result = subprocess.run(
        [sys.executable, "-c", HEALTH_IN_A_FRESH_PROCESS],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    assert answer["status_code"] == 503, answer
    body = json.loads(answer["body"])
    assert body["status"] == "degraded"
    assert body["checks"]["database"] == "failing"
    # Without Redis the cache is a table in the database (so every worker shares rate limits):
    # it is down with it, and /healthz says so. Redis's cache stays up.
    assert body["checks"]["cache"] == ("ok" if os.environ.get("REDIS_URL") else "failing")


def test_the_dev_site_shows_our_not_found_page(client, settings):
    settings.DEBUG = True
    response = client.get("/no-such-page-at-all/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "DEBUG = True" not in body  # Django's own debug page says why it shows
    assert "<h1" in body and "Budget Circle" in body
