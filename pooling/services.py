"""What people do to a pool (join, leave, accept, start, end, cancel), each in one transaction.

Views call these; they take model instances and people, never a request, and raise PoolError
with a plain-words message when something is not allowed.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from fractions import Fraction

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from conversations.services import (
    ConversationError,
    add_participant,
    remove_participant,
    start_conversation,
)
from pbsite import live, ratelimit
from pbsite.edit_versions import check_edit_version
from pbsite.money import format_pence
from pbsite.notifications import notify
from pbsite.statements import Statement

from .models import (
    STATE_LABELS,
    AgreementAcceptance,
    Membership,
    MembershipStatus,
    PaEmployment,
    Pool,
    Proposal,
    ProposalKind,
    Quote,
    QuoteStatus,
    Repeat,
    SessionRecord,
    Transition,
    Vote,
    Weekday,
)
from .rules import (
    TERMINAL,
    CostSplitError,
    DecisionOutcome,
    Pledge,
    PoolEvent,
    PoolFacts,
    PoolState,
    SplitMethod,
    TransitionError,
    agreed_changes,
    decide,
    history_sentence,
    next_state,
    share_summary,
    split_cost,
)
from .signals import membership_changed


class PoolError(Exception):
    """Something a person tried that the pool does not allow; the message is for them."""


NEW_POOLS_WINDOW_SECONDS = 24 * 3600
TOO_MANY_POOLS = _(
    "You have started a lot of groups today, so this one is not on the board yet. Please try "
    "again tomorrow. What you wrote is still here."
)


def pools_allowed() -> int:
    """New groups one person may start in a day."""
    return getattr(settings, "POOLS_PER_DAY", 5)


def may_start_another(user) -> bool:
    """Count a new group by ``user``; False when they have started ``pools_allowed()`` today."""
    return ratelimit.hit("pooling.new_pool", user.pk, pools_allowed(), NEW_POOLS_WINDOW_SECONDS)


def members(pool: Pool):
    return pool.memberships.filter(status=MembershipStatus.MEMBER).select_related("user")


#: What members() reads, by SQL built once per process (pbsite.statements): the agreement's
#: pages read it on every request.
_MEMBERS = Statement(
    lambda pool: Membership.objects.filter(
        pool_id=pool, status=MembershipStatus.MEMBER
    ).select_related("user"),
    "pool",
)


def member_list(pool: Pool) -> list[Membership]:
    """The pool's members with their accounts, as ``list(members(pool))`` gives them."""
    found = _MEMBERS.objects(pool=pool.pk)
    for membership in found:
        membership.pool = pool  # as pool.memberships gives it
    return found


def facts(pool: Pool) -> PoolFacts:
    current = list(members(pool))
    return PoolFacts(
        members=len(current),
        minimum=pool.min_members,
        accepted_current_version=sum(m.accepted_version == pool.agreement_version for m in current),
    )


def is_member_or_coordinator(user, pool_id: int) -> bool:
    return (
        Pool.objects.filter(pk=pool_id)
        .filter(
            models.Q(coordinator=user)
            | models.Q(memberships__user=user, memberships__status=MembershipStatus.MEMBER)
        )
        .exists()
    )


def can_see_agreement(pool: Pool, user, memberships=None) -> bool:
    """``memberships``: the pool's members, if the caller has already read them."""
    if not user.is_authenticated:
        return False
    if user.pk == pool.coordinator_id or user.is_superuser:
        return True
    if memberships is not None:
        return any(membership.user_id == user.pk for membership in memberships)
    return pool.memberships.filter(user=user, status=MembershipStatus.MEMBER).exists()


def places_left(pool: Pool, member_count: int | None = None) -> int:
    if member_count is None:
        member_count = members(pool).count()
    return max(pool.max_members - member_count, 0)


