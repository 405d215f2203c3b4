"""My budget's sums and dates, property-tested: balances over any lines and periods add up
exactly, periods tile the calendar, repeating payments fall where they should."""

import datetime
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from mybudget import rules
from mybudget.rules import Direction, Entry, Every

START = datetime.date(2024, 1, 1)
days = st.dates(min_value=datetime.date(2023, 1, 1), max_value=datetime.date(2027, 12, 31))
budget_periods = st.sampled_from(rules.BUDGET_PERIODS)
entries = st.lists(
    st.builds(
        Entry,
        on=days,
        pence=st.integers(min_value=1, max_value=100_000_000),
        direction=st.sampled_from(list(Direction)),
        outcome=st.sampled_from(["", "See friends", "Stay well", "Keep my home"]),
    ),
    max_size=60,
)


@given(
    st.dates(min_value=datetime.date(2020, 1, 1), max_value=datetime.date(2026, 12, 31)),
    budget_periods,
    st.integers(min_value=0, max_value=2000),
)
def test_periods_hold_their_day_and_follow_on_without_gaps(start, every, offset):
    day = start + datetime.timedelta(days=offset)
    period = rules.period_containing(start, every, day)
    assert period.first <= day <= period.last
    following = rules.period_containing(start, every, period.last + datetime.timedelta(days=1))
    assert following.first == period.last + datetime.timedelta(days=1)


def test_a_four_weekly_budget_has_four_week_periods_and_a_monthly_one_calendar_months():
    assert rules.period_containing(START, Every.FOUR_WEEKS, datetime.date(2024, 2, 10)) == (
        rules.Period(datetime.date(2024, 1, 29), datetime.date(2024, 2, 25))
    )
    jan31 = datetime.date(2024, 1, 31)
    assert rules.period_containing(jan31, Every.MONTH, datetime.date(2024, 3, 1)) == rules.Period(
        datetime.date(2024, 2, 29), datetime.date(2024, 3, 30)
    )


@given(entries, budget_periods, days)
def test_period_balances_carry_on_and_add_up_to_the_whole_exactly(found, every, through):
    summaries = rules.period_summaries(found, START, every, through)
    if through < START:
        assert summaries == []
        return
    before = sum(e.signed for e in found if e.on < START)
    assert summaries[0].opening == before
    for earlier, later in zip(summaries, summaries[1:], strict=False):
        assert later.opening == earlier.closing
        assert later.first == earlier.last + datetime.timedelta(days=1)
    last = summaries[-1].last
    covered = [e for e in found if START <= e.on <= last]
    assert sum(s.money_in for s in summaries) == sum(
        e.pence for e in covered if e.direction == Direction.IN
    )
    assert sum(s.money_out for s in summaries) == sum(
        e.pence for e in covered if e.direction == Direction.OUT
    )
    assert summaries[-1].closing == sum(e.signed for e in found if e.on <= last)


@given(entries, days, days, days)
def test_any_two_statements_side_by_side_make_the_statement_of_both(found, a, b, c):
    first, middle, last = sorted([a, b, c])
    left = rules.summarise(found, first, middle)
    right = rules.summarise(found, middle + datetime.timedelta(days=1), last)
    both = rules.summarise(found, first, last)
    assert right.opening == left.closing
    assert both.money_in == left.money_in + right.money_in
    assert both.money_out == left.money_out + right.money_out
    assert both.closing == right.closing
    assert sum(pence for _outcome, pence in both.by_outcome) == both.money_out
    rows = rules.running_balances(both)
    assert (rows[-1][1] if rows else both.opening) == both.closing


@given(
    st.dates(min_value=datetime.date(2023, 1, 1), max_value=datetime.date(2026, 1, 1)),
    st.sampled_from(list(Every)),
    days,
    days,
    st.one_of(st.none(), days),
)
def test_repeating_payments_fall_in_the_range_on_their_schedule(first, every, a, b, until):
    lo, hi = sorted([a, b])
    found = rules.occurrences(first, every, lo, hi, until)
    assert all(lo <= day <= hi and day >= first for day in found)
    assert until is None or all(day <= until for day in found)
    assert found == sorted(set(found))
    expected = []
    n = 0
    while True:
        day = rules.nth_date(first, every, n)
        if day > hi or (until and day > until):
            break
        if day >= lo:
            expected.append(day)
        if every == Every.ONCE:
            break
        n += 1
    assert found == expected


@given(
    st.decimals(min_value=Decimal("0.25"), max_value=Decimal(168), places=2),
    st.integers(min_value=1, max_value=10_000),
)
def test_a_pas_pay_is_hours_times_rate_to_the_nearest_penny_half_up(hours, rate):
    pence = rules.times_pence(hours, rate)
    exact = hours * rate
    assert abs(Decimal(pence) - exact) <= Decimal("0.5")
    assert rules.times_pence(Decimal("12.5"), 1345) == 16813  # 16812.5 rounds up


def test_underspend_is_mentioned_only_past_a_quarter_of_a_periods_money():
    assert rules.underspend(25000, 100000) == 0
    assert rules.underspend(25001, 100000) == 25001
    assert rules.underspend(-5000, 100000) == 0


def test_a_passed_promise_is_overdue_until_it_happens():
    today = datetime.date(2026, 12, 2)
    late = rules.StageFacts("assessed", promised_by=datetime.date(2026, 11, 1))
    assert rules.overdue(late, today) and rules.days_late(late, today) == 31
    done = rules.StageFacts("assessed", done_on=today, promised_by=datetime.date(2026, 11, 1))
    assert not rules.overdue(done, today)
    assert not rules.overdue(rules.StageFacts("assessed", promised_by=today), today)
