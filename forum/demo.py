"""Demo forum: categories, 40+ topics with replies, buddies, a pairing and a reported post.

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
from pbsite.models import Report

from .demo_topics import TOPICS
from .models import (
    BuddyPairing,
    BuddyProfile,
    BuddyRequest,
    BuddyStatus,
    Category,
    Post,
    Topic,
)

CATEGORIES = [
    ("getting-started", "Getting started", "New to personal budgets? Ask anything here."),
    ("assessments-and-reviews", "Assessments and reviews", "Getting ready, what to expect, and "
     "what to do if you disagree."),
    ("employing-pas", "Employing PAs", "Finding, paying and keeping personal assistants."),
    ("health-budgets", "Health budgets", "Personal health budgets from the NHS."),
    ("carers", "Carers", "For family and friends who help manage a budget."),
    ("mental-health", "Mental health", "Using a budget to stay well, relapse plans and care "
     "coordinators. If you feel unsafe, call NHS 111 (mental health option), 999 or Samaritans "
     "on 116 123."),
    ("for-pas", "For PAs", "For personal assistants: pay, holidays, training, worries at work, "
     "and support from other PAs."),
    ("buying-together", "Buying together", "Sharing the cost of support, classes and trips."),
    ("off-topic", "Off topic", "A friendly chat about anything else."),
]  # fmt: skip

# Fictional members: key -> (display name, about, buddy profile or None)
PEOPLE = {
    "ravi": ("Ravi K", "Holder for 10 years, employs three PAs", {
        "budget_types": ["direct-payment"], "topics": ["employing-pas", "money", "buying-together"],
        "districts": "OX4, OX3", "languages": "English, Punjabi", "capacity": 2}),
    "claire": ("Claire W", "Carer and holder, Abingdon", {
        "budget_types": ["direct-payment", "managed-account", "carer"],
        "topics": ["caring", "money", "assessments"], "districts": "OX14",
        "languages": "English", "capacity": 1}),
    "ellen": ("Ellen (OX14)", "Has a personal health budget", None),
    "dee": ("Dee M", "Holder with anxiety, learning as I go", None),
    "marcus": ("Marcus T", "New holder in Oxford", None),
    "aisha": ("Aisha N", "Looks after her son", None),
    "bernie": ("Bernie", "Recovering from a stroke, Banbury", None),
    "frank": ("Frank O", "Holder in Witney", None),
    "spammer": ("Quick Cash Care", "", None),
}  # fmt: skip

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
    categories = {slug: ensure_category(slug, name, text, i) for i, (slug, name, text) in
                  enumerate(CATEGORIES)}  # fmt: skip
    people = {key: demo_user(role) for key, role in ROLE_KEYS.items()}
    people.update({key: ensure_person(key, *details) for key, details in PEOPLE.items()})
    ensure_buddy(people["buddy"], categories, {
        "budget_types": ["direct-payment", "health"], "topics": ["getting-started",
        "assessments", "employing-pas", "mental-health"], "districts": "OX4, OX1, OX2",
        "languages": "English", "capacity": 3})  # fmt: skip
    for key, (_name, _about, profile) in PEOPLE.items():
        if profile:
            ensure_buddy(people[key], categories, profile)
    made = sum(ensure_topic(categories, people, *topic, age=i) for i, topic in enumerate(TOPICS))
    ensure_pairing(people)
    ensure_reported_post(categories, people)
    stdout.write(f"Forum: {len(TOPICS)} topics ({made} new), buddies and a pairing.")


def ensure_category(slug, name, description, order) -> Category:
    category, _ = Category.objects.get_or_create(
        slug=slug, defaults={"name": name, "description": description, "order": order}
    )
    return category


def ensure_person(key, name, about, _profile) -> User:
    user, created = User.objects.get_or_create(
        email=email_for(key),
        defaults={"display_name": name, "about": about, "email_preference": EmailPreference.NEVER},
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


def ensure_topic(categories, people, slug, title, asker, question, replies, solved, *, age) -> int:
    if Topic.objects.filter(title=title, is_private=False).exists():
        return 0
    started = timezone.now() - timedelta(days=2 * len(TOPICS) - 2 * age, hours=age % 7)
    topic = Topic.objects.create(
        category=categories[slug], title=title, author=people[asker], created=started
    )
    Post.objects.create(topic=topic, author=people[asker], body_markdown=question, created=started)
    posts = [
        Post.objects.create(
            topic=topic,
            author=people[who],
            body_markdown=text,
            created=started + timedelta(hours=3 * (i + 1), minutes=7 * i),
        )
        for i, (who, text) in enumerate(replies)
    ]
    if solved is not None:
        topic.solved_post = posts[solved]
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
