import datetime

from django.apps import AppConfig


class MyBudgetConfig(AppConfig):
    name = "mybudget"
    verbose_name = "My budget"

    def ready(self):
        from pbsite.registry import daily_jobs, demo_content, personal_data
        from pooling.signals import membership_changed

        from . import demo, guides, pool_shares, privacy, tasks

        guides.forget_guides_on_page_changes()
        membership_changed.connect(pool_shares.on_membership_changed, dispatch_uid="mybudget")
        personal_data.register("my_budget", export=privacy.export, erase=privacy.erase)
        demo_content.register("my_budget", demo.load, order=90)
        daily_jobs.register(
            "my budget: promised dates that passed",
            tasks.remind_promised_dates,
            at=datetime.time(7, 30),
        )
