"""Pools: groups of holders buying one thing together, with members, an agreement and a history."""

from __future__ import annotations

import secrets
from fractions import Fraction

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelsearch import index

from pbsite.choices import LabelsLookedUp
from pbsite.edit_versions import EditVersioned

from .rules import PoolState, SplitMethod


class Category(models.TextChoices):
    SHARED_PA = "shared_pa", _("A shared personal assistant")
    CLASS = "class", _("A class or regular activity")
    DAY_OUT = "day_out", _("A day out or trip")
    TRANSPORT = "transport", _("Transport, like a minibus")
    HOME_AND_GARDEN = "home_garden", _("Help at home or in the garden")
    OTHER = "other", _("Something else")


class Repeat(models.TextChoices):
    ONCE = "once", _("Once")
    WEEKLY = "weekly", _("Every week")
    FORTNIGHTLY = "fortnightly", _("Every two weeks")
    MONTHLY = "monthly", _("Every month")


SESSIONS_PER_MONTH = {
    Repeat.ONCE: Fraction(1),
    Repeat.WEEKLY: Fraction(52, 12),
    Repeat.FORTNIGHTLY: Fraction(26, 12),
    Repeat.MONTHLY: Fraction(1),
}


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class DecisionRule(models.TextChoices):
    MAJORITY = "majority", _("More than half of members agree")
    EVERYONE_FOR_MONEY = "everyone_money", _("More than half, but everyone must agree about money")


class Visibility(models.TextChoices):
    PUBLIC = "public", _("On the pooling board, for anyone to find")
    UNLISTED = "unlisted", _("Only people I send the link to")


class PaysWith(models.TextChoices):
    DIRECT_PAYMENT = "direct_payment", _("Direct payment")
    MANAGED_ACCOUNT = "managed_account", _("Managed account")
    HEALTH_BUDGET = "health_budget", _("Personal health budget")
    ISF = "isf", _("Individual service fund")
    OWN_MONEY = "own_money", _("My own money")


def every_way_to_pay() -> list[str]:
    return list(PaysWith.values)


class PaEmployment(models.TextChoices):
    """Who employs a PA the group shares: a council officer needs to know who the employer is."""

    EACH_MEMBER = "each_member", _("Each member employs the PA for their own hours")
    SELF_EMPLOYED = "self_employed", _("The PA is self-employed and bills each member")
    AGENCY = "agency", _("An agency employs the PA and bills each member")


class PoolQuerySet(models.QuerySet):
    def on_board(self):
        return self.filter(visibility=Visibility.PUBLIC, hidden=False)

    def visible_to(self, user):
        """Public pools, plus unlisted ones this person belongs to or coordinates."""
        visible = models.Q(visibility=Visibility.PUBLIC, hidden=False)
        if user is not None and user.is_authenticated:
            visible |= models.Q(coordinator=user) | models.Q(
                memberships__user=user, memberships__status__in=CURRENT_STATUSES
            )
        return self.filter(visible).distinct()


def new_share_token() -> str:
    return secrets.token_urlsafe(16)


