"""One post as a topic page and the live stream show it (``forum/jinja2/forum/post.html``).

Through Django's template language a post cost about 1,900 Python calls, and a topic page shows
up to fifty: each ``{% if %}``, filter and variable goes through the template engine's lookups.
Jinja2 compiles the same markup to Python once. It is the form renderer's Jinja2 environment
(``pbsite.form_renderer``), which finds each app's ``jinja2/`` folder.

The HTML is the one Django's template gave: the words come from the same messages, and what is
not plain markup (names, translated words, dates) is escaped here as Django escapes it
(``conditional_escape``: an apostrophe is ``&#x27;``, where Jinja2 writes ``&#39;``).
"""

from __future__ import annotations

from functools import cache, partial

from django.forms.renderers import get_default_renderer
from django.template.defaultfilters import date
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_noop as _

from pbsite.moderation_rules import scam_signs
from pbsite.templatetags.components import report_url

#: The words a post shows, by their messages (``{% translate %}``, escaped as its output is).
WORDS = {
    "held": _("This post is hidden while a moderator looks at it."),
    "buddy": _("Peer buddy"),
    "adviser": _("Adviser"),
    "edited": _("edited"),
    "in_reply_to": _("In reply to"),
    "hidden": _("A moderator has hidden this post. Only moderators can see it."),
    "waiting": _("Waiting for a moderator to check it. Only you"),
    "and_moderators": _("and the moderators"),
    "see_it_for_now": _("can see it for now."),
    "held_yours": _(
        "Members reported this post, so it is hidden from others while a moderator looks at "
        "it. Only you and the moderators can see it. A moderator will show it again if nothing "
        "is wrong."
    ),
    "held_others": _("Hidden from members while a moderator looks at the reports about it."),
    "reply": _("Reply"),
    "quote": _("Quote"),
    "edit": _("Edit"),
    "this_post": _("this post"),
    "earlier_versions": _("Earlier versions"),
    "answered": _("This answered my question"),
    "send_message": _("Send a private message"),
}

#: The name of a post's author whose account is gone, where the page does not translate it.
FORMER_MEMBER = "Former member"


def render_post(
    post,
    *,
    topic,
    live: bool = False,
    viewer_id=None,
    can_reply: bool = False,
    is_moderator: bool = False,
    first_post_id=None,
    message_targets=(),
    message_url: str = "",
    csrf_token=None,
) -> SafeString:
    """``post`` of ``topic`` as ``viewer_id`` (``None``: signed out) sees it, with what the
    topic page knows of them (``forum/topic.html``): whether they may reply, whether they are a
    moderator, the authors they may write to (``message_targets``) and where to write to one.
    ``live``: for the live stream, which sends one post to everyone, without per-person actions.
    """
    context = {
        "post": post,
        "topic": topic,
        "live": live,
        "viewer_id": viewer_id,
        "can_reply": can_reply,
        "is_moderator": is_moderator,
        "first_post_id": first_post_id,
        "message_targets": message_targets,
        "message_url": message_url,
        "words": _words(get_language()),
    }
    if not getattr(post, "shown_as_held", False):
        context.update(_shown(post, context["words"]))
        context["url"] = _url
        context["csrf_input"] = partial(_csrf_input, csrf_token)
    return mark_safe(_template().render(context))


def _template():
    return get_default_renderer().jinja2.get_template("forum/post.html")


@cache
def _words(language: str | None) -> dict:
    """The words in ``language``, escaped as ``{% translate %}`` writes them, and the messages
    that name someone: the same for every post, so translated once for each language."""
    words = {key: conditional_escape(gettext(text)) for key, text in WORDS.items()}
    post = conditional_escape(gettext("post"))
    return {
        **words,
        "former_member": conditional_escape(gettext(FORMER_MEMBER)),
        "to_public_name": gettext("to %(public_name)s"),
        "to_name": gettext("to %(name)s"),
        "report_this_post": mark_safe(gettext("Report this %(label)s") % {"label": post}),
    }


def _shown(post, words: dict) -> dict:
    """What a post that is not held back shows, beyond its own fields."""
    created = template_localtime(post.created)
    author_name = _name(post.author)
    # As {% blocktranslate %} gives them: the name escaped, the translated message not.
    named = author_name if post.author is not None else words["former_member"]
    return {
        "author_name": author_name,
        "created_iso": created.isoformat(),  # the date filter's "c"
        "created": date(created, "j F Y, H:i"),
        "adviser_mark": _adviser_mark(post.adviser_mark),
        "reply_to_name": _name(post.reply_to.author) if post.reply_to_id else "",
        "safety_note": _safety_note(post.body_markdown),
        "to_author": mark_safe(words["to_public_name"] % {"public_name": named}),
        "message_to_author": mark_safe(words["to_name"] % {"name": _name(post.author, "")}),
        "report_link": _report_link(post, words),
    }


def _name(person, default=FORMER_MEMBER) -> str:
    """``person.public_name|default:default``, escaped."""
    return conditional_escape((person.public_name if person is not None else "") or default)


def _url(name: str, *args) -> str:
    """``{% url name args %}``."""
    return conditional_escape(reverse(name, args=args))


def _adviser_mark(mark) -> str:
    if mark is None:
        return ""
    return render_to_string("forum/advisers/_answer_mark.html", {"mark": mark})


def _safety_note(text: str) -> str:
    if not scam_signs(str(text or "")):
        return ""
    return render_to_string("components/safety_note.html")


def _report_link(post, words: dict) -> SafeString:
    """``components/report_link.html`` for a post, on a line of its own as that template writes
    it: a template render for each post cost more than the rest of the post."""
    link = format_html(
        '<a class="report-link" href="{}">{}</a>', report_url(post), words["report_this_post"]
    )
    return mark_safe(f"\n{link}\n")


def _csrf_input(token) -> str:
    """What ``{% csrf_token %}`` writes."""
    if not token or token == "NOTPROVIDED":
        return ""
    return format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', token)
