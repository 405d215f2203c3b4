"""Hiring a PA from an advert: the recruitment kit, the question bank, interviews and offers.

Everything here is private: only the holder who wrote the advert sees a kit; an interview is
seen by the holder, the PA (their own times and decision) and a supporter (the time and place).
The rules live in ``rules.py``; what changes several rows in ``services.py``.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from pa_register.kinds import SupportKind

from . import rules


class EmploymentStatus(models.TextChoices):
    EMPLOYED = rules.EMPLOYED, _("Employed by you")
    SELF_EMPLOYED = rules.SELF_EMPLOYED, _("Self-employed")
    AGENCY = rules.AGENCY, _("Through an agency")


@register_setting(icon="pick")
class HiringSettings(BaseSiteSetting):
    """Figures the employer's checklist and the kit quote. Editors keep them current under
    Settings → Hiring figures (the National Living Wage changes each April)."""

    national_living_wage_pence = models.PositiveIntegerField(
        _("National Living Wage, in pence an hour"),
        default=1221,
        help_text=_("For example 1221 for £12.21. For workers aged 21 and over."),
    )
    national_living_wage_from = models.DateField(
        _("the date it applies from"), default=datetime.date(2025, 4, 1)
    )

    panels = [FieldPanel("national_living_wage_pence"), FieldPanel("national_living_wage_from")]

    class Meta:
        verbose_name = _("hiring figures")


class InterviewQuestion(models.Model):
    """A question editors add to the bank the kit chooses interview questions from."""

    text = models.CharField(_("question"), max_length=300)
    listen_for = models.CharField(_("what a good answer shows"), max_length=300, blank=True)
    kind = models.CharField(
        _("kind of support"),
        max_length=20,
        choices=SupportKind.choices,
        blank=True,
        help_text=_("Leave empty for a question for every job."),
    )
    skill = models.ForeignKey(
        "pa_register.Skill",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Or a skill the advert asks for."),
    )

    panels = [FieldPanel("text"), FieldPanel("listen_for"), FieldPanel("kind"), FieldPanel("skill")]

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.text


class Kit(models.Model):
    """A holder's recruitment kit for one advert: the status check's answers and what the
    documents need beyond the advert."""

    advert = models.OneToOneField(
        "pa_register.Advert", on_delete=models.CASCADE, related_name="hiring_kit"
    )
    answers = models.JSONField(default=dict)
    status = models.CharField(max_length=20, choices=EmploymentStatus.choices)
    days_per_week = models.PositiveSmallIntegerField(null=True, blank=True)
    notice_weeks = models.PositiveSmallIntegerField(default=1)
    created = models.DateTimeField(default=timezone.now)
    updated = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"Recruitment kit: {self.advert}"

    def get_absolute_url(self):
        return reverse("hiring:kit", args=[self.advert_id])

    @property
    def documents(self) -> tuple[str, ...]:
        return rules.kit_documents(self.status)

    @property
    def outcome(self) -> rules.StatusOutcome:
        return rules.employment_status(self.answers)


class Decision(models.TextChoices):
    OFFER = rules.DECISION_OFFER, _("Offer them the job")
    NOT_THIS_TIME = rules.DECISION_NOT_THIS_TIME, _("Not this time")


class Interview(models.Model):
    """Interview times offered to a PA who replied to an advert, and what came of it."""

    response = models.OneToOneField(
        "pa_register.AdvertResponse", on_delete=models.CASCADE, related_name="interview"
    )
    place = models.CharField(_("where"), max_length=200)
    minutes = models.PositiveSmallIntegerField(default=45)
    chosen = models.ForeignKey(
        "InterviewSlot", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    none_suit = models.BooleanField(default=False)
    none_suit_note = models.CharField(max_length=300, blank=True)
    # The supporter: a member, a directory service, or a name and an email.
    supporter_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="interviews_supporting",
    )
    supporter_service = models.ForeignKey(
        "directory.Service", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    supporter_name = models.CharField(max_length=120, blank=True)
    supporter_email = models.EmailField(blank=True)
    supporter_told_at = models.DateTimeField(null=True, blank=True)
    decision = models.CharField(max_length=20, choices=Decision.choices, blank=True)
    decision_message = models.TextField(max_length=800, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    offer_start_date = models.DateField(null=True, blank=True)
    offer_hours = models.PositiveSmallIntegerField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    offer_accepted = models.BooleanField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created"]

    def __str__(self):
        return f"Interview for “{self.response.advert}”"

    def get_absolute_url(self):
        return reverse("hiring:interview", args=[self.pk])

    @property
    def advert(self):
        return self.response.advert

    @property
    def holder_id(self) -> int:
        return self.response.advert.author_id

    @property
    def pa_user_id(self) -> int:
        return self.response.profile.user_id

    @property
    def starts_at(self):
        return self.chosen.starts_at if self.chosen_id else None

    @property
    def ends_at(self):
        return self.starts_at + datetime.timedelta(minutes=self.minutes) if self.chosen_id else None

    @property
    def has_supporter(self) -> bool:
        return bool(self.supporter_user_id or self.supporter_service_id or self.supporter_name)

    @property
    def supporter_label(self) -> str:
        if self.supporter_user_id:
            return self.supporter_user.public_name
        if self.supporter_service_id:
            name = self.supporter_service.name
            return f"{self.supporter_name} ({name})" if self.supporter_name else name
        return self.supporter_name

    def role_of(self, user) -> str:
        """ "holder", "pa", "supporter" or "" for anyone else (moderators included)."""
        if user is None or not user.is_authenticated:
            return ""
        if user.pk == self.holder_id:
            return "holder"
        if user.pk == self.pa_user_id:
            return "pa"
        if self.supporter_user_id and user.pk == self.supporter_user_id:
            return "supporter"
        return ""


class InterviewSlot(models.Model):
    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="slots")
    starts_at = models.DateTimeField()

    class Meta:
        ordering = ["starts_at"]
        constraints = [
            models.UniqueConstraint(fields=["interview", "starts_at"], name="one_slot_per_time")
        ]

    def __str__(self):
        return f"{timezone.localtime(self.starts_at):%-d %B %Y, %H:%M}"
