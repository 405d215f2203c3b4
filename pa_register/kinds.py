"""The kinds of support a PA gives and a holder asks for: plain values, so the matching rules
(``matching``) read them without importing the models."""

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
