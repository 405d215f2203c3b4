"""Models of the shared mechanisms: notifications, moderation reports and the helpline."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.db import models
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from . import helpline


class NotificationQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    verb = models.CharField(max_length=200)
    target_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, null=True, blank=True)
    target_id = models.CharField(max_length=64, blank=True)
    target = GenericForeignKey("target_type", "target_id")
    target_title = models.CharField(max_length=255, blank=True)
    url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self):
        return self.text

    @property
    def text(self) -> str:
        who = self.actor.public_name if self.actor_id else "Budget Circle"
        about = f": {self.target_title}" if self.target_title else ""
        return f"{who} {self.verb}{about}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class ReportReason(models.TextChoices):
    """In order of risk: the queue shows the riskiest first."""

    CRISIS = "crisis", _("Someone may be in crisis or at risk of harm")
    SAFETY = "safety", _("Safety or safeguarding worry")
    ABUSE = "abuse", _("Abusive, hateful or bullying")
    PRIVACY = "privacy", _("Shares someone's private details")
    SPAM = "spam", _("Spam, scam or advertising")
    OTHER = "other", _("Something else")


RISK_ORDER = {reason: rank for rank, reason in enumerate(ReportReason.values)}


class ReportStatus(models.TextChoices):
    OPEN = "open", _("Waiting for a moderator")
    DISMISSED = "dismissed", _("Dismissed")
    HIDDEN = "hidden", _("Content hidden")
    SUSPENDED = "suspended", _("Author suspended")


class ReportFlag(models.TextChoices):
    """Why a report jumps the queue (``pbsite.moderation_rules``)."""

    NONE = "", _("No")
    HELD = "held", _("Hidden until a moderator looks: reported by trusted members")
    SCAM = "scam", _("Looks like a scam against budget holders")


class ReportQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=ReportStatus.OPEN)

    def by_risk(self):
        """Someone who may be in crisis first (a life may be at stake); then content hidden
        until a moderator looks, then what looks like a scam; then by risk, oldest first."""
        first = models.Case(
            models.When(reason=ReportReason.CRISIS, then=0),
            models.When(flag=ReportFlag.HELD, then=1),
            models.When(flag=ReportFlag.SCAM, then=2),
            default=3,
            output_field=models.IntegerField(),
        )
        risk = models.Case(
            *[models.When(reason=reason, then=rank) for reason, rank in RISK_ORDER.items()],
            default=len(RISK_ORDER),
            output_field=models.IntegerField(),
        )
        return self.annotate(first=first, risk=risk).order_by("first", "risk", "created_at")


class Report(models.Model):
    """One person's (or the system's) worry about one piece of content, of any kind."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.CharField(max_length=64)
    content_object = GenericForeignKey("content_type", "object_id")
    content_summary = models.TextField(
        blank=True, help_text=_("What the content said when it was reported.")
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports_made",
    )
    reason = models.CharField(max_length=20, choices=ReportReason.choices)
    details = models.TextField(blank=True, max_length=2000)
    status = models.CharField(
        max_length=20, choices=ReportStatus.choices, default=ReportStatus.OPEN, db_index=True
    )
    flag = models.CharField(
        "first in the queue because",
        max_length=10,
        choices=ReportFlag.choices,
        default=ReportFlag.NONE,
        blank=True,
    )
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        constraints = [
            # One person, one open report about one thing (a second is the first again).
            models.UniqueConstraint(
                fields=["reporter", "content_type", "object_id"],
                condition=models.Q(status="open", reporter__isnull=False),
                name="one_open_report_per_person_per_thing",
            )
        ]

    def __str__(self):
        return f"{self.get_reason_display()}: {self.content_summary[:60]}"


class ScheduledRun(models.Model):
    """A daily job's run on one day. The unique pair is the claim: of two workers whose
    schedules tick at once, only one creates the row, and only that one enqueues the job."""

    job = models.CharField(max_length=100)
    day = models.DateField()
    claimed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["job", "day"], name="one_scheduled_run_a_day")
        ]
        ordering = ["-day", "job"]

    def __str__(self):
        return f"{self.job} on {self.day:%Y-%m-%d}"


class RateLimitHits(models.Model):
    """Recent hits of one person (or address) on one limit: ``pbsite.ratelimit`` keeps the
    times, locks the row while it counts, and so counts the same on every worker. ``who`` is a
    keyed hash, never the address or account itself; rows outlive their window by nothing
    (``forget_expired`` removes them daily)."""

    scope = models.CharField(max_length=60)
    who = models.CharField(max_length=64)
    hits = models.JSONField(default=list)
    expires = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["scope", "who"], name="one_rate_limit_row_per_key")
        ]

    def __str__(self):
        return f"{self.scope}: {len(self.hits)} recent"


class CacheEntry(models.Model):
    """The table Django's database cache uses (``CACHES`` without ``REDIS_URL``), made by a
    migration rather than ``createcachetable``, with the columns that command would make. So
    ``migrate`` (and ``make run`` and the test database) creates it, and allauth's limits and
    ours see the same counts in every worker."""

    cache_key = models.CharField(max_length=255, primary_key=True)
    value = models.TextField()
    expires = models.DateTimeField(db_index=True)

    class Meta:
        db_table = "budget_circle_cache"
        verbose_name_plural = "cache entries"

    def __str__(self):
        return self.cache_key


@register_setting(icon="mobile-alt")
class Helpline(BaseSiteSetting):
    """How to reach a person: shown in every page's footer, on the contact page and on the
    print packs for professionals. Staff edit it under Settings → Helpline."""

    phone = models.CharField(
        _("phone number"),
        max_length=20,
        default=helpline.DEFAULT_PHONE,
        validators=[helpline.validate_phone],
        help_text=_("As people dial it, with spaces, for example 0300 123 4567."),
    )
    email = models.EmailField(_("email address"), default=helpline.DEFAULT_EMAIL)
    hours = models.CharField(
        _("opening hours"),
        max_length=120,
        default=helpline.DEFAULT_HOURS,
        help_text=_("When someone answers the phone, for example “Monday to Friday, 9am to 5pm”."),
    )

    panels = [FieldPanel("phone"), FieldPanel("email"), FieldPanel("hours")]

    class Meta:
        verbose_name = _("helpline")

    def __str__(self):
        return self.phone

    @property
    def tel_href(self) -> str:
        return helpline.tel_href(self.phone)


# Every page shows the helpline, so it is kept (by host) in the "derived" cache rather than read
# with two queries per page. Saving it forgets them all at once; without Redis another process
# may show the old number for up to a minute.
HELPLINES_KEY = "helplines-by-host"
HELPLINES_SECONDS = 60


def helpline_for(request) -> Helpline:
    """The helpline of the site a request is for; its defaults when no site matches."""
    if request is None:
        return Helpline()
    cache = caches["derived"]
    host = request.META.get("HTTP_HOST", "")[:200]
    known = cache.get(HELPLINES_KEY) or {}
    if host not in known:
        try:
            known[host] = Helpline.for_request(request)
        except Helpline.DoesNotExist:
            known[host] = Helpline()
        cache.set(HELPLINES_KEY, known, HELPLINES_SECONDS)
    return known[host]


@receiver(post_save, sender=Helpline)
def forget_kept_helplines(**kwargs):
    caches["derived"].delete(HELPLINES_KEY)
