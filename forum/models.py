"""The forum: categories, topics and posts; peer buddies; advisers.

A private conversation's words are a ``Topic`` with no category, as Discourse does, so replying,
live updates, reporting and notifications work the same everywhere; who takes part and who may
write to whom belong to the ``conversations`` app (``conversations.models.Participant``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin

from accounts.permissions import is_moderator
from conversations.services import conversation_ids_of, is_blocked_in
from pbsite.edit_versions import EditVersioned

from . import adviser_rules
from .rendering import render_markdown


class Category(models.Model):
    name = models.CharField(max_length=80)
    slug = models.SlugField(unique=True)
    description = models.CharField(max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(default=0, help_text=_("Lower numbers come first."))

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("order"),
    ]

    class Meta:
        ordering = ["order", "name"]
        verbose_name_plural = "categories"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("forum:category", args=[self.slug])


PUBLIC = Q(is_private=False, category__isnull=False, hidden=False, approved=True)


def readable_posts(posts):
    """Posts anyone who can see the topic may read, oldest first."""
    return posts.filter(approved=True, hidden=False, held_for_review=False).order_by(
        "created", "pk"
    )


def _in_categories_visible_to(user) -> Q:
    """The topics in categories a signed-in ``user`` may see."""
    return in_categories_readable_by(user.pk, moderator=is_moderator(user))


def in_categories_readable_by(reader, *, moderator: bool) -> Q:
    """``_in_categories_visible_to`` the signed-in person of this id, a moderator or not."""
    if moderator:
        # Moderators see hidden and waiting public topics; other people's private
        # conversations only through a report, in the admin.
        return Q(is_private=False, category__isnull=False)
    waiting_for_me = Q(author_id=reader, is_private=False, category__isnull=False, hidden=False)
    return PUBLIC | waiting_for_me


def topic_address(topic_id) -> str:
    """A topic's address, from its id alone (the site search shows topics from rows of values)."""
    return reverse("forum:topic", args=[topic_id])


class TopicQuerySet(SearchableQuerySetMixin, models.QuerySet):
    def with_first_post(self):
        """Each topic's category and the words of its first readable post, in one query for
        the whole list (the search page describes ten topics by their first post): a subquery,
        not a prefetch, which costs a second query and a window function to build."""
        first_words = readable_posts(Post.objects.filter(topic=OuterRef("pk"))).values(
            "body_markdown"
        )[:1]
        return self.select_related("category").annotate(first_post_words=Subquery(first_words))

    def public(self):
        """Topics anyone may read: in a category, not hidden, first post approved."""
        return self.filter(PUBLIC)

    def visible_to(self, user):
        if user is None or not user.is_authenticated:
            return self.public()
        conversations = Q(is_private=True, pk__in=conversation_ids_of(user))
        return self.filter(_in_categories_visible_to(user) | conversations)

    def in_categories_visible_to(self, user):
        """``visible_to(user)`` without private conversations, and so without the subquery of
        the person's conversations (for lists of forum questions)."""
        if user is None or not user.is_authenticated:
            return self.public()
        return self.filter(_in_categories_visible_to(user))

    def conversations_of(self, user):
        return self.filter(is_private=True, pk__in=conversation_ids_of(user))


