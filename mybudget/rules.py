"""My budget's rules: plain functions on plain values (dates, whole pence), no request, no models.

- **Periods**: a budget's own period (a week, four weeks, a month or a year) counted from its
  start date. A monthly budget that started on the 31st has its later periods start on the last
  day of shorter months.
- **Repeating lines**: the dates a weekly, two-weekly, four-weekly or monthly payment falls on.
- **Balances**: every entry (the budget's money coming in each period, lines in and out, each
  repeating payment) is whole pence on a date; a period's or a statement's figures are sums of
  them, so they always add up exactly.
- **Underspend**: when money carried into this period is more than a quarter of one period's
  money, the page says so gently.
- **Timelines**: the stages of an application, a review or a complaint, and which promised
  dates have passed.
- **Letters**: a chase letter and a complaint letter in plain words, filled in from a timeline.
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from pbsite.money import format_pence, round_pence


class Every(StrEnum):
    WEEK = "week"
    TWO_WEEKS = "two_weeks"
    FOUR_WEEKS = "four_weeks"
    MONTH = "month"
    YEAR = "year"
    ONCE = "once"


DAYS = {Every.WEEK: 7, Every.TWO_WEEKS: 14, Every.FOUR_WEEKS: 28}
MONTHS = {Every.MONTH: 1, Every.YEAR: 12}
#: Budget periods; repeating lines may also be every two weeks or once.
BUDGET_PERIODS = (Every.WEEK, Every.FOUR_WEEKS, Every.MONTH, Every.YEAR)


class PeriodError(ValueError):
    """A date before the budget started, or a period that cannot repeat."""


def add_months(start: datetime.date, months: int) -> datetime.date:
    """``start`` moved on ``months`` months, on the same day or the month's last day."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return datetime.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def nth_date(first: datetime.date, every: Every, n: int) -> datetime.date:
    """The ``n``-th date (0 is ``first``) of something that happens ``every`` so often."""
    every = Every(every)
    if every == Every.ONCE:
        if n:
            raise PeriodError("Something that happens once has no second date.")
        return first
    if every in DAYS:
        return first + datetime.timedelta(days=DAYS[every] * n)
    return add_months(first, MONTHS[every] * n)


def index_on_or_before(first: datetime.date, every: Every, day: datetime.date) -> int:
    """The largest n with ``nth_date(first, every, n) <= day`` (``day`` not before ``first``)."""
    if day < first:
        raise PeriodError("That date is before the start.")
    every = Every(every)
    if every == Every.ONCE:
        return 0
    if every in DAYS:
        return (day - first).days // DAYS[every]
    step = MONTHS[every]
    n = ((day.year - first.year) * 12 + day.month - first.month) // step
    while n > 0 and nth_date(first, every, n) > day:
        n -= 1
    while nth_date(first, every, n + 1) <= day:
        n += 1
    return n


@dataclass(frozen=True)
class Period:
    first: datetime.date
    last: datetime.date  # inclusive

    def __contains__(self, day: datetime.date) -> bool:
        return self.first <= day <= self.last


def period_containing(start: datetime.date, every: Every, day: datetime.date) -> Period:
    """The budget's own period (counted from ``start``) that ``day`` falls in."""
    if Every(every) not in BUDGET_PERIODS:
        raise PeriodError("A budget comes every week, four weeks, month or year.")
    n = index_on_or_before(start, every, day)
    return Period(
        nth_date(start, every, n), nth_date(start, every, n + 1) - datetime.timedelta(days=1)
    )


def periods_between(
    start: datetime.date, every: Every, lo: datetime.date, hi: datetime.date
) -> list[Period]:
    """Every budget period from the one holding ``lo`` to the one holding ``hi``."""
    lo = max(lo, start)
    if hi < lo:
        return []
    first = index_on_or_before(start, every, lo)
    last = index_on_or_before(start, every, hi)
    return [
        Period(
            nth_date(start, every, n), nth_date(start, every, n + 1) - datetime.timedelta(days=1)
        )
        for n in range(first, last + 1)
    ]