def _apply(
    pool: Pool, event: PoolEvent, actor, note: str = "", *, member=None, proposal=None
) -> None:
    """Move the pool through the state machine and keep the record."""
    try:
        new_state = next_state(PoolState(pool.state), event, facts(pool))
    except TransitionError as error:
        raise PoolError(str(error)) from None
    Transition.objects.create(
        pool=pool,
        from_state=pool.state,
        to_state=new_state.value,
        event=event.value,
        actor=actor,
        member=member,
        proposal=proposal,
        note=note,
    )
    changed = new_state.value != pool.state
    pool.state = new_state.value
    pool.save(update_fields=["state", "agreement_version", "updated_at"])
    if changed:
        _tell_members(pool, f"moved the group to “{pool.state_label}”", actor)
    if changed and new_state in TERMINAL:
        # Nobody pays into a closed group: whatever counts members' shares stops them.
        for membership in members(pool):
            membership_changed.send(Membership, membership=membership, change="group_closed")


def _tell_members(pool: Pool, verb: str, actor) -> None:
    for membership in members(pool):
        notify(membership.user, verb, target=pool, actor=actor)
    transaction.on_commit(
        lambda: live.publish("pool", pool.pk, {"state": pool.state, "label": pool.state_label})
    )


def _lock(pool: Pool) -> Pool:
    """Re-read the pool under a row lock, so two people can't take the last place at once.

    On PostgreSQL this is SELECT ... FOR UPDATE; SQLite runs every write transaction with
    BEGIN IMMEDIATE (see settings), which already lets only one writer in at a time.
    """
    return Pool.objects.select_for_update().get(pk=pool.pk)


@transaction.atomic
def join(
    pool: Pool,
    user,
    *,
    pays_with: str,
    use=1,
    max_pence=None,
    on_behalf_of="",
    support_plan_outcome="",
) -> Membership:
    pool = _lock(pool)
    if PoolState(pool.state) in (PoolState.ENDED, PoolState.CANCELLED):
        raise PoolError("This group has finished, so it can't take new members.")
    if pool.closing_date and timezone.localdate() > pool.closing_date:
        raise PoolError(f"This group stopped taking new members on {pool.closing_date:%-d %B %Y}.")
    existing = pool.memberships.filter(user=user).first()
    if existing and existing.status != MembershipStatus.LEFT:
        raise PoolError("You are already in this group.")
    full = members(pool).count() >= pool.max_members
    status = MembershipStatus.WAITING if full else MembershipStatus.MEMBER
    membership = existing or Membership(pool=pool, user=user)
    membership.status = status
    membership.pays_with = pays_with
    membership.use = use
    membership.max_pence = max_pence
    membership.on_behalf_of = on_behalf_of
    membership.support_plan_outcome = support_plan_outcome
    membership.accepted_version = 0
    membership.joined_at = timezone.now()
    membership.left_at = None
    membership.save()
    if status == MembershipStatus.MEMBER:
        _add_to_conversation(pool, user)
        _new_agreement_version(pool)
        _apply(pool, PoolEvent.MEMBERSHIP_CHANGED, user, note="{member} joined", member=membership)
        notify(pool.coordinator, "joined your group", target=pool, actor=user)
        membership_changed.send(Membership, membership=membership, change="joined")
    return membership


@transaction.atomic
def leave(pool: Pool, user) -> None:
    pool = _lock(pool)
    membership = pool.memberships.filter(user=user).exclude(status=MembershipStatus.LEFT).first()
    if membership is None:
        raise PoolError("You are not in this group.")
    was_member = membership.status == MembershipStatus.MEMBER
    membership.status = MembershipStatus.LEFT
    membership.left_at = timezone.now()
    membership.save(update_fields=["status", "left_at"])
    membership_changed.send(Membership, membership=membership, change="left")
    if not was_member:
        return
    live.end_access(user.pk, "pool", pool.pk)  # their open pages stop hearing the group
    if pool.conversation_id and user != pool.coordinator:
        remove_participant(pool.conversation, user)
    notify(pool.coordinator, "left your group", target=pool, actor=user)
    promoted = pool.memberships.filter(status=MembershipStatus.WAITING).first()
    if promoted and PoolState(pool.state) not in (PoolState.ENDED, PoolState.CANCELLED):
        promoted.status = MembershipStatus.MEMBER
        promoted.save(update_fields=["status"])
        _add_to_conversation(pool, promoted.user)
        notify(promoted.user, "has a place for you now", target=pool)
        membership_changed.send(Membership, membership=promoted, change="joined")
    if PoolState(pool.state) not in (PoolState.ENDED, PoolState.CANCELLED):
        _new_agreement_version(pool)
        _apply(pool, PoolEvent.MEMBERSHIP_CHANGED, user, note="{member} left", member=membership)


