"""A person's notifications as their page lists them (``pbsite.notification_rows``)."""

from django import template

from ..notification_rows import render_notification_rows

register = template.Library()


@register.simple_tag(takes_context=True)
def notification_rows(context, notifications):
    """A line for each of ``notifications``, each with its form to open it."""
    return render_notification_rows(notifications, csrf_token=context.get("csrf_token"))
