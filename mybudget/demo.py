"""The demo holder's budget: six months of lines, a PA's weekly hours, a group's share, a review
due next month, and an application that stalled (with a promised date passed)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from accounts.demo import demo_user
from accounts.models import Role

from . import rules
from .models import Budget, RepeatingLine, SpendingLine, Stage, Timeline

NAME = "Social care budget"


def load(stdout) -> None:
    holder = demo_user(Role.HOLDER)
    today = timezone.localdate()
    if Budget.objects.filter(owner=holder, name=NAME).exists():
        stdout.write("  my budget: already there")
        return
    start = rules.add_months(today, -6).replace(day=1)
    review = rules.add_months(today, 1).replace(day=15)
    budget = Budget.objects.create(
        owner=holder,
        name=NAME,
        given_by="Oxfordshire County Council",
        amount_pence=115000,
        every="four_weeks",
        held_as="direct_payment",
        start_date=start,
        review_date=review,
    )
    RepeatingLine.objects.create(
        budget=budget,
        kind="pa_hours",
        who="Sam (my PA)",
        what="Sam's hours: 12 a week at £13.50",
        outcome="Get up, washed and dressed each morning",
        hours=Decimal(12),
        rate_pence=1350,
        amount_pence=rules.times_pence(Decimal(12), 1350),
        every="week",
        first_date=start,
    )
    lines = [
        ("Cowley leisure centre", "Swimming, monthly pass", 3200, "Stay active and well"),
        ("Oakleaf Crafts", "Pottery class", 4500, "Learn something new and feel less alone"),
        ("Blue Line Taxis", "Taxi to the day centre and back", 2680, "See friends"),
    ]
    day = start
    month = 0
    while day <= today:
        for offset, (who, what, pence, outcome) in enumerate(lines):
            on = day + datetime.timedelta(days=3 + offset * 7)
            if on <= today:
                SpendingLine.objects.create(
                    budget=budget,
                    on=on,
                    direction="out",
                    who=who,
                    what=what,
                    amount_pence=pence + (month % 3) * 50 * (offset == 2),
                    outcome=outcome,
                    added_by=holder,
                )
        month += 1
        day = rules.add_months(start, month)
    SpendingLine.objects.create(
        budget=budget,
        on=start + datetime.timedelta(days=40),
        direction="out",
        who="Payroll bureau",
        what="Payroll service, three months",
        amount_pence=9000,
        outcome="",
        added_by=holder,
    )
    _share_of_a_group(holder, budget, start)
    review_timeline = Timeline.objects.create(
        owner=holder,
        kind="review",
        title="My yearly review",
        organisation="Oxfordshire County Council",
        contact_name="Jan Okafor",
        contact_details="01865 000000",
        reference="ASC-20417",
    )
    Stage.objects.create(timeline=review_timeline, code="review_due", promised_by=review)
    application = Timeline.objects.create(
        owner=holder,
        kind="application",
        title="A personal health budget for physiotherapy",
        organisation="Oxfordshire NHS (the ICB)",
        contact_name="Chris Bell",
        contact_details="chris.bell@nhs.example",
        reference="PHB-3381",
        your_name="Maya Hughes",
    )
    Stage.objects.create(
        timeline=application,
        code="asked_for_assessment",
        done_on=today - datetime.timedelta(days=120),
    )
    Stage.objects.create(
        timeline=application,
        code="assessed",
        done_on=today - datetime.timedelta(days=75),
    )
    Stage.objects.create(
        timeline=application,
        code="indicative_budget",
        promised_by=today - datetime.timedelta(days=30),
        note="Chris said we would hear within six weeks.",
    )
    stdout.write("  my budget: the demo holder's budget, a review and a stalled application")


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