def _add_to_conversation(pool: Pool, user) -> None:
    """The group talks in one private conversation (the forum's), opened by the coordinator."""
    if user == pool.coordinator:
        return
    if pool.conversation_id is None:
        try:
            pool.conversation = start_conversation(
                pool.coordinator,
                [user],
                f"Group: {pool.title}",
                f"Welcome to the group for “{pool.title}”. This conversation is only for "
                "members of the group. Please don't share bank details or send each other money.",
                check_rate_limit=False,
            )
        except ConversationError:
            return  # one of them blocked the other: they can still use the pool's page
        pool.save(update_fields=["conversation"])
    else:
        add_participant(pool.conversation, user, added_by=pool.coordinator)


def _new_agreement_version(pool: Pool) -> None:
    """Any change to who pays what means everyone must accept the agreement again."""
    if (
        pool.state in (PoolState.FORMING, PoolState.VIABLE)
        and not pool.memberships.filter(
            accepted_version=pool.agreement_version, accepted_version__gt=0
        ).exists()
    ):
        return  # nobody has accepted this version yet: no need for a new one
    pool.agreement_version += 1


@transaction.atomic
def change_terms(
    pool: Pool, actor, *, note: str, edit_version: int | None = None, **changes
) -> Pool:
    """``edit_version``: the version the coordinator started from (an ``EditConflict`` if the
    group changed since)."""
    pool = _lock(pool)
    if actor != pool.coordinator:
        raise PoolError("Only the group's coordinator can change the details.")
    check_edit_version(pool, edit_version)
    for field, value in changes.items():
        setattr(pool, field, value)
    pool.save()
    _new_agreement_version(pool)
    _apply(pool, PoolEvent.TERMS_CHANGED, actor, note=note)
    return pool


@transaction.atomic
def transfer_coordinator(pool: Pool, actor, new_coordinator) -> None:
    pool = _lock(pool)
    if actor != pool.coordinator:
        raise PoolError("Only the group's coordinator can hand the role on.")
    if not members(pool).filter(user=new_coordinator).exists():
        raise PoolError("The new coordinator must be a member of the group.")
    pool.coordinator = new_coordinator
    pool.save(update_fields=["coordinator", "updated_at"])
    Transition.objects.create(
        pool=pool,
        from_state=pool.state,
        to_state=pool.state,
        event="coordinator_changed",
        actor=actor,
        member=members(pool).filter(user=new_coordinator).first(),
        note="{member} is now the coordinator",
    )
    notify(new_coordinator, "made you the coordinator of", target=pool, actor=actor)


