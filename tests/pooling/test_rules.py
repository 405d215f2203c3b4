"""The pooling board's rules: every life-cycle transition, and cost-split properties."""

import itertools
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pooling.rules import (
    TERMINAL,
    CostSplitError,
    DecisionOutcome,
    Pledge,
    PoolEvent,
    PoolFacts,
    PoolState,
    SplitMethod,
    TransitionError,
    decide,
    next_state,
    share_summary,
    split_cost,
)

BELOW_MINIMUM = PoolFacts(members=2, minimum=3)
AT_MINIMUM_NOT_ACCEPTED = PoolFacts(members=3, minimum=3, accepted_current_version=2)
AT_MINIMUM_ALL_ACCEPTED = PoolFacts(members=3, minimum=3, accepted_current_version=3)

# (state, event, facts) -> expected next state; anything not listed must raise TransitionError.
ALLOWED = {
    (PoolState.FORMING, PoolEvent.MEMBERSHIP_CHANGED, BELOW_MINIMUM): PoolState.FORMING,
    (PoolState.FORMING, PoolEvent.MEMBERSHIP_CHANGED, AT_MINIMUM_NOT_ACCEPTED): PoolState.VIABLE,
    (PoolState.FORMING, PoolEvent.MEMBERSHIP_CHANGED, AT_MINIMUM_ALL_ACCEPTED): PoolState.VIABLE,
    (PoolState.FORMING, PoolEvent.TERMS_CHANGED, BELOW_MINIMUM): PoolState.FORMING,
    (PoolState.FORMING, PoolEvent.TERMS_CHANGED, AT_MINIMUM_NOT_ACCEPTED): PoolState.VIABLE,
    (PoolState.FORMING, PoolEvent.TERMS_CHANGED, AT_MINIMUM_ALL_ACCEPTED): PoolState.VIABLE,
    (PoolState.VIABLE, PoolEvent.MEMBERSHIP_CHANGED, BELOW_MINIMUM): PoolState.FORMING,
    (PoolState.VIABLE, PoolEvent.MEMBERSHIP_CHANGED, AT_MINIMUM_NOT_ACCEPTED): PoolState.VIABLE,
    (PoolState.VIABLE, PoolEvent.MEMBERSHIP_CHANGED, AT_MINIMUM_ALL_ACCEPTED): PoolState.VIABLE,
    (PoolState.VIABLE, PoolEvent.TERMS_CHANGED, BELOW_MINIMUM): PoolState.FORMING,
    (PoolState.VIABLE, PoolEvent.TERMS_CHANGED, AT_MINIMUM_NOT_ACCEPTED): PoolState.VIABLE,
    (PoolState.VIABLE, PoolEvent.TERMS_CHANGED, AT_MINIMUM_ALL_ACCEPTED): PoolState.VIABLE,
    (PoolState.VIABLE, PoolEvent.ALL_ACCEPTED, AT_MINIMUM_ALL_ACCEPTED): PoolState.AGREED,
    (PoolState.AGREED, PoolEvent.MEMBERSHIP_CHANGED, BELOW_MINIMUM): PoolState.FORMING,
    (PoolState.AGREED, PoolEvent.MEMBERSHIP_CHANGED, AT_MINIMUM_NOT_ACCEPTED): PoolState.VIABLE,
    (PoolState.AGREED, PoolEvent.MEMBERSHIP_CHANGED, AT_MINIMUM_ALL_ACCEPTED): PoolState.VIABLE,
    (PoolState.AGREED, PoolEvent.TERMS_CHANGED, BELOW_MINIMUM): PoolState.FORMING,
    (PoolState.AGREED, PoolEvent.TERMS_CHANGED, AT_MINIMUM_NOT_ACCEPTED): PoolState.VIABLE,
    (PoolState.AGREED, PoolEvent.TERMS_CHANGED, AT_MINIMUM_ALL_ACCEPTED): PoolState.VIABLE,
    (PoolState.AGREED, PoolEvent.START, AT_MINIMUM_ALL_ACCEPTED): PoolState.ACTIVE,
    (PoolState.ACTIVE, PoolEvent.END, BELOW_MINIMUM): PoolState.ENDED,
    (PoolState.ACTIVE, PoolEvent.END, AT_MINIMUM_NOT_ACCEPTED): PoolState.ENDED,
    (PoolState.ACTIVE, PoolEvent.END, AT_MINIMUM_ALL_ACCEPTED): PoolState.ENDED,
}
for _facts in (BELOW_MINIMUM, AT_MINIMUM_NOT_ACCEPTED, AT_MINIMUM_ALL_ACCEPTED):
    for _state in (PoolState.FORMING, PoolState.VIABLE, PoolState.AGREED, PoolState.ACTIVE):
        ALLOWED[(_state, PoolEvent.CANCEL, _facts)] = PoolState.CANCELLED
    for _event in (PoolEvent.MEMBERSHIP_CHANGED, PoolEvent.TERMS_CHANGED, PoolEvent.ALL_ACCEPTED):
        # An active pool keeps running while members accept a changed agreement.
        ALLOWED[(PoolState.ACTIVE, _event, _facts)] = PoolState.ACTIVE

