from allauth.account.adapter import DefaultAccountAdapter
from django.contrib.auth.models import Group


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

    def is_open_for_signup(self, request):
        return True

    def get_client_ip(self, request):
        """allauth's limits count by the same address ours do (X-Forwarded-For only from our
        own proxies, ``TRUSTED_PROXY_COUNT``)."""
        from pbsite.ratelimit import client_ip

        return client_ip(request)
