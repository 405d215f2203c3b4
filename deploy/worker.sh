#!/usr/bin/env bash
# The task worker and the daily schedule (emails, digests, reminders). Run one or more: a daily
# job runs once whatever the count. systemd runs it as budgetcircle-worker.service.
set -euo pipefail
cd "$(dirname "$0")/.."
export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-pbsite.settings.production}"
exec .venv/bin/python manage.py run_worker
