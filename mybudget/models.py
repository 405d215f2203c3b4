"""A holder's private record: budgets, what they paid for, repeating payments, timelines of an
application, a review or a complaint, and who they share it with.

Nothing here is indexed for search, reported to moderators or told to anyone but its owner.
Amounts are whole pence (``pbsite.money``); the sums are ``rules.py``'s.
"""

from __future__ import annotations

import datetime
import secrets
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pbsite.statements import Statement

from . import rules
from .rules import Direction, Entry, Every


def receipt_storage():
    """Receipts live outside MEDIA_ROOT with no URL: only ``views.receipt`` sends them, after
    checking who is asking."""
    location = getattr(settings, "PRIVATE_MEDIA_ROOT", None) or (
        Path(settings.MEDIA_ROOT).parent / "private"
    )
    return FileSystemStorage(location=location, base_url=None)


def receipts_folder(owner_id: int) -> str:
    return f"receipts/{owner_id}"


def receipt_path(line, filename):
    extension = Path(filename).suffix.lower()[:6] or ".bin"
    return f"{receipts_folder(line.budget.owner_id)}/{secrets.token_hex(8)}{extension}"


class HeldAs(models.TextChoices):
    DIRECT_PAYMENT = "direct_payment", _("Direct payment")
    MANAGED_ACCOUNT = "managed_account", _("Managed account")
    HEALTH_BUDGET = "health_budget", _("Personal health budget")
    ISF = "isf", _("Individual service fund")


class BudgetPeriod(models.TextChoices):
    WEEK = Every.WEEK.value, _("Every week")
    FOUR_WEEKS = Every.FOUR_WEEKS.value, _("Every four weeks")
    MONTH = Every.MONTH.value, _("Every month")
    YEAR = Every.YEAR.value, _("Every year")


#: What "this period" is called on the page.
THIS_PERIOD = {
    Every.WEEK: _("this week"),
    Every.FOUR_WEEKS: _("this four weeks"),
    Every.MONTH: _("this month"),
    Every.YEAR: _("this year"),
}


class RepeatEvery(models.TextChoices):
    WEEK = Every.WEEK.value, _("Every week")
    TWO_WEEKS = Every.TWO_WEEKS.value, _("Every two weeks")
    FOUR_WEEKS = Every.FOUR_WEEKS.value, _("Every four weeks")
    MONTH = Every.MONTH.value, _("Every month")
    ONCE = Every.ONCE.value, _("Once")


class BudgetQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The person's own budgets and those someone shares with them (accepted, not ended)."""
        if user is None or not user.is_authenticated:
            return self.none()
        shared_by = Share.objects.active().filter(person=user).values("owner_id")
        return self.filter(models.Q(owner=user) | models.Q(owner_id__in=shared_by))