def occurrences(
    first: datetime.date,
    every: Every,
    lo: datetime.date,
    hi: datetime.date,
    until: datetime.date | None = None,
) -> list[datetime.date]:
    """The dates from ``first`` on, ``every`` so often, that fall in ``lo``..``hi`` (inclusive)
    and not after ``until``."""
    if until is not None:
        hi = min(hi, until)
    if hi < lo or hi < first:
        return []
    if Every(every) == Every.ONCE:
        return [first] if lo <= first <= hi else []
    n = 0 if lo <= first else index_on_or_before(first, every, lo)
    dates = []
    while True:
        day = nth_date(first, every, n)
        if day > hi:
            return dates
        if day >= lo:
            dates.append(day)
        n += 1


def times_pence(hours: Decimal, rate_pence: int) -> int:
    """Hours at an hourly rate, in whole pence: 12.5 hours at £13.45 is £168.13 (half a penny
    rounds up, the one rule of ``pbsite.money``)."""
    return round_pence(Decimal(hours) * Decimal(int(rate_pence)) / 100)


# --- balances ---------------------------------------------------------------------------------


class Direction(StrEnum):
    IN = "in"
    OUT = "out"


@dataclass(frozen=True)
class Entry:
    """One amount on one day: money coming in (the budget, a top-up) or going out."""

    on: datetime.date
    pence: int
    direction: Direction = Direction.OUT
    who: str = ""
    what: str = ""
    outcome: str = ""
    repeating: bool = False
    ref: object = None  # what the page links to (a line's id); never used in sums
    receipt: bool = False  # the line has a receipt to see

    @property
    def signed(self) -> int:
        return self.pence if self.direction == Direction.IN else -self.pence


@dataclass(frozen=True)
class Summary:
    first: datetime.date
    last: datetime.date
    opening: int
    money_in: int
    money_out: int
    entries: tuple[Entry, ...] = ()
    by_outcome: tuple[tuple[str, int], ...] = ()

    @property
    def closing(self) -> int:
        return self.opening + self.money_in - self.money_out

    @property
    def net(self) -> int:
        return self.money_in - self.money_out


def summarise(entries: Iterable[Entry], first: datetime.date, last: datetime.date) -> Summary:
    """What came in and went out from ``first`` to ``last`` (inclusive), with the balance
    carried in from everything before ``first``, the entries in date order (money in first on
    a day) and what went out added up by support-plan outcome."""
    entries = list(entries)
    opening = sum(e.signed for e in entries if e.on < first)
    inside = sorted(
        (e for e in entries if first <= e.on <= last),
        key=lambda e: (e.on, e.direction != Direction.IN, e.what, e.pence),
    )
    by_outcome: dict[str, int] = {}
    for entry in inside:
        if entry.direction == Direction.OUT:
            by_outcome[entry.outcome] = by_outcome.get(entry.outcome, 0) + entry.pence
    return Summary(
        first=first,
        last=last,
        opening=opening,
        money_in=sum(e.pence for e in inside if e.direction == Direction.IN),
        money_out=sum(e.pence for e in inside if e.direction == Direction.OUT),
        entries=tuple(inside),
        by_outcome=tuple(sorted(by_outcome.items(), key=lambda item: (item[0] == "", item[0]))),
    )


def running_balances(summary: Summary) -> list[tuple[Entry, int]]:
    """Each entry of a summary with the balance after it."""
    balance = summary.opening
    rows = []
    for entry in summary.entries:
        balance += entry.signed
        rows.append((entry, balance))
    return rows


def period_summaries(
    entries: Iterable[Entry], start: datetime.date, every: Every, through: datetime.date
) -> list[Summary]:
    """One summary per budget period, from the first to the one holding ``through``; each
    period's opening balance is the last one's closing balance."""
    entries = list(entries)
    return [
        summarise(entries, p.first, p.last) for p in periods_between(start, every, start, through)
    ]