@transaction.atomic
def coordinator_leaves_site(pool: Pool, leaving) -> Membership | None:
    """The coordinator deleted their account: the longest-standing member takes over and the
    group is told. With nobody left in it, the group closes. Returns the new coordinator's
    membership (None when the group closed)."""
    pool = _lock(pool)
    if pool.coordinator_id != leaving.pk or PoolState(pool.state) in (
        PoolState.ENDED,
        PoolState.CANCELLED,
    ):
        return None
    successor = (
        members(pool).exclude(user=leaving).filter(user__is_active=True).order_by("joined_at", "pk")
    ).first()
    if successor is None:
        event = PoolEvent.END if pool.state == PoolState.ACTIVE else PoolEvent.CANCEL
        _apply(pool, event, None, note="The group closed: its coordinator left and nobody was left")
        return None
    pool.coordinator = successor.user
    pool.save(update_fields=["coordinator", "updated_at"])
    Transition.objects.create(
        pool=pool,
        from_state=pool.state,
        to_state=pool.state,
        event="coordinator_changed",
        actor=None,
        member=successor,
        note="{member} is now the coordinator, as the longest-standing member",
    )
    notify(
        successor.user,
        "made you the coordinator (the last coordinator left the site) of",
        target=pool,
    )
    for membership in members(pool).exclude(pk=successor.pk).exclude(user=leaving):
        notify(
            membership.user,
            "is now coordinating (the last coordinator left the site)",
            target=pool,
            actor=successor.user,
        )
    return successor


@transaction.atomic
def accept_agreement(pool: Pool, user, version: int, *, agreement_name: str | None = None) -> None:
    """Accept one version; ``agreement_name`` (when given) is the full name for the agreement."""
    pool = _lock(pool)
    membership = members(pool).filter(user=user).first()
    if membership is None:
        raise PoolError("Only members of the group can accept its agreement.")
    if version != pool.agreement_version:
        raise PoolError(
            "The agreement changed while you were reading it. Please read the new version."
        )
    if agreement_name is not None:
        membership.agreement_name = " ".join(agreement_name.split())[:120]
        membership.save(update_fields=["agreement_name"])
    if membership.accepted_version == version:
        return
    membership.accepted_version = version
    membership.accepted_at = timezone.now()
    membership.save(update_fields=["accepted_version", "accepted_at"])
    # The share they agreed to, so the record still shows it after they leave or are erased.
    shares, _shortfall = current_shares(pool)
    share = next((s.per_session for s in shares if s.membership.pk == membership.pk), None)
    AgreementAcceptance.objects.create(
        membership=membership, version=version, per_session_pence=share
    )
    membership_changed.send(
        Membership, membership=membership, change="accepted", per_session_pence=share
    )
    if facts(pool).everyone_accepted and pool.state in (PoolState.VIABLE, PoolState.ACTIVE):
        _apply(pool, PoolEvent.ALL_ACCEPTED, user, note=f"Everyone accepted version {version}")


@transaction.atomic
def coordinator_action(pool: Pool, actor, event: PoolEvent) -> None:
    pool = _lock(pool)
    if actor != pool.coordinator:
        raise PoolError("Only the group's coordinator can do that.")
    _apply(pool, event, actor)


@transaction.atomic
def set_pa_employment(pool: Pool, actor, *, employment: str, employer_name: str = "") -> Pool:
    """Who employs the group's shared PA: part of the agreement, so members accept it again."""
    if employment not in PaEmployment.values:
        raise PoolError("Choose who employs the PA.")
    return change_terms(
        pool,
        actor,
        note="The details changed: who employs the PA",
        pa_employment=employment,
        pa_employer_name=" ".join(employer_name.split())[:120],
    )


#: How the group's own "PA wanted" advert said the PA would be employed.
_ADVERT_EMPLOYMENT = {
    "employed": PaEmployment.EACH_MEMBER,
    "self_employed": PaEmployment.SELF_EMPLOYED,
    "agency": PaEmployment.AGENCY,
}


def pa_employment_code(pool: Pool) -> str:
    """Who employs a shared PA: what the coordinator set, else what the group's own "PA wanted"
    advert said, else "" (not agreed yet)."""
    if pool.pa_employment:
        return pool.pa_employment
    said = pool.pa_adverts.order_by("-created").values_list("employment", flat=True).first()
    return _ADVERT_EMPLOYMENT.get(said, "") if said else ""


