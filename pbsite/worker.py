"""The task worker: django-tasks-db's worker and the daily schedule, side by side.

``manage.py run_worker`` runs it as a process of its own (with Redis, where live events cross
processes). Without Redis the web process starts it in threads (``EMBEDDED_WORKER``), because the
in-memory channel layer only reaches sockets in its own process.
"""

import threading
import uuid

from django_tasks_db.management.commands.db_worker import Worker

from .tasks import keep_schedule


def make_worker(*, batch: bool = False, name: str = "") -> Worker:
    return Worker(
        queue_names=["*"],
        interval=1,
        batch=batch,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=name or f"worker-{uuid.uuid4().hex[:12]}",
        excluded_queue_names=[],
    )


def start_schedule(every: float = 60.0) -> threading.Event:
    """Keep the daily schedule in a thread; set the returned event to stop it."""
    stop = threading.Event()
    threading.Thread(target=keep_schedule, args=(stop, every), daemon=True, name="schedule").start()
    return stop


_embedded = threading.Lock()
_embedded_started = False


def start_embedded() -> None:
    """Run the worker and the schedule in daemon threads of this (web) process, once."""
    global _embedded_started
    with _embedded:
        if _embedded_started:
            return
        _embedded_started = True
    start_schedule()
    worker = make_worker(name=f"web-{uuid.uuid4().hex[:12]}")
    threading.Thread(target=worker.run, daemon=True, name="task-worker").start()
