"""The production set-up in deploy/: the nginx site it renders and the settings it relies on.
(``make loadtest`` runs the whole set-up: nginx with this config, two workers, the task worker.)"""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def render(tmp_path, **env):
    environment = {**os.environ, **env}
    subprocess.run(
        [sys.executable, str(ROOT / "deploy" / "render_nginx.py"), "--standalone", str(tmp_path)],
        env=environment,
        check=True,
        capture_output=True,
    )
    return (tmp_path / "site.conf").read_text(), (tmp_path / "nginx.conf").read_text()


def test_the_site_lists_each_web_worker_and_serves_static_and_media_itself(tmp_path):
    site, main = render(
        tmp_path,
        WEB_WORKERS="3",
        WEB_PORT_BASE="8500",
        MEDIA_ROOT="/var/lib/budgetcircle/media",
        ALLOWED_HOSTS="budgetcircle.example.org,www.budgetcircle.example.org",
    )
    assert "{{" not in site + main
    for port in (8501, 8502, 8503):
        assert f"server 127.0.0.1:{port} " in site
    assert "8504" not in site
    assert "server_name budgetcircle.example.org www.budgetcircle.example.org;" in site
    assert f"alias {ROOT / 'static_collected'}/;" in site
    assert "alias /var/lib/budgetcircle/media/;" in site
    assert f"include {tmp_path.resolve()}/site.conf;" in main
    assert f"pid {tmp_path.resolve()}/nginx.pid;" in main


def test_the_site_passes_websockets_and_who_the_client_is(tmp_path):
    site, _ = render(tmp_path)
    ws = site.split("location /ws/ {", 1)[1].split("}", 1)[0]
    assert "proxy_set_header Upgrade $http_upgrade;" in ws
    assert "proxy_set_header Connection $budgetcircle_connection;" in ws
    for block in (ws, site.split("location / {", 1)[1].split("}", 1)[0]):
        assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;" in block
        assert "proxy_set_header X-Forwarded-Proto $scheme;" in block
        assert "proxy_set_header Host $host;" in block


def test_wagtail_documents_are_not_served_from_the_media_folder(tmp_path):
    """Documents may be private to a collection: only Django's view, which checks, sends them."""
    site, _ = render(tmp_path)
    blocked = site.split("location /media/documents/ {", 1)[1].split("}", 1)[0]
    assert "return 404;" in blocked


def settings_value(expression: str, **env) -> str:
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "pbsite.settings.production",
        "SECRET_KEY": "x" * 50,
        **env,
    }
    code = f"import django; django.setup(); from django.conf import settings; print({expression})"
    result = subprocess.run(
        [sys.executable, "-c", code], env=environment, cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_an_idle_websocket_is_not_cut_by_a_redis_read_timeout():
    """channels_redis waits on Redis 5 s at a time; redis-py 8 cut reads after 5 s by default,
    which closed every idle socket under load. The layer's connections must not time out reads.
    (No Redis server is needed: the connection is made, not opened.)"""
    expression = (
        "__import__('channels_redis.utils', fromlist=['x']).create_pool("
        "__import__('channels.layers', fromlist=['x']).get_channel_layer().hosts[0]"
        ").make_connection().socket_timeout"
    )
    assert settings_value(expression, REDIS_URL="redis://127.0.0.1:6379/0") == "None"


def test_admins_come_from_the_environment():
    admins = settings_value(
        "settings.ADMINS", ADMINS="Site team <team@example.org>, Sam <sam@example.org>"
    )
    assert admins == "[('Site team', 'team@example.org'), ('Sam', 'sam@example.org')]"


def test_production_keeps_a_pool_of_postgresql_connections():
    """Each request and each live event's access check used to open a PostgreSQL connection."""
    pool = settings_value(
        "settings.DATABASES['default']['OPTIONS'].get('pool')",
        DATABASE_URL="postgres://someone:secret@127.0.0.1:5432/somewhere",
        DATABASE_POOL_SIZE="7",
    )
    assert pool == "{'min_size': 2, 'max_size': 7, 'timeout': 10}"
