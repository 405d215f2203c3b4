"""A list's lines of topics (``forum.topic_row_component``) and of the reader's conversations
(``forum.conversation_row_component``)."""

from django import template

from ..conversation_row_component import render_conversation_rows
from ..topic_row_component import render_topic_rows

register = template.Library()


@register.simple_tag
def topic_rows(topics, show_category=False):
    """A line for each of ``topics``, naming its category if ``show_category``."""
    return render_topic_rows(topics, show_category=show_category)


@register.simple_tag
def conversation_rows(conversations):
    """A line for each of the reader's ``conversations`` (``forum.conversation_row_component``)."""
    return render_conversation_rows(conversations)