EVERY_CASE = list(
    itertools.product(
        PoolState, PoolEvent, (BELOW_MINIMUM, AT_MINIMUM_NOT_ACCEPTED, AT_MINIMUM_ALL_ACCEPTED)
    )
)


@pytest.mark.parametrize(("state", "event", "facts"), EVERY_CASE)
def test_every_transition_is_allowed_or_refused_as_specified(state, event, facts):
    expected = ALLOWED.get((state, event, facts))
    if expected is None:
        with pytest.raises(TransitionError) as refusal:
            next_state(state, event, facts)
        assert str(refusal.value)  # a plain-words reason, never empty
    else:
        assert next_state(state, event, facts) is expected


def test_terminal_states_refuse_everything():
    for state, event in itertools.product(TERMINAL, PoolEvent):
        with pytest.raises(TransitionError, match="can't change now"):
            next_state(state, event, AT_MINIMUM_ALL_ACCEPTED)


# --- cost split --------------------------------------------------------------------------------

members = st.lists(st.integers(min_value=1, max_value=10_000), min_size=1, max_size=12, unique=True)


@st.composite
def pledges_and_total(draw, capped=True):
    ids = draw(members)
    total = draw(st.integers(min_value=0, max_value=5_000_000))
    pledges = []
    for member in ids:
        use = draw(st.integers(min_value=1, max_value=40))
        cap = draw(st.one_of(st.none(), st.integers(min_value=0, max_value=2_000_000)))
        pledges.append(Pledge(member, use=use, max_pence=cap if capped else None))
    return total, pledges


@given(pledges_and_total(), st.sampled_from([SplitMethod.EQUAL, SplitMethod.BY_USE]))
def test_shares_add_up_exactly_and_respect_every_cap(case, method):
    total, pledges = case
    try:
        shares = split_cost(total, pledges, method)
    except CostSplitError as error:
        caps = [p.max_pence for p in pledges]
        assert None not in caps and sum(caps) < total
        assert error.shortfall_pence == total - sum(caps)
        return
    assert sum(shares.values()) == total
    assert set(shares) == {p.member for p in pledges}
    for pledge in pledges:
        assert shares[pledge.member] >= 0
        if pledge.max_pence is not None:
            assert shares[pledge.member] <= pledge.max_pence


@given(pledges_and_total(capped=False))
def test_uncapped_equal_shares_differ_by_at_most_a_penny(case):
    total, pledges = case
    shares = split_cost(total, pledges, SplitMethod.EQUAL).values()
    assert max(shares) - min(shares) <= 1


@given(pledges_and_total(capped=False))
def test_uncapped_shares_by_use_are_within_a_penny_of_exact(case):
    total, pledges = case
    shares = split_cost(total, pledges, SplitMethod.BY_USE)
    use_total = sum(p.use for p in pledges)
    for pledge in pledges:
        exact = Fraction(total * pledge.use, use_total)
        assert abs(shares[pledge.member] - exact) < 1


@given(pledges_and_total(capped=False), st.integers(min_value=10_001, max_value=20_000))
def test_someone_joining_never_raises_anyone_elses_equal_share(case, newcomer):
    total, pledges = case
    before = split_cost(total, pledges, SplitMethod.EQUAL)
    after = split_cost(total, [*pledges, Pledge(newcomer)], SplitMethod.EQUAL)
    assert sum(after.values()) == total
    for member, share in before.items():
        assert after[member] <= share + 1  # a penny of rounding at most


