"""The directory: organisations, the services they offer, where and when, what they cost and
how a personal budget can pay for them.

The models follow Open Referral UK's core entities (organization, service, location,
service_at_location, schedule, service_area, cost_option, language, taxonomy, taxonomy_term) so
the API in ``api.py`` and the importer in ``importer.py`` map them one to one. Every record has
a UUID, as the standard asks. What Open Referral has no field for (how to pay, whether a group
can share it, the kind of organisation) is published as taxonomy attributes of Budget Circle's
own vocabulary; see ``vocabulary.py``.

Rules that need no request live beside this file: ``freshness`` (sinking, hiding, reminders)
and ``listing`` (submitting, approving, claiming).
"""

from __future__ import annotations

import datetime
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Case, Exists, OuterRef, Q, Subquery, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from accounts.permissions import is_moderator
from pbsite.choices import LabelsLookedUp
from pbsite.edit_versions import EditVersioned
from pbsite.money import format_pence
from pbsite.prefetching import rows

from . import freshness as freshness_rules

# --- Choices ---


class OrganisationKind(models.TextChoices):
    MICRO_ENTERPRISE = "micro_enterprise", _("Micro-enterprise (a very small local business)")
    COMMUNITY_ENTERPRISE = "community_enterprise", _("Community enterprise")
    SOCIAL_ENTERPRISE = "social_enterprise", _("Social enterprise")
    CHARITY = "charity", _("Charity")
    COMMUNITY_GROUP = "community_group", _("Community group or club")
    AGENCY = "agency", _("Care or support agency")
    COUNCIL_SERVICE = "council_service", _("Council service")


class OrganisationSize(models.TextChoices):
    ONE = "one", _("Just one person")
    SMALL = "small", _("2 to 9 people")
    MEDIUM = "medium", _("10 to 49 people")
    LARGE = "large", _("50 people or more")


class ListingStatus(models.TextChoices):
    DRAFT = "draft", _("Draft: not sent yet")
    PENDING = "pending", _("Waiting for a moderator to check it")
    APPROVED = "approved", _("Approved: anyone can find it")


class ServiceStatus(models.TextChoices):
    """Open Referral's own status values."""

    ACTIVE = "active", _("Running")
    INACTIVE = "inactive", _("Not running at the moment")
    DEFUNCT = "defunct", _("Closed for good")
    TEMPORARILY_CLOSED = "temporarily closed", _("Closed for a while")


class CostUnit(models.TextChoices):
    FREE = "free", _("Free")
    HOUR = "hour", _("per hour")
    SESSION = "session", _("per session")
    DAY = "day", _("per day")
    WEEK = "week", _("per week")
    MONTH = "month", _("per month")
    ITEM = "item", _("each")


class CheckHeld(models.TextChoices):
    DBS = "dbs", _("Staff and volunteers have DBS checks")
    INSURANCE = "insurance", _("Public liability insurance")
    CQC = "cqc", _("Registered with the Care Quality Commission (CQC)")
    FOOD_HYGIENE = "food_hygiene", _("Food hygiene certificate")
    FIRST_AID = "first_aid", _("Trained first aiders")


# Open Referral's ``byday`` codes, Monday first, with the words people use.
WEEKDAYS = [
    ("MO", "Monday"),
    ("TU", "Tuesday"),
    ("WE", "Wednesday"),
    ("TH", "Thursday"),
    ("FR", "Friday"),
    ("SA", "Saturday"),
    ("SU", "Sunday"),
]
WEEKDAY_NAMES = dict(WEEKDAYS)

# How a service can be paid for: the field on Service and the words a holder reads.
PAYMENT_FIELDS = [
    ("accepts_direct_payments", "Direct payments"),
    ("accepts_managed_accounts", "Council-managed accounts"),
    ("accepts_phbs", "Personal health budgets"),
    ("accepts_isfs", "Individual service funds"),
    ("accepts_self_funders", "Paying with your own money"),
]
PAYMENT_CHOICES = [(name.removeprefix("accepts_"), label) for name, label in PAYMENT_FIELDS]

DELIVERY_FIELDS = [
    ("at_home", "At your home"),
    ("at_venue", "At a venue"),
    ("online", "Online or by phone"),
]
DELIVERY_CHOICES = DELIVERY_FIELDS


def today() -> datetime.date:
    return timezone.localdate()


# --- Taxonomy: categories editors curate, and Budget Circle's own vocabulary ---

