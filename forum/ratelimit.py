"""How many posts one person may make in ten minutes, counted in the cache."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

WINDOW_SECONDS = 600


def posts_allowed() -> int:
    return getattr(settings, "FORUM_POSTS_PER_10_MINUTES", 8)


def _key(user) -> str:
    window = int(timezone.now().timestamp()) // WINDOW_SECONDS
    return f"forum:posts:{user.pk}:{window}"


def is_limited(user) -> bool:
    return cache.get(_key(user), 0) >= posts_allowed()


def count_post(user) -> None:
    key = _key(user)
    if not cache.add(key, 1, WINDOW_SECONDS):
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, WINDOW_SECONDS)
