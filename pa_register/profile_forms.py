"""The PA's profile form: what they offer, where, when, at what rate, and their photo."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy

from pbsite.areas import parse_districts
from pbsite.edit_versions import EditVersionFormMixin
from pbsite.forms import RadioSelect

from . import availability
from .forms import (
    MAX_FREE_SKILLS,
    MAX_LANGUAGES,
    ImageCheckMixin,
    checkboxes,
    clean_text,
    curated_skills_field,
    hourly_rate_field,
    parse_word_list,
    refuse_contact_details,
)
from .models import Gender, PAProfile, SupportKind, WorkArrangement


class PAProfileForm(EditVersionFormMixin, ImageCheckMixin, forms.ModelForm):
    """Availability is seven small questions, one per day, rather than 28 loose checkboxes."""

    curated_skills = curated_skills_field(
        help_text=gettext_lazy("Tick the things you have done and can do safely.")
    )
    other_skills = forms.CharField(
        label=gettext_lazy("Other skills"),
        required=False,
        max_length=400,
        help_text=gettext_lazy(
            "Anything else, with a comma between each. For example: baking, gardening."
        ),
    )
    kinds = checkboxes(
        "Kinds of support you offer",
        SupportKind.choices,
        required=True,
        required_message="Choose at least one kind of support you offer.",
    )
    districts = forms.CharField(
        label=gettext_lazy("Areas you cover"),
        max_length=300,
        help_text=gettext_lazy(
            "Postcode districts, with a comma between each. For example: OX4, OX14, OX26."
        ),
        error_messages={"required": gettext_lazy("Enter at least one area you cover, like OX4.")},
    )
    rate_min = hourly_rate_field("Your lowest hourly rate, in pounds")
    rate_max = hourly_rate_field("Your highest hourly rate, in pounds")
    work_arrangements = checkboxes(
        "How you work",
        WorkArrangement.choices,
        required=True,
        required_message="Choose at least one way you work.",
    )
    languages = forms.CharField(
        label=gettext_lazy("Languages you speak"),
        max_length=300,
        initial="English",
        help_text=gettext_lazy(
            "With a comma between each. For example: English, Polish, British Sign Language."
        ),
        error_messages={"required": gettext_lazy("Enter at least one language you speak.")},
    )
    gender = forms.ChoiceField(
        label=gettext_lazy("Your gender"),
        choices=[("", gettext_lazy("I'd rather not say")), *Gender.choices],
        required=False,
        widget=RadioSelect,
        help_text=gettext_lazy("Some people want a PA of the same gender for personal care."),
    )

    class Meta:
        model = PAProfile
        fields = ["photo", "about", "short_notice"]
        labels = {
            "photo": "Photo",
            "about": "About you",
            "short_notice": "I can often cover at short notice",
        }
        help_texts = {
            "photo": "A clear photo of your face helps people feel safe. "
            "A JPEG, PNG or WebP image, under 2 MB.",
            "about": "What you enjoy, what you are good at, and your experience. Please do not "
            "put your phone number or email here.",
        }
        widgets = {
            "about": forms.Textarea(attrs={"rows": 6}),
            "photo": forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        }
        error_messages = {
            "about": {
                "required": "Write a few words about yourself, so people get to know you.",
                "max_length": "Please keep this to 1,500 characters or fewer.",
            }
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for day, day_label in availability.DAYS:
            self.fields[f"free_{day}"] = checkboxes(
                f"When are you free on {day_label}s?", availability.PARTS
            )
        self.order_fields(
            ["photo", "about", "curated_skills", "other_skills", "kinds", "districts"]
            + [f"free_{day}" for day, _ in availability.DAYS]
            + ["short_notice", "rate_min", "rate_max", "work_arrangements", "languages", "gender"]
        )
        profile = self.instance
        if profile.pk and not self.is_bound:
            self._fill_initial(profile)

    def _fill_initial(self, profile):
        skills = list(profile.skills.all())
        self.initial.update(
            curated_skills=[skill.slug for skill in skills if skill.curated],
            other_skills=", ".join(skill.name for skill in skills if not skill.curated),
            kinds=profile.kinds,
            districts=", ".join(profile.districts),
            rate_min=profile.rate_min_pence,
            rate_max=profile.rate_max_pence,
            work_arrangements=profile.work_arrangements,
            languages=", ".join(profile.languages),
            gender=profile.gender,
        )
        for slot in profile.slots:
            day, part = slot.split("-")
            self.initial.setdefault(f"free_{day}", []).append(part)

    def clean_about(self):
        return refuse_contact_details(clean_text(self.cleaned_data.get("about")))

    def clean_other_skills(self):
        return parse_word_list(
            self.cleaned_data.get("other_skills"), what="skill", most=MAX_FREE_SKILLS
        )

    def clean_districts(self):
        districts = parse_districts(clean_text(self.cleaned_data.get("districts")))
        if not districts:
            raise ValidationError(gettext_lazy("Enter at least one area you cover, like OX4."))
        if len(districts) > 40:
            raise ValidationError(gettext_lazy("Please list 40 areas at most."))
        return districts

    def clean_languages(self):
        languages = parse_word_list(
            self.cleaned_data.get("languages"), what="language", most=MAX_LANGUAGES
        )
        if not languages:
            raise ValidationError(gettext_lazy("Enter at least one language you speak."))
        return languages

    def clean(self):
        data = super().clean()
        low, high = data.get("rate_min"), data.get("rate_max")
        if low is not None and high is not None and low > high:
            self.add_error(
                "rate_max",
                gettext_lazy(
                    "Your highest rate must be the same as or more than your lowest rate."
                ),
            )
        if not any(data.get(f"free_{day}") for day, _ in availability.DAYS) and not any(
            f"free_{day}" in self.errors for day, _ in availability.DAYS
        ):
            self.add_error(
                "free_mon", gettext_lazy("Tick at least one time of the week when you are free.")
            )
        return data

    def slots(self) -> list[str]:
        return [
            f"{day}-{part}"
            for day, _ in availability.DAYS
            for part in self.cleaned_data.get(f"free_{day}", [])
        ]

    def save(self, commit=True):
        profile = super().save(commit=False)
        data = self.cleaned_data
        profile.kinds = data["kinds"]
        profile.districts = data["districts"]
        profile.availability = availability.to_mask(self.slots())
        profile.rate_min_pence = data.get("rate_min")
        profile.rate_max_pence = data.get("rate_max")
        profile.work_arrangements = data["work_arrangements"]
        profile.languages = data["languages"]
        profile.gender = data.get("gender", "")
        if commit:
            profile.save()
            self.save_skills(profile)
        return profile

    def save_skills(self, profile):
        names = [skill.name for skill in self.cleaned_data["curated_skills"]]
        names += self.cleaned_data["other_skills"]
        profile.skills.set(names)
