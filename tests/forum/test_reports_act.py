"""Reports act before a moderator does (issue 13, item 10).

A post reported by three members at the forum's trusted level or above, or by one peer buddy,
is hidden while a moderator looks: readers see a note, its author still sees it and is told
why, and it goes first in the queue. Scam words never hide a post on their own, but put it first
in the queue and show readers a safety note.
"""

import pytest

from accounts.demo import ensure_role_groups
from accounts.models import Role
from forum import posting
from forum.models import Post, Topic
from pbsite import moderation
from pbsite.models import Notification, Report, ReportFlag, ReportStatus
from pbsite.moderation_rules import scam_signs, should_hold
from tests.people import make_user

from .conftest import make_buddy, trusted_member

pytestmark = pytest.mark.django_db

HELD_NOTE = "This post is hidden while a moderator looks at it."
SCAM = "Cheap care workers, no checks needed! Pay cash and message me on WhatsApp."
QUEUE = "/admin/moderation/"


# --- The rules, on plain values -----------------------------------------------------------------


def test_three_trusted_reporters_or_one_buddy_hold_a_post():
    assert not should_hold(trusted_reporters=0, buddy_reporters=0)
    assert not should_hold(trusted_reporters=2, buddy_reporters=0)
    assert should_hold(trusted_reporters=3, buddy_reporters=0)
    assert should_hold(trusted_reporters=1, buddy_reporters=1)


@pytest.mark.parametrize(
    "text, sign",
    [
        (SCAM, "cash in hand"),
        (SCAM, "says no checks are needed"),
        (SCAM, "moves the talk off the site"),
        ("I only take cash in hand, no questions.", "cash in hand"),
        ("Send me your bank details and the sort code", "asks for bank details"),
        ("What is the PIN number for your budget card?", "asks for bank details"),
        ("You need to pay a deposit up front to book me", "asks for money up front"),
        ("You don't need a DBS with me", "says no checks are needed"),
        ("Text me on 07700 900123 for work", "moves the talk off the site"),
        ("Add me on Telegram", "moves the talk off the site"),
        ("Don't use WhatsApp, but text me on 07700 900123", "moves the talk off the site"),
    ],
)
def test_scam_signs(text, sign):
    assert sign in scam_signs(text)


@pytest.mark.parametrize(
    "text",
    [
        "My PA has a DBS check and two references.",
        "Where do people look for a PA who can start quickly?",
        "I pay my PA through a payroll service every month.",
        "",
        # Warnings use the same words.
        "Please don't share bank details or send each other money.",
        "Never pay cash in hand, and never agree to no checks.",
        "Do not move the chat to WhatsApp.",
    ],
)
def test_ordinary_posts_show_no_scam_signs(text):
    assert scam_signs(text) == []


# --- Holding a post -----------------------------------------------------------------------------


@pytest.fixture
def scam_post(category, newcomer):
    topic = Topic.objects.create(category=category, title="Finding a PA quickly", author=newcomer)
    Post.objects.create(topic=topic, author=newcomer, body_markdown="Where do people look?")
    spammer = make_user("Quick Cash Care")
    return Post.objects.create(
        topic=topic, author=spammer, body_markdown="Ring me for cheap care, any hours."
    )


def page_text(client, post):
    return client.get(post.topic.get_absolute_url()).content.decode()


def test_three_trusted_members_reporting_hide_the_post_until_a_moderator_looks(
    client, scam_post, member, other
):
    third = trusted_member("Sam T")
    for reporter in (member, other):
        moderation.report(scam_post, reason="spam", reporter=reporter)
    scam_post.refresh_from_db()
    assert not scam_post.held_for_review  # two is not enough
    assert "Ring me for cheap care" in page_text(client, scam_post)

    moderation.report(scam_post, reason="spam", reporter=third)

    scam_post.refresh_from_db()
    assert scam_post.held_for_review
    # Visitors and members see a note in its place, never its words.
    anonymous = page_text(client, scam_post)
    assert HELD_NOTE in anonymous and "Ring me for cheap care" not in anonymous
    client.force_login(member)
    as_member = page_text(client, scam_post)
    assert HELD_NOTE in as_member and "Ring me for cheap care" not in as_member
    # Its author still sees it, says why, and was told.
    client.force_login(scam_post.author)
    as_author = page_text(client, scam_post)
    assert "Ring me for cheap care" in as_author
    assert "Members reported this post, so it is hidden from others" in as_author
    told = Notification.objects.get(recipient=scam_post.author)
    assert "hidden your post while a moderator looks at it" in told.text
    assert "because members reported it" in told.text
    assert told.url == scam_post.get_absolute_url()
    # Every report about it goes first in the queue.
    assert set(Report.objects.values_list("flag", flat=True)) == {ReportFlag.HELD}


def test_one_peer_buddy_reporting_is_enough(client, scam_post):
    buddy = make_buddy("Bea Buddy")
    moderation.report(scam_post, reason="spam", reporter=buddy)
    scam_post.refresh_from_db()
    assert scam_post.held_for_review
    assert HELD_NOTE in page_text(client, scam_post)


