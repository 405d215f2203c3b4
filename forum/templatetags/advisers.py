"""The "Ask an adviser" part of a topic page."""

from django import template

from pbsite.fragments import render_once
from pbsite.statements import Statement

from .. import advisers
from ..adviser_forms import PassToAdvisersForm
from ..models import Escalation

register = template.Library()


@register.inclusion_tag("forum/advisers/_panel.html", takes_context=True)
def adviser_panel(context, topic, posts=None):
    """Which advisers have the question, whether they answered, and what this person may do:
    pass it on (the asker, a buddy), or answer it (a current adviser of a passed expertise).

    ``posts``: the topic page's posts (``Post.objects.on_topic_page``), which hold every answer
    shown, so that none is read again."""
    user = context.get("user")
    escalations = _escalations.objects(topic=topic.pk)
    ids = [escalation.pk for escalation in escalations]
    if not ids:
        found = {}
    elif posts is None:
        found = advisers.answers_for(ids)
    else:
        found = advisers.answers_among(posts, ids)
    for escalation in escalations:
        escalation.shown_answers = found.get(escalation.pk, [])
    record, is_buddy = advisers.adviser_and_buddy(user)
    may_pass = advisers.may_pass_topic(user, topic, is_buddy=is_buddy)
    passed = {escalation.expertise for escalation in escalations}
    form = PassToAdvisersForm(already=passed) if may_pass else None
    if form is not None and not form.fields["expertise"].choices:
        form = None
    return {
        "topic": topic,
        "escalations": escalations,
        "record": record,
        "may_answer": record is not None and record.is_current and record.expertise in passed,
        "pass_form": form,
        "pass_fields": _pass_fields(form) if form is not None else "",
        "request": context.get("request"),
        "csrf_token": context.get("csrf_token"),
    }


#: A topic's escalations, asked on every topic page: the SQL built once per process.
_escalations = Statement(lambda topic: Escalation.objects.filter(topic_id=topic), "topic")


def _pass_fields(form) -> str:
    """The empty form's fields: the same for every question with the same kinds of adviser
    left to choose, so rendered once per process for those (and the language)."""
    left = ("PassToAdvisersForm", *(value for value, _label in form.fields["expertise"].choices))
    return render_once("components/form_fields.html", {"form": form}, shows=left)
