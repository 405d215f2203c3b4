"""Notifications: one entry point, ``notify()``, delivered on the site, live and by email.

- On the site: a ``Notification`` row, listed at /notifications/ with an unread count in the header.
- Live: a message to the recipient's personal WebSocket group (see ``consumers.py``).
- Email: straight away through a django-tasks task, in the daily digest, or never, as the
  recipient chose in their settings.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import ngettext

from .live import send_to_group
from .models import Notification
from .tasks import retrying_task

logger = logging.getLogger("budgetcircle.notifications")


def user_group(user_id: int) -> str:
    """The channel-layer group every WebSocket of one signed-in person joins."""
    return f"user.{user_id}"


def notify(recipient, verb: str, target=None, actor=None, *, url: str = "") -> Notification | None:
    """Tell ``recipient`` that ``actor`` did ``verb`` (e.g. "replied to your topic") to ``target``.

    Nobody is notified of their own actions, and deleted or suspended accounts get nothing.
    """
    if recipient is None or (actor is not None and actor.pk == recipient.pk):
        return None
    if not recipient.is_active or recipient.deleted_at:
        return None
    if not url and target is not None and hasattr(target, "get_absolute_url"):
        url = target.get_absolute_url()
    notification = Notification.objects.create(
        recipient=recipient,
        actor=actor,
        verb=verb,
        target_type=ContentType.objects.get_for_model(target) if target is not None else None,
        target_id=str(target.pk) if target is not None else "",
        target_title=str(target)[:255] if target is not None else "",
        url=url,
    )
    transaction.on_commit(lambda: _deliver(notification))
    return notification


def _deliver(notification: Notification) -> None:
    push_live(notification)
    if notification.recipient.email_preference == "immediately":
        send_notification_email.enqueue(notification.pk)


def push_live(notification: Notification) -> None:
    """Send to the recipient's open pages. A dead channel layer must not break the request."""
    send_to_group(
        user_group(notification.recipient_id),
        {
            "type": "notification.new",
            "id": notification.pk,
            "text": notification.text,
            "url": notification.url,
            "unread": notification.recipient.notifications.unread().count(),
        },
    )


def absolute(url: str) -> str:
    return f"{settings.SITE_URL}{url}" if url.startswith("/") else url


@retrying_task()
def send_notification_email(notification_id: int) -> None:
    notification = (
        Notification.objects.select_related("recipient", "actor")
        .filter(pk=notification_id, emailed_at__isnull=True, read_at__isnull=True)
        .first()
    )
    if notification is None:
        return
    _send(notification.recipient, [notification], subject=notification.text[:120])


@retrying_task()
def send_digests_today() -> int:
    """The daily job (see ``pbsite.apps``): a failed send is tried again later."""
    return send_daily_digests()


def send_daily_digests() -> int:
    """Email each daily-digest person their unread, un-emailed notifications; count emails."""
    pending = (
        Notification.objects.unread()
        .filter(emailed_at__isnull=True, recipient__email_preference="daily")
        .filter(recipient__is_active=True, recipient__deleted_at__isnull=True)
        .select_related("recipient", "actor")
        .order_by("recipient_id", "created_at")
    )
    by_recipient: dict[int, list[Notification]] = {}
    for notification in pending:
        by_recipient.setdefault(notification.recipient_id, []).append(notification)
    for items in by_recipient.values():
        count = len(items)
        subject = ngettext(
            "You have %(count)d new notification", "You have %(count)d new notifications", count
        ) % {"count": count}
        _send(items[0].recipient, items, subject=subject)
    return len(by_recipient)


def _send(recipient, notifications: list[Notification], *, subject: str) -> None:
    context = {
        "recipient": recipient,
        "notifications": [(n, absolute(n.url)) for n in notifications],
        "settings_url": absolute("/accounts/settings/"),
        "site_url": settings.SITE_URL,
    }
    send_mail(
        subject=" ".join(f"[Budget Circle] {subject}".split()),  # a line break would stop it
        message=render_to_string("pbsite/email/notifications.txt", context),
        from_email=None,
        recipient_list=[recipient.email],
    )
    Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(
        emailed_at=timezone.now()
    )
