"""A topic page's posts (``forum.post_component``)."""

from django import template

from ..post_component import render_post

register = template.Library()


@register.simple_tag(takes_context=True)
def forum_post(context, post):
    """``post`` for the topic page's reader, with what the page knows of them."""
    return render_post(
        post,
        topic=context["topic"],
        viewer_id=getattr(context.get("user"), "pk", None),
        can_reply=context.get("can_reply", False),
        is_moderator=context.get("is_moderator", False),
        first_post_id=context.get("first_post_id"),
        message_targets=context.get("message_targets", ()),
        message_url=context.get("message_url", ""),
        csrf_token=context.get("csrf_token"),
    )
