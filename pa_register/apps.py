from django.apps import AppConfig


class PaRegisterConfig(AppConfig):
    name = "pa_register"
    verbose_name = "PA register"
