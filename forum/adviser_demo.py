"""Demo advisers: two advisers a moderator checked, five questions passed to advisers, three of
them answered in their topics, from ``forum/demo_content/advisers.yaml``. Run by ``manage.py
load_demo`` after the forum; safe to run again.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from accounts.demo import demo_user
from accounts.models import Role
from pbsite.demo_loading import days_ago, read_demo

from .demo import ensure_person
from .models import Adviser, AdviserAnswer, Escalation, Post, Topic


def questions() -> list[dict]:
    """The questions passed to advisers, in order: the first is the one a guide quotes."""
    return read_demo("forum", "advisers", expect=dict)["questions"]


def unwrapped(text: str) -> str:
    """The answers are wrapped to fit their file; a line break in a post shows as one."""
    paragraphs = text.split("\n\n")
    return "\n\n".join(
        paragraph if paragraph.startswith("- ") else " ".join(paragraph.split())
        for paragraph in paragraphs
    )


@transaction.atomic
def load(stdout) -> None:
    data = read_demo("forum", "advisers", expect=dict)
    moderator = demo_user(Role.MODERATOR)
    advisers = {}
    for row in data["advisers"]:
        person = demo_user(Role.ADVISER) if row["key"] == "adviser" else ensure_person(row)
        record, _ = Adviser.objects.get_or_create(
            user=person,
            defaults={
                "organisation": row["organisation"],
                "expertise": row["expertise"],
                "checked_on": days_ago(row["checked_days_ago"]),
                "checked_by": moderator,
            },
        )
        advisers[row["key"]] = record
    buddy = demo_user(Role.BUDDY)
    made = 0
    for question in data["questions"]:
        topic = Topic.objects.filter(title=question["topic"], is_private=False).first()
        if topic is None:
            continue
        when = topic.created + timedelta(days=1)
        escalation, created = Escalation.objects.get_or_create(
            topic=topic,
            expertise=question["expertise"],
            defaults={
                "passed_by": buddy if question["passed_on_by"] == "buddy" else topic.author,
                "created": when,
            },
        )
        made += created
        answer = question["answer"]
        if answer is None or escalation.answers.exists():
            continue
        record = advisers[answer["by"]]
        post = Post.objects.create(
            topic=topic,
            author=record.user,
            body_markdown=unwrapped(answer["text"]),
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
    count = len(data["questions"])
    stdout.write(f"Advisers: {len(advisers)} advisers, {count} questions ({made} new).")
