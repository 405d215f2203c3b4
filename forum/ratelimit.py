"""How many posts one person may make in ten minutes (``pbsite.ratelimit`` counts them)."""

from __future__ import annotations

from django.conf import settings

from pbsite import ratelimit

WINDOW_SECONDS = 600


def posts_allowed() -> int:
    return getattr(settings, "FORUM_POSTS_PER_10_MINUTES", 8)


def take_turn(user) -> bool:
    """Count one post by ``user``; False when they have posted ``posts_allowed()`` times in the
    last ten minutes, on any worker."""
    return ratelimit.hit("forum.post", user.pk, posts_allowed(), WINDOW_SECONDS)
