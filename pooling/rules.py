"""The pooling board's business rules, as plain functions: the life cycle and the cost split.

Nothing here touches a request or the database, so every rule is tested directly.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

# --- Life cycle --------------------------------------------------------------------------------


class PoolState(StrEnum):
    FORMING = "forming"
    VIABLE = "viable"
    AGREED = "agreed"
    ACTIVE = "active"
    ENDED = "ended"
    CANCELLED = "cancelled"


class PoolEvent(StrEnum):
    MEMBERSHIP_CHANGED = "membership_changed"
    TERMS_CHANGED = "terms_changed"
    ALL_ACCEPTED = "all_accepted"
    START = "start"
    END = "end"
    CANCEL = "cancel"


TERMINAL = frozenset({PoolState.ENDED, PoolState.CANCELLED})


class TransitionError(Exception):
    """A change the pool's state does not allow; the message says why in plain words."""


@dataclass(frozen=True)
class PoolFacts:
    """What the rules need to know about a pool at the moment of an event."""

    members: int
    minimum: int
    accepted_current_version: int = 0

    @property
    def has_minimum(self) -> bool:
        return self.members >= self.minimum

    @property
    def everyone_accepted(self) -> bool:
        return self.members > 0 and self.accepted_current_version >= self.members


def next_state(state: PoolState, event: PoolEvent, facts: PoolFacts) -> PoolState:
    """The state a pool moves to when ``event`` happens, or TransitionError if it may not."""
    state, event = PoolState(state), PoolEvent(event)
    if state in TERMINAL:
        raise TransitionError(f"This group has {state.value} already, so it can't change now.")

    if event is PoolEvent.CANCEL:
        return PoolState.CANCELLED

    if event in (PoolEvent.MEMBERSHIP_CHANGED, PoolEvent.TERMS_CHANGED):
        if state is PoolState.ACTIVE:
            # The service goes on under the old agreement while members accept the new one.
            return PoolState.ACTIVE
        return PoolState.VIABLE if facts.has_minimum else PoolState.FORMING

    if event is PoolEvent.ALL_ACCEPTED:
        if state is PoolState.ACTIVE:
            return PoolState.ACTIVE
        if state is not PoolState.VIABLE:
            raise TransitionError(
                "The group needs its minimum number of members before everyone can agree."
            )
        if not facts.everyone_accepted:
            raise TransitionError("Every member must accept the same agreement first.")
        return PoolState.AGREED

    if event is PoolEvent.START:
        if state is not PoolState.AGREED:
            raise TransitionError("A group can only start once every member has agreed.")
        if not (facts.has_minimum and facts.everyone_accepted):
            raise TransitionError("Every member must accept the latest agreement before starting.")
        return PoolState.ACTIVE

    if event is PoolEvent.END:
        if state is not PoolState.ACTIVE:
            raise TransitionError("Only a group that has started can be ended. You can cancel it.")
        return PoolState.ENDED

    raise TransitionError(f"Unknown change: {event}")  # pragma: no cover - StrEnum guards this


# --- Cost split --------------------------------------------------------------------------------


class SplitMethod(StrEnum):
    EQUAL = "equal"  # everyone pays the same share of the total
    BY_USE = "by_use"  # shares in proportion to sessions or hours used
    PER_PERSON = "per_person"  # a fixed price for each person


class CostSplitError(Exception):
    """The cost can't be split within what members said they can pay."""

    def __init__(self, message: str, shortfall_pence: int = 0):
        super().__init__(message)
        self.shortfall_pence = shortfall_pence


@dataclass(frozen=True)
class Pledge:
    """One member's part: how much they will use, and the most they will pay per period."""

    member: object
    use: Fraction | int = 1
    max_pence: int | None = None


def split_cost(
    total_pence: int,
    pledges: Sequence[Pledge],
    method: SplitMethod = SplitMethod.EQUAL,
    *,
    price_per_person_pence: int | None = None,
) -> dict[object, int]:
    """Each member's share in whole pence. Shares add up to the total exactly, and nobody pays
    more than their ``max_pence``; what a capped member can't pay is shared by the others in
    proportion to their use. Rounding uses the largest-remainder method, so it is fair to a penny.
    """
    if not pledges:
        return {}
    if method is SplitMethod.PER_PERSON:
        return _split_per_person(pledges, price_per_person_pence)
    if total_pence < 0:
        raise CostSplitError("The total cost can't be less than zero.")
    weights = {p.member: Fraction(1 if method is SplitMethod.EQUAL else p.use) for p in pledges}
    if any(weight <= 0 for weight in weights.values()):
        raise CostSplitError("Everyone in the group must use at least some of the service.")
    caps = {p.member: p.max_pence for p in pledges}
    exact = _capped_proportional(Fraction(total_pence), weights, caps)
    return _largest_remainder(exact, total_pence, caps)


def _split_per_person(pledges: Sequence[Pledge], price: int | None) -> dict[object, int]:
    if price is None or price < 0:
        raise CostSplitError("Set a price for each person that is zero or more.")
    over = [p for p in pledges if p.max_pence is not None and p.max_pence < price]
    if over:
        raise CostSplitError(
            "The price for each person is more than some members said they can pay.",
            shortfall_pence=sum(price - p.max_pence for p in over),
        )
    return {p.member: price for p in pledges}


