from django.conf import settings

from .models import helpline_for

NAVIGATION = [
    ("Guides", "/guides/"),
    ("Find a PA", "/register/"),
    ("Directory", "/directory/"),
    ("Forum", "/forum/"),
    ("Pooling board", "/pools/"),
]


def site_chrome(request):
    """What every page's header and footer need: navigation and the unread count."""
    user = getattr(request, "user", None)
    unread = 0
    if user is not None and user.is_authenticated:
        unread = user.notifications.unread().count()
    return {
        "navigation": NAVIGATION,
        "unread_notifications": unread,
        "SITE_URL": settings.SITE_URL,
        # How to reach a person: the Helpline site setting (Settings → Helpline in the admin).
        "helpline": helpline_for(request),
    }
