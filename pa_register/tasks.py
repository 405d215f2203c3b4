"""The PA register's daily jobs, run by the worker's schedule (registered in ``apps.py``)."""

from pbsite.tasks import retrying_task

from . import adverts, reminders, saved_searches


@retrying_task()
def send_profile_reminders() -> int:
    """Remind PAs whose profiles are about to sink or be hidden."""
    return reminders.send_reminders()


@retrying_task()
def send_advert_reminders() -> int:
    """Tell people whose PA wanted adverts end soon."""
    return adverts.send_expiry_reminders()


@retrying_task()
def run_saved_searches() -> int:
    """Tell people about new PAs who match the searches they saved."""
    return saved_searches.run_all()
