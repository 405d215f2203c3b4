"""A PA's check (DBS, training, insurance) and its evidence."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from pbsite.forms import DATE_HINT, DATE_INVALID, DateInput, RadioSelect

from .forms import EVIDENCE_TYPES, MAX_EVIDENCE_BYTES, clean_text
from .models import Check, CheckKind, DBSLevel


class CheckForm(forms.ModelForm):
    class Meta:
        model = Check
        fields = [
            "kind",
            "title",
            "dbs_level",
            "update_service",
            "dated",
            "valid_until",
            "evidence",
        ]
        labels = {
            "kind": "What is it?",
            "title": "Name of the course (for other training)",
            "dbs_level": "Level of the DBS check (for a DBS check)",
            "update_service": "My DBS certificate is on the DBS Update Service",
            "dated": "Date on the certificate or policy",
            "valid_until": "Date it runs out",
            "evidence": "A copy of the certificate or policy",
        }
        help_texts = {
            "dated": format_lazy("The date it was issued or started. {}", DATE_HINT),
            "valid_until": "For insurance or training that needs renewing. DBS checks: we work "
            "this out for you.",
            "evidence": "A PDF or photo, under 5 MB. Only you and our moderators can see it.",
        }
        widgets = {
            "kind": RadioSelect,
            "dbs_level": RadioSelect,
            "dated": DateInput(),
            "valid_until": DateInput(),
        }
        error_messages = {
            "kind": {"required": "Choose what kind of check or training this is."},
            "dated": {
                "required": "Enter the date on the certificate or policy.",
                "invalid": DATE_INVALID,
            },
            "valid_until": {"invalid": DATE_INVALID},
            "title": {"max_length": "Please keep the name to 120 characters or fewer."},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = CheckKind.choices
        self.fields["dbs_level"].choices = [("", "Not a DBS check"), *DBSLevel.choices]

    def clean_title(self):
        return clean_text(self.cleaned_data.get("title"))

    def clean_dated(self):
        dated = self.cleaned_data["dated"]
        if dated > timezone.localdate():
            raise ValidationError(_("The date on the certificate cannot be in the future."))
        if dated.year < 1980:
            raise ValidationError(_("Check the year: it looks too long ago."))
        return dated

    def clean_evidence(self):
        evidence = self.cleaned_data.get("evidence")
        if not evidence or not hasattr(evidence, "content_type"):
            return evidence
        name = evidence.name.lower()
        if not any(name.endswith(ext) for ext in EVIDENCE_TYPES):
            raise ValidationError(_("Upload a PDF, JPEG, PNG or WebP file."))
        if evidence.size > MAX_EVIDENCE_BYTES:
            raise ValidationError(_("That file is too big. Choose one smaller than 5 MB."))
        return evidence

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == CheckKind.DBS and not data.get("dbs_level"):
            self.add_error("dbs_level", _("Choose the level of your DBS check."))
        if kind != CheckKind.DBS:
            data["dbs_level"], data["update_service"] = "", False
        if kind == CheckKind.OTHER and not data.get("title"):
            self.add_error("title", _("Enter the name of the course."))
        dated, until = data.get("dated"), data.get("valid_until")
        if dated and until and until < dated:
            self.add_error(
                "valid_until", _("The date it runs out must be after the date it started.")
            )
        return data
