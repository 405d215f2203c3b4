"""Who may see or add to someone's record: its owner, and people they share it with.

Nobody else, whatever their role: staff, moderators and site admins get "not found" like
anyone else. Views fetch everything through these functions.
"""

from __future__ import annotations

from django.http import Http404

from pbsite.statements import Statement

from .models import Budget, Share, Timeline


def can_view(user, owner_id: int) -> bool:
    if user is None or not user.is_authenticated:
        return False
    return (
        user.pk == owner_id
        or Share.objects.active().filter(owner_id=owner_id, person=user).exists()
    )


def can_add_lines(user, owner_id: int) -> bool:
    if user is None or not user.is_authenticated:
        return False
    return (
        user.pk == owner_id
        or Share.objects.active()
        .filter(owner_id=owner_id, person=user, can_add_lines=True)
        .exists()
    )


def had_access(user, owner_id: int) -> bool:
    """Someone the owner shared with, and stopped sharing with."""
    return (
        user is not None
        and user.is_authenticated
        and Share.objects.filter(owner_id=owner_id, person=user, ended_at__isnull=False).exists()
    )


#: A person's own budget by its id, by SQL built once per process (pbsite.statements): every
#: budget page reads one.
_OWN_BUDGET = Statement(
    lambda pk, owner: Budget.objects.filter(pk=pk, owner_id=owner), "pk", "owner"
)


def budget_or_404(user, pk) -> Budget:
    # Most often it is the person's own: found without looking through shares, and its owner
    # is already at hand.
    own = _OWN_BUDGET.objects(pk=pk, owner=user.pk) if user.pk else None
    if own:
        budget = own[0]
        budget.owner = user
        return budget
    budget = Budget.objects.visible_to(user).select_related("owner").filter(pk=pk).first()
    if budget is None:
        raise Http404
    return budget


def own_budget_or_404(user, pk) -> Budget:
    budget = budget_or_404(user, pk)
    if budget.owner_id != user.pk:
        raise Http404
    return budget


def timeline_or_404(user, pk, *, own=False) -> Timeline:
    timeline = Timeline.objects.select_related("owner").filter(pk=pk).first()
    if timeline is None or not can_view(user, timeline.owner_id):
        raise Http404
    if own and timeline.owner_id != user.pk:
        raise Http404
    return timeline
