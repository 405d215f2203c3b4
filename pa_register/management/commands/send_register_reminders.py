from django.core.management.base import BaseCommand

from pa_register import adverts, reminders, saved_searches


class Command(BaseCommand):
    help = (
        "Remind PAs whose profiles are about to sink or be hidden, and people whose PA wanted "
        "adverts end soon, and run saved searches. Run it once a day."
    )

    def handle(self, *args, **options):
        profiles = reminders.send_reminders()
        advert_count = adverts.send_expiry_reminders()
        searchers = saved_searches.run_all()
        self.stdout.write(
            f"Reminded {profiles} PA{'s' if profiles != 1 else ''} to confirm their profile, and "
            f"{advert_count} advert author{'s' if advert_count != 1 else ''}; told {searchers} "
            "people about new PAs for their saved searches."
        )
