"""A list's lines of topics (``forum.topic_row_component``)."""

from django import template

from ..topic_row_component import render_topic_rows

register = template.Library()


@register.simple_tag
def topic_rows(topics, show_category=False):
    """A line for each of ``topics``, naming its category if ``show_category``."""
    return render_topic_rows(topics, show_category=show_category)