class Pool(LabelsLookedUp, EditVersioned, index.Indexed, models.Model):
    title = models.CharField(max_length=120)
    description = models.TextField(max_length=3000)
    category = models.CharField(max_length=20, choices=Category.choices)
    service = models.ForeignKey(
        "directory.Service",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="pools",
        help_text=_("What the group buys, if it is in the directory."),
    )
    districts = models.JSONField(default=list, help_text=_("Postcode districts, like OX4."))
    venue = models.CharField(max_length=200, blank=True)
    at_home = models.BooleanField(default=False)
    # Some providers cannot invoice a managed account, some PAs only take direct payments.
    payment_routes = models.JSONField(
        default=every_way_to_pay, help_text=_("The ways members may pay their share.")
    )
    repeat = models.CharField(max_length=12, choices=Repeat.choices, default=Repeat.WEEKLY)
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices, null=True, blank=True)
    start_date = models.DateField(null=True, blank=True)
    time_of_day = models.CharField(max_length=40, blank=True)
    split_method = models.CharField(
        max_length=12, choices=[(m.value, m.name) for m in SplitMethod], default=SplitMethod.EQUAL
    )
    cost_per_session_pence = models.PositiveIntegerField(default=0)
    price_per_person_pence = models.PositiveIntegerField(null=True, blank=True)
    min_members = models.PositiveSmallIntegerField(default=2)
    max_members = models.PositiveSmallIntegerField(default=6)
    closing_date = models.DateField(null=True, blank=True)
    visibility = models.CharField(
        max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    share_token = models.CharField(max_length=32, default=new_share_token, unique=True)
    decision_rule = models.CharField(
        max_length=20, choices=DecisionRule.choices, default=DecisionRule.EVERYONE_FOR_MONEY
    )
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="coordinated_pools"
    )
    state = models.CharField(
        max_length=12, choices=[(s.value, s.name.title()) for s in PoolState], default="forming"
    )
    agreement_version = models.PositiveIntegerField(default=1)
    pa_employment = models.CharField(
        max_length=20,
        choices=PaEmployment.choices,
        blank=True,
        help_text=_("For a shared PA: who employs them. Part of the agreement."),
    )
    pa_employer_name = models.CharField(
        max_length=120,
        blank=True,
        help_text=_("For a shared PA: the name of the self-employed PA or the agency, if known."),
    )
    conversation = models.ForeignKey(
        "forum.Topic",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The group's private conversation, opened when the second person joins."),
    )
    hidden = models.BooleanField(default=False, help_text=_("Hidden by a moderator."))
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PoolQuerySet.as_manager()

    search_fields = [
        index.FilterField("id"),
        index.SearchField("title", boost=2),
        index.AutocompleteField("title"),
        index.SearchField("description"),
        index.SearchField("venue"),
        index.FilterField("state"),
        index.FilterField("visibility"),
        index.FilterField("hidden"),
        index.FilterField("category"),
    ]

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("pooling:detail", args=[self.pk])

    @property
    def pa_adverts(self):
        """The group's "PA wanted" adverts in the register."""
        from pa_register.models import Advert

        return Advert.objects.filter(group_link__pool=self)

    @property
    def payment_route_labels(self) -> list[str]:
        return [label for value, label in PaysWith.choices if value in self.payment_routes]

    @property
    def sessions_per_month(self) -> Fraction:
        return SESSIONS_PER_MONTH[Repeat(self.repeat)]

    @property
    def state_label(self) -> str:
        return str(STATE_LABELS[PoolState(self.state)])  # in the reader's language


STATE_LABELS = {
    PoolState.FORMING: _("Looking for members"),
    PoolState.VIABLE: _("Enough members: agreeing the details"),
    PoolState.AGREED: _("Everyone has agreed: ready to start"),
    PoolState.ACTIVE: _("Running"),
    PoolState.ENDED: _("Ended"),
    PoolState.CANCELLED: _("Cancelled"),
}


class MembershipStatus(models.TextChoices):
    MEMBER = "member", _("Member")
    WAITING = "waiting", _("On the waiting list")
    LEFT = "left", _("Left")


CURRENT_STATUSES = [MembershipStatus.MEMBER, MembershipStatus.WAITING]


class Membership(models.Model):
    pool = models.ForeignKey(Pool, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pool_memberships"
    )
    on_behalf_of = models.CharField(
        max_length=60, blank=True, help_text=_("If you are a carer joining for someone else.")
    )
    use = models.DecimalField(max_digits=6, decimal_places=2, default=1)
    max_pence = models.PositiveIntegerField(null=True, blank=True)
    pays_with = models.CharField(max_length=20, choices=PaysWith.choices)
    support_plan_outcome = models.CharField(max_length=300, blank=True)
    agreement_name = models.CharField(
        max_length=120,
        blank=True,
        help_text=(
            _(
                "The member's full name as they gave it for the group agreement (the name their "
                "council knows). Shown only to the group and in the agreement, never in public."
            )
        ),
    )
    status = models.CharField(
        max_length=10, choices=MembershipStatus.choices, default=MembershipStatus.MEMBER
    )
    accepted_version = models.PositiveIntegerField(default=0)
    accepted_at = models.DateTimeField(null=True, blank=True)
    joined_at = models.DateTimeField(default=timezone.now)
    left_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["joined_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["pool", "user"], name="one_membership_per_person")
        ]

    def __str__(self):
        return f"{self.user.public_name} in {self.pool}"

    @property
    def display_name(self) -> str:
        name = self.user.public_name
        return f"{name} (for {self.on_behalf_of})" if self.on_behalf_of else name


class Transition(models.Model):
    """Every change of a pool's state, with who made it and when: part of the group's record."""

    pool = models.ForeignKey(Pool, on_delete=models.CASCADE, related_name="transitions")
    from_state = models.CharField(max_length=12)
    to_state = models.CharField(max_length=12)
    event = models.CharField(max_length=30)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Who and what a line is about are kept by reference, never as words, so the record shows
    # the current name (or "a former member" after an account is deleted).
    member = models.ForeignKey(
        Membership,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The member the line is about (who joined, left or took over)."),
    )
    proposal = models.ForeignKey(
        "Proposal",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The suggestion a vote or a chosen quote was about."),
    )
    note = models.CharField(
        max_length=300,
        blank=True,
        help_text=_(
            "Never a person's name or words: {member}, {proposal} and {supplier} stand for "
            "them and are filled in when the record is shown."
        ),
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.pool}: {self.from_state} to {self.to_state}"


