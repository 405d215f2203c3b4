"""Who may read a private message, and the record kept when a moderator does.

A conversation's messages are for its participants. Moderators do not browse them: they reach
one message only through an open report on that message, and every such reading is written to
Wagtail's audit log against the report, so the report's history shows who read what and when.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from wagtail.log_actions import log

from pbsite import live
from pbsite.models import Report
from pbsite.request_parsing import whole_number

from .models import Post, Topic

READ_PRIVATE_ACTION = "budgetcircle.report.read_private"


def can_follow_topic(user, topic_id: int) -> bool:
    """Who hears a topic's new posts live: whoever may see it, except that in a conversation of
    two, someone the other person has blocked hears nothing more."""
    topic = Topic.objects.visible_to(user).filter(pk=topic_id).first()
    if topic is None:
        return False
    return not (topic.is_private and topic.blocked_for(user))


def end_topic_access(user_id: int, topic_id: int) -> None:
    live.end_access(user_id, "topic", topic_id)


def open_report_on(post: Post, report_id) -> Report | None:
    """The open report ``report_id`` if it is about ``post``; otherwise ``None``."""
    report_id = whole_number(str(report_id), low=1)
    if report_id is None:
        return None
    return (
        Report.objects.open()
        .filter(
            pk=report_id,
            content_type=ContentType.objects.get_for_model(Post),
            object_id=str(post.pk),
        )
        .first()
    )


def log_reading_through_report(report: Report, post: Post, moderator) -> None:
    log(report, READ_PRIVATE_ACTION, user=moderator, data={"post_id": post.pk})
