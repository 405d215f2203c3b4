from django.apps import AppConfig


class PbsiteConfig(AppConfig):
    name = "pbsite"
    verbose_name = "Budget Circle"
