"""The directory's daily job, run by the worker's schedule (registered in ``apps.py``)."""

from pbsite.tasks import retrying_task

from .reminders import send_reminders


@retrying_task()
def send_freshness_reminders() -> int:
    """Remind owners whose listings are about to sink or be hidden."""
    return send_reminders()
