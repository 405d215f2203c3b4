"""Background work: tasks that try again when they fail, and a daily schedule.

django-tasks runs tasks (on django-tasks-db's queue in the database, in production) but neither
tries a failed one again nor runs anything on a clock. Two small pieces fill the gap:

- ``retrying_task``: a task that, when it fails, is queued again for later (1, 2, 4, 8 minutes
  ...) up to ``attempts`` tries. The last try's failure stays on the queue's result, which the
  admin lists under "Background tasks".
- ``run_due_jobs``: enqueues each registered daily job once a day. A unique (job, day) row is
  claimed first, so with two workers (or two schedule loops) exactly one of them enqueues it.
"""

from __future__ import annotations

import datetime
import functools
import logging
import threading

from django.db import IntegrityError, close_old_connections, transaction
from django.utils import timezone
from django_tasks import task

from .models import ScheduledRun
from .registry import daily_jobs

logger = logging.getLogger("budgetcircle.tasks")

#: How long after a failure the first retry waits; each retry after it waits twice as long.
FIRST_WAIT = datetime.timedelta(minutes=1)


def retrying_task(*, attempts: int = 5, first_wait: datetime.timedelta = FIRST_WAIT):
    """Like django-tasks' ``@task()``, but a failure is tried again later, ``attempts`` times in
    all. The decorated function's arguments must be JSON-friendly, as for any task."""

    def decorate(func):
        @functools.wraps(func)
        def attempt(*args, attempt_number: int = 1, **kwargs):
            try:
                return func(*args, **kwargs)
            except Exception as error:
                if attempt_number >= attempts:
                    logger.error(
                        "%s failed on its last try (%d): %s", func.__name__, attempts, error
                    )
                    raise
                wait = first_wait * 2 ** (attempt_number - 1)
                logger.warning(
                    "%s failed (try %d of %d), trying again in %s: %s",
                    func.__name__,
                    attempt_number,
                    attempts,
                    wait,
                    error,
                )
                again = {**kwargs, "attempt_number": attempt_number + 1}
                if not queued.get_backend().supports_defer:
                    # The immediate backend (tests) cannot wait: it tries again at once.
                    return attempt(*args, **again)
                queued.using(run_after=timezone.now() + wait).enqueue(*args, **again)
                return f"try {attempt_number} of {attempts} failed ({error}); queued again"

        queued = task()(attempt)
        return queued

    return decorate


def run_due_jobs(now: datetime.datetime | None = None) -> list[str]:
    """Enqueue each daily job whose time has come today and that nobody has enqueued yet."""
    now = timezone.localtime(now)
    started = []
    for job in daily_jobs:
        if now.time() < job.at:
            continue
        try:
            with transaction.atomic():
                ScheduledRun.objects.create(job=job.name, day=now.date())
        except IntegrityError:
            continue  # another worker claimed today's run first
        job.task.enqueue()
        started.append(job.name)
    return started


def keep_schedule(stop: threading.Event, every: float = 60.0) -> None:
    """The schedule's loop, run in a thread beside a worker until ``stop`` is set."""
    while not stop.is_set():
        close_old_connections()
        try:
            for name in run_due_jobs():
                logger.info("Daily job %s queued", name)
        except Exception:
            logger.exception("The daily schedule failed; it tries again in %s s", every)
        stop.wait(every)