#: The taxonomy of Budget Circle's own fact terms (``vocabulary``), never offered as a category.
BUDGET_VOCABULARY = "budgetcircle"


class Taxonomy(models.Model):
    """A vocabulary of terms, as in Open Referral (for example our categories)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=120, unique=True)
    description = models.TextField(blank=True)
    uri = models.URLField("web address", blank=True)
    version = models.CharField(max_length=40, blank=True)

    panels = [FieldPanel("name"), FieldPanel("description"), FieldPanel("uri")]

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "taxonomies"

    def __str__(self):
        return self.name


class TaxonomyTermQuerySet(models.QuerySet):
    def categories(self):
        """The curated categories people choose from (never Budget Circle's fact terms)."""
        return self.filter(curated=True).exclude(taxonomy__name=BUDGET_VOCABULARY)


class TaxonomyTerm(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    taxonomy = models.ForeignKey(Taxonomy, on_delete=models.CASCADE, related_name="terms")
    code = models.CharField(
        max_length=80, help_text=_("A short code that never changes, like “day-activities”.")
    )
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )
    term_uri = models.URLField("web address", blank=True)
    curated = models.BooleanField(
        default=True,
        help_text=_(
            "Curated terms are the categories people can choose on the search form. "
            "Terms that came in with imported data are not curated until an editor ticks this."
        ),
    )

    objects = TaxonomyTermQuerySet.as_manager()

    panels = [
        FieldPanel("taxonomy"),
        FieldPanel("name"),
        FieldPanel("code"),
        FieldPanel("description"),
        FieldPanel("parent"),
        FieldPanel("curated"),
    ]

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["taxonomy", "code"], name="unique_term_code")
        ]

    def __str__(self):
        return self.name


# --- Organisations ---


class OrganisationQuerySet(models.QuerySet):
    def listed(self, on=None):
        """Organisations anyone may find: approved, not hidden, confirmed recently enough."""
        return self.filter(
            status=ListingStatus.APPROVED,
            hidden=False,
            last_confirmed__gt=freshness_rules.POLICY.hidden_on_or_before(on),
        )

    def visible_to(self, user):
        """What this person may open: listed ones, their own, and everything for moderators."""
        if is_moderator(user):
            return self.all()
        if user is not None and user.is_authenticated:
            return self.filter(Q(pk__in=self.listed().values("pk")) | Q(owners=user)).distinct()
        return self.listed()

    def with_ownership(self, user):
        """Whether each has an owner and whether ``user`` is one, read in the same query:
        a listing's page asks both, and each was a query of its own."""
        owners = Organisation.owners.through.objects.filter(organisation=OuterRef("pk"))
        annotations = {CLAIMED: Exists(owners)}
        if user is not None and user.is_authenticated:
            annotations[owned_by(user)] = Exists(owners.filter(user=user.pk))
        return self.annotate(**annotations)


#: The annotations ``OrganisationQuerySet.with_ownership`` reads: the one for a person is named
#: for them, so an organisation read for one person never answers for another.
CLAIMED = "ownership_claimed"


def owned_by(user) -> str:
    return f"ownership_owned_by_{user.pk}"


def listing_address(slug: str) -> str:
    """An organisation's page in the directory."""
    return reverse("directory:listing", args=[slug])


def service_address(organisation_slug: str, service_uuid) -> str:
    """A service, on its organisation's page: addresses built from a row of values (the site
    search's hits) and from a ``Service`` are the same."""
    return f"{listing_address(organisation_slug)}#service-{service_uuid}"


