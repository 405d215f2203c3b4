"""The pooling board's part of "download my data" and "delete my account"."""

import contextlib

from . import services
from .models import Membership, Pool, Vote


def export(user) -> dict:
    return {
        "groups_coordinated": [
            {"title": pool.title, "state": pool.state, "created_at": pool.created_at}
            for pool in Pool.objects.filter(coordinator=user)
        ],
        "memberships": [
            {
                "group": m.pool.title,
                "status": m.status,
                "pays_with": m.pays_with,
                "use": str(m.use),
                "most_per_session_pence": m.max_pence,
                "on_behalf_of": m.on_behalf_of,
                "name_for_the_agreement": m.agreement_name,
                "support_plan_outcome": m.support_plan_outcome,
                "accepted_version": m.accepted_version,
                "joined_at": m.joined_at,
            }
            for m in Membership.objects.filter(user=user).select_related("pool")
        ],
        "votes": [
            {"proposal": v.proposal.text, "agree": v.agree, "at": v.created_at}
            for v in Vote.objects.filter(membership__user=user).select_related("proposal")
        ],
    }


def erase(user) -> None:
    """Private details go; the group's record keeps a "Former member" line, as councils need."""
    Membership.objects.filter(user=user).update(
        on_behalf_of="", support_plan_outcome="", max_pence=None, agreement_name=""
    )
    for membership in Membership.objects.filter(user=user).exclude(status="left"):
        with contextlib.suppress(services.PoolError):
            services.leave(membership.pool, user)
