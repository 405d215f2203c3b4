from django import template
from django.utils.safestring import mark_safe

from forum.rendering import render_markdown

register = template.Library()


@register.filter
def markdown(text: str) -> str:
    """Notes shown as the forum shows posts: its markdown, sanitised (no raw HTML or images)."""
    return mark_safe(render_markdown(text or ""))  # noqa: S308 - render_markdown cleans with nh3
