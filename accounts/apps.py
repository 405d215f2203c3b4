from django.apps import AppConfig
from django.db.models.signals import m2m_changed
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts"

    def ready(self):
        from pbsite import moderation
        from pbsite.registry import demo_content, personal_data

        from . import demo, privacy
        from .models import User, forget_roles

        m2m_changed.connect(forget_roles, sender=User.groups.through)

        personal_data.register(
            "account", export=privacy.export_account, erase=privacy.erase_account
        )
        demo_content.register("accounts", demo.load, order=10)
        moderation.register(
            User, label=_("profile"), author=lambda user: user, hide=privacy.hide_profile
        )
