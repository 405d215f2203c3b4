from allauth.account.adapter import DefaultAccountAdapter
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .models import SuspendedEmail


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        data = form.cleaned_data
        user.display_name = data.get("display_name", "")
        user = super().save_user(request, user, form, commit=commit)
        role = data.get("role")
        if commit and role:
            group, _ = Group.objects.get_or_create(name=role)
            user.groups.add(group)
        return user

    def clean_email(self, email):
        email = super().clean_email(email)
        if SuspendedEmail.is_suspended(email):
            raise ValidationError(
                _(
                    "An account with this email address was suspended by our moderators, so it "
                    "can't join again. If you think this is wrong, use “Contact a person” at the "
                    "bottom of the page."
                )
            )
        return email

    def is_open_for_signup(self, request):
        return True

    def get_client_ip(self, request):
        """allauth's limits count by the same address ours do (X-Forwarded-For only from our
        own proxies, ``TRUSTED_PROXY_COUNT``)."""
        from pbsite.ratelimit import client_ip

        return client_ip(request)
