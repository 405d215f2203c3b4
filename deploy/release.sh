#!/usr/bin/env bash
# After `make install` (a new or pulled version), before (re)starting the units: the database
# schema, the static files nginx serves, and Django's deployment check.
set -euo pipefail
cd "$(dirname "$0")/.."
export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-pbsite.settings.production}"
.venv/bin/python manage.py migrate --noinput
.venv/bin/python manage.py collectstatic --noinput --verbosity 0
.venv/bin/python manage.py check --deploy
