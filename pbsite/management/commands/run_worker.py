from django.core.management.base import BaseCommand

from pbsite.worker import make_worker, start_schedule


class Command(BaseCommand):
    help = (
        "Run queued tasks (emails, reminders) and enqueue the daily jobs on time. Run one or "
        "more beside the web workers when REDIS_URL is set; without it the web process runs "
        "its own (EMBEDDED_WORKER)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch", action="store_true", help="Run what is waiting now, then stop."
        )

    def handle(self, *args, batch=False, **options):
        stop = None if batch else start_schedule()
        worker = make_worker(batch=batch)
        if not batch:
            worker.configure_signals()
        try:
            worker.run()
        finally:
            if stop is not None:
                stop.set()
