from django.conf import settings

from .models import helpline_for
from .registry import header_counts, navigation


def site_chrome(request):
    """What every page's header and footer need: navigation (the links the parts registered in
    ``pbsite.registry.navigation``) and, for a signed-in person, the header's counts (unread
    notifications, messages: ``pbsite.registry.header_counts``, one query for them all)."""
    user = getattr(request, "user", None)
    signed_in = user is not None and user.is_authenticated
    return {
        **(header_counts.for_user(user) if signed_in else {}),
        "navigation": list(navigation),
        "SITE_URL": settings.SITE_URL,
        # How to reach a person: the Helpline site setting (Settings → Helpline in the admin).
        "helpline": helpline_for(request),
    }
