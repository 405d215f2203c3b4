"""What every page's header needs from the forum: how many conversations are unread."""

from django.db.models import F
from django.db.models.functions import Coalesce

from conversations.models import Participant


def unread_conversations(user) -> int:
    """How many of ``user``'s conversations are unread (``conversations.services.is_unread``:
    something said since they last read it, or since they joined), in one query."""
    return (
        Participant.objects.filter(user=user, topic__is_private=True)
        .filter(topic__last_activity__gt=Coalesce(F("last_read"), F("joined")))
        .count()
    )


def messages_count(request):
    """One query for a signed-in person (``unread_conversations``); none for a visitor."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_messages": unread_conversations(user)}
