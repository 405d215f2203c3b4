from django.conf import settings

from .models import helpline_for
from .registry import navigation


def site_chrome(request):
    """What every page's header and footer need: navigation (the links the parts registered in
    ``pbsite.registry.navigation``) and the unread count."""
    user = getattr(request, "user", None)
    unread = 0
    if user is not None and user.is_authenticated:
        unread = user.notifications.unread().count()
    return {
        "navigation": list(navigation),
        "unread_notifications": unread,
        "SITE_URL": settings.SITE_URL,
        # How to reach a person: the Helpline site setting (Settings → Helpline in the admin).
        "helpline": helpline_for(request),
    }