class Organisation(LabelsLookedUp, EditVersioned, models.Model):
    """Who provides the services: a micro-enterprise, a charity, a club, a council team…"""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=140, unique=True)
    kind = models.CharField(max_length=24, choices=OrganisationKind.choices)
    description = models.TextField(
        max_length=2000, help_text=_("What you do, in a few sentences. Plain words work best.")
    )
    website = models.URLField(blank=True)
    size = models.CharField(
        "how many people work or volunteer here",
        max_length=8,
        choices=OrganisationSize.choices,
        blank=True,
    )
    owners = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="directory_organisations",
        help_text=_("The provider accounts that may change this listing and get enquiries."),
    )
    status = models.CharField(
        max_length=10, choices=ListingStatus.choices, default=ListingStatus.DRAFT
    )
    last_confirmed = models.DateField(default=today, db_index=True)
    reminders_sent = models.PositiveSmallIntegerField(default=0)
    hidden = models.BooleanField(default=False, help_text=_("Hidden by a moderator."))
    created = models.DateTimeField(default=timezone.now)
    modified = models.DateTimeField(auto_now=True)

    objects = OrganisationQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("kind"),
        FieldPanel("description"),
        FieldPanel("website"),
        FieldPanel("size"),
        FieldPanel("status"),
        FieldPanel("last_confirmed"),
        FieldPanel("hidden"),
        FieldPanel("owners"),
    ]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self.name, exclude_pk=self.pk)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return listing_address(self.slug)

    @property
    def is_claimed(self) -> bool:
        known = getattr(self, CLAIMED, None)
        return self.owners.exists() if known is None else known

    def is_owned_by(self, user) -> bool:
        if not (user and user.is_authenticated):
            return False
        known = getattr(self, owned_by(user), None)
        return self.owners.filter(pk=user.pk).exists() if known is None else known

    def hide(self):
        self.hidden = True
        self.save(update_fields=["hidden", "modified"])

    def freshness(self, on=None):
        return freshness_rules.freshness(self.last_confirmed, on)

    def is_listed(self, on=None) -> bool:
        """``Organisation.objects.listed`` for this listing, without a query."""
        return (
            self.status == ListingStatus.APPROVED
            and not self.hidden
            and self.last_confirmed > freshness_rules.POLICY.hidden_on_or_before(on)
        )

    def is_visible_to(self, user) -> bool:
        """``Organisation.objects.visible_to`` for this listing, without a query: listed ones
        to anyone (asked first, the answer for most), its owners' own, everything to
        moderators, whose roles are asked last."""
        return self.is_listed() or self.is_owned_by(user) or is_moderator(user)


# Paths under /directory/ that are pages, not listings.
RESERVED_SLUGS = {"api", "new", "mine"}


def unique_slug(name: str, exclude_pk=None) -> str:
    base = slugify(name)[:120] or "provider"
    if base in RESERVED_SLUGS:
        base = f"{base}-provider"
    slug, number = base, 2
    others = Organisation.objects.exclude(pk=exclude_pk) if exclude_pk else Organisation.objects
    while others.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


class ClaimStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for a moderator")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")