def test_new_members_reports_and_repeats_do_not_hide_a_post(client, scam_post, member):
    # Three members who have not yet posted enough to be trusted.
    for name in ("New One", "New Two", "New Three"):
        moderation.report(scam_post, reason="spam", reporter=make_user(name))
    # One trusted member reporting three times is one report.
    for _attempt in range(3):
        moderation.report(scam_post, reason="spam", reporter=member)
    # The author reporting their own post does not count.
    trusted_author = scam_post.author
    for text in ("Hello", "Thanks"):
        Post.objects.create(topic=scam_post.topic, author=trusted_author, body_markdown=text)
    moderation.report(scam_post, reason="spam", reporter=trusted_author)

    scam_post.refresh_from_db()
    assert not scam_post.held_for_review
    assert "Ring me for cheap care" in page_text(client, scam_post)


def test_a_held_post_goes_first_in_the_moderation_queue(client, scam_post, member, category):
    moderator = make_user("Jo Moderator")
    moderator.groups.add(ensure_role_groups()[Role.MODERATOR.value])
    topic = Topic.objects.create(category=category, title="Rude", author=member)
    rude = Post.objects.create(topic=topic, author=member, body_markdown="You are all idiots")
    older = moderation.report(rude, reason="abuse", reporter=make_user("Ann"))
    moderation.report(scam_post, reason="other", reporter=make_buddy("Bea Buddy"))

    assert [r.object_id for r in Report.objects.open().by_risk()] == [
        str(scam_post.pk),
        str(rude.pk),
    ]
    client.force_login(moderator)
    queue = client.get(QUEUE).content.decode()
    assert queue.index("Ring me for cheap care") < queue.index("You are all idiots")
    assert "Hidden until a moderator looks" in queue
    assert older.flag == ReportFlag.NONE


def test_a_moderator_dismissing_the_reports_shows_the_post_again(client, scam_post):
    moderator = make_user("Jo Moderator")
    moderator.groups.add(ensure_role_groups()[Role.MODERATOR.value])
    report = moderation.report(scam_post, reason="spam", reporter=make_buddy("Bea Buddy"))
    scam_post.refresh_from_db()
    assert scam_post.held_for_review
    client.force_login(moderator)
    inspect = client.get(f"{QUEUE}inspect/{report.pk}/").content.decode()
    assert "Dismiss: nothing wrong, show it again" in inspect

    response = client.post(f"{QUEUE}dismiss/{report.pk}/")

    assert response.status_code == 302
    scam_post.refresh_from_db()
    report.refresh_from_db()
    assert not scam_post.held_for_review and report.status == ReportStatus.DISMISSED
    client.logout()
    shown = page_text(client, scam_post)
    assert "Ring me for cheap care" in shown and HELD_NOTE not in shown
    # The same buddy reporting it again does not hide it again: a moderator has decided.
    moderation.report(scam_post, reason="spam", reporter=Report.objects.get().reporter)
    scam_post.refresh_from_db()
    assert not scam_post.held_for_review


# --- Scam words ---------------------------------------------------------------------------------


def test_scam_words_put_a_post_first_and_show_a_safety_note_without_hiding_it(
    client, category, member, newcomer
):
    topic = Topic.objects.create(category=category, title="Finding a PA", author=member)
    Post.objects.create(topic=topic, author=member, body_markdown="Where do people look?")
    older = moderation.report(
        Post.objects.get(topic=topic), reason="abuse", reporter=make_user("Ann")
    )

    post = posting.reply(topic, trusted_member("Quick Cash Care"), SCAM)

    post.refresh_from_db()
    assert not post.held_for_review and not post.hidden
    flagged = Report.objects.get(flag=ReportFlag.SCAM)
    assert flagged.object_id == str(post.pk) and flagged.reporter is None
    assert "no checks are needed" in flagged.details and "cash in hand" in flagged.details
    assert list(Report.objects.open().by_risk()) == [flagged, older]
    page = page_text(client, post)
    assert SCAM in page
    assert "Staying safe" in page
    assert "never share your bank or card details" in page
    # Editing it again does not file a second report.
    posting.edit_post(post, post.author, SCAM + " Call now.")
    assert Report.objects.filter(flag=ReportFlag.SCAM).count() == 1


def test_a_private_message_gets_the_note_but_no_report(client, member, other):
    from conversations.services import start_conversation

    conversation = start_conversation(member, [other], "Work", "Pay cash and text me on 07700")
    assert not Report.objects.exists()  # moderators read private messages only when reported
    client.force_login(other)
    assert "Staying safe" in client.get(conversation.get_absolute_url()).content.decode()


def test_an_ordinary_post_has_no_safety_note(client, category, member):
    topic = posting.create_topic(member, category, "Finding a PA", "Where do people look?")
    page = page_text(client, topic.posts.get())
    assert "Staying safe" not in page
    assert not Report.objects.exists()


def test_crisis_still_comes_before_everything(category, member):
    topic = Topic.objects.create(category=category, title="Help", author=member)
    post = Post.objects.create(topic=topic, author=member, body_markdown="Hello")
    held = moderation.report(post, reason="spam", reporter=make_buddy("Bea Buddy"))
    crisis = moderation.report(post, reason="crisis", reporter=None)
    assert list(Report.objects.open().by_risk()) == [crisis, held]