def budget_payments(
    start: datetime.date,
    every: Every,
    amount_pence: int,
    lo: datetime.date,
    hi: datetime.date,
    until: datetime.date | None = None,
) -> list[datetime.date]:
    """The days the budget's money comes in (the first day of each period) from lo to hi."""
    return occurrences(start, every, lo, hi, until) if amount_pence else []


def underspend(carried_pence: int, period_pence: int) -> int:
    """The underspend worth a gentle word: money carried into this period when it is more than
    a quarter of one period's money (0 otherwise)."""
    if period_pence <= 0 or carried_pence * 4 <= period_pence:
        return 0
    return carried_pence


def per_period_words(amount_pence: int, every: Every) -> str:
    words = {
        Every.WEEK: "a week",
        Every.TWO_WEEKS: "every two weeks",
        Every.FOUR_WEEKS: "every four weeks",
        Every.MONTH: "a month",
        Every.YEAR: "a year",
        Every.ONCE: "once",
    }
    return f"{format_pence(amount_pence)} {words[Every(every)]}"


# --- timelines --------------------------------------------------------------------------------


class TimelineKind(StrEnum):
    APPLICATION = "application"
    REVIEW = "review"
    COMPLAINT = "complaint"


#: Each kind's stages, in order: (code, what it is called). The guide slugs are on the models.
STAGES = {
    TimelineKind.APPLICATION: (
        ("asked_for_assessment", gettext_lazy("Asked for an assessment")),
        ("assessed", gettext_lazy("Assessed")),
        ("indicative_budget", gettext_lazy("Told the indicative budget")),
        ("support_plan_agreed", gettext_lazy("Support plan agreed")),
        ("money_started", gettext_lazy("Money started")),
    ),
    TimelineKind.REVIEW: (
        ("review_due", gettext_lazy("Review due")),
        ("reviewed", gettext_lazy("Reviewed")),
    ),
    TimelineKind.COMPLAINT: (
        ("complaint_sent", gettext_lazy("Complaint sent")),
        ("answered", gettext_lazy("Complaint answered")),
    ),
}

#: How a letter names each kind: "my application".
KIND_WORDS = {
    TimelineKind.APPLICATION: gettext_lazy("application"),
    TimelineKind.REVIEW: gettext_lazy("review"),
    TimelineKind.COMPLAINT: gettext_lazy("complaint"),
}


def stage_label(kind: TimelineKind, code: str) -> str:
    return str(dict(STAGES[TimelineKind(kind)]).get(code, code))


@dataclass(frozen=True)
class StageFacts:
    code: str
    done_on: datetime.date | None = None
    promised_by: datetime.date | None = None


def overdue(stage: StageFacts, today: datetime.date) -> bool:
    """A promised date has passed and the stage has not happened."""
    return stage.done_on is None and stage.promised_by is not None and stage.promised_by < today


def days_late(stage: StageFacts, today: datetime.date) -> int:
    return (today - stage.promised_by).days if overdue(stage, today) else 0


@dataclass(frozen=True)
class LetterFacts:
    kind: TimelineKind
    title: str
    sender: str
    contact: str
    organisation: str = ""
    reference: str = ""
    today: datetime.date = field(default_factory=datetime.date.today)
    stages: tuple[StageFacts, ...] = ()


