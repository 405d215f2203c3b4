"""The meetings' rules, on plain values."""

import datetime

from meetings import rules
from meetings.rules import LONDON, Answer, Repeat

UTC = datetime.UTC


def test_organisers_are_buddies_moderators_or_approved_holders():
    assert rules.can_organise(is_buddy=True, is_moderator=False, approved=False)
    assert rules.can_organise(is_buddy=False, is_moderator=True, approved=False)
    assert rules.can_organise(is_buddy=False, is_moderator=False, approved=True)
    assert not rules.can_organise(is_buddy=False, is_moderator=False, approved=False)


def test_the_last_place_then_the_waiting_list():
    assert rules.answer_for_coming(places=3, coming=2) == Answer.COMING
    assert rules.answer_for_coming(places=3, coming=3) == Answer.WAITING
    assert rules.places_left(3, 5) == 0
    assert rules.how_many_to_promote(places=5, coming=3, waiting=1) == 1
    assert rules.how_many_to_promote(places=5, coming=3, waiting=9) == 2


def test_the_first_on_the_waiting_list_gets_a_freed_place():
    early = datetime.datetime(2027, 1, 1, 9, tzinfo=UTC)
    late = early + datetime.timedelta(minutes=1)
    assert rules.first_waiting([(late, 1), (early, 7)]) == 7
    assert rules.first_waiting([]) is None


def test_a_monthly_series_keeps_its_london_time_across_both_clock_changes():
    # Second Tuesday of the month at 10:30, February to November 2027.
    first = datetime.datetime(2027, 2, 9, 10, 30, tzinfo=LONDON)
    times = rules.occurrences(first, datetime.timedelta(hours=2), Repeat.MONTHLY, 10)
    starts = [start for start, _end in times]
    assert [s.astimezone(LONDON).strftime("%d %b %H:%M") for s in starts] == [
        "09 Feb 10:30", "09 Mar 10:30", "13 Apr 10:30", "11 May 10:30", "08 Jun 10:30",
        "13 Jul 10:30", "10 Aug 10:30", "14 Sep 10:30", "12 Oct 10:30", "09 Nov 10:30",
    ]  # fmt: skip
    # In UTC the March one is an hour later than April's (GMT, then BST).
    assert starts[1].astimezone(UTC).hour == 10 and starts[2].astimezone(UTC).hour == 9
    assert starts[9].astimezone(UTC).hour == 10


def test_weekly_meetings_either_side_of_the_march_change_are_both_at_10_30():
    first = datetime.datetime(2027, 3, 23, 10, 30, tzinfo=LONDON)  # clocks go forward on the 28th
    (a, _), (b, _) = rules.occurrences(first, datetime.timedelta(hours=1), Repeat.WEEKLY, 2)
    assert (a.astimezone(UTC).hour, b.astimezone(UTC).hour) == (10, 9)
    assert b.astimezone(LONDON).hour == 10


def test_a_fifth_weekday_that_a_month_lacks_is_its_last():
    first = datetime.date(2027, 3, 30)  # the fifth Tuesday of March
    assert rules.occurrence_days(first, Repeat.MONTHLY, 2) == [first, datetime.date(2027, 4, 27)]


def test_time_problems_are_plain():
    now = datetime.datetime(2027, 5, 1, 12, tzinfo=UTC)
    past = now - datetime.timedelta(days=1)
    assert "already passed" in rules.time_problems(past, None, now)["starts_at"]
    later = now + datetime.timedelta(days=1)
    problems = rules.time_problems(later, later - datetime.timedelta(hours=1), now)
    assert "ends before it starts" in problems["ends_at"]
    assert rules.time_problems(later, later + datetime.timedelta(hours=1), now) == {}


def test_only_full_https_links():
    assert rules.link_problem("https://meet.example.org/abc") == ""
    for bad in (
        "http://meet.example.org/abc",
        "meet.example.org",
        "javascript:alert(1)",
        "https://",
    ):
        assert "https://" in rules.link_problem(bad)


def test_a_room_cannot_shrink_below_the_people_coming():
    assert rules.places_problem(10, 4) == ""
    assert "4 people have already said" in rules.places_problem(3, 4)


def test_reminder_day_is_the_london_day_before():
    # 00:30 on 1 July in London is still 30 June in UTC: the reminder goes on 30 June.
    start = datetime.datetime(2027, 7, 1, 0, 30, tzinfo=LONDON)
    assert rules.reminder_day(start) == datetime.date(2027, 6, 30)


def test_this_week_and_this_month():
    wednesday = datetime.date(2027, 5, 12)
    assert rules.week_range(wednesday) == (wednesday, datetime.date(2027, 5, 16))
    assert rules.month_range(wednesday) == (wednesday, datetime.date(2027, 5, 31))
