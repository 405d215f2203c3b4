""" "PA wanted" adverts: what a holder needs, when, where and at what rate."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pbsite.areas import POSTCODE_HELP
from pbsite.edit_versions import EditVersionFormMixin
from pbsite.forms import DATE_HINT, DATE_INVALID, DateInput, PostcodeDistrictField, RadioSelect

from . import availability
from .forms import (
    checkboxes,
    clean_text,
    curated_skills_field,
    hourly_rate_field,
    refuse_contact_details,
    slots_from,
)
from .models import Advert, SupportKind, WorkArrangement


class AdvertForm(EditVersionFormMixin, forms.ModelForm):
    kinds = checkboxes(
        "What kind of support?",
        SupportKind.choices,
        required=True,
        required_message="Choose at least one kind of support you need.",
    )
    skills = curated_skills_field("Skills the PA needs")
    days = checkboxes("Which days?", availability.DAYS)
    times = checkboxes("What times of day?", availability.PARTS)
    rate = hourly_rate_field("Hourly rate you can pay, in pounds")
    district = PostcodeDistrictField(
        label=_("Your area"),
        help_text="Only the first part of your postcode, like OX4. " + POSTCODE_HELP,
    )

    class Meta:
        model = Advert
        fields = [
            "title",
            "details",
            "district",
            "hours_per_week",
            "start_date",
            "emergency",
            "employment",
        ]
        labels = {
            "title": "Headline",
            "details": "Tell PAs about the job",
            "hours_per_week": "Hours a week",
            "start_date": "When should they start?",
            "emergency": "This is an emergency: my support has broken down",
            "employment": "How will you employ them?",
        }
        help_texts = {
            "title": "For example: Friendly PA for mornings in Witney.",
            "start_date": DATE_HINT,
            "details": "What the job is like and what you enjoy. Do not give your address or phone "
            "number: PAs answer through Budget Circle.",
        }
        widgets = {
            "details": forms.Textarea(attrs={"rows": 6}),
            "start_date": DateInput(),
            "employment": RadioSelect,
        }
        error_messages = {
            "title": {
                "required": "Write a headline, so PAs see what it is about.",
                "max_length": "Please keep the headline to 120 characters or fewer.",
            },
            "details": {
                "required": "Tell PAs a little about the job.",
                "max_length": "Please keep this to 2,000 characters or fewer.",
            },
            "hours_per_week": {
                "invalid": "Enter the number of hours as a whole number, like 10.",
                "min_value": "Hours cannot be less than 0.",
            },
            "start_date": {"invalid": DATE_INVALID},
            "employment": {"required": "Choose how you will employ the PA."},
        }

    field_order = [
        "title",
        "details",
        "kinds",
        "skills",
        "district",
        "days",
        "times",
        "hours_per_week",
        "start_date",
        "rate",
        "emergency",
        "employment",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employment"].choices = WorkArrangement.choices
        advert = self.instance
        if advert.pk and not self.is_bound:
            slots = availability.to_slots(advert.slots)
            self.initial.update(
                kinds=advert.kinds,
                skills=[skill.slug for skill in advert.skills.all()],
                days=sorted({slot.split("-")[0] for slot in slots}),
                times=sorted({slot.split("-")[1] for slot in slots}),
                rate=advert.rate_pence,
            )

    def clean_title(self):
        return refuse_contact_details(clean_text(self.cleaned_data["title"]))

    def clean_details(self):
        return refuse_contact_details(clean_text(self.cleaned_data["details"]))

    def clean_hours_per_week(self):
        hours = self.cleaned_data.get("hours_per_week")
        if hours is not None and hours > 168:
            raise ValidationError(_("A week has 168 hours. Enter fewer hours."))
        return hours

    def clean_start_date(self):
        start = self.cleaned_data.get("start_date")
        if start and start < timezone.localdate() and not self.instance.pk:
            raise ValidationError(_("The start date cannot be in the past."))
        return start

    def save(self, commit=True):
        advert = super().save(commit=False)
        data = self.cleaned_data
        advert.kinds = data["kinds"]
        advert.slots = availability.to_mask(slots_from(data.get("days"), data.get("times")))
        advert.rate_pence = data.get("rate")
        if commit:
            advert.save()
            advert.skills.set(data["skills"])
        return advert
