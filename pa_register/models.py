"""The PA register: PA profiles and their checks, "PA wanted" adverts and the responses to them.

Rules that need no request live in plain modules beside this one: ``availability`` (the weekly
grid), ``freshness`` (sinking, hiding and reminders), ``matching`` (the match score and its
reasons), ``checks`` (verification and expiry) and ``adverts`` (posting, responding, closing).
"""

from __future__ import annotations

import datetime
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.db.models.expressions import RawSQL
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import TagBase, TaggedItemBase
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from accounts.permissions import is_moderator
from pbsite.caching import Memo
from pbsite.choices import LabelsLookedUp
from pbsite.edit_versions import EditVersioned
from pbsite.freshness import after
from pbsite.money import format_pence
from pbsite.prefetching import rows

from . import availability, checks
from . import freshness as freshness_rules
from .groups import advert_groups
from .kinds import CheckKind, SupportKind


class WorkArrangement(models.TextChoices):
    EMPLOYED = "employed", _("Employed by the person they support")
    SELF_EMPLOYED = "self_employed", _("Self-employed")
    AGENCY = "agency", _("Through an agency")


class Gender(models.TextChoices):
    WOMAN = "woman", _("Woman")
    MAN = "man", _("Man")
    NON_BINARY = "non_binary", _("Non-binary")


def _json_list_has(field: str, value: str) -> Q:
    """Rows whose JSON list ``field`` holds ``value`` (any case).

    SQLite has no JSON containment lookup, so this matches the quoted item inside the stored
    JSON text, which works the same on SQLite and PostgreSQL.
    """
    return Q(**{f"{field}__icontains": f'"{value}"'})


def _json_list_has_any(field: str, values) -> Q:
    query = Q()
    for value in values:
        query |= _json_list_has(field, value)
    return query


# --- Skills: one tag model; editors mark the curated ones ---------------------------------------


class Skill(TagBase):
    """A skill or specialism. Curated skills are the checkboxes on the search form; PAs may also
    add their own, which editors can later promote by ticking "curated"."""

    curated = models.BooleanField(
        default=False, help_text=_("Curated skills are offered as checkboxes on the search form.")
    )
    phrase = models.CharField(
        max_length=80,
        blank=True,
        help_text=_("How the skill reads in a sentence about a PA, e.g. “can use a hoist”."),
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("curated"), FieldPanel("phrase")]

    class Meta:
        ordering = ["name"]
        verbose_name = "PA skill"

    @property
    def sentence(self) -> str:
        return self.phrase or f"knows about {self.name.lower()}"


class TaggedSkill(TaggedItemBase):
    content_object = models.ForeignKey(
        "PAProfile", on_delete=models.CASCADE, related_name="tagged_skills"
    )
    tag = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="tagged_profiles")


# --- PA profiles ----------------------------------------------------------------------------------


def pa_photo_path(profile, filename):
    return f"pa-photos/{profile.user_id}/{filename}"


def _shared_with(viewer) -> str:
    """The annotation ``with_reference_share`` makes, named for the viewer it answers for, so
    a profile read for one person never answers for another."""
    return f"references_shared_with_{viewer.pk}"


def _listed(now=None) -> Q:
    return listed_by(*listed_rule(now))


def listed_rule(now=None) -> tuple[datetime.datetime, int]:
    """What the listed rule compares with at ``now``: the moment a profile must have been
    confirmed since, and the code of conduct's version it must have accepted. A query kept
    for the listed profiles (``finding.listed_page``) is kept for these values."""
    return after(freshness_rules.POLICY.hidden_on_or_before(now)), CodeOfConduct.current_version(
        now
    )


def listed_by(confirmed_since: datetime.datetime, conduct_version: int) -> Q:
    return Q(
        paused=False,
        hidden=False,
        user__is_active=True,
        user__deleted_at__isnull=True,
        last_confirmed__gte=confirmed_since,
        # The vetting rules (``vetting``): the current code of conduct accepted, and no
        # safeguarding worry waiting for a moderator.
        conduct_version__gte=conduct_version,
        safeguarding_hold_since__isnull=True,
    )


