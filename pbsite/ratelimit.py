"""Rate limits: one mechanism for every part, counted in the database so that every worker
sees the same counts, with or without Redis.

    from pbsite import ratelimit

    if not ratelimit.hit("forum.post", user.pk, allowed=8, per_seconds=600):
        raise PostingError("You have posted a lot ...")

``hit`` counts the attempt and says whether it is allowed, atomically: the row of that person
(or address) on that limit is locked while it counts, so two workers never both let the ninth
post through. A refused attempt is not counted. The window slides (the last ``per_seconds``
seconds), so nobody gets twice the allowance around a boundary. Called inside a transaction
that is later rolled back, the hit is rolled back with it: what was not saved is not counted.

Who is counted: an account (``user.pk``) or an address (``client_ip(request)``), stored only as
a keyed hash. ``client_ip`` is the one place that reads a visitor's address; it believes
``X-Forwarded-For`` only as far as ``TRUSTED_PROXY_COUNT`` proxies of our own (allauth's limits
use it too, through the account adapter).
"""

from __future__ import annotations

import datetime
import ipaddress
import time

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from .models import RateLimitHits
from .tasks import retrying_task


def recent_hits(
    history: list[float], now: float, allowed: int, per_seconds: float
) -> tuple[bool, list[float]]:
    """The rule, on plain values: of the earlier hits' times, keep those inside the window; the
    new hit is allowed when fewer than ``allowed`` remain, and is then added."""
    # A time a little ahead of ``now`` (another worker's clock, or a worker that took the lock
    # first) still counts: only what has left the window is dropped.
    kept = sorted(t for t in history if isinstance(t, int | float) and t > now - per_seconds)
    if len(kept) >= allowed:
        return False, kept
    return True, [*kept, now]


def _key(scope: str, who) -> str:
    return salted_hmac("pbsite.ratelimit", f"{scope}\0{who}").hexdigest()[:64]


def hit(scope: str, who, allowed: int, per_seconds: float) -> bool:
    """Count one attempt of ``who`` at ``scope``; True if it is within ``allowed`` attempts in
    the last ``per_seconds`` seconds (and so counted), False if it is over the limit."""
    if allowed <= 0:
        return False
    key = _key(scope, who)
    with transaction.atomic():
        # The row exists (made here, or by a worker that got there first), then is locked:
        # PostgreSQL waits for the other worker's transaction; SQLite's writers take turns.
        RateLimitHits.objects.bulk_create(
            [RateLimitHits(scope=scope, who=key)], ignore_conflicts=True
        )
        row = RateLimitHits.objects.select_for_update().get(scope=scope, who=key)
        now = time.time()  # after the lock: a worker that waited counts from when it got it
        ok, history = recent_hits(row.hits, now, allowed, per_seconds)
        if ok:
            row.hits = history
            row.expires = timezone.now() + datetime.timedelta(seconds=per_seconds)
            row.save(update_fields=["hits", "expires"])
        return ok


@retrying_task()
def forget_expired() -> int:
    """Drop the rows whose windows have passed (a daily job)."""
    deleted, _ = RateLimitHits.objects.filter(expires__lt=timezone.now()).delete()
    return deleted


def trusted_proxy_count() -> int:
    return max(int(getattr(settings, "TRUSTED_PROXY_COUNT", 0) or 0), 0)


def _clean_ip(value: str) -> str | None:
    value = (value or "").strip()
    if value.startswith("[") and "]" in value:  # "[2001:db8::1]:443"
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # "203.0.113.9:443"
        value = value.split(":", 1)[0]
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def client_ip(request) -> str:
    """The visitor's address. Behind ``TRUSTED_PROXY_COUNT`` proxies of our own, each appends
    the address it saw to ``X-Forwarded-For``, so the visitor is the entry that many places from
    the right; anything further left was written by the visitor and is ignored. With no trusted
    proxies (the default) the header is never read: anyone can send one."""
    remote = _clean_ip(request.META.get("REMOTE_ADDR", "")) or "unknown"
    count = trusted_proxy_count()
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if count == 0 or not forwarded:
        return remote
    hops = [hop for hop in forwarded.split(",") if hop.strip()]
    if len(hops) < count:
        return remote
    return _clean_ip(hops[-count]) or remote


def visitor(request) -> str:
    """Who a limit on visitors counts: the address, with an IPv6 address cut to its /64 network
    (one home's or phone's share, which its owner can change at will), as allauth does."""
    address = client_ip(request)
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if parsed.version == 6:
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False).network_address)
    return address
