"""Reports that act before a moderator does (``pbsite.moderation_rules``), for forum posts.

A post reported by three members at the forum's trusted level or above (``posting.is_trusted``:
moderators, approved peer buddies, members with approved posts), or by one approved peer buddy,
is hidden while a moderator looks at it: readers see a note in its place, its author still sees
it and is told why, and its reports go first in the queue. A moderator who dismisses the reports
shows it again (``Post.release``).
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from pbsite import moderation
from pbsite.models import ReportFlag
from pbsite.moderation_rules import should_hold
from pbsite.notifications import notify

from .models import BuddyProfile, BuddyStatus, Post
from .posting import is_trusted


def after_report(post: Post) -> bool:
    """Called after each person's report of ``post``; True if the post is (now) held."""
    if post.hidden:
        return False
    if post.held_for_review:
        moderation.put_first(post, ReportFlag.HELD)
        return True
    reporter_ids = moderation.reporters_to_count(post)
    reporters = list(get_user_model().objects.filter(pk__in=reporter_ids, is_active=True))
    buddies = BuddyProfile.objects.filter(user__in=reporters, status=BuddyStatus.APPROVED).count()
    trusted = sum(1 for person in reporters if is_trusted(person))
    if not should_hold(trusted, buddies):
        return False
    hold(post)
    return True


def hold(post: Post) -> None:
    post.hold_for_review()
    moderation.put_first(post, ReportFlag.HELD)
    if post.author is not None:
        notify(
            post.author,
            _(
                "has hidden your post while a moderator looks at it, because members reported "
                "it. You can still see it. A moderator will show it again if nothing is wrong"
            ),
            post.topic,
            url=post.get_absolute_url(),
        )
