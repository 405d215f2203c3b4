import datetime

from django.apps import AppConfig


class PbsiteConfig(AppConfig):
    name = "pbsite"
    verbose_name = "Budget Circle"

    def ready(self):
        from . import locales, sites, translation_catalogs, view_restrictions
        from .models import Notification
        from .notifications import send_digests_today
        from .ratelimit import forget_expired
        from .registry import daily_jobs, header_counts

        daily_jobs.register("daily digest emails", send_digests_today, at=datetime.time(8, 0))
        daily_jobs.register("forget expired rate limits", forget_expired, at=datetime.time(3, 0))
        locales.connect()
        sites.connect()
        view_restrictions.connect()
        translation_catalogs.connect()
        header_counts.register(
            "unread_notifications",
            lambda user_id: Notification.objects.filter(recipient=user_id).unread(),
        )
