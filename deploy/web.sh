#!/usr/bin/env bash
# One web worker: deploy/web.sh N listens on 127.0.0.1:$((WEB_PORT_BASE + N)) (default base 8000).
# systemd runs it as budgetcircle-web@N.service; `make loadtest` runs it directly. nginx balances
# between the workers (deploy/nginx/site.conf.template). Uvicorn, chosen by measurement: see the
# README's serving figures and tests/benchmarks/serving_bench.py.
set -euo pipefail
cd "$(dirname "$0")/.."
instance="${1:?usage: deploy/web.sh N (the worker number, 1, 2, ...)}"
port=$(( ${WEB_PORT_BASE:-8000} + instance ))
export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-pbsite.settings.production}"
# Only nginx on this machine may say who the client is (X-Forwarded-For) and that it used HTTPS
# (X-Forwarded-Proto). Keep-alive outlives nginx's upstream keepalive_timeout (60 s).
# (WEB_HOST: `make run` serves on its HOST, 127.0.0.1 unless told otherwise.)
exec .venv/bin/uvicorn pbsite.asgi:application \
  --host "${WEB_HOST:-127.0.0.1}" --port "$port" \
  --proxy-headers --forwarded-allow-ips 127.0.0.1 \
  --lifespan off --timeout-keep-alive 65 --ws-max-size 65536 \
  --timeout-graceful-shutdown 20 \
  --no-access-log --log-level "${WEB_LOG_LEVEL:-warning}"
