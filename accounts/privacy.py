"""Download my data, delete my account, and hiding a profile: the account's part of each.

Other apps add their own sections through ``pbsite.registry.personal_data``; ``delete_account``
runs every section's ``erase`` and then anonymises the account itself, so public posts stay with
the name "Former member" and nothing private is left.

What outlives an account (the README's retention table lists each field and why): the account
row itself, emptied (its id is what the audit log and the records of groups point at);
moderation reports, with the person's words kept only where the report is about safety or led
to a suspension; and, for a suspended person, a keyed fingerprint of their email address
(``SuspendedEmail``), so they cannot erase and sign up again.
"""

from __future__ import annotations

import json
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext

from pbsite import moderation
from pbsite.images import delete_folder
from pbsite.models import Notification, Report, ReportReason, ReportStatus
from pbsite.registry import personal_data

from .models import SuspendedEmail, User, email_fingerprint

#: Reports whose words are kept after the author of the reported content erases their account.
SAFEGUARDING_REASONS = [ReportReason.CRISIS, ReportReason.SAFETY]


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
    _forget_in_others_notifications(user)
    EmailAddress.objects.filter(user=user).delete()
    delete_every_avatar(user)
    # Reports they made keep who (by id), what kind and when, never their words.
    Report.objects.filter(reporter=user).update(details="")


def delete_every_avatar(user) -> None:
    """Every picture the person ever uploaded, not only the current one (older versions of
    the site kept replaced pictures)."""
    from .models import avatar_path

    storage = user.avatar.storage
    if user.avatar:
        user.avatar.delete(save=False)
    delete_folder(storage, avatar_path(user, "").rstrip("/"))


def _forget_in_others_notifications(user) -> None:
    """Others' notifications name the person by reference (``actor``), but the title they keep
    was copied when they were sent, and can be the person's words or name ("Asking Eve about PA
    work", a buddy pairing's names): those titles are emptied."""
    about_them = Q(actor=user)
    name = (user.display_name or "").strip()
    if len(name) >= 3:
        about_them |= Q(target_title__icontains=name)
    Notification.objects.filter(about_them).exclude(recipient=user).update(target_title="")


def _authored_by(obj, user) -> bool:
    if isinstance(obj, User):
        return obj.pk == user.pk
    if obj is None or not moderation.is_reportable(obj):
        return False
    author = moderation.reportable_for(obj).author(obj)
    return author is not None and author.pk == user.pk


def pseudonymise_reports_and_audit_log(user) -> None:
    """Runs before the parts erase their rows, while the content still says who wrote it.

    Reports about the person's content keep what it said only if they are about safety or
    led to a suspension (safeguarding records); the others keep the fact of the report. The
    audit log keeps who did what to which object, by id: labels and data that quoted the
    person (a post's words, a profile's name) are replaced by the kind of object and its id.
    """
    from wagtail.models import ModelLogEntry

    name, former = (user.display_name or "").strip(), gettext("a former member")
    kinds = [User, *moderation.registered_models()]
    their_types = ContentType.objects.get_for_models(*kinds, for_concrete_models=False).values()
    scrubbed_reports = []
    for report in Report.objects.filter(content_type__in=their_types).exclude(content_summary=""):
        if not _authored_by(report.content_object, user):
            continue
        safeguarding = report.reason in SAFEGUARDING_REASONS or (
            report.status == ReportStatus.SUSPENDED
        )
        if not safeguarding:
            report.content_summary = ""
            scrubbed_reports.append(report.pk)
        elif len(name) >= 3:
            report.content_summary = report.content_summary.replace(name, former)
        report.save(update_fields=["content_summary"])
    report_type = ContentType.objects.get_for_model(Report)
    ModelLogEntry.objects.filter(
        content_type=report_type, object_id__in=[str(pk) for pk in scrubbed_reports]
    ).update(label=gettext("A report"))
    for entry in ModelLogEntry.objects.filter(content_type__in=their_types).select_related(
        "content_type"
    ):
        model = entry.content_type.model_class()
        if model is None:
            continue
        obj = model._default_manager.filter(pk=entry.object_id).first()
        if not _authored_by(obj, user):
            continue
        label = gettext("%(kind)s %(id)s, by a former member") % {
            "kind": model._meta.verbose_name.capitalize(),
            "id": entry.object_id,
        }
        data = {k: v for k, v in (entry.data or {}).items() if isinstance(v, int)}
        ModelLogEntry.objects.filter(pk=entry.pk).update(label=label, data=data)


def remember_suspension(user) -> None:
    """A suspended person who deletes their account leaves a fingerprint of their email."""
    from allauth.account.models import EmailAddress

    if not user.suspended_at:
        return
    emails = {user.email, *EmailAddress.objects.filter(user=user).values_list("email", flat=True)}
    for email in emails:
        SuspendedEmail.objects.get_or_create(
            fingerprint=email_fingerprint(email), defaults={"suspended_at": user.suspended_at}
        )


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
    remember_suspension(user)
    pseudonymise_reports_and_audit_log(user)
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