def pa_employment_text(pool: Pool, employment: str | None = None) -> str:
    """Who employs a shared PA, in words for the agreement ("" when the group is not a PA).
    ``employment``: its :func:`pa_employment_code`, if the caller has already asked."""
    if pool.category != "shared_pa":
        return ""
    if employment is None:
        employment = pa_employment_code(pool)
    if not employment:
        return (
            "Not agreed yet. The group must agree who employs the PA before it starts: "
            "the coordinator can set this on the agreement page."
        )
    text = str(PaEmployment(employment).label)
    if pool.pa_employer_name and employment != PaEmployment.EACH_MEMBER:
        text += f" ({pool.pa_employer_name})"
    return text + "."


@dataclass(frozen=True)
class HistoryLine:
    when: datetime.datetime
    text: str


def person_name(display_name: str, deleted_at) -> str:
    """A person's name as the record shows it today, from their account's display name and
    deletion: "a former member" once they have gone (or their account is not there at all)."""
    if deleted_at:
        return gettext("a former member")
    return display_name or gettext("Member")


#: What a line of the record reads, as plain values: the names and words it fills in are read
#: today through four tables (who did it, the member it is about, the suggestion, the quote's
#: supplier), and making each row's five models cost more than the rest of the record.
_HISTORY_COLUMNS = (
    "event",
    "note",
    "to_state",
    "created_at",
    "actor_id",
    "actor__display_name",
    "actor__deleted_at",
    "member_id",
    "member__on_behalf_of",
    "member__user__display_name",
    "member__user__deleted_at",
    "proposal_id",
    "proposal__text",
    "proposal__quote_id",
    "proposal__quote__supplier__display_name",
    "proposal__quote__supplier__deleted_at",
)


def _member_name(row: dict) -> str:
    """The member a line is about, with who they join for, read now (never stored)."""
    if row["member_id"] is None:
        return gettext("a former member")
    name = person_name(row["member__user__display_name"], row["member__user__deleted_at"])
    if row["member__on_behalf_of"] and not row["member__user__deleted_at"]:
        return gettext("%(name)s (for %(whom)s)") % {
            "name": name,
            "whom": row["member__on_behalf_of"],
        }
    return name


def _proposal_words(row: dict) -> str:
    if row["proposal_id"] is None or not row["proposal__text"]:
        return gettext("a suggestion")
    return f"“{row['proposal__text'][:120]}”"


def _supplier_name(row: dict) -> str:
    if row["proposal__quote_id"] is None:
        return gettext("a supplier")
    return person_name(
        row["proposal__quote__supplier__display_name"],
        row["proposal__quote__supplier__deleted_at"],
    )


def _fill_in(row: dict) -> str:
    """Put today's names and words in place of the note's {member}, {proposal}, {supplier}."""
    note = row["note"]
    if "{member}" in note:
        note = note.replace("{member}", _member_name(row))
    if "{proposal}" in note:
        note = note.replace("{proposal}", _proposal_words(row))
    if "{supplier}" in note:
        note = note.replace("{supplier}", _supplier_name(row))
    return note


#: The record's lines by SQL built once per process (pbsite.statements): the group's page and
#: its agreement show the record on every request.
_HISTORY_ROWS = Statement(
    lambda pool: Transition.objects.filter(pool_id=pool).values(*_HISTORY_COLUMNS), "pool"
)


def history(pool: Pool) -> list[HistoryLine]:
    """The group's record as sentences ("Maya H joined."), oldest first."""
    lines = []
    for row in _HISTORY_ROWS.rows(pool=pool.pk):
        try:
            label = str(STATE_LABELS[PoolState(row["to_state"])])
        except ValueError:
            label = row["to_state"]
        actor = ""
        if row["actor_id"] is not None:
            actor = person_name(row["actor__display_name"], row["actor__deleted_at"])
        text = history_sentence(
            event=row["event"], note=_fill_in(row), actor=actor, state_label=label
        )
        lines.append(HistoryLine(row["created_at"], text[:1].upper() + text[1:]))
    return lines


# --- money ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class MemberShare:
    membership: Membership
    per_session: int
    per_month: int
    per_year: int
    alone_per_session: int


