from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Guides and pages"

    def ready(self):
        from pbsite.registry import demo_content

        from . import demo

        demo_content.register("pages", demo.load, order=20)
