"""A person's notifications as their page lists them
(``pbsite/jinja2/pbsite/notification_rows.html``).

Through Django's template language each line cost about 700 Python calls (its ``{% csrf_token %}``,
``{% url %}``, ``{% blocktranslate %}`` and filters each going through the engine's lookups), and
the page shows up to 25. Jinja2 compiles the same markup to Python once and the list is one render,
in the form renderer's Jinja2 environment (``pbsite.form_renderer``), as a forum post's
(``forum.post_component``).

The HTML is the one Django's template gave: the same messages, and each value escaped as Django
escapes it (``conditional_escape``: an apostrophe is ``&#x27;``, where Jinja2 writes ``&#39;``).
"""

from __future__ import annotations

from functools import cache

from django.forms.renderers import get_default_renderer
from django.template.defaultfilters import date, timesince_filter
from django.urls import reverse
from django.utils.formats import localize
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_noop as _

#: The words every line shows, and the message a line puts its time into.
WORDS = {"new": _("New"), "open": _("Open")}
AGO = _("%(created_at)s ago")


def render_notification_rows(notifications, *, csrf_token=None) -> SafeString:
    """A line for each of ``notifications`` (each read with its actor), with a form to open it
    (``csrf_token``: the request's, as ``{% csrf_token %}`` writes it)."""
    words, ago = _words(get_language())
    csrf_input = _csrf_input(csrf_token)
    rows = [_shown(notification, ago) for notification in notifications]
    template = get_default_renderer().jinja2.get_template("pbsite/notification_rows.html")
    return mark_safe(template.render({"rows": rows, "words": words, "csrf_input": csrf_input}))


@cache
def _words(language: str | None) -> tuple[dict, str]:
    """The words in ``language``, as ``{% translate %}`` writes them: the same for every line."""
    return {key: mark_safe(gettext(text)) for key, text in WORDS.items()}, gettext(AGO)


def _shown(notification, ago: str) -> dict:
    """What one notification's line shows."""
    return {
        "is_read": notification.is_read,
        "text": conditional_escape(notification.text),
        "created_iso": conditional_escape(date(template_localtime(notification.created_at), "c")),
        "ago": mark_safe(
            ago
            % {
                "created_at": conditional_escape(
                    localize(timesince_filter(notification.created_at))
                )
            }
        ),
        "open_url": conditional_escape(reverse("notification_open", args=[notification.pk])),
    }


def _csrf_input(token) -> SafeString:
    """What ``{% csrf_token %}`` writes."""
    if not token or token == "NOTPROVIDED":
        return mark_safe("")
    return format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', token)
