#!/usr/bin/env bash
# `make loadtest`: the production set-up as the README's guide runs it, on this machine, then the
# load script. PostgreSQL and Redis must be running (.ci/run starts them); nginx must be installed.
# Everything else is started here through the deploy/ scripts and stopped at the end:
#   deploy/release.sh, deploy/worker.sh, deploy/web.sh 1, deploy/web.sh 2, and nginx with the
#   config deploy/render_nginx.py makes (in a temporary folder: no system files are touched).
# Settings (environment): LOADTEST_DATABASE (budgetcircle_loadtest, dropped and made afresh),
# LOADTEST_REDIS_URL (redis://127.0.0.1:6379/2, emptied), LOADTEST_PORT (8080, nginx),
# WEB_PORT_BASE (8090: workers on 8091 and 8092), LOADTEST_ARGS (passed to loadtest.py).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)

command -v nginx >/dev/null 2>&1 || PATH="$PATH:/usr/sbin"
command -v nginx >/dev/null 2>&1 || { echo "make loadtest needs nginx (apt-get install nginx)"; exit 2; }

work=$(mktemp -d)
chmod 755 "$work"
pg=postgres://budgetcircle:budgetcircle@127.0.0.1:5432
port="${LOADTEST_PORT:-8080}"
export DATABASE_URL="$pg/${LOADTEST_DATABASE:-budgetcircle_loadtest}"
export REDIS_URL="${LOADTEST_REDIS_URL:-redis://127.0.0.1:6379/2}"
export DJANGO_SETTINGS_MODULE=pbsite.settings.production
export SECRET_KEY="loadtest-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export ALLOWED_HOSTS=127.0.0.1,localhost
export SITE_URL="http://127.0.0.1:$port"
export SECURE_SSL_REDIRECT=False  # plain HTTP on this machine; production has TLS in front
export SEARCH_BACKEND=database
export DATA_DIR="$work/data" MEDIA_ROOT="$work/data/media"
export TRUSTED_PROXY_COUNT=1
export WEB_WORKERS=2 WEB_PORT_BASE="${WEB_PORT_BASE:-8090}"
export NGINX_LISTEN="127.0.0.1:$port"
export EMAIL_URL=dummymail://
export PYTHONUNBUFFERED=1

pids=()
stop() {
  status=$?
  [ -f "$work/nginx/nginx.pid" ] && nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" -s quit 2>/dev/null || true
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ "$status" -ne 0 ]; then
    for log in "$work"/*.log "$work"/nginx/*.log; do
      [ -s "$log" ] && { echo "== last lines of $log"; tail -n 30 "$log"; }
    done
  fi
  rm -rf "$work"
  exit "$status"
}
trap stop EXIT INT TERM

echo "[$SECONDS s] == a fresh database and Redis database, the demo data"
.venv/bin/python - <<'EOF'
import os, psycopg, redis
from urllib.parse import urlparse
url = urlparse(os.environ["DATABASE_URL"])
name = url.path.lstrip("/")
with psycopg.connect(os.environ["DATABASE_URL"].replace(url.path, "/postgres"), autocommit=True) as conn:
    conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    conn.execute(f'CREATE DATABASE "{name}"')
redis.Redis.from_url(os.environ["REDIS_URL"]).flushdb()
EOF
deploy/release.sh > "$work/release.log" 2>&1
.venv/bin/python manage.py load_demo > "$work/load_demo.log"
.venv/bin/python manage.py update_index > "$work/update_index.log"

echo "[$SECONDS s] == starting the task worker, two web workers and nginx (deploy/ scripts)"
deploy/worker.sh > "$work/worker.log" 2>&1 & pids+=($!)
deploy/web.sh 1 > "$work/web1.log" 2>&1 & pids+=($!)
deploy/web.sh 2 > "$work/web2.log" 2>&1 & pids+=($!)
deploy/render_nginx.py --standalone "$work/nginx" >/dev/null
nginx -p "$work/nginx" -c "$work/nginx/nginx.conf"
.venv/bin/python - <<EOF
import httpx, sys, time
for port in ($((WEB_PORT_BASE + 1)), $((WEB_PORT_BASE + 2))):
    for _ in range(60):
        try:
            httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=5)
            break
        except httpx.HTTPError:
            time.sleep(1)
r = httpx.get("$SITE_URL/healthz", timeout=30)
print("healthz through nginx:", r.status_code, r.text)
s = httpx.get("$SITE_URL/static/css/site.css", timeout=30)
print("static file from nginx:", s.status_code, s.headers.get("server"), s.headers.get("cache-control"))
sys.exit(0 if r.status_code == 200 and s.status_code == 200 else 1)
EOF

echo "[$SECONDS s] == waiting for the task worker to finish the demo data's queue (index updates)"
.venv/bin/python - <<EOF
import httpx, time
start = time.monotonic()
while time.monotonic() - start < 300:
    queue = httpx.get("$SITE_URL/healthz", timeout=30).json()["queue"]
    if not queue["waiting"]:
        break
    time.sleep(2)
print(f"queue: {queue['waiting']} waiting after {time.monotonic() - start:.0f} s")
EOF

echo "[$SECONDS s] == load"
# shellcheck disable=SC2086
.venv/bin/python tests/benchmarks/loadtest.py --url "$SITE_URL" ${LOADTEST_ARGS:-}
