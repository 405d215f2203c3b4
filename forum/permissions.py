"""Who may do what in the forum: the site's one ``is_moderator`` (``accounts.permissions``)."""

from accounts.permissions import is_moderator

__all__ = ["is_moderator"]
