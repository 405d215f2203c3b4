"""The pooling board's part of "download my data" and "delete my account".

What a group keeps after a member deletes their account (the council may audit it): that a
member joined, left, voted and accepted each agreement version, with their share, shown as
"a former member". Their words (suggestions, session notes, quote messages), their name for the
agreement, who they joined for and their support-plan outcome are erased. A coordinator who
deletes their account hands the group to its longest-standing member (or the group closes).
"""

import contextlib

from . import services
from .models import (
    AgreementAcceptance,
    GroupAdvert,
    Membership,
    Pool,
    Proposal,
    Quote,
    SessionRecord,
    Vote,
)
from .rules import PoolState


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
        "agreements_accepted": [
            {
                "group": a.membership.pool.title,
                "version": a.version,
                "my_share_each_session_pence": a.per_session_pence,
                "accepted_at": a.accepted_at,
            }
            for a in AgreementAcceptance.objects.filter(membership__user=user).select_related(
                "membership__pool"
            )
        ],
        "suggestions_i_made": [
            {
                "group": p.pool.title,
                "kind": p.get_kind_display(),
                "text": p.text,
                "outcome": p.outcome,
                "created_at": p.created_at,
            }
            for p in Proposal.objects.filter(author=user).select_related("pool")
        ],
        "votes": [
            {"proposal": v.proposal.text, "agree": v.agree, "at": v.created_at}
            for v in Vote.objects.filter(membership__user=user).select_related("proposal")
        ],
        "sessions_i_recorded": [
            {"group": s.pool.title, "held_on": s.held_on, "note": s.note}
            for s in SessionRecord.objects.filter(recorded_by=user).select_related("pool")
        ],
        "quotes_i_asked_for": [
            {"group": q.pool.title, "message": q.request_message, "created_at": q.created_at}
            for q in Quote.objects.filter(requested_by=user).select_related("pool")
        ],
        "quotes_i_gave": [
            {
                "group": q.pool.title,
                "price_per_session_pence": q.price_per_session_pence,
                "included": q.included,
                "dates": q.dates,
                "answered_at": q.answered_at,
            }
            for q in Quote.objects.filter(supplier=user).select_related("pool")
        ],
    }


def hand_over(user) -> None:
    """Runs before the other parts erase (a group's advert moves with the coordinator role)."""
    open_states = [PoolState.FORMING, PoolState.VIABLE, PoolState.AGREED, PoolState.ACTIVE]
    for pool in Pool.objects.filter(coordinator=user, state__in=open_states):
        services.coordinator_leaves_site(pool, user)
    # A group's "PA wanted" advert in the register moves to the group's new coordinator.
    for link in GroupAdvert.objects.filter(advert__author=user).select_related("pool", "advert"):
        if link.pool.coordinator_id != user.pk:
            link.advert.author_id = link.pool.coordinator_id
            link.advert.save(update_fields=["author"])


def erase(user) -> None:
    """Private details and words go; the group's record keeps "a former member" lines."""
    Membership.objects.filter(user=user).update(
        on_behalf_of="", support_plan_outcome="", max_pence=None, agreement_name=""
    )
    for membership in Membership.objects.filter(user=user).exclude(status="left"):
        with contextlib.suppress(services.PoolError):
            services.leave(membership.pool, user)
    Proposal.objects.filter(author=user).update(text="")
    SessionRecord.objects.filter(recorded_by=user).update(note="")
    Quote.objects.filter(requested_by=user).update(request_message="")
    Quote.objects.filter(supplier=user).update(included="", dates="")
