"""A topic's line in a list of topics (``forum/jinja2/forum/topic_row.html``): the forum's front
page, a category, and the questions waiting for a peer buddy.

Through Django's template language each line was an include of ``_topic_row.html``, about 600
Python calls, and a list shows ten to twenty-five. Jinja2 compiles the same markup to Python once,
and the whole list is one render. It is the form renderer's Jinja2 environment
(``pbsite.form_renderer``), as for a post (``forum.post_component``).

The HTML is the one Django's template gave: the same messages, and each value escaped as Django
escapes it (``conditional_escape``: an apostrophe is ``&#x27;``, where Jinja2 writes ``&#39;``).
The words are as ``{% translate %}`` and ``{% blocktranslate %}`` write them: the template's own
words and messages as they are, the values put into a message escaped.
"""

from __future__ import annotations

from functools import cache

from django.forms.renderers import get_default_renderer
from django.template.defaultfilters import date, pluralize, timesince_filter
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_noop as _

#: The words a line shows, by their messages.
WORDS = {
    "pinned": _("Pinned"),
    "solved": _("Solved"),
    "closed": _("Closed"),
    "waiting": _("Waiting for a moderator"),
    "no_replies": _("No replies yet"),
    "last_activity": _("· last activity"),
}

#: The messages a line puts a value into.
MESSAGES = {
    "started_by": _("Started by %(public_name)s"),
    "in_category": _("in %(name)s"),
    "replies": _("%(reply_count)s repl%(reply_count2)s"),
    "ago": _("%(last_activity)s ago"),
    "former_member": _("Former member"),
}


def render_topic_rows(topics, *, show_category: bool = False) -> SafeString:
    """A line for each of ``topics`` (each read with its author, and with its category when
    ``show_category``), naming its category if ``show_category``."""
    words, messages = _words(get_language())
    rows = [_shown(topic, messages, show_category) for topic in topics]
    template = get_default_renderer().jinja2.get_template("forum/topic_row.html")
    return mark_safe(template.render({"rows": rows, "words": words}))


@cache
def _words(language: str | None) -> tuple[dict, dict]:
    """The words and messages in ``language``: the same for every line, so translated once."""
    return (
        {key: mark_safe(gettext(text)) for key, text in WORDS.items()},
        {key: gettext(text) for key, text in MESSAGES.items()},
    )


def _shown(topic, messages: dict, show_category: bool) -> dict:
    """What one topic's line shows."""
    author = topic.author.public_name if topic.author is not None else ""
    replies = ""
    if topic.reply_count != 0:
        replies = messages["replies"] % {
            "reply_count": _value(topic.reply_count),
            "reply_count2": _value(pluralize(topic.reply_count, "y,ies")),
        }
    category = ""
    if show_category and topic.category:
        category = messages["in_category"] % {"name": _value(topic.category.name)}
    return {
        "topic": topic,
        "url": conditional_escape(topic.get_absolute_url()),
        "title": conditional_escape(topic.title),
        "started_by": mark_safe(
            messages["started_by"] % {"public_name": _value(author or messages["former_member"])}
        ),
        "in_category": mark_safe(category),
        "replies": mark_safe(replies),
        "last_activity_iso": conditional_escape(date(template_localtime(topic.last_activity), "c")),
        "ago": mark_safe(
            messages["ago"] % {"last_activity": _value(timesince_filter(topic.last_activity))}
        ),
    }


def _value(value) -> str:
    """A value put into a message, as ``{% blocktranslate %}`` writes it."""
    return conditional_escape(localize(value))
