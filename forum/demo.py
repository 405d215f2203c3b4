"""Demo forum: categories, 40+ topics with replies, buddies, a pairing and a reported post.
The categories, members and topics are data (``forum/demo_content/*.yaml``); the pairing and
the reported post, which need the moderation and scam rules, are made here.

Run by ``manage.py load_demo`` after the accounts loader; safe to run again.
"""

from __future__ import annotations

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from accounts.demo import DEMO_PASSWORD, demo_user
from accounts.models import EmailPreference, Role, User
from conversations.models import Participant
from pbsite import moderation
from pbsite.demo_loading import read_demo
from pbsite.models import Report

from .models import (
    BuddyPairing,
    BuddyProfile,
    BuddyRequest,
    BuddyStatus,
    Category,
    Post,
    Topic,
)

ROLE_KEYS = {
    "holder": Role.HOLDER,
    "carer": Role.CARER,
    "buddy": Role.BUDDY,
    "pa": Role.PA,
    "moderator": Role.MODERATOR,
}


def email_for(key: str) -> str:
    return f"{key}.forum@demo.budgetcircle.example"


@transaction.atomic
def load(stdout) -> None:
    categories = {
        row["slug"]: ensure_category(row["slug"], row["name"], row["description"], order)
        for order, row in enumerate(read_demo("forum", "categories"))
    }
    cast = read_demo("forum", "people", expect=dict)
    people = {key: demo_user(role) for key, role in ROLE_KEYS.items()}
    people.update({row["key"]: ensure_person(row) for row in cast["members"]})
    ensure_buddy(people["buddy"], categories, cast["demo_buddy"])
    for row in cast["members"]:
        if row.get("buddy"):
            ensure_buddy(people[row["key"]], categories, row["buddy"])
    topics = read_demo("forum", "topics")
    made = sum(
        ensure_topic(categories, people, topic, days_ago=2 * (len(topics) - age), hours_ago=age % 7)
        for age, topic in enumerate(topics)
    )
    ensure_pairing(people)
    ensure_reported_post(categories, people)
    stdout.write(f"Forum: {len(topics)} topics ({made} new), buddies and a pairing.")


def ensure_category(slug, name, description, order) -> Category:
    category, _ = Category.objects.get_or_create(
        slug=slug, defaults={"name": name, "description": description, "order": order}
    )
    return category


def ensure_person(row) -> User:
    user, created = User.objects.get_or_create(
        email=email_for(row["key"]),
        defaults={
            "display_name": row["name"],
            "about": row["about"],
            "email_preference": EmailPreference.NEVER,
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
        EmailAddress.objects.get_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )
    return user


def ensure_buddy(user, categories, details) -> None:
    profile, created = BuddyProfile.objects.get_or_create(
        user=user,
        defaults={
            **details,
            "status": BuddyStatus.APPROVED,
            "approved_at": timezone.now(),
            "agreed_code_of_conduct": True,
            "about": user.about,
        },
    )
    if created:
        # Help topics and category slugs share names where they overlap.
        wanted = {*details["topics"], "getting-started"}
        profile.categories.set([c for slug, c in categories.items() if slug in wanted])
    user.groups.add(Group.objects.get_or_create(name=Role.BUDDY.value)[0])


def ensure_topic(categories, people, row, *, days_ago, hours_ago) -> int:
    title, asker = row["title"], row["asked_by"]
    if Topic.objects.filter(title=title, is_private=False).exists():
        return 0
    started = timezone.now() - timedelta(days=days_ago, hours=hours_ago)
    topic = Topic.objects.create(
        category=categories[row["category"]], title=title, author=people[asker], created=started
    )
    Post.objects.create(
        topic=topic, author=people[asker], body_markdown=row["question"], created=started
    )
    posts = [
        Post.objects.create(
            topic=topic,
            author=people[reply["by"]],
            body_markdown=reply["text"],
            created=started + timedelta(hours=3 * (i + 1), minutes=7 * i),
        )
        for i, reply in enumerate(row["replies"])
    ]
    if row["solved_by_reply"] is not None:
        topic.solved_post = posts[row["solved_by_reply"]]
        topic.save(update_fields=["solved_post"])
    topic.refresh_stats()
    return 1


def ensure_pairing(people) -> None:
    """Maya asked for a buddy; Grace said yes; they have started talking."""
    newcomer, buddy = people["holder"], people["buddy"]
    if BuddyRequest.objects.filter(newcomer=newcomer).exists():
        return
    request = BuddyRequest.objects.create(
        newcomer=newcomer,
        budget_type="direct-payment",
        topics=["getting-started", "employing-pas"],
        district="OX4",
        details="I have just got my direct payment and I need to find a PA.",
        status="matched",
    )
    conversation = Topic.objects.create(
        title=f"{buddy.public_name} and {newcomer.public_name}", author=buddy, is_private=True
    )
    start = timezone.now() - timedelta(days=3)
    # Each last read the conversation when they last wrote: Grace's latest message is unread.
    Participant.objects.bulk_create(
        [
            Participant(topic=conversation, user=person, joined=start, last_read=start + read)
            for person, read in ((buddy, timedelta(hours=2)), (newcomer, timedelta(hours=1)))
        ]
    )
    for i, (who, text) in enumerate([
        (buddy, "Hello Maya, I'm Grace. I'm happy to be your buddy. What's on your mind?"),
        (newcomer, "Hi Grace. Thank you. I need a PA for mornings and I don't know where to "
         "start. I also get anxious on the phone."),
        (buddy, "That's fine, we can do it all by message. Shall we write your PA advert "
         "together first? Tell me what a normal morning looks like."),
    ]):  # fmt: skip
        Post.objects.create(
            topic=conversation, author=who, body_markdown=text, created=start + timedelta(hours=i)
        )
    conversation.refresh_stats()
    BuddyPairing.objects.create(
        request=request,
        buddy=buddy,
        status="accepted",
        conversation=conversation,
        answered_at=start,
    )


SCAM_TEXT = "Cheap care workers, no checks needed! Pay cash and message me on WhatsApp."
HONEST_QUESTION = (
    "Is it all right to pay a PA cash in hand if they are a friend? She says no checks are "
    "needed because she knows me."
)


def ensure_reported_post(categories, people) -> None:
    """A scam reply, reported by a member and by a peer buddy: it is hidden while a moderator
    looks and is first in the moderation queue. Beside it, an honest question in the same
    words, which stays up with the safety note."""
    from .posting import flag_if_scam

    topic = Topic.objects.get(title="How do I find a PA who can start quickly?", is_private=False)
    post = Post.objects.filter(body_markdown=SCAM_TEXT).first()
    if post is None:
        post = Post.objects.create(topic=topic, author=people["spammer"], body_markdown=SCAM_TEXT)
        topic.refresh_stats()
        flag_if_scam(post)
    for key, details in [
        ("carer", "This looks like a scam. They want cash and no checks."),
        ("buddy", "Please take this down: it asks people to pay cash with no checks."),
    ]:
        if not Report.objects.filter(
            object_id=str(post.pk), reporter=people[key], content_type__model="post"
        ).exists():
            moderation.report(post, reason="spam", reporter=people[key], details=details)
    if not Post.objects.filter(body_markdown=HONEST_QUESTION).exists():
        question = Post.objects.create(
            topic=topic, author=people["carer"], body_markdown=HONEST_QUESTION
        )
        topic.refresh_stats()
        flag_if_scam(question)