class Budget(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="budgets"
    )
    name = models.CharField(_("What you call this budget"), max_length=80)
    given_by = models.CharField(_("Who gives it"), max_length=120, blank=True)
    amount_pence = models.PositiveIntegerField()
    every = models.CharField(max_length=12, choices=BudgetPeriod.choices)
    held_as = models.CharField(max_length=20, choices=HeldAs.choices)
    start_date = models.DateField()
    review_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    kept_for = models.CharField(max_length=60, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = BudgetQuerySet.as_manager()

    class Meta:
        ordering = ["start_date", "pk"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("mybudget:budget", args=[self.pk])

    @property
    def this_period_words(self) -> str:
        return str(THIS_PERIOD[Every(self.every)])

    @property
    def amount_words(self) -> str:
        return rules.per_period_words(self.amount_pence, Every(self.every))

    def period_on(self, day: datetime.date) -> rules.Period:
        return rules.period_containing(
            self.start_date, Every(self.every), max(day, self.start_date)
        )

    def last_day(self) -> datetime.date | None:
        return self.end_date

    def regular_payments(self) -> list[RepeatingLine]:
        """The budget's regular payments, as ``repeating_lines.all()`` gives them, by SQL built
        once per process (every budget page and My budget read them)."""
        return _REGULAR_PAYMENTS.objects(budget=self.pk)

    def entries(
        self, lo: datetime.date, hi: datetime.date, regular: list[RepeatingLine] | None = None
    ) -> list[Entry]:
        """Every amount from ``lo`` to ``hi``: the budget's money in, lines, repeating payments
        (``regular``: its :meth:`regular_payments`, if the caller has already read them)."""
        found = [
            Entry(day, self.amount_pence, Direction.IN, what=str(_("Budget paid in")))
            for day in rules.budget_payments(
                self.start_date, Every(self.every), self.amount_pence, lo, hi, self.end_date
            )
        ]
        # Every line of the budget, by SQL built once per process, kept from lo to hi here: the
        # pages ask from the budget's start, before which a line is rare.
        lines = SpendingLine.entries_from(_LINE_ROWS.rows(budget=self.pk))
        found.extend(entry for entry in lines if lo <= entry.on <= hi)
        for repeating in self.regular_payments() if regular is None else regular:
            found.extend(repeating.entries(lo, hi))
        return found

    def summary(self, first: datetime.date, last: datetime.date) -> rules.Summary:
        return rules.summarise(self.entries(self.start_date, last), first, last)

    def period_summaries(
        self, through: datetime.date, regular: list[RepeatingLine] | None = None
    ) -> list[rules.Summary]:
        through = max(through, self.start_date)
        last = self.period_on(through).last
        return rules.period_summaries(
            self.entries(self.start_date, last, regular),
            self.start_date,
            Every(self.every),
            through,
        )


class SpendingLine(models.Model):
    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="lines")
    on = models.DateField(_("Date"))
    direction = models.CharField(max_length=3, choices=[(d.value, d.value) for d in Direction])
    who = models.CharField(_("Who was paid, or who paid in"), max_length=120, blank=True)
    what = models.CharField(_("What it was for"), max_length=200)
    amount_pence = models.PositiveIntegerField()
    outcome = models.CharField(_("Which outcome in your support plan"), max_length=200, blank=True)
    receipt = models.FileField(
        storage=receipt_storage, upload_to=receipt_path, blank=True, max_length=300
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-on", "-pk"]

    def __str__(self):
        return self.what

    def entry(self) -> Entry:
        return Entry(
            self.on,
            self.amount_pence,
            Direction(self.direction),
            who=self.who,
            what=self.what,
            outcome=self.outcome,
            ref=self.pk,
            receipt=bool(self.receipt),
        )

    @staticmethod
    def entries_of(lines: models.QuerySet) -> list[Entry]:
        """The entries of ``lines``, as :meth:`entry` gives them, read as plain values: a page
        shows a budget's lines as entries only, so they are never made into models."""
        return SpendingLine.entries_from(lines.values_list(*ENTRY_COLUMNS))

    @staticmethod
    def entries_from(rows) -> list[Entry]:
        """The entries of lines read as ``values_list(*ENTRY_COLUMNS)`` rows."""
        return [
            Entry(
                on,
                pence,
                Direction(direction),
                who=who,
                what=what,
                outcome=outcome,
                ref=pk,
                receipt=bool(receipt),
            )
            for on, pence, direction, who, what, outcome, pk, receipt in rows
        ]

    @property
    def receipt_is_pdf(self) -> bool:
        return self.receipt.name.lower().endswith(".pdf")


#: What a line's entry reads of it (SpendingLine.entries_of).
ENTRY_COLUMNS = ("on", "amount_pence", "direction", "who", "what", "outcome", "pk", "receipt")

#: Every line of a budget as its entries read them, newest first as budget.lines gives them.
_LINE_ROWS = Statement(
    lambda budget: SpendingLine.objects.filter(budget_id=budget).values_list(*ENTRY_COLUMNS),
    "budget",
)


class RepeatingKind(models.TextChoices):
    PA_HOURS = "pa_hours", _("A PA's hours")
    POOL_SHARE = "pool_share", _("A share in a group")
    OTHER = "other", _("Something else")


class RepeatingLine(models.Model):
    """A payment that repeats: a PA's weekly hours at their rate, a group's share, a gym."""

    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="repeating_lines")
    kind = models.CharField(max_length=12, choices=RepeatingKind.choices)
    who = models.CharField(max_length=120, blank=True)
    what = models.CharField(max_length=200)
    outcome = models.CharField(max_length=200, blank=True)
    hours = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    rate_pence = models.PositiveIntegerField(null=True, blank=True)
    amount_pence = models.PositiveIntegerField()
    every = models.CharField(max_length=12, choices=RepeatEvery.choices)
    first_date = models.DateField()
    until = models.DateField(null=True, blank=True)
    membership = models.ForeignKey(
        "pooling.Membership",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("For a group's share: the place in the group it pays for."),
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["first_date", "pk"]

    def __str__(self):
        return self.what

    def entries(self, lo: datetime.date, hi: datetime.date) -> list[Entry]:
        return [
            Entry(
                day,
                self.amount_pence,
                Direction.OUT,
                who=self.who,
                what=self.what,
                outcome=self.outcome,
                repeating=True,
                ref=f"r{self.pk}",
            )
            for day in rules.occurrences(self.first_date, Every(self.every), lo, hi, self.until)
        ]

    @property
    def amount_words(self) -> str:
        return rules.per_period_words(self.amount_pence, Every(self.every))

    @property
    def hours_text(self) -> str:
        """12.50 -> "12.5", 10.00 -> "10"."""
        return format(self.hours.normalize(), "f") if self.hours is not None else ""

    def is_running(self, today: datetime.date) -> bool:
        return self.until is None or self.until >= today


#: A budget's regular payments, as budget.repeating_lines.all() gives them
#: (Budget.regular_payments).
_REGULAR_PAYMENTS = Statement(
    lambda budget: RepeatingLine.objects.filter(budget_id=budget), "budget"
)


class PendingPoolShare(models.Model):
    """Someone with no budget, or several, joined a group: which budget pays the share?"""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    membership = models.OneToOneField(
        "pooling.Membership", on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"Share in {self.membership.pool}"


class ShareRole(models.TextChoices):
    CARER = "carer", _("A carer")
    BUDDY = "buddy", _("A peer buddy")
    ADVOCATE = "advocate", _("An advocate")
    OTHER = "other", _("Someone else I trust")


class ShareQuerySet(models.QuerySet):
    def active(self):
        return self.filter(accepted_at__isnull=False, ended_at__isnull=True)

    def waiting(self):
        return self.filter(accepted_at__isnull=True, ended_at__isnull=True)


class Share(models.Model):
    """The owner lets ``person`` see their whole record (every budget and timeline), and,
    if ``can_add_lines``, add spending lines. Ended shares are kept: the person who lost access
    is told so, and the audit log points at them."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="budget_shares_given"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="budget_shares"
    )
    role = models.CharField(max_length=10, choices=ShareRole.choices)
    can_add_lines = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    accepted_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    objects = ShareQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        # Never a name: the audit log's label is this.
        return f"Budget sharing {self.pk}"


class Timeline(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="budget_timelines"
    )
    kind = models.CharField(
        max_length=12, choices=[(k.value, k.value.title()) for k in rules.TimelineKind]
    )
    title = models.CharField(_("What it is about"), max_length=120)
    organisation = models.CharField(_("Who you are dealing with"), max_length=120, blank=True)
    contact_name = models.CharField(_("Your contact's name"), max_length=120, blank=True)
    contact_details = models.CharField(_("How to reach them"), max_length=200, blank=True)
    reference = models.CharField(_("Their reference number"), max_length=60, blank=True)
    your_name = models.CharField(_("Your name, for letters"), max_length=120, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("mybudget:timeline", args=[self.pk])

    @property
    def kind_label(self) -> str:
        return str(TIMELINE_KINDS[rules.TimelineKind(self.kind)])

    def stage_facts(self) -> list[rules.StageFacts]:
        recorded = {stage.code: stage for stage in self.stages.all()}
        facts = []
        for code, _label in rules.STAGES[rules.TimelineKind(self.kind)]:
            stage = recorded.get(code)
            facts.append(
                rules.StageFacts(code, stage.done_on, stage.promised_by)
                if stage
                else rules.StageFacts(code)
            )
        return facts

    def letter_facts(self, today: datetime.date) -> rules.LetterFacts:
        return rules.LetterFacts(
            kind=rules.TimelineKind(self.kind),
            title=self.title,
            sender=self.your_name or self.owner.public_name,
            contact=self.contact_name,
            organisation=self.organisation,
            reference=self.reference,
            today=today,
            stages=tuple(self.stage_facts()),
        )


TIMELINE_KINDS = {
    rules.TimelineKind.APPLICATION: _("Application"),
    rules.TimelineKind.REVIEW: _("Review"),
    rules.TimelineKind.COMPLAINT: _("Complaint"),
}


class Stage(models.Model):
    timeline = models.ForeignKey(Timeline, on_delete=models.CASCADE, related_name="stages")
    code = models.CharField(max_length=30)
    done_on = models.DateField(null=True, blank=True)
    promised_by = models.DateField(null=True, blank=True)
    note = models.CharField(max_length=300, blank=True)
    reminded_at = models.DateTimeField(
        null=True, blank=True, help_text=_("When the owner was told the promised date had passed.")
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["timeline", "code"], name="one_stage_each")]

    def __str__(self):
        return rules.stage_label(rules.TimelineKind(self.timeline.kind), self.code)