class PAProfileQuerySet(models.QuerySet):
    def listed(self, now=None):
        """Profiles anyone may find: not paused, not hidden, confirmed recently enough."""
        return self.filter(_listed(now))

    def visible_to(self, user):
        """What this person may open: listed profiles, plus their own; moderators see all."""
        if is_moderator(user):
            return self.all()
        if user is not None and user.is_authenticated:
            # One condition, not a subquery of the listed profiles: the same rows, a cheaper
            # query to build on every profile page.
            return self.filter(_listed() | Q(user=user))
        return self.listed()

    def with_reference_share(self, viewer):
        """Whether the PA shared their references with ``viewer``, read with each profile
        rather than in a query of its own (``shares_references_with``)."""
        if viewer is None or not viewer.is_authenticated:
            return self
        shares = ReferenceShare.objects.filter(profile=OuterRef("pk"), holder=viewer.pk)
        return self.annotate(**{_shared_with(viewer): Exists(shares)})

    def covering(self, district: str):
        """PAs who cover this district (any case)."""
        return self.covering_any([district])

    def covering_any(self, districts):
        """PAs who cover at least one of these districts (any case).

        Read from the coverage rows (``PACoverage``) through their district index: matching the
        districts' JSON text was a scan of every profile. No districts: no one (a place always
        has at least one).
        """
        wanted = sorted({district.upper() for district in districts})
        if not wanted:
            return self.none()
        # The subquery written out: as a queryset it costs some 600 Python calls more to build,
        # on every place search and register finder. Tests check it finds what the ORM's does.
        covered = f"SELECT profile_id FROM {PACoverage._meta.db_table} WHERE district IN (%s)"
        return self.filter(pk__in=RawSQL(covered % ", ".join(["%s"] * len(wanted)), wanted))

    def offering_any(self, kinds):
        return self.filter(_json_list_has_any("kinds", kinds))

    def offering_all(self, kinds):
        """PAs who offer every one of these kinds of support."""
        queryset = self
        for kind in kinds:
            queryset = queryset.filter(_json_list_has("kinds", kind))
        return queryset

    def working_as_any(self, arrangements):
        return self.filter(_json_list_has_any("work_arrangements", arrangements))

    def speaking(self, language: str):
        return self.filter(_json_list_has("languages", language))

    def free_at_any(self, mask: int):
        return self.alias(free=F("availability").bitand(mask)).filter(free__gt=0)

    def charging_at_most(self, pence: int):
        """PAs whose lowest rate fits: they could work within this budget."""
        return self.filter(Q(rate_min_pence__lte=pence) | Q(rate_min_pence__isnull=True))

    def with_current_verified(self, kinds, today=None):
        """PAs with a verified, in-date check of every one of these kinds."""
        queryset = self
        for kind in kinds:
            queryset = queryset.filter(
                pk__in=Check.objects.current_verified(today).filter(kind=kind).values("profile_id")
            )
        return queryset


def advert_address(pk: int) -> str:
    """A PA wanted advert's page (from its primary key alone: the site search's hits are rows)."""
    return reverse("pa_register:advert", args=[pk])


def profile_address(pk: int) -> str:
    """A PA's profile page (from its primary key alone: the site search's hits are rows)."""
    return reverse("pa_register:profile", args=[pk])