def _pledges(memberships) -> list[Pledge]:
    return [Pledge(m, use=Fraction(m.use), max_pence=m.max_pence) for m in memberships]


def current_shares(pool: Pool, memberships=None) -> tuple[list[MemberShare], str]:
    """Each member's share now, and a plain note if the cost can't be split within the caps.
    ``memberships``: the pool's members, if the caller has already read them."""
    memberships = list(members(pool) if memberships is None else memberships)
    try:
        shares = split_cost(
            pool.cost_per_session_pence,
            _pledges(memberships),
            SplitMethod(pool.split_method),
            price_per_person_pence=pool.price_per_person_pence,
        )
    except CostSplitError as error:
        return [], f"{error} The group is {format_pence(error.shortfall_pence)} short each session."
    return [_share(pool, m, shares[m]) for m in memberships], ""


def _share(pool: Pool, membership: Membership, per_session: int) -> MemberShare:
    alone = pool.price_per_person_pence or pool.cost_per_session_pence
    summary = share_summary(per_session, alone, pool.sessions_per_month)
    return MemberShare(membership, summary.per_session, summary.per_month, summary.per_year, alone)


def share_if_joining(pool: Pool, memberships=None) -> int | None:
    """What one more member using one session would pay per session, or None if it can't split.
    ``memberships``: the pool's members, if the caller has already read them."""
    newcomer = Pledge("newcomer")
    try:
        shares = split_cost(
            pool.cost_per_session_pence,
            [*_pledges(members(pool) if memberships is None else memberships), newcomer],
            SplitMethod(pool.split_method),
            price_per_person_pence=pool.price_per_person_pence,
        )
    except CostSplitError:
        return None
    return shares["newcomer"]


# --- deciding together -----------------------------------------------------------------------


@transaction.atomic
def propose(
    pool: Pool, user, *, kind: str, text: str, quote: Quote | None = None, changes=None
) -> Proposal:
    """Ask the group to vote. ``changes`` ({pool field: new plain value}) is what an agreed
    money or schedule proposal changes by itself (see rules.agreed_changes)."""
    pool = _lock(pool)
    if not members(pool).filter(user=user).exists():
        raise PoolError("Only members of the group can suggest something.")
    if PoolState(pool.state) in (PoolState.ENDED, PoolState.CANCELLED):
        raise PoolError("This group has finished, so it can't vote on anything now.")
    if quote is not None and quote.pool_id != pool.pk:
        raise PoolError("That quote is for another group.")
    proposal = Proposal.objects.create(
        pool=pool, author=user, kind=kind, text=text, quote=quote, changes=dict(changes or {})
    )
    for membership in members(pool):
        notify(membership.user, "asked the group to vote", target=pool, actor=user)
    return proposal


@transaction.atomic
def vote(proposal: Proposal, user, *, agree: bool) -> DecisionOutcome:
    pool = _lock(proposal.pool)
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.outcome != DecisionOutcome.OPEN:
        raise PoolError("Voting on this has finished.")
    membership = members(pool).filter(user=user).first()
    if membership is None:
        raise PoolError("Only members of the group can vote.")
    Vote.objects.update_or_create(
        proposal=proposal, membership=membership, defaults={"agree": agree}
    )
    yes = proposal.votes.filter(agree=True).count()
    no = proposal.votes.filter(agree=False).count()
    outcome = decide(
        rule=pool.decision_rule,
        about_money=proposal.about_money,
        members=members(pool).count(),
        yes=yes,
        no=no,
    )
    if outcome != DecisionOutcome.OPEN:
        proposal.outcome = outcome.value
        proposal.decided_at = timezone.now()
        proposal.save(update_fields=["outcome", "decided_at"])
        Transition.objects.create(
            pool=pool,
            from_state=pool.state,
            to_state=pool.state,
            event=f"vote_{outcome.value}",
            actor=user,
            proposal=proposal,
            note=f"The group voted: {{proposal}} {outcome.value} ({yes} yes, {no} no)",
        )
        if outcome == DecisionOutcome.PASSED:
            _carry_out(pool, proposal, user)
        _tell_members(pool, f"finished a vote: {outcome.value}", user)
    return outcome


