"""Who may do what, where every part asks the same question: plain functions on a user."""

from .models import Role


def is_moderator(user) -> bool:
    """Moderators and site admins. The answer is kept on the user object, so a request asks the
    database once however many parts ask."""
    if user is None or not user.is_authenticated:
        return False
    if not hasattr(user, "_is_moderator"):
        user._is_moderator = user.is_superuser or user.has_role(Role.MODERATOR)
    return user._is_moderator