def _capped_proportional(
    total: Fraction, weights: Mapping[object, Fraction], caps: Mapping[object, int | None]
) -> dict[object, Fraction]:
    """Water-filling: share by weight; anyone whose share passes their cap pays the cap, and the
    rest is shared again among the others, until nobody is over."""
    room = sum((Fraction(c) for c in caps.values() if c is not None), Fraction(0))
    if all(c is not None for c in caps.values()) and room < total:
        shortfall = int(total - room) + (1 if (total - room).denominator != 1 else 0)
        raise CostSplitError(
            "The group can't cover the total within what members said they can pay.",
            shortfall_pence=shortfall,
        )
    shares: dict[object, Fraction] = {}
    remaining, open_members = total, dict(weights)
    while open_members:
        weight_sum = sum(open_members.values())
        capped = {
            member: Fraction(caps[member])
            for member, weight in open_members.items()
            if caps[member] is not None and remaining * weight / weight_sum > caps[member]
        }
        if not capped:
            for member, weight in open_members.items():
                shares[member] = remaining * weight / weight_sum
            break
        for member, cap in capped.items():
            shares[member] = cap
            remaining -= cap
            del open_members[member]
    return shares


def _largest_remainder(
    exact: Mapping[object, Fraction], total: int, caps: Mapping[object, int | None]
) -> dict[object, int]:
    floors = {member: int(share) for member, share in exact.items()}  # shares are >= 0
    leftover = total - sum(floors.values())
    # Biggest fractional part first; ties go in the members' given order, so results are stable.
    order = sorted(exact, key=lambda member: exact[member] - floors[member], reverse=True)
    for member in order:
        if leftover <= 0:
            break
        if caps[member] is None or floors[member] + 1 <= caps[member]:
            floors[member] += 1
            leftover -= 1
    return floors


@dataclass(frozen=True)
class ShareSummary:
    per_session: int
    per_month: int
    per_year: int
    alone_per_session: int

    @property
    def saving_per_session(self) -> int:
        return self.alone_per_session - self.per_session


def share_summary(share_per_session: int, alone_per_session: int, sessions_per_month: Fraction):
    """What one member pays per session, month and year, beside buying the same thing alone."""
    per_month = round(share_per_session * Fraction(sessions_per_month))
    return ShareSummary(
        per_session=share_per_session,
        per_month=per_month,
        per_year=round(share_per_session * Fraction(sessions_per_month) * 12),
        alone_per_session=alone_per_session,
    )


# --- Deciding together -------------------------------------------------------------------------


class DecisionOutcome(StrEnum):
    OPEN = "open"
    PASSED = "passed"
    REJECTED = "rejected"


def decide(*, rule: str, about_money: bool, members: int, yes: int, no: int) -> DecisionOutcome:
    """The outcome of a proposal so far.

    ``majority``: passes when more than half of all members vote yes; fails when that can no longer
    happen. ``everyone_money``: the same, except proposals about money need every member's yes.
    """
    if members <= 0:
        return DecisionOutcome.REJECTED
    needs_everyone = rule == "everyone_money" and about_money
    needed = members if needs_everyone else members // 2 + 1
    if yes >= needed:
        return DecisionOutcome.PASSED
    not_voted = members - yes - no
    if yes + not_voted < needed:
        return DecisionOutcome.REJECTED
    return DecisionOutcome.OPEN


# --- What an agreed proposal changes -----------------------------------------------------------

#: The pool fields each kind of proposal may change by itself, once the group agrees.
PROPOSAL_FIELDS = {
    "change_price": ("cost_per_session_pence", "price_per_person_pence", "split_method"),
    "change_schedule": ("repeat", "weekday", "time_of_day", "start_date"),
}


def agreed_changes(
    *, outcome: str, kind: str, proposed: Mapping[str, object], current: Mapping[str, object]
) -> dict[str, tuple[object, object]]:
    """The pool's terms a proposal changes, as ``{field: (old, new)}``.

    Nothing changes unless the vote passed; a proposal changes only the fields its kind may
    change, and only where the new value differs. A new price for each person makes the split
    "per person"; a new total cost for a group that paid per person shares the total equally.
    Values are plain (pence as ints, dates as ISO strings), so the result can be kept as JSON.
    """
    if DecisionOutcome(outcome) is not DecisionOutcome.PASSED:
        return {}
    allowed = PROPOSAL_FIELDS.get(kind, ())
    wanted = {field: value for field, value in proposed.items() if field in allowed}
    if kind == "change_price":
        if wanted.get("price_per_person_pence") is not None:
            wanted["split_method"] = SplitMethod.PER_PERSON.value
        elif wanted.get("cost_per_session_pence") is not None:
            wanted["price_per_person_pence"] = None
            split = wanted.get("split_method", current.get("split_method"))
            if split == SplitMethod.PER_PERSON:
                wanted["split_method"] = SplitMethod.EQUAL.value
    return {
        field: (current.get(field), value)
        for field, value in wanted.items()
        if current.get(field) != value
    }


# --- The group's history, as sentences ---------------------------------------------------------

_DONE_BY_COORDINATOR = {"start": "started", "end": "ended", "cancel": "cancelled"}


def history_sentence(*, event: str, note: str, actor: str, state_label: str) -> str:
    """One line of a group's record as a sentence a council officer can read.

    The record keeps who did it apart from the note, and many notes already name them ("Maya H
    joined"), so the actor is used only where the note does not say who.
    """
    note = note.strip()
    if event in _DONE_BY_COORDINATOR and not note:
        verb = _DONE_BY_COORDINATOR[event]
        sentence = f"{actor} {verb} the group" if actor else f"The group {verb}"
    elif note.startswith("The details changed") and actor:
        sentence = f"{actor} changed the details{note[len('The details changed') :]}"
    elif note.startswith("Chose the quote"):
        sentence = "The group chose" + note[len("Chose") :]
    elif note:
        sentence = note
    else:
        sentence = f"The group is now: {state_label}"
    return sentence if sentence[-1:] in ".!?" else sentence + "."
