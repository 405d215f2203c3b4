import datetime

from django.apps import AppConfig


class HiringConfig(AppConfig):
    name = "hiring"
    verbose_name = "Hiring"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from pbsite.registry import daily_jobs, demo_content, personal_data

        from . import demo, privacy, services

        personal_data.register("hiring", export=privacy.export, erase=privacy.erase, order=40)
        demo_content.register("hiring", demo.load, order=88)
        daily_jobs.register(
            "interview reminders", services.send_reminders_today, at=datetime.time(9, 5)
        )
