"""The demo holder's budget: six months of lines, a PA's weekly hours, a group's share, a review
due next month, and an application that stalled (with a promised date passed). What it holds is
data (``mybudget/demo_content/budget.yaml``); the dates, counted from today, are made here."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from accounts.demo import demo_user
from accounts.models import Role
from pbsite.demo_loading import read_demo

from . import rules
from .models import Budget, RepeatingLine, SpendingLine, Stage, Timeline


def load(stdout) -> None:
    data = read_demo("mybudget", "budget", expect=dict)
    holder = demo_user(Role.HOLDER)
    today = timezone.localdate()
    if Budget.objects.filter(owner=holder, name=data["budget"]["name"]).exists():
        stdout.write("  my budget: already there")
        return
    start = rules.add_months(today, -6).replace(day=1)
    review = rules.add_months(today, 1).replace(day=15)
    budget = Budget.objects.create(
        owner=holder, **data["budget"], start_date=start, review_date=review
    )
    pa = data["pa_hours"]
    hours = Decimal(pa["hours"])
    RepeatingLine.objects.create(
        budget=budget,
        kind="pa_hours",
        who=pa["who"],
        what=pa["what"],
        outcome=pa["outcome"],
        hours=hours,
        rate_pence=pa["rate_pence"],
        amount_pence=rules.times_pence(hours, pa["rate_pence"]),
        every="week",
        first_date=start,
    )
    day = start
    month = 0
    while day <= today:
        for offset, line in enumerate(data["monthly"]):
            on = day + datetime.timedelta(days=3 + offset * 7)
            if on <= today:
                extra = (month % 3) * 50 * (offset == 2)  # the taxi's fare goes up and down
                spend(budget, holder, on, **{**line, "amount_pence": line["amount_pence"] + extra})
        month += 1
        day = rules.add_months(start, month)
    for line in data["one_off"]:
        after = datetime.timedelta(days=line["days_after_start"])
        spend(
            budget,
            holder,
            start + after,
            **{k: v for k, v in line.items() if k != "days_after_start"},
        )
    _share_of_a_group(holder, budget, start)
    for row in data["timelines"]:
        timeline = Timeline.objects.create(
            owner=holder, **{k: v for k, v in row.items() if k != "stages"}
        )
        for stage in row["stages"]:
            Stage.objects.create(
                timeline=timeline,
                code=stage["code"],
                done_on=_days_ago(today, stage.get("done_days_ago")),
                promised_by=(
                    review
                    if stage.get("promised_at_review")
                    else _days_ago(today, stage.get("promised_days_ago"))
                ),
                note=stage.get("note", ""),
            )
    stdout.write("  my budget: the demo holder's budget, a review and a stalled application")


def _days_ago(today, days):
    return None if days is None else today - datetime.timedelta(days=days)


def spend(budget, holder, on, **line) -> None:
    SpendingLine.objects.create(budget=budget, on=on, direction="out", added_by=holder, **line)


def _share_of_a_group(holder, budget, start) -> None:
    """The running group the holder is in pays her share from this budget."""
    from pooling.models import Membership

    from .models import PendingPoolShare
    from .pool_shares import add_share

    membership = (
        Membership.objects.filter(user=holder, status="member", pool__state="active")
        .select_related("pool")
        .first()
    )
    if membership is None:
        return
    line = RepeatingLine.objects.filter(membership=membership).first() or add_share(
        budget, membership
    )
    # The demo holder joined the other demo groups before she had a budget: only this one's
    # share is in the demo, so her page is not a list of questions.
    PendingPoolShare.objects.filter(owner=holder).delete()
    if line is not None:
        line.budget = budget
        line.first_date = start + datetime.timedelta(days=60)
        line.save(update_fields=["budget", "first_date"])
