"""Who may do what in the forum, as plain functions on a user."""

from accounts.models import Role


def is_moderator(user) -> bool:
    """Moderators and site admins; the answer is kept on the user object for the request."""
    if user is None or not user.is_authenticated:
        return False
    if not hasattr(user, "_forum_is_moderator"):
        user._forum_is_moderator = user.is_superuser or user.has_role(Role.MODERATOR)
    return user._forum_is_moderator
