"""A conversation's line in the reader's list of messages
(``forum/jinja2/forum/conversation_row.html``).

Through Django's template language each line cost about 600 Python calls and the list shows up to
25. Jinja2 compiles the same markup to Python once, and the whole list is one render, as a list's
topic lines are (``forum.topic_row_component``, whose notes on escaping hold here too).
"""

from __future__ import annotations

from functools import cache

from django.forms.renderers import get_default_renderer
from django.template.defaultfilters import date, timesince_filter
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_noop as _

#: The words a line shows, by their messages.
WORDS = {
    "new_messages": _("New messages"),
    "with": _("With"),
    "nobody_else": _("nobody else now"),
    "last_message": _("· last message"),
}
AGO = _("%(last_activity)s ago")


def render_conversation_rows(conversations) -> SafeString:
    """A line for each of ``conversations``, each given ``others`` (the people in it but the
    reader, in the order of their names) and ``unread`` (whether the reader has a message to
    read in it)."""
    words, ago = _words(get_language())
    rows = [_shown(conversation, ago) for conversation in conversations]
    template = get_default_renderer().jinja2.get_template("forum/conversation_row.html")
    return mark_safe(template.render({"rows": rows, "words": words}))


@cache
def _words(language: str | None) -> tuple[dict, str]:
    """The words in ``language``, as ``{% translate %}`` writes them: the same for every line."""
    return {key: mark_safe(gettext(text)) for key, text in WORDS.items()}, gettext(AGO)


def _shown(conversation, ago: str) -> dict:
    """What one conversation's line shows."""
    return {
        "url": conditional_escape(conversation.get_absolute_url()),
        "title": conditional_escape(conversation.title),
        "unread": conversation.unread,
        "others": mark_safe(
            ", ".join(conditional_escape(person.public_name) for person in conversation.others)
        ),
        "last_activity_iso": conditional_escape(
            date(template_localtime(conversation.last_activity), "c")
        ),
        "ago": mark_safe(
            ago
            % {
                "last_activity": conditional_escape(
                    localize(timesince_filter(conversation.last_activity))
                )
            }
        ),
    }
