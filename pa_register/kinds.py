"""The kinds of support a PA gives and a holder asks for, and the kinds of check a PA can show:
plain values, so the rules (``matching``, ``checks``) read them without importing the models."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SupportKind(models.TextChoices):
    PERSONAL_CARE = "personal_care", _("Personal care (washing, dressing, toilet)")
    DOMESTIC = "domestic", _("Help at home (cleaning, shopping, cooking)")
    SOCIAL = "social", _("Going out and joining in (social and community)")
    OVERNIGHT = "overnight", _("Overnight support")
    DRIVING = "driving", _("Driving")
    HEALTH = "health", _("Health tasks (for example medicines or tube feeding)")


SHORT_KIND_LABELS = {
    SupportKind.PERSONAL_CARE: "personal care",
    SupportKind.DOMESTIC: "help at home",
    SupportKind.SOCIAL: "going out and joining in",
    SupportKind.OVERNIGHT: "overnight support",
    SupportKind.DRIVING: "driving",
    SupportKind.HEALTH: "health tasks",
}


class CheckKind(models.TextChoices):
    DBS = "dbs", _("DBS check")
    INSURANCE = "insurance", _("Employer's or public liability insurance")
    FIRST_AID = "first_aid", _("First aid")
    MOVING = "moving_handling", _("Moving and handling")
    HEALTH_TASKS = "health_tasks", _("Training for health tasks (delegated by a nurse)")
    OTHER = "other", _("Other training")
