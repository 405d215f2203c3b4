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
