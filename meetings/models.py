"""Peer-network meetings: venues, series and their occurrences, who is coming, notes, and the
council listener's questions."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelsearch import index
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from . import rules


class Topic(models.TextChoices):
    MEETING_UP = "meeting_up", _("Meeting other holders")
    EMPLOYING_PAS = "employing_pas", _("Employing PAs")
    MONEY = "money", _("Money, budgets and statements")
    BENEFITS = "benefits", _("Benefits and Universal Credit")
    HEALTH_BUDGETS = "health_budgets", _("Personal health budgets")
    REVIEWS = "reviews", _("Assessments and reviews")
    CARERS = "carers", _("Family carers")


class Format(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")


class Bsl(models.TextChoices):
    NONE = "", _("No BSL interpreter")
    BOOKED = "booked", _("A BSL interpreter is booked")
    ON_REQUEST = "on_request", _("A BSL interpreter on request: ask the organiser")


class RsvpStatus(models.TextChoices):
    COMING = rules.Answer.COMING.value, _("Coming")
    WAITING = rules.Answer.WAITING.value, _("On the waiting list")
    NOT_COMING = rules.Answer.NOT_COMING.value, _("Not coming")


class Venue(models.Model):
    """A place meetings happen, with the access facts people ask about before they come."""

    name = models.CharField(_("name"), max_length=120)
    address = models.CharField(_("address"), max_length=250)
    postcode = models.CharField(_("postcode"), max_length=10)
    district = models.CharField(
        _("postcode district"), max_length=5, help_text=_("Like OX4. Filled in from the postcode.")
    )
    step_free = models.BooleanField(_("step-free entrance"), default=False)
    accessible_toilet = models.BooleanField(_("accessible toilet"), default=False)
    changing_places = models.BooleanField(_("Changing Places toilet"), default=False)
    hearing_loop = models.BooleanField(_("hearing loop"), default=False)
    bsl = models.CharField(_("BSL interpreter"), max_length=12, choices=Bsl.choices, blank=True)
    parking = models.CharField(_("parking"), max_length=200, blank=True)
    blue_badge_spaces = models.PositiveSmallIntegerField(_("blue badge spaces"), default=0)
    bus_stop = models.CharField(_("nearest bus stop"), max_length=200, blank=True)
    quiet_room = models.BooleanField(_("quiet room"), default=False)
    carers_free = models.BooleanField(_("carers and PAs come free"), default=True)
    ask_us = models.CharField(
        _("ask us about anything else"),
        max_length=300,
        blank=True,
        help_text=_("Who to ask about anything else, like a phone number."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("address"),
        FieldPanel("postcode"),
        FieldPanel("district"),
        MultiFieldPanel(
            [
                FieldPanel("step_free"),
                FieldPanel("accessible_toilet"),
                FieldPanel("changing_places"),
                FieldPanel("hearing_loop"),
                FieldPanel("bsl"),
                FieldPanel("parking"),
                FieldPanel("blue_badge_spaces"),
                FieldPanel("bus_stop"),
                FieldPanel("quiet_room"),
                FieldPanel("carers_free"),
                FieldPanel("ask_us"),
            ],
            heading=_("Access"),
        ),
    ]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return f"{self.name}, {self.postcode}"


class OrganiserApproval(models.Model):
    """A holder a moderator approved to organise meetings (buddies and moderators need none)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="organiser_approval"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(default=timezone.now)
    active = models.BooleanField(
        default=True, help_text=_("Untick to stop this person organising new meetings.")
    )

    panels = [FieldPanel("user"), FieldPanel("active")]

    def __str__(self):
        return str(self.user)


class Series(models.Model):
    """A repeating meeting: each occurrence is a Meeting of its own."""

    title = models.CharField(max_length=120)
    repeat = models.CharField(
        max_length=12, choices=[(r.value, r.name.title()) for r in rules.Repeat]
    )
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name_plural = "series"

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("meetings:series", args=[self.pk])


class MeetingQuerySet(models.QuerySet):
    def listed(self):
        return self.filter(hidden=False, cancelled=False)

    def upcoming(self, now=None):
        return self.filter(ends_at__gt=now or timezone.now())

    def with_notes_shown(self):
        """Each meeting with ``has_notes``: whether it has notes anyone may read (not hidden by a
        moderator), asked in the meetings' own query rather than once for each (a series' page)."""
        return self.annotate(
            has_notes=models.Exists(
                Notes.objects.filter(meeting=models.OuterRef("pk"), hidden=False)
            )
        )


