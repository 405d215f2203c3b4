"""Every page type axe checks, in one place. Each part adds its own page types here.

Each entry: (name, path, who is signed in). ``who`` is None for an anonymous visitor, or a role
from ``accounts.models.Role`` whose demo person (see ``accounts.demo``) signs in first. The axe
test runs against the demo site built by ``manage.py load_demo``, so paths may name demo content.
"""

from accounts.models import Role

PAGES = [
    ("home", "/", None),
    ("sign up", "/accounts/signup/", None),
    ("sign in", "/accounts/login/", None),
    ("password reset", "/accounts/password/reset/", None),
    ("settings", "/accounts/settings/", Role.HOLDER),
    ("download my data", "/accounts/export/", Role.HOLDER),
    ("delete my account", "/accounts/delete/", Role.HOLDER),
    ("notifications", "/notifications/", Role.HOLDER),
    ("not found (404)", "/this-page-does-not-exist/", None),
    ("search", "/search/?q=assistant", None),
]
