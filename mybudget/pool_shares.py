"""A group's share as a repeating line: pooling says who joined, accepted or left
(``pooling.signals.membership_changed``) and this keeps the person's budget in step.

Joining with one budget adds the share to it at once. With none or several, the share waits on
the My budget page until the person chooses which budget it comes from. Accepting an agreement
version sets the amount to the share the group agreed, from that day on; leaving ends it.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from pooling.models import Membership, MembershipStatus, Repeat
from pooling.rules import PoolState

from . import rules
from .models import Budget, PendingPoolShare, RepeatEvery, RepeatingKind, RepeatingLine
from .rules import Every

REPEATS = {
    Repeat.ONCE: RepeatEvery.ONCE,
    Repeat.WEEKLY: RepeatEvery.WEEK,
    Repeat.FORTNIGHTLY: RepeatEvery.TWO_WEEKS,
    Repeat.MONTHLY: RepeatEvery.MONTH,
}
CLOSED = (PoolState.ENDED, PoolState.CANCELLED)


def current_share(membership: Membership) -> int | None:
    from pooling import services

    shares, _shortfall = services.current_shares(membership.pool)
    return next((s.per_session for s in shares if s.membership.pk == membership.pk), None)


def first_date(membership: Membership, today: datetime.date) -> datetime.date:
    """The first session the share pays for: the group's start date, or the next session on
    its weekday from today."""
    pool = membership.pool
    day = pool.start_date if pool.start_date and pool.start_date > today else today
    if pool.weekday is not None and pool.repeat != Repeat.ONCE:
        day += datetime.timedelta(days=(pool.weekday - day.weekday()) % 7)
    return day


def add_share(budget: Budget, membership: Membership, *, today=None) -> RepeatingLine | None:
    today = today or timezone.localdate()
    amount = current_share(membership)
    if amount is None:
        return None
    PendingPoolShare.objects.filter(membership=membership).delete()
    pool = membership.pool
    return RepeatingLine.objects.create(
        budget=budget,
        kind=RepeatingKind.POOL_SHARE,
        who="",
        what=f"My share: {pool.title}"[:200],
        outcome=membership.support_plan_outcome[:200],
        amount_pence=amount,
        every=REPEATS[Repeat(pool.repeat)],
        first_date=max(first_date(membership, today), budget.start_date),
        membership=membership,
    )


def share_lines(membership: Membership):
    return RepeatingLine.objects.filter(membership=membership, kind=RepeatingKind.POOL_SHARE)


def on_membership_changed(sender, membership: Membership, change: str, **kwargs) -> None:
    today = timezone.localdate()
    if change == "joined":
        if share_lines(membership).filter(until__isnull=True).exists():
            return
        budgets = list(Budget.objects.filter(owner=membership.user))
        if len(budgets) == 1:
            add_share(budgets[0], membership, today=today)
        else:
            PendingPoolShare.objects.get_or_create(
                membership=membership, defaults={"owner": membership.user}
            )
    elif change == "accepted":
        agreed = kwargs.get("per_session_pence")
        for line in share_lines(membership).filter(until__isnull=True):
            if agreed is None or agreed == line.amount_pence:
                continue
            if line.first_date >= today:  # nothing paid yet at the old amount
                line.amount_pence = agreed
                line.save(update_fields=["amount_pence"])
                continue
            line.until = today - datetime.timedelta(days=1)
            line.save(update_fields=["until"])
            upcoming = rules.occurrences(
                line.first_date, Every(line.every), today, today + datetime.timedelta(days=400)
            )
            if not upcoming:
                continue
            RepeatingLine.objects.create(
                budget=line.budget,
                kind=line.kind,
                who=line.who,
                what=line.what,
                outcome=line.outcome,
                amount_pence=agreed,
                every=line.every,
                first_date=upcoming[0],
                membership=membership,
            )
    elif change in ("left", "group_closed"):
        PendingPoolShare.objects.filter(membership=membership).delete()
        for line in share_lines(membership).filter(until__isnull=True):
            line.until = max(today, line.first_date)
            line.save(update_fields=["until"])


def pending_for(user):
    """Shares still waiting for a budget, in groups that are still running."""
    return PendingPoolShare.objects.filter(
        owner=user,
        membership__user=user,
        membership__status=MembershipStatus.MEMBER,
    ).exclude(membership__pool__state__in=[s.value for s in CLOSED])