class Meeting(index.Indexed, models.Model):
    series = models.ForeignKey(
        Series, on_delete=models.SET_NULL, null=True, blank=True, related_name="meetings"
    )
    title = models.CharField(_("title"), max_length=120)
    about = models.TextField(_("what it is about"), max_length=2000)
    who_for = models.CharField(_("who it is for"), max_length=300)
    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    format = models.CharField(_("in person or online"), max_length=10, choices=Format.choices)
    venue = models.ForeignKey(
        Venue, on_delete=models.SET_NULL, null=True, blank=True, related_name="meetings"
    )
    # Private: shown only to people coming (and the organiser); never indexed or exported to others.
    online_link = models.URLField(_("online link"), max_length=500, blank=True)
    dial_in = models.CharField(_("phone dial-in"), max_length=200, blank=True)
    captions = models.BooleanField(_("captions"), default=False)
    places = models.PositiveSmallIntegerField(_("places"), default=12)
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    listener_name = models.CharField(_("council listener"), max_length=120, blank=True)
    listener_role = models.CharField(_("their role"), max_length=160, blank=True)
    cancelled = models.BooleanField(default=False)
    hidden = models.BooleanField(default=False, help_text=_("Hidden by a moderator."))
    created_at = models.DateTimeField(default=timezone.now)

    objects = MeetingQuerySet.as_manager()

    search_fields = [
        index.FilterField("id"),
        index.SearchField("title", boost=2),
        index.AutocompleteField("title"),
        index.SearchField("about"),
        index.SearchField("who_for"),
        index.FilterField("hidden"),
        index.FilterField("cancelled"),
    ]

    panels = [
        FieldPanel("title"),
        FieldPanel("about"),
        FieldPanel("who_for"),
        FieldPanel("topic"),
        FieldPanel("starts_at"),
        FieldPanel("ends_at"),
        FieldPanel("format"),
        FieldPanel("venue"),
        FieldPanel("online_link"),
        FieldPanel("dial_in"),
        FieldPanel("captions"),
        FieldPanel("places"),
        FieldPanel("organiser"),
        FieldPanel("listener_name"),
        FieldPanel("listener_role"),
        FieldPanel("cancelled"),
        FieldPanel("hidden"),
    ]

    class Meta:
        ordering = ["starts_at"]

    def __str__(self):
        return f"{self.title}, {rules.local(self.starts_at):%-d %B %Y}"

    def get_absolute_url(self):
        return reverse("meetings:detail", args=[self.pk])

    def is_visible_to(self, user) -> bool:
        """What the report page asks: a hidden meeting can't be reported again."""
        return not self.hidden

    @property
    def is_online(self) -> bool:
        return self.format == Format.ONLINE

    @property
    def local_start(self):
        return rules.local(self.starts_at)

    @property
    def local_end(self):
        return rules.local(self.ends_at)

    @property
    def has_ended(self) -> bool:
        return self.ends_at <= timezone.now()

    @property
    def district(self) -> str:
        return self.venue.district if self.venue_id and self.venue else ""

    def coming_count(self) -> int:
        return self.rsvps.filter(status=RsvpStatus.COMING).count()

    def places_left(self) -> int:
        return rules.places_left(self.places, self.coming_count())


class Rsvp(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="rsvps")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="meeting_rsvps"
    )
    status = models.CharField(max_length=12, choices=RsvpStatus.choices)
    # Only the organiser sees these.
    access_needs = models.TextField(max_length=1000, blank=True)
    answered_at = models.DateTimeField(default=timezone.now, help_text=_("Waiting-list order."))
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="one_answer_per_meeting")
        ]
        ordering = ["answered_at", "pk"]

    def __str__(self):
        return f"{self.user} · {self.meeting} · {self.status}"

    @property
    def status_label(self) -> str:
        """``get_status_display()`` without building the field's choices again for each person
        in the organiser's list."""
        return RsvpStatus(self.status).label


class Notes(index.Indexed, models.Model):
    """What happened, for those who could not come. Plain text, shown with the forum's markdown."""

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="notes")
    discussed = models.TextField(_("what we talked about"), max_length=6000)
    agreed = models.TextField(_("what we agreed"), max_length=3000, blank=True)
    council_questions = models.TextField(
        _("questions for the council"), max_length=3000, blank=True
    )
    contacts = models.TextField(_("who to contact"), max_length=1500, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    forum_topic = models.ForeignKey(
        "forum.Topic", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    hidden = models.BooleanField(default=False, help_text=_("Hidden by a moderator."))
    published_at = models.DateTimeField(default=timezone.now)

    search_fields = [
        index.FilterField("id"),
        index.SearchField("title_for_search", boost=2),
        index.SearchField("discussed"),
        index.SearchField("agreed"),
        index.SearchField("council_questions"),
        index.SearchField("contacts"),
        index.FilterField("hidden"),
        # The search shows notes only while their meeting is not hidden either: kept in the
        # index (re-indexed when the meeting is saved, search.indexing.follow_related_filters),
        # so the search never lists every visible note's primary key.
        index.RelatedFields("meeting", [index.FilterField("hidden")]),
    ]

    class Meta:
        verbose_name_plural = "notes"

    def __str__(self):
        return f"Notes: {self.meeting}"

    def get_absolute_url(self):
        return reverse("meetings:notes", args=[self.meeting_id])

    def is_visible_to(self, user) -> bool:
        return not self.hidden and not self.meeting.hidden

    @property
    def title_for_search(self) -> str:
        return str(self)


class ListenerQuestion(models.Model):
    """A question put to the council's listener, asked, then answered when the answer comes."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="questions")
    question = models.TextField(_("question"), max_length=1000)
    answer = models.TextField(_("answer"), max_length=3000, blank=True)
    asked_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["asked_at", "pk"]

    def __str__(self):
        return self.question[:80]

    @property
    def is_answered(self) -> bool:
        return self.answered_at is not None


def new_feed_token() -> str:
    return secrets.token_urlsafe(24)


class CalendarFeed(models.Model):
    """A person's private calendar address. Revoking gives a new token: the old one stops."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="meetings_feed"
    )
    token = models.CharField(max_length=40, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"Calendar feed for {self.user}"

    def get_absolute_url(self):
        return reverse("meetings:feed", args=[self.token])
