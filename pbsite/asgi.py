import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pbsite.settings.dev")
django_asgi_app = get_asgi_application()

from django.conf import settings  # noqa: E402

if settings.EMBEDDED_WORKER:
    from pbsite.worker import start_embedded

    start_embedded()

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402
from django.urls import path  # noqa: E402

from pbsite.consumers import UserConsumer  # noqa: E402

websocket_urlpatterns = [path("ws/", UserConsumer.as_asgi())]

application = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        "websocket": AllowedHostsOriginValidator(
            AuthMiddlewareStack(URLRouter(websocket_urlpatterns))
        ),
    }
)

from pbsite.startup import settle  # noqa: E402

settle()
