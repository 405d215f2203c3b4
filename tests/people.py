"""The one way tests make people."""

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from accounts.models import User

PASSWORD = "a-Long-pass-for-tests-1"


def make_user(
    name,
    *,
    role=None,
    email=None,
    verified=None,
    email_preference="never",
    password=PASSWORD,
    **extra,
):
    """A member called ``name`` (maya.h@example.com for "Maya H") who gets no emails unless
    told otherwise. ``role`` puts them in that role's group; ``verified`` (True or False)
    records their email address with allauth, as signing up does."""
    email = email or f"{name.lower().replace(' ', '.')}@example.com"
    user = User.objects.create_user(
        email=email,
        password=password,
        display_name=name,
        email_preference=email_preference,
        **extra,
    )
    if role is not None:
        user.groups.add(Group.objects.get_or_create(name=role.value)[0])
    if verified is not None:
        EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
    return user
