"""The kinds of support a PA gives and a holder asks for, and the kinds of check a PA can show:
plain values, so the rules (``matching``, ``checks``) read them without importing the models."""

from django.db import models


class SupportKind(models.TextChoices):
    PERSONAL_CARE = "personal_care", "Personal care (washing, dressing, toilet)"
    DOMESTIC = "domestic", "Help at home (cleaning, shopping, cooking)"
    SOCIAL = "social", "Going out and joining in (social and community)"
    OVERNIGHT = "overnight", "Overnight support"
    DRIVING = "driving", "Driving"
    HEALTH = "health", "Health tasks (for example medicines or tube feeding)"


SHORT_KIND_LABELS = {
    SupportKind.PERSONAL_CARE: "personal care",
    SupportKind.DOMESTIC: "help at home",
    SupportKind.SOCIAL: "going out and joining in",
    SupportKind.OVERNIGHT: "overnight support",
    SupportKind.DRIVING: "driving",
    SupportKind.HEALTH: "health tasks",
}


class CheckKind(models.TextChoices):
    DBS = "dbs", "DBS check"
    INSURANCE = "insurance", "Employer's or public liability insurance"
    FIRST_AID = "first_aid", "First aid"
    MOVING = "moving_handling", "Moving and handling"
    HEALTH_TASKS = "health_tasks", "Training for health tasks (delegated by a nurse)"
    OTHER = "other", "Other training"
