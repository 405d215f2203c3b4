"""/healthz: is every moving part answering? 200 when all are, 503 otherwise.

The checks are a registry: this module registers the shared layer's own (database, cache,
channel layer, task queue), and a part that has a moving piece of its own registers a check in
its ``AppConfig.ready()`` with ``health_checks.register(name, func)`` (the search index does).
``func()`` returns True when well, or False or a sentence saying what is wrong."""

import asyncio
import datetime
import logging
import sqlite3
import uuid

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django_tasks import task_backends
from django_tasks_db import DatabaseBackend

logger = logging.getLogger("budgetcircle.health")


class HealthChecks:
    """What /healthz asks, by name, in the order registered."""

    def __init__(self):
        self.checks = {}

    def register(self, name: str, func) -> None:
        self.checks[name] = func

    def __call__(self, name: str):
        """As a decorator: ``@health_checks("name")``."""

        def decorator(func):
            self.register(name, func)
            return func

        return decorator

    def items(self):
        return self.checks.items()


health_checks = HealthChecks()
check = health_checks


@check("database")
def database_ok():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        if cursor.fetchone()[0] != 1:
            return False
    # Inside a transaction of our own (a test's), this connection may hold the lock itself.
    if connection.vendor == "sqlite" and not connection.in_atomic_block:
        return sqlite_takes_writes()
    return True


#: How long /healthz waits for SQLite's write lock before it calls the database stuck.
SQLITE_WRITE_WAIT = 2


def sqlite_takes_writes():
    """Reads go on beside a writer (WAL), so SELECT 1 says nothing about a writer that never ends.
    Take the write lock and give it straight back, on a connection of our own."""
    path = connection.settings_dict["NAME"]
    try:
        probe = sqlite3.connect(path, timeout=SQLITE_WRITE_WAIT, isolation_level=None)
    except sqlite3.Error:
        return False
    try:
        probe.execute("BEGIN IMMEDIATE")
        probe.execute("ROLLBACK")
    except sqlite3.OperationalError:
        return f"writes waiting: the write lock was held for over {SQLITE_WRITE_WAIT} s"
    finally:
        probe.close()
    return True


@check("cache")
def cache_ok():
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, "ok", 10)
    ok = cache.get(key) == "ok"
    cache.delete(key)
    return ok


@check("channel_layer")
def channel_layer_ok():
    """A real round trip: send to a fresh channel and read the message back."""

    async def round_trip():
        layer = get_channel_layer()
        channel = await layer.new_channel()
        token = uuid.uuid4().hex
        await layer.send(channel, {"type": "health.ping", "token": token})
        message = await asyncio.wait_for(layer.receive(channel), timeout=3)
        return message.get("token") == token

    return async_to_sync(round_trip)()


#: A task ready this long without a worker taking it means no worker is running.
QUEUE_STUCK_AFTER = datetime.timedelta(minutes=10)


def queue_figures() -> dict[str, int | None]:
    """The task queue in numbers: tasks ready to run, how long the oldest has waited (seconds),
    and tasks that failed on their last try. Zeros where tasks run inside the request."""
    if not isinstance(task_backends["default"], DatabaseBackend):
        return {"waiting": 0, "oldest_waiting_seconds": None, "failed": 0}
    from django_tasks_db.models import DBTaskResult

    now = timezone.now()
    ready = DBTaskResult.objects.ready()
    waiting_since = [
        run_after if enqueued_at < run_after <= now else enqueued_at
        for enqueued_at, run_after in ready.order_by("enqueued_at").values_list(
            "enqueued_at", "run_after"
        )[:1000]
    ]
    return {
        "waiting": ready.count(),
        "oldest_waiting_seconds": int((now - min(waiting_since)).total_seconds())
        if waiting_since
        else None,
        "failed": DBTaskResult.objects.failed().count(),
    }


@check("task_queue")
def task_queue_ok():
    waited = queue_figures()["oldest_waiting_seconds"]
    if waited is not None and waited > QUEUE_STUCK_AFTER.total_seconds():
        return f"a task has waited {waited // 60} minutes: is the worker running?"
    return True


def run_checks() -> dict[str, str]:
    results = {}
    for name, func in health_checks.items():
        try:
            outcome = func()
        except Exception as error:
            logger.warning("Health check %s failed: %s", name, error)
            outcome = False
        if outcome is True:
            results[name] = "ok"
        elif outcome is False or outcome is None:
            results[name] = "failing"
        else:
            results[name] = str(outcome)
    return results


@never_cache
def healthz(request):
    results = run_checks()
    healthy = all(state == "ok" for state in results.values())
    return JsonResponse(
        {"status": "ok" if healthy else "degraded", "checks": results, "queue": queue_figures()},
        status=200 if healthy else 503,
    )
