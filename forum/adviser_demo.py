"""Demo advisers: two advisers a moderator checked, five questions passed to advisers, three of
them answered in their topics. Run by ``manage.py load_demo`` after the forum; safe to run again.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from accounts.demo import demo_user
from accounts.models import Role

from .demo import ensure_person
from .models import Adviser, AdviserAnswer, Escalation, Expertise, Post, Topic

# (key, display name, about, organisation, expertise, days since the check); the first is the
# demo adviser's login (adviser@demo.budgetcircle.example).
ADVISERS = [
    ("adviser", "Hannah O (adviser)", "", "Oxford Community Law Centre (made up for the demo)",
     Expertise.EMPLOYMENT_LAW, 100),
    ("gareth", "Gareth L (adviser)", "Payroll adviser for PA employers",
     "Thames Valley PA Payroll Service (made up for the demo)", Expertise.TAX_PAYROLL, 200),
]  # fmt: skip

HOLIDAY_ANSWER = """A PA who is your employee gets 5.6 weeks of paid holiday a year. For
someone who works a set number of days each week, that is their usual week times 5.6. Bank
holidays can count towards it.

If your PA's hours change from week to week, their holiday builds up as they work: 12.07% of the
hours they work.

Holiday pay is their normal pay, including regular overtime. Your budget should have money in
it for this. If it does not, tell your council: it is a cost of employing someone, and they
should include it.

Your payroll service can work out the figures for you."""

SICKNESS_ANSWER = """If your PA is your employee and is off sick, they may get Statutory Sick
Pay. You pay it through your payroll, and your payroll service can work out how much.

For cover, plan before you need it:

- ask your council if your budget can hold some money for emergency cover;
- keep the names of one or two PAs or an agency who could help at short notice;
- write down what a new person needs to know, so anyone can step in.

If you ever have no support and are not safe, call your council's adult social care team. Out
of hours, they have an emergency number."""

STATUS_ANSWER = """It is not up to you or your PA to choose. HMRC looks at how the work is done.

If you say when and how the work is done, and your PA works only for you, they are most likely
your employee. Then you register as an employer, run PAYE and may need to put them in a
pension.

A self-employed PA usually has several clients, sets their own hours and prices, and can send
someone else in their place.

Use HMRC's free online tool, "Check employment status for tax". Keep a copy of the answer with
your records."""

ESCALATIONS = [
    # (topic title, expertise, who passed it on, (adviser key, answer) or None)
    ("Paying PAs for holidays", Expertise.EMPLOYMENT_LAW, "buddy", ("adviser", HOLIDAY_ANSWER)),
    ("What if my PA is off sick and I have no cover?", Expertise.EMPLOYMENT_LAW, "asker",
     ("adviser", SICKNESS_ANSWER)),
    ("Self-employed PA or employed? What's the difference?", Expertise.TAX_PAYROLL, "buddy",
     ("gareth", STATUS_ANSWER)),
    ("DBS checks: do I have to?", Expertise.EMPLOYMENT_LAW, "asker", None),
    ("They want to reduce my hours. What can I do?", Expertise.ASSESSMENTS, "buddy", None),
]  # fmt: skip


def unwrapped(text: str) -> str:
    """The answers above are wrapped to fit this file; a line break in a post shows as one."""
    paragraphs = text.split("\n\n")
    return "\n\n".join(
        paragraph if paragraph.startswith("- ") else " ".join(paragraph.split())
        for paragraph in paragraphs
    )


@transaction.atomic
def load(stdout) -> None:
    moderator = demo_user(Role.MODERATOR)
    advisers = {}
    for key, name, about, organisation, expertise, days in ADVISERS:
        person = (
            demo_user(Role.ADVISER) if key == "adviser" else ensure_person(key, name, about, None)
        )
        record, _ = Adviser.objects.get_or_create(
            user=person,
            defaults={
                "organisation": organisation,
                "expertise": expertise,
                "checked_on": timezone.localdate() - timedelta(days=days),
                "checked_by": moderator,
            },
        )
        advisers[key] = record
    buddy = demo_user(Role.BUDDY)
    made = 0
    for title, expertise, passer, answered in ESCALATIONS:
        topic = Topic.objects.filter(title=title, is_private=False).first()
        if topic is None:
            continue
        when = topic.created + timedelta(days=1)
        escalation, created = Escalation.objects.get_or_create(
            topic=topic,
            expertise=expertise,
            defaults={"passed_by": buddy if passer == "buddy" else topic.author, "created": when},
        )
        made += created
        if answered is None or escalation.answers.exists():
            continue
        key, text = answered
        record = advisers[key]
        post = Post.objects.create(
            topic=topic,
            author=record.user,
            body_markdown=unwrapped(text),
            created=min(
                max(when + timedelta(hours=20), topic.last_activity + timedelta(minutes=30)),
                timezone.now() - timedelta(hours=1),
            ),
        )
        AdviserAnswer.objects.create(
            post=post,
            escalation=escalation,
            expertise=record.expertise,
            organisation=record.organisation,
            checked_on=record.checked_on,
            answered_at=post.created,
        )
        topic.refresh_stats()
    stdout.write(f"Advisers: {len(advisers)} advisers, {len(ESCALATIONS)} questions ({made} new).")
