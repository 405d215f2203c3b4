from django.core.management.base import BaseCommand
from django.db import transaction

from pbsite.registry import demo_content


class Command(BaseCommand):
    help = "Create the demo site: people for every role and each part's content. Safe to run twice."

    def handle(self, *args, **options):
        for loader in demo_content:
            self.stdout.write(f"Loading demo {loader.name}…")
            with transaction.atomic():
                loader.load(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
