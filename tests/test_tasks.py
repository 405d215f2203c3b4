"""Background tasks: a failure is tried again later and, after the last try, shows in the admin;
a daily job runs once a day even with two workers; /healthz reports the queue; a task's live
event reaches an open socket when the worker runs in the web process (no Redis).

Where the queue matters, tests use django-tasks-db's real database queue and its real worker
(``run_worker --batch``), not the immediate backend the rest of the suite uses.
"""

import datetime
import threading
import uuid

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from django.core.management import call_command
from django.db import close_old_connections
from django.utils import timezone

from pbsite.models import ScheduledRun
from pbsite.notifications import notify
from pbsite.registry import daily_jobs
from pbsite.tasks import retrying_task, run_due_jobs
from tests.people import make_user

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
REFUSED_SMTP = {  # nothing listens on port 1: a real connection, refused at once
    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    "EMAIL_HOST": "127.0.0.1",
    "EMAIL_PORT": 1,
}

calls = {"flaky": 0, "daily": 0}
calls_lock = threading.Lock()


@retrying_task(attempts=4)
def flaky(fail_times: int) -> str:
    calls["flaky"] += 1
    if calls["flaky"] <= fail_times:
        raise ConnectionError(f"failure {calls['flaky']}")
    return "worked"


@retrying_task()
def count_a_daily_run() -> None:
    with calls_lock:
        calls["daily"] += 1


@pytest.fixture(autouse=True)
def fresh_counts():
    calls.update(flaky=0, daily=0)


def run_worker_batch():
    call_command("run_worker", batch=True, verbosity=0)


def results():
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.order_by("enqueued_at")


@pytest.mark.django_db
def test_a_failure_is_tried_again_until_it_works():
    assert flaky.enqueue(fail_times=2).return_value == "worked"
    assert calls["flaky"] == 3


@pytest.mark.django_db
def test_the_last_failure_fails_the_task():
    result = flaky.enqueue(fail_times=10)
    assert result.status == "FAILED"
    assert result.errors[-1].exception_class_path.endswith("ConnectionError")
    assert calls["flaky"] == 4


@pytest.mark.django_db(transaction=True)
def test_a_failed_email_waits_and_is_retried_then_shows_in_the_admin(
    settings, django_capture_on_commit_callbacks, admin_client
):
    settings.TASKS = DATABASE_QUEUE
    for name, value in REFUSED_SMTP.items():
        setattr(settings, name, value)
    carer = make_user("Ana B", email_preference="immediately")
    with django_capture_on_commit_callbacks(execute=True):
        notify(carer, "replied to your topic", url="/forum/")
    assert results().get().status == "READY"

    run_worker_batch()
    first, retry = results()
    assert first.status == "SUCCESSFUL" and "queued again" in first.return_value
    assert retry.status == "READY" and retry.run_after > timezone.now()
    run_worker_batch()  # the retry waits for its time: the worker leaves it
    assert results().filter(status="READY").get() == retry

    for _ in range(10):  # let time pass for each waiting retry, as the clock would
        waiting = results().filter(status="READY")
        if not waiting.exists():
            break
        waiting.update(run_after=timezone.now())
        run_worker_batch()
    statuses = list(results().values_list("status", flat=True))
    assert statuses == ["SUCCESSFUL"] * 4 + ["FAILED"]  # five tries, the last one failed
    failed = results().get(status="FAILED")
    assert failed.exception_class_path.endswith("ConnectionRefusedError")

    listing = admin_client.get("/admin/background-tasks/?status=FAILED")
    assert listing.status_code == 200
    assert "send_notification_email" in listing.content.decode()
    inspect = admin_client.get(f"/admin/background-tasks/inspect/{failed.pk}/")
    assert "ConnectionRefusedError" in inspect.content.decode()
    assert admin_client.get(f"/admin/background-tasks/edit/{failed.pk}/").status_code in (
        302,
        403,
    )

    health = admin_client.get("/healthz").json()
    assert health["queue"] == {"waiting": 0, "oldest_waiting_seconds": None, "failed": 1}


@pytest.mark.django_db(transaction=True)
def test_healthz_says_when_tasks_wait_with_no_worker(client, settings):
    settings.TASKS = DATABASE_QUEUE
    flaky.enqueue(fail_times=0)
    results().update(enqueued_at=timezone.now() - datetime.timedelta(minutes=25))
    response = client.get("/healthz")
    assert response.status_code == 503
    assert "worker running" in response.json()["checks"]["task_queue"]
    assert response.json()["queue"]["waiting"] == 1
    assert response.json()["queue"]["oldest_waiting_seconds"] >= 25 * 60
    run_worker_batch()
    assert client.get("/healthz").status_code == 200


@pytest.fixture
def a_daily_job():
    name = f"test job {uuid.uuid4().hex[:6]}"
    daily_jobs.register(name, count_a_daily_run, at=datetime.time(0, 0))
    yield name
    daily_jobs.jobs.pop(name)


@pytest.mark.django_db(transaction=True)
def test_a_daily_job_runs_once_a_day_with_two_workers(a_daily_job):
    """Two schedules tick at the same moment, each in its own thread and transaction."""
    start = threading.Barrier(2)
    started = []

    def tick():
        try:
            start.wait(timeout=30)
            started.append(run_due_jobs())
        finally:
            close_old_connections()

    workers = [threading.Thread(target=tick) for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
    assert sorted(a_daily_job in names for names in started) == [False, True]
    assert calls["daily"] == 1
    assert ScheduledRun.objects.filter(job=a_daily_job).count() == 1

    assert a_daily_job not in run_due_jobs()  # later the same day: nothing
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    assert a_daily_job in run_due_jobs(tomorrow)
    assert calls["daily"] == 2


@pytest.mark.django_db
def test_the_daily_jobs_are_registered():
    names = {job.name for job in daily_jobs}
    assert {
        "daily digest emails",
        "directory freshness reminders",
        "PA profile reminders",
        "PA wanted advert reminders",
        "saved PA searches",
    } <= names


@pytest.mark.django_db(transaction=True)
def test_a_task_run_by_the_web_process_worker_reaches_an_open_socket(settings):
    """Without Redis the layer is in memory, so the worker runs in the web process
    (EMBEDDED_WORKER): a notification made by a task reaches the person's open page."""
    if not settings.CHANNEL_LAYERS["default"]["BACKEND"].startswith("channels.layers.InMemory"):
        pytest.skip("With Redis the worker is a process of its own (the live tests cover it).")
    settings.TASKS = DATABASE_QUEUE
    from tests.test_websocket import connect

    person = make_user("Jo K")
    tell_later.enqueue(person.pk)  # waits on the queue

    async def scenario():
        socket = await connect(person)
        worker = threading.Thread(target=run_worker_batch)
        await database_sync_to_async(worker.start)()
        message = await socket.receive_json_from(timeout=20)
        await database_sync_to_async(worker.join)()
        await socket.disconnect()
        return message

    message = async_to_sync(scenario)()
    assert message["type"] == "notification"
    assert "your saved search found a PA" in message["text"]


@retrying_task()
def tell_later(user_id: int) -> None:
    from django.contrib.auth import get_user_model

    notify(get_user_model().objects.get(pk=user_id), "your saved search found a PA")
