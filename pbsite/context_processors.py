from django.conf import settings

# The demo helpline: a number Ofcom keeps for drama and examples (03069 990000 to 03069 990999),
# so it can never ring a real line. A real deployment puts its own here.
HELP_PHONE = "03069 990123"

NAVIGATION = [
    ("Guides", "/guides/"),
    ("Find a PA", "/register/"),
    ("Directory", "/directory/"),
    ("Forum", "/forum/"),
    ("Pooling board", "/pools/"),
    ("Meetings", "/meetings/"),
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
        "help_phone": HELP_PHONE,
        "help_email": "help@budgetcircle.example",
    }