class PAProfile(LabelsLookedUp, EditVersioned, index.Indexed, models.Model):
    """A personal assistant's public profile. Their name comes from their account."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pa_profile"
    )
    photo = models.ImageField(upload_to=pa_photo_path, blank=True)
    about = models.TextField(max_length=1500)
    skills = TaggableManager(through=TaggedSkill, blank=True, verbose_name=_("skills"))
    kinds = models.JSONField("kinds of support", default=list)
    districts = models.JSONField("districts covered", default=list)
    availability = models.PositiveIntegerField(default=0, help_text=_("Bitmask; see availability"))
    rate_min_pence = models.PositiveIntegerField(null=True, blank=True)
    rate_max_pence = models.PositiveIntegerField(null=True, blank=True)
    work_arrangements = models.JSONField("how they work", default=list)
    languages = models.JSONField(default=list)
    gender = models.CharField(max_length=12, choices=Gender.choices, blank=True)
    short_notice = models.BooleanField("can cover at short notice", default=False)
    paused = models.BooleanField(default=False, help_text=_("Paused by the PA: not shown."))
    hidden = models.BooleanField(default=False, help_text=_("Hidden by a moderator."))
    created = models.DateTimeField(default=timezone.now)
    last_confirmed = models.DateTimeField(default=timezone.now, db_index=True)
    reminders_sent = models.PositiveSmallIntegerField(
        default=0, help_text=_("Freshness reminders sent since the PA last confirmed.")
    )
    conduct_version = models.PositiveIntegerField(
        "code of conduct version accepted",
        default=0,
        editable=False,
        help_text="0: not accepted yet. Listed only while this is the current version or newer.",
    )
    conduct_accepted_at = models.DateTimeField(null=True, blank=True, editable=False)
    right_to_work_ready_on = models.DateField(
        "ready to show their right to work since",
        null=True,
        blank=True,
        help_text="The PA says they are ready to show an employer their right to work. "
        "The site never stores passports or share codes.",
    )
    safeguarding_hold_since = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="Off the register since a safeguarding report, until a moderator decides.",
    )

    objects = PAProfileQuerySet.as_manager()

    search_fields = [
        index.FilterField("id"),
        index.SearchField("display_name"),
        index.SearchField("about"),
        index.SearchField("skill_text", boost=2),
        index.SearchField("language_text"),
        index.SearchField("district_text"),
        # Who may be found (``listed()``) is decided in the index, in the same search.
        index.FilterField("paused"),
        index.FilterField("hidden"),
        index.FilterField("last_confirmed"),
        index.FilterField("conduct_version"),
        index.FilterField("safeguarding_hold_since"),
        index.RelatedFields(
            "user", [index.FilterField("is_active"), index.FilterField("deleted_at")]
        ),
    ]

    panels = [FieldPanel("hidden"), FieldPanel("paused"), FieldPanel("about")]

    class Meta:
        verbose_name = "PA profile"
        ordering = ["-last_confirmed"]

    def __str__(self):
        return self.display_name

    def get_absolute_url(self):
        return profile_address(self.pk)

    def skill_rows(self) -> list:
        """The skills, prefetched as a list where the finder loaded them (pbsite.prefetching)."""
        return rows(self, "skills")

    @property
    def display_name(self) -> str:
        return self.user.public_name

    # Text for the search index (tags are saved after the profile, so views re-index after).
    def skill_text(self) -> str:
        return " ".join(skill.name for skill in self.skills.all())

    def language_text(self) -> str:
        return " ".join(self.languages)

    def district_text(self) -> str:
        return " ".join(self.districts)

    @property
    def slots(self) -> list[str]:
        return availability.to_slots(self.availability)

    def availability_words(self) -> list[str]:
        return availability.describe(self.slots)

    def availability_grid(self):
        return availability.grid(self.availability)

    def get_kinds_display(self) -> list[str]:
        return [SupportKind(code).label for code in self.kinds if code in SupportKind.values]

    def get_work_arrangements_display(self) -> list[str]:
        return [
            WorkArrangement(code).label
            for code in self.work_arrangements
            if code in WorkArrangement.values
        ]

    @property
    def rate_text(self) -> str:
        return rate_range_text(self.rate_min_pence, self.rate_max_pence)

    def freshness(self, now=None):
        return freshness_rules.freshness(self.last_confirmed, now)

    def is_listed(self, now=None) -> bool:
        return (
            not self.paused
            and not self.hidden
            and self.user.is_active
            and not self.user.deleted_at
            and self.freshness(now) is not freshness_rules.Freshness.HIDDEN
            and self.conduct_version >= CodeOfConduct.current_version(now)
            and self.safeguarding_hold_since is None
        )

    def needs_conduct_acceptance(self, now=None) -> bool:
        return self.conduct_version < CodeOfConduct.current_version(now)

    def references_checked(self):
        """``(count, latest check)`` of the references a moderator has checked."""
        checked = self.references.filter(status=ReferenceStatus.GIVEN, checked_at__isnull=False)
        # A PA has a few references: their dates are cheaper to read than an aggregate to build.
        days = list(checked.values_list("checked_at", flat=True))
        return len(days), max(days, default=None)

    def shares_references_with(self, holder) -> bool:
        """Whether the PA said ``holder`` may read their references (``vetting.may_read``)."""
        known = getattr(self, _shared_with(holder), None)
        if known is not None:
            return known
        return ReferenceShare.objects.filter(profile=self, holder=holder).exists()

    def is_visible_to(self, user) -> bool:
        if user is not None and user.is_authenticated and user.pk == self.user_id:
            return True
        # Listed first: the answer for most profiles, without reading the viewer's roles.
        return self.is_listed() or is_moderator(user)

    def hide(self):
        self.hidden = True
        self.save(update_fields=["hidden"])


class PACoverage(models.Model):
    """A postcode district a PA covers: derived from ``PAProfile.districts``, one row a district.

    Never edited on its own, and in no admin: ``coverage.keep_coverage`` writes the rows again
    whenever a profile's districts are saved (loading fixtures too), and they go with the
    profile. They let ``covering_any`` ask the database "who covers OX16" through an index. The
    districts are kept upper case (``coverage.covered``), as ``pbsite.areas.parse_districts``
    gives them. Code that writes ``districts`` without ``save()`` (``bulk_create``,
    ``update()``) writes the rows itself (``coverage.coverage_rows``, ``match_coverage``).
    """

    # No index of its own: the unique constraint's index starts with the profile.
    profile = models.ForeignKey(
        PAProfile, on_delete=models.CASCADE, related_name="coverage", db_index=False
    )
    district = models.CharField(max_length=4)

    class Meta:
        verbose_name = "PA coverage"
        verbose_name_plural = "PA coverage"
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "district"], name="pa_covers_a_district_once"
            )
        ]
        # District first: "who covers these districts" is answered from the index alone.
        indexes = [models.Index(fields=["district", "profile"], name="pa_coverage_by_district")]

    def __str__(self):
        return f"{self.profile_id} covers {self.district}"


def rate_range_text(low: int | None, high: int | None) -> str:
    if low is None and high is None:
        return "Rate not given"
    if low is None or high is None or low == high:
        return f"{format_pence(low if low is not None else high)} an hour"
    return f"{format_pence(low)} to {format_pence(high)} an hour"


# --- Checks -------------------------------------------------------------------------------------


class DBSLevel(models.TextChoices):
    BASIC = "basic", _("Basic")
    STANDARD = "standard", _("Standard")
    ENHANCED = "enhanced", _("Enhanced")
    ENHANCED_BARRED = "enhanced_barred", _("Enhanced, with a check of the barred list for adults")


def check_name(kind: str, title: str, dbs_level: str) -> str:
    """What a check is called (``Check.name``), from the three fields that name it: a result
    card names checks read as plain values, not as ``Check`` instances."""
    if kind == CheckKind.OTHER and title:
        return title
    if kind == CheckKind.DBS and dbs_level:
        return f"{_DBS_LEVEL_LABELS.get(dbs_level, dbs_level)} DBS check".replace(
            "Enhanced, with a check of the barred list for adults DBS check",
            "Enhanced DBS check with the adults' barred list",
        )
    # As get_kind_display(): the kind's label, or the value itself when it is not a kind.
    return force_str(_CHECK_KIND_LABELS.get(kind, kind), strings_only=True)


_CHECK_KIND_LABELS = dict(CheckKind.choices)
_DBS_LEVEL_LABELS = dict(DBSLevel.choices)


def private_storage():
    """Evidence files live outside MEDIA_ROOT, with no URL: only a view that checks who is
    asking can send them (see ``views.check_evidence``)."""
    location = getattr(settings, "PRIVATE_MEDIA_ROOT", None) or (
        Path(settings.MEDIA_ROOT).parent / "private"
    )
    return FileSystemStorage(location=location, base_url=None)


def evidence_path(check, filename):
    return f"pa-evidence/{check.profile.user_id}/{filename}"


class CheckQuerySet(models.QuerySet):
    def current_verified(self, today=None):
        """Checks a moderator verified that are still in date (``checks.in_date``)."""
        return self.filter(checks.in_date(today), verified_at__isnull=False)


class Check(LabelsLookedUp, models.Model):
    """One check or qualification a PA states; a moderator may verify it (never the PA)."""

    profile = models.ForeignKey(PAProfile, on_delete=models.CASCADE, related_name="checks")
    kind = models.CharField(max_length=20, choices=CheckKind.choices)
    title = models.CharField(
        max_length=120, blank=True, help_text=_("For other training: the name of the course.")
    )
    dbs_level = models.CharField("DBS level", max_length=20, choices=DBSLevel.choices, blank=True)
    update_service = models.BooleanField("on the DBS Update Service", default=False)
    dated = models.DateField("date on the certificate or policy")
    valid_until = models.DateField(null=True, blank=True)
    evidence = models.FileField(
        storage=private_storage, upload_to=evidence_path, blank=True, max_length=300
    )
    created = models.DateTimeField(default=timezone.now)
    verified_at = models.DateTimeField(null=True, blank=True, editable=False)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    objects = CheckQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "-dated"]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return check_name(self.kind, self.title, self.dbs_level)

    @property
    def expires_on(self) -> datetime.date | None:
        return checks.expiry_date(self)

    def is_expired(self, today=None) -> bool:
        return checks.is_expired(self, today or timezone.localdate())

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None


# --- "PA wanted" adverts ----------------------------------------------------------------------


def _open(now=None) -> Q:
    return Q(closed_at__isnull=True, hidden=False, expires_at__gt=now or timezone.now())


class AdvertQuerySet(models.QuerySet):
    def open(self, now=None):
        return self.filter(_open(now))

    def with_groups(self):
        """With what ``Advert.group`` reads joined in, for a list of adverts."""
        return advert_groups.prefetch(self)

    def visible_to(self, user):
        if is_moderator(user):
            return self.all()
        if user is not None and user.is_authenticated:
            return self.filter(_open() | Q(author=user))  # as profiles: no subquery
        return self.open()


def advert_expiry():
    return timezone.now() + datetime.timedelta(days=settings_advert_days())


def settings_advert_days() -> int:
    return int(getattr(settings, "PA_ADVERT_DAYS", 30))


class Advert(LabelsLookedUp, EditVersioned, index.Indexed, models.Model):
    """A holder or carer looking for a PA."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pa_adverts"
    )
    title = models.CharField(max_length=120)
    details = models.TextField(max_length=2000)
    kinds = models.JSONField("kinds of support", default=list)
    skills = models.ManyToManyField(Skill, blank=True, related_name="adverts")
    district = models.CharField(max_length=8)
    slots = models.PositiveIntegerField(default=0, help_text=_("Bitmask; see availability"))
    hours_per_week = models.PositiveSmallIntegerField(null=True, blank=True)
    start_date = models.DateField(null=True, blank=True)
    rate_pence = models.PositiveIntegerField("rate offered", null=True, blank=True)
    emergency = models.BooleanField(default=False)
    employment = models.CharField(
        "how you will employ them", max_length=20, choices=WorkArrangement.choices
    )
    created = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(default=advert_expiry, db_index=True)
    expiry_reminded_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    filled = models.BooleanField(default=False)
    hidden = models.BooleanField(default=False, help_text=_("Hidden by a moderator."))

    objects = AdvertQuerySet.as_manager()

    search_fields = [
        index.SearchField("title", boost=2),
        index.FilterField("id"),
        index.SearchField("details"),
        index.SearchField("district"),
        index.FilterField("hidden"),
        index.FilterField("closed_at"),
        index.FilterField("expires_at"),
    ]

    panels = [FieldPanel("title"), FieldPanel("details"), FieldPanel("hidden")]

    class Meta:
        ordering = ["-emergency", "-created"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        adding = self._state.adding
        super().save(*args, **kwargs)
        if adding:
            advert_groups.link(self, getattr(self, "_group", None))

    def get_absolute_url(self):
        return advert_address(self.pk)

    @property
    def group(self):
        """The group sharing this PA, when a group posted the advert (``groups``): replies
        reach every member. Set it on a new advert and it is linked when first saved."""
        if not hasattr(self, "_group"):
            self._group = advert_groups.group_of(self)
        return self._group

    @group.setter
    def group(self, group):
        self._group = group

    def skill_rows(self) -> list:
        """The skills asked for: a list where the advert's page read them (pbsite.prefetching)."""
        return rows(self, "skills")

    def get_kinds_display(self) -> list[str]:
        return [SupportKind(code).label for code in self.kinds if code in SupportKind.values]

    def slot_words(self) -> list[str]:
        return availability.describe(availability.to_slots(self.slots))

    @property
    def rate_text(self) -> str:
        return rate_range_text(self.rate_pence, self.rate_pence)

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.closed_at is None and not self.hidden and self.expires_at > now

    @property
    def status_text(self) -> str:
        if self.filled:
            return "Filled"
        if self.closed_at:
            return "Closed"
        if self.hidden:
            return "Hidden by a moderator"
        if self.expires_at <= timezone.now():
            return "Expired"
        return "Open"

    def is_visible_to(self, user) -> bool:
        """``Advert.objects.visible_to`` for this advert, without a query: the author and
        moderators see it whatever its state, anyone else while it is open. The moderator
        check comes last, so the author of an advert, or anyone reading an open one, is not
        asked about."""
        if user is not None and user.is_authenticated and user.pk == self.author_id:
            return True
        return self.is_open() or is_moderator(user)

    def hide(self):
        self.hidden = True
        self.save(update_fields=["hidden"])


class AdvertResponse(models.Model):
    """A PA saying "I'm interested" to an advert, with one click."""

    advert = models.ForeignKey(Advert, on_delete=models.CASCADE, related_name="responses")
    profile = models.ForeignKey(PAProfile, on_delete=models.CASCADE, related_name="responses")
    created = models.DateTimeField(default=timezone.now)
    shortlisted = models.BooleanField(default=False)
    conversation = models.ForeignKey(
        "forum.Topic", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-shortlisted", "created"]
        constraints = [
            models.UniqueConstraint(fields=["advert", "profile"], name="one_response_per_pa")
        ]

    def __str__(self):
        return f"{self.profile} answered “{self.advert}”"


# --- Saved searches -------------------------------------------------------------------------


class SavedSearch(models.Model):
    """A holder's search, run again each day; they hear when a new PA matches it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_pa_searches"
    )
    name = models.CharField(max_length=80)
    query = models.CharField(max_length=2000, help_text=_("The search's query string."))
    created = models.DateTimeField(default=timezone.now)
    matching_ids = models.JSONField(
        default=list, help_text=_("Who matched last time, so only new matches are news.")
    )

    class Meta:
        ordering = ["-created"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return f"{reverse('pa_register:find')}?{self.query}"


# --- Endorsements -----------------------------------------------------------------------------


class WorkedTogether(models.Model):
    """A holder and a PA both saying they have worked together: the ground for an endorsement."""

    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pa_work_links"
    )
    profile = models.ForeignKey(PAProfile, on_delete=models.CASCADE, related_name="work_links")
    holder_confirmed_at = models.DateTimeField(null=True, blank=True)
    pa_confirmed_at = models.DateTimeField(null=True, blank=True)
    # Set when an offer made through the recruitment kit (hiring) is accepted.
    start_date = models.DateField(null=True, blank=True)
    hours_agreed = models.PositiveSmallIntegerField("hours a week agreed", null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["holder", "profile"], name="one_work_link_per_pair")
        ]

    def __str__(self):
        return f"{self.holder} and {self.profile}"

    @property
    def both_confirmed(self) -> bool:
        return bool(self.holder_confirmed_at and self.pa_confirmed_at)


class Endorsement(models.Model):
    """A short written endorsement; shown only once a moderator approves it. No stars."""

    work = models.OneToOneField(
        WorkedTogether, on_delete=models.CASCADE, related_name="endorsement"
    )
    text = models.TextField(max_length=800)
    created = models.DateTimeField(default=timezone.now)
    approved_at = models.DateTimeField(null=True, blank=True, editable=False)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    reply = models.TextField(max_length=800, blank=True)
    replied_at = models.DateTimeField(null=True, blank=True)
    hidden = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created"]

    def __str__(self):
        return f"Endorsement of {self.work.profile} by {self.work.holder}"

    def get_absolute_url(self):
        return self.work.profile.get_absolute_url() + "#endorsements"

    def hide(self):
        self.hidden = True
        self.save(update_fields=["hidden"])


# --- Vetting: references, the code of conduct (see ``vetting``) ------------------------------


class CodeOfConduct(models.Model):
    """The PAs' code of conduct, one row a version. Editors publish a new version as a new row;
    from its date every PA must accept it again to stay listed."""

    version = models.PositiveIntegerField(unique=True)
    published_on = models.DateField(
        default=timezone.localdate,
        help_text="From this day PAs must accept this version to stay on the register.",
    )
    title = models.CharField(max_length=120, default="Code of conduct for personal assistants")
    introduction = models.TextField(
        max_length=1000, help_text="A few plain sentences: what this is and why it matters."
    )
    points = models.TextField(
        max_length=6000,
        help_text="One promise a line, in plain words (“I turn up when I say I will”).",
    )

    panels = [
        FieldPanel("version"),
        FieldPanel("published_on"),
        FieldPanel("title"),
        FieldPanel("introduction"),
        FieldPanel("points"),
    ]

    class Meta:
        ordering = ["-version"]
        verbose_name = "PA code of conduct"
        verbose_name_plural = "PA code of conduct versions"

    def __str__(self):
        return f"{self.title}, version {self.version}"

    @property
    def point_list(self) -> list[str]:
        return [line.strip() for line in self.points.splitlines() if line.strip()]

    @classmethod
    def current(cls, now=None):
        today = timezone.localdate(now) if now else timezone.localdate()
        return cls.objects.filter(published_on__lte=today).order_by("-version").first()

    @classmethod
    def current_version(cls, now=None) -> int:
        """The version PAs must have accepted to be listed; 0 while there is none."""
        today = timezone.localdate(now) if now else timezone.localdate()
        published = (version for on, version in _conduct_versions.get() if on <= today)
        return next(published, 0)


def _read_conduct_versions() -> tuple[tuple[datetime.date, int], ...]:
    """Each code of conduct's publication day and version, the latest version first."""
    return tuple(CodeOfConduct.objects.order_by("-version").values_list("published_on", "version"))


# Every profile and every search of the register asks which code is current (the listed
# profiles are those that accepted it), and only an editor publishes one: each process keeps
# the versions, forgotten when one is saved or deleted (apps.py). The day is compared on each
# use, so a version published for a later day becomes current on that day.
_conduct_versions = Memo("pa-conduct-versions", _read_conduct_versions)
forget_conduct_versions = _conduct_versions.forget


class ReferenceStatus(models.TextChoices):
    ASKED = "asked", "Asked: waiting for the referee"
    DECLINED = "declined", "The referee said no"
    GIVEN = "given", "Given"


class Reliability(models.TextChoices):
    ALWAYS = "always", "Always reliable"
    MOSTLY = "mostly", "Mostly reliable"
    NOT = "not", "Not reliable"


class WouldAgain(models.TextChoices):
    YES = "yes", "Yes"
    NOT_SURE = "not_sure", "Not sure"
    NO = "no", "No"


class Reference(models.Model):
    """A referee a PA names, and the reference they give through a private link.

    The text, the referee's name and email are private: the moderator reads them in the admin,
    and a holder the PA shares them with reads them; nobody else (``vetting.may_read``)."""

    profile = models.ForeignKey(PAProfile, on_delete=models.CASCADE, related_name="references")
    referee_name = models.CharField("referee's name", max_length=120)
    relationship = models.CharField("how they know the PA", max_length=200)
    referee_email = models.EmailField("referee's email")
    nonce = models.CharField(max_length=40, blank=True, editable=False)
    asked_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(
        max_length=10, choices=ReferenceStatus.choices, default=ReferenceStatus.ASKED
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    known_for = models.CharField("how long they have known the PA", max_length=80, blank=True)
    role = models.CharField("in what role", max_length=200, blank=True)
    reliability = models.CharField(max_length=10, choices=Reliability.choices, blank=True)
    would_again = models.CharField(
        "would employ or work with them again",
        max_length=10,
        choices=WouldAgain.choices,
        blank=True,
    )
    employer_notes = models.TextField(
        "anything an employer should know", max_length=1500, blank=True
    )
    phone_verified_on = models.DateField(
        "referee verified by phone on",
        null=True,
        blank=True,
        help_text="The day you rang the referee and they said they wrote this.",
    )
    phone_note = models.CharField("note of the phone call", max_length=300, blank=True)
    checked_at = models.DateTimeField(null=True, blank=True, editable=False)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    class Meta:
        ordering = ["asked_at", "pk"]

    def __str__(self):
        return f"Reference from {self.referee_name} for {self.profile}"

    @property
    def pa_name(self) -> str:
        return self.profile.display_name

    @property
    def expires_at(self):
        from .vetting import REFERENCE_LINK_DAYS

        return self.asked_at + datetime.timedelta(days=REFERENCE_LINK_DAYS)

    def is_expired(self, now=None) -> bool:
        return self.status == ReferenceStatus.ASKED and (now or timezone.now()) >= self.expires_at

    @property
    def is_checked(self) -> bool:
        return self.checked_at is not None


class ReferenceShare(models.Model):
    """A PA's "yes, this holder may read my references"; withdrawn by deleting it."""

    profile = models.ForeignKey(
        PAProfile, on_delete=models.CASCADE, related_name="reference_shares"
    )
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pa_references_shared"
    )
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["profile", "holder"], name="one_reference_share")
        ]

    def __str__(self):
        return f"{self.profile} shares references with {self.holder}"
