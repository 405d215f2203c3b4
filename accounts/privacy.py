"""Download my data, delete my account, and hiding a profile: the account's part of each.

Other apps add their own sections through ``pbsite.registry.personal_data``; ``delete_account``
runs every section's ``erase`` and then anonymises the account itself, so public posts stay with
the name "Former member" and nothing private is left.
"""

from __future__ import annotations

import json
from datetime import datetime

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from pbsite import moderation
from pbsite.models import Notification, Report
from pbsite.registry import personal_data


def export_account(user) -> dict:
    from allauth.account.models import EmailAddress

    return {
        "email": user.email,
        "email_addresses": [
            {"email": e.email, "verified": e.verified, "primary": e.primary}
            for e in EmailAddress.objects.filter(user=user)
        ],
        "display_name": user.display_name,
        "about": user.about,
        "avatar": user.avatar.name if user.avatar else None,
        "roles": user.role_names,
        "email_preference": user.email_preference,
        "joined": user.date_joined,
        "last_login": user.last_login,
        "notifications": [
            {"text": n.text, "url": n.url, "created_at": n.created_at, "read_at": n.read_at}
            for n in Notification.objects.filter(recipient=user).select_related("actor")
        ],
        "reports_made": [
            {"reason": r.reason, "details": r.details, "created_at": r.created_at}
            for r in Report.objects.filter(reporter=user)
        ],
    }


def erase_account(user) -> None:
    from allauth.account.models import EmailAddress

    Notification.objects.filter(recipient=user).delete()
    EmailAddress.objects.filter(user=user).delete()
    if user.avatar:
        user.avatar.delete(save=False)


def hide_profile(user) -> None:
    user.profile_hidden = True
    user.save(update_fields=["profile_hidden"])


def export_json(user) -> str:
    data = {
        "about_this_file": (
            "Everything Budget Circle stores about you or that you created, "
            f"made on {timezone.now():%d %B %Y at %H:%M}."
        ),
        **personal_data.export(user),
    }
    return json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)


@transaction.atomic
def delete_account(user) -> None:
    personal_data.erase(user)
    user.email = f"deleted-{user.pk}@deleted.invalid"
    user.display_name = ""
    user.about = ""
    user.avatar = ""
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.deleted_at = timezone.now()
    user.set_unusable_password()
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
    # Pages they still have open stop hearing anything at once, as for a suspension.
    user_id = user.pk
    transaction.on_commit(lambda: moderation.close_live_connections(user_id))


def export_filename(user, now: datetime | None = None) -> str:
    now = now or timezone.now()
    return f"budget-circle-my-data-{now:%Y-%m-%d}.json"
