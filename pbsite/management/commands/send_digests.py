from django.core.management.base import BaseCommand

from pbsite.notifications import send_daily_digests


class Command(BaseCommand):
    help = "Email each person who chose a daily digest their unread notifications."

    def handle(self, *args, **options):
        sent = send_daily_digests()
        self.stdout.write(f"Sent {sent} digest email{'s' if sent != 1 else ''}.")