class Topic(index.Indexed, models.Model):
    category = models.ForeignKey(
        Category,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="topics",
        help_text=_("Empty for a private conversation. Change it to move the topic."),
    )
    title = models.CharField(max_length=150)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="topics"
    )
    created = models.DateTimeField(default=timezone.now)
    last_activity = models.DateTimeField(default=timezone.now, db_index=True)
    reply_count = models.PositiveIntegerField(default=0)
    is_private = models.BooleanField(default=False)
    participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="conversations.Participant",
        related_name="conversations",
        blank=True,
    )
    pinned = models.BooleanField(default=False, help_text=_("Pinned topics stay at the top."))
    locked = models.BooleanField(default=False, help_text=_("Nobody can reply to a locked topic."))
    hidden = models.BooleanField(default=False, help_text=_("Hidden from everyone but moderators."))
    approved = models.BooleanField(default=True, help_text=_("False while the first post waits."))
    solved_post = models.ForeignKey(
        "Post", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = TopicQuerySet.as_manager()

    search_fields = [
        index.FilterField("id"),
        index.SearchField("title", boost=2),
        index.SearchField("first_post_text"),
        index.FilterField("is_private"),
        index.FilterField("hidden"),
        index.FilterField("approved"),
        index.FilterField("category_id"),
    ]

    panels = [
        FieldPanel("title"),
        FieldPanel("category"),
        FieldPanel("pinned"),
        FieldPanel("locked"),
        FieldPanel("hidden"),
    ]

    class Meta:
        ordering = ["-pinned", "-last_activity"]
        indexes = [models.Index(fields=["category", "-last_activity"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return topic_address(self.pk)

    @property
    def is_conversation(self) -> bool:
        return self.is_private

    def first_post_text(self) -> str:
        # A list of topics reads each one's first post with it (``with_first_post``).
        if hasattr(self, "first_post_words"):
            return self.first_post_words or ""
        first = readable_posts(self.posts.all()).first()
        return first.body_markdown if first else ""

    def blocked_for(self, author) -> bool:
        """In a two-person conversation, has the other person blocked ``author``?"""
        return is_blocked_in(self.pk, author)

    @property
    def is_public(self) -> bool:
        """``PUBLIC`` read on a topic already loaded: anyone may see it."""
        return (
            not self.is_private
            and self.category_id is not None
            and self.approved
            and not self.hidden
        )

    def is_visible_to(self, user, *, people=None) -> bool:
        """``people``: a private conversation's people, if the caller read them already: only
        they see it (``visible_to``), so they answer without a query."""
        if people is not None and self.is_private:
            return (
                user is not None
                and user.is_authenticated
                and any(person.pk == user.pk for person in people)
            )
        # Everyone sees a public topic (every branch of ``visible_to`` includes ``PUBLIC``), so
        # only the others need the query.
        return self.is_public or Topic.objects.visible_to(user).filter(pk=self.pk).exists()

    def hide(self):
        self.hidden = True
        self.save(update_fields=["hidden"])

    def refresh_stats(self):
        """Reply count and last activity from the posts everyone can see."""
        shown = self.posts.filter(approved=True, hidden=False, held_for_review=False)
        self.reply_count = max(shown.count() - 1, 0)
        latest = shown.order_by("-created").values_list("created", flat=True).first()
        self.last_activity = latest or self.created
        self.save(update_fields=["reply_count", "last_activity"])


def _readable_by(user) -> Q:
    """The posts ``user`` may read in a topic they may see (moderators read them all)."""
    return _readable_by_id(reader_id(user))


def _readable_by_id(reader) -> Q:
    """``_readable_by`` the person of this id (None: someone signed out)."""
    shown = Q(hidden=False, approved=True, held_for_review=False)
    if reader is not None:
        shown |= Q(hidden=False, author_id=reader)
    return shown


def reader_id(user):
    """The id of a signed-in ``user``; None for someone signed out."""
    return user.pk if user is not None and user.is_authenticated else None


def _is_author(user, post) -> bool:
    return user is not None and user.is_authenticated and post.author_id == user.pk


def mark_held(posts: list[Post], user, moderator: bool) -> list[Post]:
    """Mark ``shown_as_held`` the posts of a topic page (``on_topic_page``) that ``user`` sees
    only as a note: of the posts read, ``_readable_by`` leaves out only other people's held."""
    for post in posts:
        post.shown_as_held = not moderator and post.held_for_review and not _is_author(user, post)
    return posts


#: Posts readers see only as "hidden while a moderator looks at it".
HELD = Q(held_for_review=True, hidden=False, approved=True)


class PostQuerySet(SearchableQuerySetMixin, models.QuerySet):
    def visible_to(self, user):
        posts = self.filter(topic__in=Topic.objects.visible_to(user).values("pk"))
        if is_moderator(user):
            return posts
        return posts.filter(_readable_by(user))

    def readable_in(self, topic, user):
        """``visible_to(user)`` in one ``topic`` the caller has found ``user`` may see: the same
        posts, without asking the database again which topics they may see."""
        posts = self.filter(topic=topic)
        return posts if is_moderator(user) else posts.filter(_readable_by(user))

    def on_topic_page(self, topic, user) -> list[Post]:
        """What the page of ``topic`` (one ``user`` may see) shows, in one query: the posts
        ``visible_to(user)``, and the posts held for review that they may not read, marked
        ``shown_as_held``: those keep their place as a note (their author and moderators read
        them as usual)."""
        moderator = is_moderator(user)
        return mark_held(
            list(self.for_topic_page(topic.pk, reader_id(user), moderator=moderator)),
            user,
            moderator,
        )

    def for_topic_page(self, topic_id, reader, *, moderator: bool):
        """The query of ``on_topic_page`` for the reader of this id (None: signed out), before
        held posts are marked."""
        posts = self.filter(topic_id=topic_id)
        return posts if moderator else posts.filter(_readable_by_id(reader) | HELD)

    def awaiting_approval(self):
        return self.filter(approved=False, hidden=False)


class Post(EditVersioned, index.Indexed, models.Model):
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="forum_posts"
    )
    body_markdown = models.TextField("message", max_length=10000)
    body_html = models.TextField(editable=False, blank=True)
    created = models.DateTimeField(default=timezone.now, db_index=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    hidden = models.BooleanField(default=False)
    approved = models.BooleanField(default=True)
    held_for_review = models.BooleanField(
        "hidden while a moderator looks",
        default=False,
        help_text=_("Reported by trusted members: readers see a note instead until you decide."),
    )
    reply_to = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="replies"
    )

    objects = PostQuerySet.as_manager()

    search_fields = [
        index.SearchField("body_markdown"),
        index.FilterField("hidden"),
        index.FilterField("approved"),
        index.FilterField("topic_id"),
    ]

    panels = [
        FieldPanel("body_markdown"),
        FieldPanel("approved"),
        FieldPanel("hidden"),
        FieldPanel("held_for_review"),
    ]

    class Meta:
        ordering = ["created", "pk"]

    def __str__(self):
        text = " ".join(self.body_markdown.split())
        return f"{self.author.public_name if self.author else 'Someone'}: {text[:80]}"

    def save(self, *args, **kwargs):
        self.body_html = render_markdown(self.body_markdown)
        if kwargs.get("update_fields") is not None and "body_markdown" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "body_html"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        # The topic's address needs only its id: no query for a post loaded without its topic.
        return f"{reverse('forum:topic', args=[self.topic_id])}#post-{self.pk}"

    def is_visible_to(self, user) -> bool:
        return Post.objects.visible_to(user).filter(pk=self.pk).exists()

    def url_through_report(self, report) -> str:
        """Where a moderator working on ``report`` reads the post: on its topic page if the
        topic is public, or on the post's own page (its words and earlier versions) if it is
        private (``private_access`` checks the report there)."""
        if not self.topic.is_private:
            return self.get_absolute_url()
        return reverse("forum:post_history", args=[self.pk]) + f"?report={report.pk}"

    def hide(self):
        self.hidden = True
        self.save(update_fields=["hidden"])
        self.topic.refresh_stats()

    def hold_for_review(self):
        self.held_for_review = True
        self.save(update_fields=["held_for_review"])
        self.topic.refresh_stats()

    def release(self):
        """A moderator found nothing wrong: everyone sees the post again."""
        if self.held_for_review:
            self.held_for_review = False
            self.save(update_fields=["held_for_review"])
            self.topic.refresh_stats()

    @property
    def is_edited(self) -> bool:
        return self.edited_at is not None

    # What a post's page shows of its relations that may be missing, as None or False rather
    # than the exception a missing one raises: the template language answers that exception by
    # listing all the object's attributes (``dir``), for every post.

    @property
    def adviser_mark(self) -> AdviserAnswer | None:
        return getattr(self, "adviser_answer", None)

    @property
    def by_approved_buddy(self) -> bool:
        profile = getattr(self.author, "buddy_profile", None)
        return profile is not None and profile.is_approved

    @property
    def by_current_adviser(self) -> bool:
        record = getattr(self.author, "adviser_record", None)
        return record is not None and record.is_current


class PostRevision(models.Model):
    """What a post said before each edit; moderators read these, nobody else."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    body_markdown = models.TextField()
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    edited_at = models.DateTimeField(default=timezone.now)
    reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-edited_at", "-pk"]

    def __str__(self):
        return f"Earlier version of post {self.post_id}"


class WatchLevel(models.TextChoices):
    WATCHING = "watching", _("Watching: tell me about new replies")
    MUTED = "muted", _("Muted: never tell me about this topic")


class TopicWatch(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="watches")
    level = models.CharField(max_length=10, choices=WatchLevel.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "topic"], name="forum_one_watch_per_topic")
        ]

    def __str__(self):
        return f"{self.user} {self.level} {self.topic}"


# --- Peer buddies ------------------------------------------------------------------------------


class BudgetType(models.TextChoices):
    DIRECT_PAYMENT = "direct-payment", _("Direct payment")
    MANAGED_ACCOUNT = "managed-account", _("Managed account (the council or a company holds it)")
    ISF = "isf", _("Individual service fund")
    HEALTH = "health", _("Personal health budget")
    CARER = "carer", _("Carer's budget")


class HelpTopic(models.TextChoices):
    GETTING_STARTED = "getting-started", _("Getting started")
    ASSESSMENTS = "assessments", _("Assessments and reviews")
    EMPLOYING_PAS = "employing-pas", _("Finding and employing PAs")
    MONEY = "money", _("Managing the money and paperwork")
    HEALTH = "health", _("Health budgets")
    MENTAL_HEALTH = "mental-health", _("Living with mental-health problems")
    LEARNING_DISABILITY = "learning-disability", _("Learning disability")
    CARING = "caring", _("Caring for someone")
    BUYING_TOGETHER = "buying-together", _("Buying things together")


class BuddyStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for a moderator")
    APPROVED = "approved", _("Approved")
    PAUSED = "paused", _("Taking a break")


class BuddyProfile(models.Model):
    """An experienced holder or carer who offers to help newcomers, once a moderator approves."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="buddy_profile"
    )
    budget_types = models.JSONField(default=list, blank=True)
    topics = models.JSONField(default=list, blank=True)
    categories = models.ManyToManyField(Category, blank=True, related_name="+")
    employs_pas = models.BooleanField(default=False)
    is_carer = models.BooleanField(default=False)
    health_topics = models.CharField(max_length=300, blank=True)
    districts = models.CharField(max_length=200, blank=True)
    languages = models.CharField(max_length=200, default="English")
    capacity = models.PositiveSmallIntegerField(default=1)
    about = models.TextField(max_length=1000, blank=True)
    agreed_code_of_conduct = models.BooleanField(default=False)
    status = models.CharField(
        max_length=10, choices=BuddyStatus.choices, default=BuddyStatus.PENDING, db_index=True
    )
    applied_at = models.DateTimeField(default=timezone.now)
    approved_at = models.DateTimeField(null=True, blank=True)

    panels = [
        FieldPanel("status"),
        FieldPanel("capacity"),
        FieldPanel("districts"),
        FieldPanel("languages"),
        FieldPanel("health_topics"),
        FieldPanel("about"),
    ]

    def __str__(self):
        return f"Buddy: {self.user}"

    @property
    def is_approved(self) -> bool:
        return self.status == BuddyStatus.APPROVED

    @property
    def district_list(self) -> list[str]:
        from pbsite.areas import parse_districts

        return parse_districts(self.districts)

    @property
    def language_list(self) -> list[str]:
        return [part.strip() for part in self.languages.split(",") if part.strip()]

    def get_budget_types_display(self) -> list[str]:
        return [BudgetType(code).label for code in self.budget_types if code in BudgetType.values]

    def get_topics_display(self) -> list[str]:
        return [HelpTopic(code).label for code in self.topics if code in HelpTopic.values]


class RequestStatus(models.TextChoices):
    OPEN = "open", _("Looking for a buddy")
    MATCHED = "matched", _("Has a buddy")
    CLOSED = "closed", _("Closed")


class BuddyRequest(models.Model):
    """A newcomer asking for a buddy, and what they would like help with."""

    newcomer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="buddy_requests"
    )
    budget_type = models.CharField(max_length=20, choices=BudgetType.choices, blank=True)
    topics = models.JSONField(default=list, blank=True)
    district = models.CharField(max_length=8, blank=True)
    language = models.CharField(max_length=40, default="English")
    details = models.TextField(max_length=1000, blank=True)
    status = models.CharField(
        max_length=10, choices=RequestStatus.choices, default=RequestStatus.OPEN
    )
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created"]

    def __str__(self):
        return f"{self.newcomer} asked for a buddy"

    def get_absolute_url(self):
        return reverse("forum:buddy_request", args=[self.pk])


class PairingStatus(models.TextChoices):
    OFFERED = "offered", _("Waiting for the buddy to answer")
    ACCEPTED = "accepted", _("Talking")
    DECLINED = "declined", _("The buddy could not take this on")
    ENDED = "ended", _("Ended")


class BuddyPairing(models.Model):
    """One offer of one buddy to one request; moderators see these, never the messages."""

    request = models.ForeignKey(BuddyRequest, on_delete=models.CASCADE, related_name="pairings")
    buddy = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="buddy_pairings"
    )
    status = models.CharField(
        max_length=10, choices=PairingStatus.choices, default=PairingStatus.OFFERED
    )
    conversation = models.ForeignKey(
        Topic, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created"]

    def __str__(self):
        return f"{self.buddy} and {self.request.newcomer}"

    def get_absolute_url(self):
        return reverse("forum:pairing", args=[self.pk])


# --- Advisers: people with professional knowledge, checked by a moderator -----------------------


class Expertise(models.TextChoices):
    EMPLOYMENT_LAW = "employment-law", _("Employment law")
    TAX_PAYROLL = "tax-payroll", _("Tax and payroll")
    BENEFITS = "benefits", _("Benefits")
    ASSESSMENTS = "assessments", _("Assessments and appeals")
    HEALTH_BUDGETS = "health-budgets", _("Health budgets")
    HOUSING = "housing", _("Housing")


class Adviser(models.Model):
    """Someone a moderator checked: who they work for, what they know, and when it was checked.
    The check lapses a year after ``checked_on`` (``adviser_rules.is_current``)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="adviser_record"
    )
    organisation = models.CharField(
        _("organisation"),
        max_length=200,
        help_text=_("Who they work or volunteer for, for example a law centre or a charity."),
    )
    expertise = models.CharField(_("area of expertise"), max_length=20, choices=Expertise.choices)
    checked_on = models.DateField(
        _("checked on"),
        help_text=_(
            "The day a moderator checked who they are and what they know. The check lapses a "
            "year later: check again and change this date."
        ),
    )
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    class Meta:
        ordering = ["expertise", "organisation"]
        verbose_name = _("adviser")

    def __str__(self):
        return f"{self.user.public_name} ({self.get_expertise_display()}, {self.organisation})"

    @property
    def is_current(self) -> bool:
        return adviser_rules.is_current(self.checked_on, timezone.localdate())

    @property
    def lapses_on(self):
        return adviser_rules.lapses_on(self.checked_on)


class Escalation(models.Model):
    """A forum question passed to the advisers of one expertise, by the asker or a buddy."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="escalations")
    expertise = models.CharField(max_length=20, choices=Expertise.choices)
    passed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["topic", "expertise"], name="forum_one_escalation_per_expertise"
            )
        ]

    def __str__(self):
        return f"{self.topic} → {self.get_expertise_display()}"


class AdviserAnswer(models.Model):
    """A post an adviser wrote as an adviser, with what was true of them when they wrote it.

    The name shown is the post's author's, so erasing the adviser leaves "a former adviser"."""

    post = models.OneToOneField(Post, on_delete=models.CASCADE, related_name="adviser_answer")
    escalation = models.ForeignKey(
        Escalation, on_delete=models.SET_NULL, null=True, blank=True, related_name="answers"
    )
    expertise = models.CharField(max_length=20, choices=Expertise.choices)
    organisation = models.CharField(max_length=200, blank=True)
    checked_on = models.DateField()
    answered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-answered_at", "-pk"]
        verbose_name = _("adviser's answer")
        verbose_name_plural = _("advisers' answers")

    def __str__(self):
        return f"{self.post.topic.title} – {self.get_expertise_display()}, {self.adviser_name}"

    def get_absolute_url(self):
        return self.post.get_absolute_url()

    @property
    def adviser_name(self) -> str:
        author = self.post.author
        if author is None or author.deleted_at:
            return gettext("a former adviser")
        return author.public_name

    @property
    def topic(self) -> Topic:
        return self.post.topic