def _carry_out(pool: Pool, proposal: Proposal, actor) -> None:
    """What a passed proposal changes by itself; others are for the coordinator to act on."""
    if proposal.kind == ProposalKind.CHOOSE_QUOTE and proposal.quote:
        quote = proposal.quote
        quote.status = QuoteStatus.CHOSEN
        quote.save(update_fields=["status"])
        pool.cost_per_session_pence = quote.price_per_session_pence or 0
        pool.price_per_person_pence = None
        if pool.split_method == SplitMethod.PER_PERSON:
            pool.split_method = SplitMethod.EQUAL.value
        pool.save()
        _new_agreement_version(pool)
        _apply(
            pool,
            PoolEvent.TERMS_CHANGED,
            actor,
            note="Chose the quote from {supplier}",
            proposal=proposal,
        )
        notify(quote.supplier, "chose your quote", target=pool)
    elif proposal.kind == ProposalKind.END_POOL:
        event = PoolEvent.END if pool.state == PoolState.ACTIVE else PoolEvent.CANCEL
        _apply(pool, event, actor, note="The group voted to end")
    elif proposal.kind in (ProposalKind.CHANGE_PRICE, ProposalKind.CHANGE_SCHEDULE):
        _change_terms_as_agreed(pool, proposal, actor)


def current_terms(pool: Pool) -> dict:
    """The terms a money or schedule proposal may change, as plain values (see the rules)."""
    return {
        "cost_per_session_pence": pool.cost_per_session_pence,
        "price_per_person_pence": pool.price_per_person_pence,
        "split_method": pool.split_method,
        "repeat": pool.repeat,
        "weekday": pool.weekday,
        "time_of_day": pool.time_of_day,
        "start_date": pool.start_date.isoformat() if pool.start_date else None,
    }


def _change_terms_as_agreed(pool: Pool, proposal: Proposal, actor) -> None:
    """An agreed price or schedule becomes the agreement's new version, for everyone to accept;
    if the proposal named nothing the site can change, the coordinator is told what to do."""
    changes = agreed_changes(
        outcome=DecisionOutcome.PASSED,
        kind=proposal.kind,
        proposed=proposal.changes,
        current=current_terms(pool),
    )
    if not changes:
        notify(
            pool.coordinator,
            f"recorded that the group agreed “{proposal.text[:80]}”. Nothing changed by "
            "itself: please change the group's details to match",
            target=pool,
            url=reverse("pooling:edit", args=[pool.pk]),
        )
        return
    for field, (_old, new) in changes.items():
        if field == "start_date" and new is not None:
            new = datetime.date.fromisoformat(new)
        setattr(pool, field, new)
    pool.save()
    _new_agreement_version(pool)
    summary = "; ".join(describe_changes(changes))
    _apply(pool, PoolEvent.TERMS_CHANGED, actor, note=f"The group agreed a change: {summary}"[:300])
    proposal.applied_changes = {field: list(pair) for field, pair in changes.items()}
    proposal.applied_version = pool.agreement_version
    proposal.save(update_fields=["applied_changes", "applied_version"])
    for membership in members(pool):
        notify(
            membership.user,
            f"updated the agreement after the group's vote. Please read version "
            f"{pool.agreement_version} and accept it",
            target=pool,
            url=reverse("pooling:agreement", args=[pool.pk]),
        )


_CHANGE_LABELS = {
    "cost_per_session_pence": "Total cost each session",
    "price_per_person_pence": "Price for each person, each session",
    "split_method": "How the cost is shared",
    "repeat": "How often",
    "weekday": "Day",
    "time_of_day": "Time",
    "start_date": "Start date",
}