@given(pledges_and_total(capped=False))
def test_split_is_the_same_whatever_order_members_come_in_up_to_a_penny(case):
    total, pledges = case
    forward = split_cost(total, pledges, SplitMethod.BY_USE)
    backward = split_cost(total, list(reversed(pledges)), SplitMethod.BY_USE)
    assert sum(backward.values()) == total
    assert all(abs(forward[m] - backward[m]) <= 1 for m in forward)


def test_a_capped_member_pays_their_cap_and_others_share_the_rest():
    shares = split_cost(
        9000, [Pledge("ann", max_pence=2000), Pledge("bo"), Pledge("cy")], SplitMethod.EQUAL
    )
    assert shares == {"ann": 2000, "bo": 3500, "cy": 3500}


def test_rounding_gives_the_odd_pennies_to_the_largest_remainders():
    shares = split_cost(1000, [Pledge("a", use=1), Pledge("b", use=1), Pledge("c", use=1)])
    assert sorted(shares.values()) == [333, 333, 334]
    by_use = split_cost(
        1000, [Pledge("a", use=1), Pledge("b", use=2), Pledge("c", use=4)], SplitMethod.BY_USE
    )
    assert by_use == {"a": 143, "b": 286, "c": 571}


def test_per_person_price_and_caps():
    pledges = [Pledge("a", max_pence=1500), Pledge("b")]
    assert split_cost(0, pledges, SplitMethod.PER_PERSON, price_per_person_pence=1200) == {
        "a": 1200,
        "b": 1200,
    }
    with pytest.raises(CostSplitError) as error:
        split_cost(0, pledges, SplitMethod.PER_PERSON, price_per_person_pence=1600)
    assert error.value.shortfall_pence == 100


def test_bad_totals_and_uses_are_refused_in_plain_words():
    with pytest.raises(CostSplitError, match="less than zero"):
        split_cost(-1, [Pledge("a")])
    with pytest.raises(CostSplitError, match="at least some"):
        split_cost(100, [Pledge("a", use=0)], SplitMethod.BY_USE)
    assert split_cost(100, []) == {}


def test_share_summary_per_month_year_and_alone():
    summary = share_summary(1250, alone_per_session=5000, sessions_per_month=Fraction(52, 12))
    assert summary.per_month == 5417
    assert summary.per_year == 65000
    assert summary.saving_per_session == 3750


# --- deciding together -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "about_money", "members", "yes", "no", "expected"),
    [
        ("majority", False, 4, 3, 0, DecisionOutcome.PASSED),
        ("majority", False, 4, 2, 0, DecisionOutcome.OPEN),
        ("majority", False, 4, 2, 2, DecisionOutcome.REJECTED),
        ("majority", True, 3, 2, 1, DecisionOutcome.PASSED),
        ("everyone_money", True, 3, 2, 0, DecisionOutcome.OPEN),
        ("everyone_money", True, 3, 2, 1, DecisionOutcome.REJECTED),
        ("everyone_money", True, 3, 3, 0, DecisionOutcome.PASSED),
        ("everyone_money", False, 3, 2, 1, DecisionOutcome.PASSED),
        ("majority", False, 0, 0, 0, DecisionOutcome.REJECTED),
    ],
)
def test_decision_rules(rule, about_money, members, yes, no, expected):
    assert decide(rule=rule, about_money=about_money, members=members, yes=yes, no=no) is expected


@given(
    st.sampled_from(["majority", "everyone_money"]),
    st.booleans(),
    st.integers(min_value=1, max_value=30).flatmap(
        lambda n: st.tuples(st.just(n), st.integers(0, n)).flatmap(
            lambda t: st.tuples(st.just(t[0]), st.just(t[1]), st.integers(0, t[0] - t[1]))
        )
    ),
)
def test_a_decided_outcome_never_changes_when_more_votes_come_in(rule, money, counts):
    members, yes, no = counts
    outcome = decide(rule=rule, about_money=money, members=members, yes=yes, no=no)
    if outcome is DecisionOutcome.OPEN or yes + no == members:
        return
    later_yes = decide(rule=rule, about_money=money, members=members, yes=yes + 1, no=no)
    later_no = decide(rule=rule, about_money=money, members=members, yes=yes, no=no + 1)
    if yes + no < members:
        assert later_yes is outcome or outcome is DecisionOutcome.PASSED
        assert later_no is outcome
