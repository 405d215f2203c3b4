import datetime

from django.apps import AppConfig


class PbsiteConfig(AppConfig):
    name = "pbsite"
    verbose_name = "Budget Circle"

    def ready(self):
        from .notifications import send_digests_today
        from .registry import daily_jobs

        daily_jobs.register("daily digest emails", send_digests_today, at=datetime.time(8, 0))
