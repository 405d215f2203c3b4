"""What every page's header needs from the forum: how many conversations are unread."""

from django.db.models import F
from django.db.models.functions import Coalesce

from conversations.models import Participant


def unread_conversations(user):
    """The person's conversations that are unread (``conversations.services.is_unread``:
    something said since they last read it, or since they joined). ``user`` may be an
    ``OuterRef``: the header reads this count with the others (``pbsite.registry``)."""
    return Participant.objects.filter(user=user, topic__is_private=True).filter(
        topic__last_activity__gt=Coalesce(F("last_read"), F("joined"))
    )