class AgreementAcceptance(models.Model):
    """A member accepting one version of the group agreement; kept for the record."""

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="acceptances")
    version = models.PositiveIntegerField()
    per_session_pence = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text=_("The member's share each session in the version they accepted."),
    )
    accepted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["accepted_at", "pk"]

    def __str__(self):
        return f"{self.membership} accepted version {self.version}"


class ProposalKind(models.TextChoices):
    CHOOSE_QUOTE = "choose_quote", _("Choose a quote")
    CHANGE_SCHEDULE = "change_schedule", _("Change when we meet")
    CHANGE_PRICE = "change_price", _("Change the price or how we share it")
    ADD_MEMBER = "add_member", _("Let someone join")
    END_POOL = "end_pool", _("End the group")
    OTHER = "other", _("Something else")


MONEY_PROPOSALS = {ProposalKind.CHOOSE_QUOTE, ProposalKind.CHANGE_PRICE}


class Proposal(models.Model):
    pool = models.ForeignKey(Pool, on_delete=models.CASCADE, related_name="proposals")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    kind = models.CharField(max_length=20, choices=ProposalKind.choices)
    text = models.TextField(max_length=1000)
    quote = models.ForeignKey(
        "Quote", on_delete=models.SET_NULL, null=True, blank=True, related_name="proposals"
    )
    outcome = models.CharField(max_length=10, default="open")
    changes = models.JSONField(
        default=dict,
        blank=True,
        help_text=_("What the proposal would change if agreed: pool field name to new value."),
    )
    applied_changes = models.JSONField(
        default=dict,
        blank=True,
        help_text=_("What it did change when agreed: field name to [old, new]."),
    )
    applied_version = models.PositiveIntegerField(
        null=True, blank=True, help_text=_("The agreement version the agreed change made.")
    )
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.text[:60]}"

    @property
    def about_money(self) -> bool:
        return self.kind in MONEY_PROPOSALS


class Vote(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="votes")
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="votes")
    agree = models.BooleanField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["proposal", "membership"], name="one_vote_each")
        ]

    def __str__(self):
        return f"{self.membership}: {'yes' if self.agree else 'no'}"


class QuoteStatus(models.TextChoices):
    REQUESTED = "requested", _("Asked for")
    ANSWERED = "answered", _("Quote given")
    CHOSEN = "chosen", _("Chosen by the group")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Quote(models.Model):
    """A provider's or PA's price for what the group wants, structured so members can compare."""

    pool = models.ForeignKey(Pool, on_delete=models.CASCADE, related_name="quotes")
    supplier = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pool_quotes"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    request_message = models.TextField(max_length=1000, blank=True)
    price_per_session_pence = models.PositiveIntegerField(null=True, blank=True)
    included = models.TextField("What the price includes", max_length=1000, blank=True)
    dates = models.CharField("When they can do it", max_length=200, blank=True)
    status = models.CharField(
        max_length=10, choices=QuoteStatus.choices, default=QuoteStatus.REQUESTED
    )
    created_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)
    conversation = models.ForeignKey(
        "forum.Topic",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The coordinator's private conversation with the supplier about this quote."),
    )

    class Meta:
        ordering = ["price_per_session_pence", "created_at"]
        constraints = [
            models.UniqueConstraint(fields=["pool", "supplier"], name="one_quote_per_supplier")
        ]

    def __str__(self):
        return f"Quote from {self.supplier.public_name} for {self.pool}"


class SessionRecord(models.Model):
    """A session that happened, and who came: the running record members keep."""

    pool = models.ForeignKey(Pool, on_delete=models.CASCADE, related_name="sessions")
    held_on = models.DateField()
    note = models.CharField(max_length=300, blank=True)
    attended = models.ManyToManyField(Membership, blank=True, related_name="sessions_attended")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-held_on", "-pk"]

    def __str__(self):
        return f"{self.pool} on {self.held_on:%d %B %Y}"


class GroupAdvert(models.Model):
    """A "PA wanted" advert in the register that a group posted for a PA its members share:
    replies reach every member. The link lives here, above the register, so the register needs
    to know nothing of pools (it asks ``pa_register.groups``, which ``pooling.shared_pa`` fills).
    """

    advert = models.OneToOneField(
        "pa_register.Advert", on_delete=models.CASCADE, related_name="group_link"
    )
    pool = models.ForeignKey(Pool, on_delete=models.CASCADE, related_name="group_adverts")

    def __str__(self):
        return f"{self.advert} for {self.pool}"