_SPLIT_WORDS = {
    SplitMethod.EQUAL: "equally",
    SplitMethod.BY_USE: "by how much each person uses",
    SplitMethod.PER_PERSON: "a set price for each person",
}


def _change_value(field: str, value) -> str:
    if value is None or value == "":
        return "not set"
    if field.endswith("_pence"):
        return format_pence(int(value))
    if field == "split_method":
        return _SPLIT_WORDS.get(SplitMethod(value), value)
    if field == "repeat":
        return str(Repeat(value).label)
    if field == "weekday":
        return str(Weekday(int(value)).label)
    if field == "start_date":
        return f"{datetime.date.fromisoformat(value):%-d %B %Y}"
    return str(value)


def describe_changes(changes) -> list[str]:
    """Lines like "Price for each person, each session: £15 to £18", for pages and notes."""
    return [
        f"{_CHANGE_LABELS.get(field, field)}: {_change_value(field, old)} to "
        f"{_change_value(field, new)}"
        for field, (old, new) in changes.items()
    ]


# --- quotes ------------------------------------------------------------------------------------


@transaction.atomic
def request_quote(pool: Pool, coordinator, supplier, message: str = "") -> Quote:
    if coordinator != pool.coordinator:
        raise PoolError("Only the group's coordinator can ask for quotes.")
    if supplier == coordinator:
        raise PoolError("You can't ask yourself for a quote.")
    try:
        with transaction.atomic():  # one quote per supplier, even when asked twice at once
            quote = Quote.objects.create(
                pool=pool, supplier=supplier, requested_by=coordinator, request_message=message
            )
    except IntegrityError as error:
        raise PoolError(f"You have already asked {supplier.public_name} for a quote.") from error
    answer_url = reverse("pooling:quote_answer", args=[quote.pk])
    try:
        quote.conversation = start_conversation(
            coordinator,
            [supplier],
            f"A quote for our group: {pool.title}"[:150],
            (message.strip() + "\n\n" if message.strip() else "")
            + f"You can send the group your price here: {answer_url}",
        )
    except ConversationError as error:  # blocked, account closed, or writing too fast
        raise PoolError(f"{error} We have not sent the request.") from error
    quote.save(update_fields=["conversation"])
    notify(
        supplier,
        "asked you for a quote",
        target=pool,
        actor=coordinator,
        url=answer_url,
    )
    return quote


@transaction.atomic
def answer_quote(quote: Quote, supplier, *, price_pence: int, included: str, dates: str) -> Quote:
    if supplier != quote.supplier:
        raise PoolError("Only the person who was asked can answer this quote.")
    quote.price_per_session_pence = price_pence
    quote.included = included
    quote.dates = dates
    quote.status = QuoteStatus.ANSWERED
    quote.answered_at = timezone.now()
    quote.save()
    for membership in members(quote.pool):
        notify(membership.user, "sent the group a quote", target=quote.pool, actor=supplier)
    return quote


# --- the running record ----------------------------------------------------------------------


@transaction.atomic
def record_session(pool: Pool, user, *, held_on, attended, note: str = "") -> SessionRecord:
    if not members(pool).filter(user=user).exists() and user != pool.coordinator:
        raise PoolError("Only members of the group can add to its record.")
    record = SessionRecord.objects.create(pool=pool, held_on=held_on, note=note, recorded_by=user)
    record.attended.set([m for m in attended if m.pool_id == pool.pk])
    return record


def sessions_csv_rows(pool: Pool):
    """Rows for the CSV export: one per session, with who came, for members' own records."""
    current = list(members(pool))
    yield ["Date", "Note", *[m.display_name for m in current], "Recorded by"]
    sessions = pool.sessions.prefetch_related("attended").select_related("recorded_by")
    for session in sessions:
        came = {m.pk for m in session.attended.all()}
        recorder = session.recorded_by.public_name if session.recorded_by else ""
        yield [
            session.held_on.isoformat(),
            session.note,
            *["came" if m.pk in came else "did not come" for m in current],
            recorder,
        ]