class Claim(models.Model):
    """A provider asks to look after a listing an editor added for them."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="claims")
    claimant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="directory_claims"
    )
    message = models.TextField(
        "how you are connected to this organisation",
        max_length=1000,
        help_text=_(
            "For example: “I run the group and set it up in 2019.” A moderator reads "
            "this. Do not put bank details here."
        ),
    )
    status = models.CharField(
        max_length=10, choices=ClaimStatus.choices, default=ClaimStatus.PENDING
    )
    created = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-created"]

    def __str__(self):
        return f"{self.claimant} asks to look after {self.organisation}"


# --- Services ---


class ServiceQuerySet(models.QuerySet):
    def listed(self, on=None):
        """Services anyone may find: running, not hidden, from a listed organisation."""
        return self.filter(
            hidden=False,
            status=ServiceStatus.ACTIVE,
            organisation__status=ListingStatus.APPROVED,
            organisation__hidden=False,
            organisation__last_confirmed__gt=freshness_rules.POLICY.hidden_on_or_before(on),
        )

    def in_category(self, term):
        return self.filter(Q(category=term) | Q(category__parent=term))

    def with_organisation_owned_by(self, user, name: str | None = None):
        """Each with its organisation, and whether ``user`` (signed in) owns that, read in the
        same query: the service editor asks all three. The answer is the service's annotation
        ``name``, by default ``owned_by(user)`` as ``OrganisationQuerySet.with_ownership``
        names it."""
        owners = Organisation.owners.through.objects.filter(
            organisation=OuterRef("organisation_id"), user=user.pk
        )
        return self.select_related("organisation").annotate(
            **{name or owned_by(user): Exists(owners)}
        )

    def covering(self, district: str):
        """Services offered in this district. Online services with no areas reach everyone."""
        areas = ServiceArea.objects.filter(service=OuterRef("pk"), district=district)
        anywhere = Q(online=True) & ~Exists(ServiceArea.objects.filter(service=OuterRef("pk")))
        return self.filter(Exists(areas) | anywhere)

    def covering_any(self, districts):
        """Services offered in any of these districts, or online with no areas."""
        areas = ServiceArea.objects.filter(service=OuterRef("pk"), district__in=sorted(districts))
        anywhere = Q(online=True) & ~Exists(ServiceArea.objects.filter(service=OuterRef("pk")))
        return self.filter(Exists(areas) | anywhere)

    def with_miles(self, miles_by_district: dict[str, int]):
        """Annotate ``miles``: whole miles from the nearest covered district in the map (null
        for a service covering none of them, such as an online one)."""
        if not miles_by_district:
            return self.annotate(miles=Value(None, output_field=models.IntegerField()))
        buckets: dict[int, list[str]] = {}
        for code, miles in miles_by_district.items():
            buckets.setdefault(miles, []).append(code)
        distance = Case(
            *[When(district__in=sorted(c), then=Value(m)) for m, c in sorted(buckets.items())],
            output_field=models.IntegerField(),
        )
        nearest = (
            ServiceArea.objects.filter(service=OuterRef("pk"))
            .annotate(miles=distance)
            .filter(miles__isnull=False)
            .order_by("miles")
            .values("miles")[:1]
        )
        return self.annotate(miles=Subquery(nearest, output_field=models.IntegerField()))

    def costing_between(self, low_pence: int | None, high_pence: int | None):
        """Services with at least one price in the range (free counts as £0)."""
        options = CostOption.objects.filter(service=OuterRef("pk"))
        if low_pence is not None:
            options = options.filter(amount_pence__gte=low_pence)
        if high_pence is not None:
            options = options.filter(amount_pence__lte=high_pence)
        return self.filter(Exists(options))

    def free(self):
        return self.filter(Exists(CostOption.objects.free().filter(service=OuterRef("pk"))))

    def running_on(self, days):
        query = Q()
        for day in days:
            query |= Q(byday__contains=day)
        return self.filter(Exists(Schedule.objects.filter(query, service=OuterRef("pk"))))

    def speaking(self, language: str):
        return self.filter(
            Exists(
                Language.objects.filter(
                    Q(name__iexact=language) | Q(code__iexact=language), service=OuterRef("pk")
                )
            )
        )


class Service(EditVersioned, index.Indexed, models.Model):
    """Something a holder can buy or join.

    Its Open Referral identifier is ``uuid``; the primary key stays a plain number because the
    database search backend matches index entries to rows by the key as text, which for a UUID
    key differs between SQLite (hex) and Python (dashes)."""

    uuid = models.UUIDField("identifier", unique=True, default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="services"
    )
    name = models.CharField(max_length=120)
    description = models.TextField(max_length=3000)
    category = models.ForeignKey(
        TaxonomyTerm,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="services",
    )
    who_for = models.TextField(
        "who it is for",
        max_length=1000,
        blank=True,
        help_text=_("For example: “adults with a learning disability”, or “anyone over 50”."),
    )
    minimum_age = models.PositiveSmallIntegerField(null=True, blank=True)
    maximum_age = models.PositiveSmallIntegerField(null=True, blank=True)
    url = models.URLField("web page for this service", blank=True)
    # Where it happens
    at_home = models.BooleanField("at the person's home", default=False)
    at_venue = models.BooleanField("at a venue", default=False)
    online = models.BooleanField("online or by phone", default=False)
    # How to pay
    accepts_direct_payments = models.BooleanField("takes direct payments", default=False)
    accepts_managed_accounts = models.BooleanField("takes council-managed accounts", default=False)
    accepts_phbs = models.BooleanField("takes personal health budgets", default=False)
    accepts_isfs = models.BooleanField("takes individual service funds", default=False)
    accepts_self_funders = models.BooleanField("takes people paying for themselves", default=False)
    invoices_accepted = models.BooleanField(
        "can send an invoice",
        default=False,
        help_text=_("Tick if you can send an invoice to the council or a managed account."),
    )
    minimum_purchase = models.CharField(
        max_length=120, blank=True, help_text=_("For example: “a block of 4 sessions”.")
    )
    shareable_by_group = models.BooleanField(
        "a group can share it",
        default=False,
        help_text=_("Tick if a few people can buy this together and share the cost."),
    )
    max_group_size = models.PositiveSmallIntegerField(
        "largest group", null=True, blank=True, help_text=_("How many people can share it at once.")
    )
    checks = models.JSONField("checks held", default=list, blank=True)
    status = models.CharField(
        max_length=20, choices=ServiceStatus.choices, default=ServiceStatus.ACTIVE
    )
    hidden = models.BooleanField(default=False, help_text=_("Hidden by a moderator."))
    created = models.DateTimeField(default=timezone.now)
    last_modified = models.DateTimeField(default=timezone.now, db_index=True)

    locations = models.ManyToManyField(
        "Location", through="ServiceAtLocation", related_name="services", blank=True
    )

    objects = ServiceQuerySet.as_manager()

    search_fields = [
        index.FilterField("id"),
        index.SearchField("name", boost=3),
        index.SearchField("description"),
        index.SearchField("who_for"),
        index.SearchField("organisation_name", boost=2),
        index.SearchField("category_name", boost=2),
        index.SearchField("language_text"),
        index.SearchField("district_text"),
        index.AutocompleteField("name"),
        index.FilterField("hidden"),
        index.FilterField("status"),
        index.FilterField("organisation_id"),
        index.FilterField("shareable_by_group"),
        index.FilterField("last_modified"),
        # Who may find it (``listed()``) follows the organisation: kept in the index too, and
        # re-indexed when the organisation is saved (search.indexing.follow_related_filters).
        index.RelatedFields(
            "organisation",
            [
                index.FilterField("status"),
                index.FilterField("hidden"),
                index.FilterField("last_confirmed"),
            ],
        ),
    ]

    panels = [
        FieldPanel("organisation"),
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("category"),
        FieldPanel("who_for"),
        FieldPanel("at_home"),
        FieldPanel("at_venue"),
        FieldPanel("online"),
        FieldPanel("accepts_direct_payments"),
        FieldPanel("accepts_managed_accounts"),
        FieldPanel("accepts_phbs"),
        FieldPanel("accepts_isfs"),
        FieldPanel("accepts_self_funders"),
        FieldPanel("invoices_accepted"),
        FieldPanel("minimum_purchase"),
        FieldPanel("shareable_by_group"),
        FieldPanel("max_group_size"),
        FieldPanel("status"),
        FieldPanel("hidden"),
    ]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.last_modified = timezone.now()
        if kwargs.get("update_fields"):
            kwargs["update_fields"] = {*kwargs["update_fields"], "last_modified"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return service_address(self.organisation.slug, self.uuid)

    def hide(self):
        self.hidden = True
        self.save(update_fields=["hidden"])

    # Related rows: lists when ``finding.with_details`` prefetched them (pbsite.prefetching).
    def cost_option_rows(self) -> list[CostOption]:
        return rows(self, "cost_options")

    def schedule_rows(self) -> list[Schedule]:
        return rows(self, "schedules")

    def service_area_rows(self) -> list[ServiceArea]:
        return rows(self, "service_areas")

    def language_rows(self) -> list[Language]:
        return rows(self, "languages")

    # Text for the search index.
    def organisation_name(self) -> str:
        return self.organisation.name

    def category_name(self) -> str:
        return self.category.name if self.category_id else ""

    def language_text(self) -> str:
        return " ".join(language.name for language in self.language_rows())

    def district_text(self) -> str:
        return " ".join(area.district for area in self.service_area_rows())

    # What the listing page says.
    def payment_labels(self) -> list[str]:
        return [label for field, label in PAYMENT_FIELDS if getattr(self, field)]

    def delivery_labels(self) -> list[str]:
        return [label for field, label in DELIVERY_FIELDS if getattr(self, field)]

    def check_labels(self) -> list[str]:
        return [CheckHeld(code).label for code in self.checks if code in CheckHeld.values]

    def public_locations(self) -> list[Location]:
        """Venues people may see. A service that is not at a venue never shows an address,
        even if one was saved against it: a home-visit provider's address is private."""
        if not self.at_venue:
            return []
        return [link.location for link in rows(self, "service_at_locations")]

    def districts(self) -> list[str]:
        return [area.district for area in self.service_area_rows() if area.district]

    @property
    def is_free(self) -> bool:
        options = self.cost_option_rows()
        return bool(options) and all(option.is_free for option in options)


