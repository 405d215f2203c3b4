"""What every page's header needs from the forum: how many conversations are unread."""

from .conversations import unread_conversations


def messages_count(request):
    """One query for a signed-in person (``unread_conversations``); none for a visitor."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_messages": unread_conversations(user)}
