"""Advisers' part of "download my data" and "delete my account".

Erasing an adviser deletes their adviser record (organisation, expertise, the day checked).
Their answers are public posts and stay, as every public post does, under "a former adviser":
each keeps the expertise and the month the adviser was checked, which readers and guides rely
on, but not the organisation. Questions they passed to advisers stay with the topic, by nobody.
"""

from __future__ import annotations

from .models import Adviser, AdviserAnswer, Escalation


def export_advisers(user) -> dict:
    record = Adviser.objects.filter(user=user).first()
    return {
        "adviser_record": None
        if record is None
        else {
            "organisation": record.organisation,
            "expertise": record.get_expertise_display(),
            "checked_on": record.checked_on,
        },
        "answers_as_an_adviser": [
            {
                "topic": item.post.topic.title,
                "url": item.post.get_absolute_url(),
                "expertise": item.get_expertise_display(),
                "answered": item.answered_at,
            }
            for item in AdviserAnswer.objects.filter(post__author=user).select_related(
                "post__topic"
            )
        ],
        "questions_i_passed_to_advisers": [
            {
                "topic": escalation.topic.title,
                "url": escalation.topic.get_absolute_url(),
                "expertise": escalation.get_expertise_display(),
                "passed": escalation.created,
            }
            for escalation in Escalation.objects.filter(passed_by=user).select_related("topic")
        ],
    }


def erase_advisers(user) -> None:
    AdviserAnswer.objects.filter(post__author=user).update(organisation="")
    Escalation.objects.filter(passed_by=user).update(passed_by=None)
    Adviser.objects.filter(user=user).delete()