class CostOptionQuerySet(models.QuerySet):
    def free(self):
        return self.filter(Q(unit=CostUnit.FREE) | Q(amount_pence=0))


COST_UNIT_LABELS = dict(CostUnit.choices)


class CostOption(LabelsLookedUp, models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="cost_options")
    amount_pence = models.PositiveIntegerField(null=True, blank=True)
    unit = models.CharField(max_length=10, choices=CostUnit.choices, default=CostUnit.SESSION)
    description = models.CharField(
        max_length=200, blank=True, help_text=_("For example: “lunch included”, or “under 25s”.")
    )

    objects = CostOptionQuerySet.as_manager()

    class Meta:
        ordering = ["amount_pence", "id"]

    def __str__(self):
        return self.text

    @property
    def is_free(self) -> bool:
        return self.unit == CostUnit.FREE or self.amount_pence == 0

    @property
    def text(self) -> str:
        return self.text_of(self.amount_pence, self.unit, self.description)

    @staticmethod
    def text_of(amount_pence: int | None, unit: str, description: str) -> str:
        """``text`` from the columns alone (a result card reads them as values)."""
        unit_label = COST_UNIT_LABELS.get(unit, unit)
        if unit == CostUnit.FREE or amount_pence == 0:
            words = "Free"
        elif amount_pence is None:
            words = f"Price on request ({unit_label})"
        else:
            words = f"{format_pence(amount_pence)} {unit_label}"
        return f"{words}: {description}" if description else words