def long_date(day: datetime.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _history_sentences(facts: LetterFacts) -> list[str]:
    lines = []
    for stage in facts.stages:
        label = stage_label(facts.kind, stage.code)
        if stage.done_on:
            lines.append(
                _("%(stage)s: %(day)s.") % {"stage": label, "day": long_date(stage.done_on)}
            )
        elif stage.promised_by:
            late = days_late(stage, facts.today)
            when = long_date(stage.promised_by)
            if late:
                lines.append(
                    ngettext(
                        "%(stage)s: promised by %(day)s. It has not happened yet: it is "
                        "%(late)d day late.",
                        "%(stage)s: promised by %(day)s. It has not happened yet: it is "
                        "%(late)d days late.",
                        late,
                    )
                    % {"stage": label, "day": when, "late": late}
                )
            else:
                lines.append(_("%(stage)s: promised by %(day)s.") % {"stage": label, "day": when})
    return lines


def _late_stages(facts: LetterFacts) -> list[StageFacts]:
    return [s for s in facts.stages if overdue(s, facts.today)]


def _promised(facts: LetterFacts, late: list[StageFacts]) -> str:
    return _("; ").join(
        _("%(stage)s by %(day)s")
        % {"stage": stage_label(facts.kind, s.code).lower(), "day": long_date(s.promised_by)}
        for s in late
    )


def chase_letter(facts: LetterFacts) -> list[str]:
    """A polite chase letter as paragraphs: greeting, what happened when, what was promised and
    has not happened, what the person asks for, and a reply date two weeks on."""
    greeting = (
        _("Dear %(name)s,") % {"name": facts.contact} if facts.contact else _("Dear Sir or Madam,")
    )
    kind = KIND_WORDS[TimelineKind(facts.kind)]
    about = (
        _("my %(kind)s: %(title)s") % {"kind": kind, "title": facts.title}
        if facts.title
        else _("my %(kind)s") % {"kind": kind}
    )
    reference = (
        _(" (your reference %(reference)s)") % {"reference": facts.reference}
        if facts.reference
        else ""
    )
    late = _late_stages(facts)
    paragraphs = [
        long_date(facts.today),
        greeting,
        _("I am writing to ask what is happening with %(about)s%(reference)s.")
        % {"about": about, "reference": reference},
        _("Here is what has happened so far:"),
        *_history_sentences(facts),
    ]
    if late:
        paragraphs.append(
            _(
                "I was told this would happen: %(promised)s. That date has passed and I have "
                "not heard anything."
            )
            % {"promised": _promised(facts, late)}
        )
    reply_by = facts.today + datetime.timedelta(days=14)
    paragraphs += [
        _(
            "Please tell me what is happening, what the next step is, and when it will be. "
            "I would be grateful for a reply by %(day)s."
        )
        % {"day": long_date(reply_by)},
        _("Thank you for your help."),
        _("Yours sincerely,"),
        facts.sender,
    ]
    return paragraphs


def complaint_letter(facts: LetterFacts) -> list[str]:
    """A formal complaint about a delay, in plain words, filled in from the timeline."""
    organisation = facts.organisation or _("the council")
    greeting = (
        _("Dear %(name)s,") % {"name": facts.contact}
        if facts.contact
        else _("Dear complaints team,")
    )
    reference = (
        _(" (your reference %(reference)s)") % {"reference": facts.reference}
        if facts.reference
        else ""
    )
    kind = KIND_WORDS[TimelineKind(facts.kind)]
    late = _late_stages(facts)
    paragraphs = [
        long_date(facts.today),
        greeting,
        _(
            "I want to make a formal complaint to %(organisation)s about the delay with my "
            "%(kind)s: %(title)s%(reference)s."
        )
        % {
            "organisation": organisation,
            "kind": kind,
            "title": facts.title,
            "reference": reference,
        },
        _("Here is what has happened so far:"),
        *_history_sentences(facts),
    ]
    if late:
        paragraphs.append(
            _(
                "I was promised: %(promised)s. That has not happened. The delay is affecting my "
                "life and the support I need."
            )
            % {"promised": _promised(facts, late)}
        )
    paragraphs += [
        _("Please put this complaint through your complaints procedure. I would like you to:"),
        _(
            "1. Tell me in writing that you have received this complaint, and who is dealing "
            "with it."
        ),
        _("2. Tell me when the next step will happen, and keep to that date."),
        _("3. Explain why it has taken this long."),
        _(
            "If I am not happy with your answer, I may take my complaint to the Local "
            "Government and Social Care Ombudsman."
        ),
        _("Yours sincerely,"),
        facts.sender,
    ]
    return paragraphs
