from django.core.management.base import BaseCommand

from directory.reminders import send_reminders


class Command(BaseCommand):
    help = "Remind providers whose directory listing is about to sink or be hidden. Run daily."

    def handle(self, *args, **options):
        sent = send_reminders()
        self.stdout.write(f"Reminded the owners of {sent} listing{'s' if sent != 1 else ''}.")