class Schedule(models.Model):
    """When a service runs: weekly on some days, between two times (Open Referral's schedule)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="schedules")
    byday = models.CharField(
        "days", max_length=20, help_text=_("Open Referral day codes, like “MO,WE”.")
    )
    opens_at = models.TimeField(null=True, blank=True)
    closes_at = models.TimeField(null=True, blank=True)
    description = models.CharField(max_length=200, blank=True)

    class Meta:
        # In the order of the week, as people read a timetable: by the first day each runs
        # (the form writes a row's days in the week's order), then by when it opens. By its
        # identifier, a random UUID, a service's times came in no order a person could follow.
        ordering = [
            Case(
                *[
                    When(byday__startswith=code, then=Value(place))
                    for place, (code, _name) in enumerate(WEEKDAYS)
                ],
                default=Value(len(WEEKDAYS)),
            ),
            models.F("opens_at").asc(nulls_last=True),
            "id",
        ]

    def __str__(self):
        return self.text

    @property
    def days(self) -> list[str]:
        return [code for code in self.byday.split(",") if code in WEEKDAY_NAMES]

    @property
    def text(self) -> str:
        return self.text_of(self.byday, self.opens_at, self.closes_at, self.description)

    @staticmethod
    def text_of(byday: str, opens_at, closes_at, description: str) -> str:
        """``text`` from the columns alone (a result card reads them as values)."""
        codes = [code for code in byday.split(",") if code in WEEKDAY_NAMES]
        days = ", ".join(WEEKDAY_NAMES[code] for code in codes) or "Days vary"
        if opens_at and closes_at:
            days += f", {clock(opens_at)} to {clock(closes_at)}"
        return f"{days} ({description})" if description else days


def clock(moment: datetime.time) -> str:
    """9:30am, 2pm, 12 noon: how people say times."""
    if moment.hour == 12 and moment.minute == 0:
        return "12 noon"
    hour = moment.hour % 12 or 12
    suffix = "am" if moment.hour < 12 else "pm"
    return f"{hour}:{moment.minute:02d}{suffix}" if moment.minute else f"{hour}{suffix}"


class ServiceArea(models.Model):
    """A postcode district the service covers (or, for imported data, the area in words)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="service_areas")
    district = models.CharField(max_length=4, blank=True, db_index=True)
    name = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["district", "name"]

    def __str__(self):
        return self.district or self.name


class Language(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="languages")
    name = models.CharField(max_length=60)
    code = models.CharField(max_length=12, blank=True, help_text=_("ISO 639 code, like “pl”."))

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Location(models.Model):
    """A venue. Only services that happen at a venue are ever shown with one."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="locations"
    )
    name = models.CharField("venue name", max_length=120)
    address_1 = models.CharField("address", max_length=200)
    city = models.CharField("town", max_length=80)
    region = models.CharField("county", max_length=80, blank=True)
    postcode = models.CharField(max_length=10)
    accessibility = models.TextField(
        "access at the venue",
        max_length=1000,
        blank=True,
        help_text=_("Step-free entrance? Accessible toilet? Hearing loop? Parking?"),
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def address_text(self) -> str:
        return ", ".join(part for part in [self.address_1, self.city, self.postcode] if part)


class ServiceAtLocation(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="service_at_locations"
    )
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="+")

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["service", "location"], name="unique_service_location")
        ]

    def __str__(self):
        return f"{self.service} at {self.location}"
