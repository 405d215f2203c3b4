import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pbsite.settings.dev")
application = get_wsgi_application()

from pbsite.startup import settle  # noqa: E402

settle()
