"""Forms for PAs (profile, checks), holders (adverts, contacting a PA) and moderators.

Every field says in plain words what went wrong and what to do. Money is typed in pounds and
kept in pence. Nobody can set ``verified_at``: it is not editable, so no form includes it.
"""

from __future__ import annotations

import re

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.images import get_image_dimensions
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

from pbsite.areas import POSTCODE_HELP, parse_districts
from pbsite.edit_versions import EditVersionFormMixin
from pbsite.forms import (
    DATE_HINT,
    DATE_INVALID,
    DateInput,
    MoneyField,
    PostcodeDistrictField,
    RadioSelect,
)
from pbsite.images import reencode_image

from . import availability
from .models import (
    Advert,
    Check,
    CheckKind,
    DBSLevel,
    Gender,
    PAProfile,
    Skill,
    SupportKind,
    WorkArrangement,
)

EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
PHONE_RE = re.compile(r"(?:\+44\s?|\b0)(?:\d[\s-]?){9,10}\b")
MAX_EVIDENCE_BYTES = 5 * 1024 * 1024
EVIDENCE_TYPES = {".pdf", ".jpg", ".jpeg", ".png", ".webp"}
MAX_FREE_SKILLS = 10
MAX_LANGUAGES = 10


def clean_text(value: str) -> str:
    """Strip NUL bytes and surrounding space: nobody means to type them."""
    return (value or "").replace("\x00", "").strip()


def refuse_contact_details(text: str) -> str:
    if EMAIL_RE.search(text) or PHONE_RE.search(text):
        raise ValidationError(
            "Please take out any email address or phone number. People contact you through "
            "Budget Circle, so your details stay private."
        )
    return text


MOST_HOURLY_RATE = 500  # pounds: more is a typing slip
THE_HOURLY_RATE = _("the hourly rate")


def hourly_rate_field(label, **kwargs):
    """An hourly rate typed in pounds, cleaned to whole pence (the shared ``MoneyField``)."""
    kwargs.setdefault("required", False)
    return MoneyField(label=label, amount_label=THE_HOURLY_RATE, most=MOST_HOURLY_RATE, **kwargs)


def checkboxes(label, choices, *, required=False, help_text="", required_message=""):
    return forms.MultipleChoiceField(
        label=label,
        choices=choices,
        required=required,
        help_text=help_text,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": required_message or f"Choose at least one: {label.lower()}.",
            "invalid_choice": "Choose from the list.",
        },
    )


def curated_skills_field(label="Skills and specialisms", help_text=""):
    return forms.ModelMultipleChoiceField(
        label=label,
        queryset=Skill.objects.filter(curated=True),
        to_field_name="slug",
        required=False,
        help_text=help_text,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose skills from the list."},
    )


def parse_word_list(text: str, *, what: str, most: int) -> list[str]:
    """ "polish, british sign language" -> ["Polish", "British Sign Language"]."""
    items: list[str] = []
    for part in re.split(r"[,;\n]+", text or ""):
        item = " ".join(part.split())
        if not item:
            continue
        if len(item) > 40 or not re.fullmatch(r"[\w' ()&/-]+", item):
            raise ValidationError(
                f"“{item[:40]}” does not look like a {what}. Use letters and spaces, and put a "
                "comma between each one."
            )
        item = item[0].upper() + item[1:]
        if item.lower() not in {existing.lower() for existing in items}:
            items.append(item)
    if len(items) > most:
        raise ValidationError(f"Please list {most} at most.")
    return items


class ImageCheckMixin:
    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if not photo or not hasattr(photo, "content_type"):
            return photo
        if photo.size > settings.AVATAR_MAX_BYTES:
            raise ValidationError("That photo is too big. Choose one smaller than 2 MB.")
        try:
            image = Image.open(photo)
            image.verify()
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
            raise ValidationError(
                "We couldn't read that file as a photo. Choose a JPEG, PNG or WebP image."
            ) from None
        if image.format not in ("JPEG", "PNG", "WEBP"):
            raise ValidationError("Choose a JPEG, PNG or WebP photo.")
        width, height = get_image_dimensions(photo)
        if not width or width > 4000 or height > 4000:
            raise ValidationError("That photo is too large. Use one under 4000 pixels wide.")
        return reencode_image(photo)


# --- The PA's profile -----------------------------------------------------------------------------


class PAProfileForm(EditVersionFormMixin, ImageCheckMixin, forms.ModelForm):
    """Availability is seven small questions, one per day, rather than 28 loose checkboxes."""

    curated_skills = curated_skills_field(
        help_text="Tick the things you have done and can do safely."
    )
    other_skills = forms.CharField(
        label="Other skills",
        required=False,
        max_length=400,
        help_text="Anything else, with a comma between each. For example: baking, gardening.",
    )
    kinds = checkboxes(
        "Kinds of support you offer",
        SupportKind.choices,
        required=True,
        required_message="Choose at least one kind of support you offer.",
    )
    districts = forms.CharField(
        label="Areas you cover",
        max_length=300,
        help_text="Postcode districts, with a comma between each. For example: OX4, OX14, OX26.",
        error_messages={"required": "Enter at least one area you cover, like OX4."},
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
        label="Languages you speak",
        max_length=300,
        initial="English",
        help_text="With a comma between each. For example: English, Polish, British Sign Language.",
        error_messages={"required": "Enter at least one language you speak."},
    )
    gender = forms.ChoiceField(
        label="Your gender",
        choices=[("", "I'd rather not say"), *Gender.choices],
        required=False,
        widget=RadioSelect,
        help_text="Some people want a PA of the same gender for personal care.",
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
            raise ValidationError("Enter at least one area you cover, like OX4.")
        if len(districts) > 40:
            raise ValidationError("Please list 40 areas at most.")
        return districts

    def clean_languages(self):
        languages = parse_word_list(
            self.cleaned_data.get("languages"), what="language", most=MAX_LANGUAGES
        )
        if not languages:
            raise ValidationError("Enter at least one language you speak.")
        return languages

    def clean(self):
        data = super().clean()
        low, high = data.get("rate_min"), data.get("rate_max")
        if low is not None and high is not None and low > high:
            self.add_error(
                "rate_max", "Your highest rate must be the same as or more than your lowest rate."
            )
        if not any(data.get(f"free_{day}") for day, _ in availability.DAYS) and not any(
            f"free_{day}" in self.errors for day, _ in availability.DAYS
        ):
            self.add_error("free_mon", "Tick at least one time of the week when you are free.")
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


# --- Checks ---------------------------------------------------------------------------------------


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
            raise ValidationError("The date on the certificate cannot be in the future.")
        if dated.year < 1980:
            raise ValidationError("Check the year: it looks too long ago.")
        return dated

    def clean_evidence(self):
        evidence = self.cleaned_data.get("evidence")
        if not evidence or not hasattr(evidence, "content_type"):
            return evidence
        name = evidence.name.lower()
        if not any(name.endswith(ext) for ext in EVIDENCE_TYPES):
            raise ValidationError("Upload a PDF, JPEG, PNG or WebP file.")
        if evidence.size > MAX_EVIDENCE_BYTES:
            raise ValidationError("That file is too big. Choose one smaller than 5 MB.")
        return evidence

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == CheckKind.DBS and not data.get("dbs_level"):
            self.add_error("dbs_level", "Choose the level of your DBS check.")
        if kind != CheckKind.DBS:
            data["dbs_level"], data["update_service"] = "", False
        if kind == CheckKind.OTHER and not data.get("title"):
            self.add_error("title", "Enter the name of the course.")
        dated, until = data.get("dated"), data.get("valid_until")
        if dated and until and until < dated:
            self.add_error("valid_until", "The date it runs out must be after the date it started.")
        return data


# --- Contacting a PA ------------------------------------------------------------------------------


class ContactForm(forms.Form):
    """A short, structured first message, so a PA can answer quickly."""

    what_help = forms.CharField(
        label="What help do you need?",
        max_length=600,
        help_text="For example: help getting up and dressed, and going to the shops.",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Say what help you need, so the PA knows if they can do it.",
            "max_length": "Please keep this to 600 characters or fewer.",
        },
    )
    when = forms.CharField(
        label="When?",
        max_length=300,
        help_text="Days and times, and when you would like to start.",
        error_messages={
            "required": "Say when you need help, for example Tuesday and Thursday mornings.",
            "max_length": "Please keep this to 300 characters or fewer.",
        },
    )
    where = PostcodeDistrictField(
        label="Where? (your postcode district)",
        help_text="Only the first part of your postcode, like OX4. Do not give your address yet.",
    )
    anything_else = forms.CharField(
        label="Anything else?",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "Please keep this to 1,000 characters or fewer."},
    )

    def clean_what_help(self):
        return clean_text(self.cleaned_data["what_help"])

    def clean_when(self):
        return clean_text(self.cleaned_data["when"])

    def clean_anything_else(self):
        return clean_text(self.cleaned_data.get("anything_else"))

    def message(self) -> str:
        data = self.cleaned_data
        parts = [
            f"**What help:** {data['what_help']}",
            f"**When:** {data['when']}",
            f"**Where:** {data['where']}",
        ]
        if data.get("anything_else"):
            parts.append(data["anything_else"])
        return "\n\n".join(parts)


# --- "PA wanted" adverts --------------------------------------------------------------------------


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
        label="Your area",
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
            raise ValidationError("A week has 168 hours. Enter fewer hours.")
        return hours

    def clean_start_date(self):
        start = self.cleaned_data.get("start_date")
        if start and start < timezone.localdate() and not self.instance.pk:
            raise ValidationError("The start date cannot be in the past.")
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


def slots_from(days, times) -> list[str]:
    """Days × times; either alone means "any of the other"."""
    if not days and not times:
        return []
    days = days or [day for day, _ in availability.DAYS]
    times = times or [part for part, _ in availability.PARTS]
    return [f"{day}-{part}" for day in days for part in times]


class EndorsementForm(forms.Form):
    text = forms.CharField(
        label="Your endorsement",
        max_length=800,
        help_text="A few sentences about what working together was like. It shows with your "
        "display name, after a moderator reads it.",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": "Write a few words before you send it.",
            "max_length": "Please keep this to 800 characters or fewer.",
        },
    )

    def clean_text(self):
        text = refuse_contact_details(clean_text(self.cleaned_data["text"]))
        if not text:
            raise ValidationError("Write a few words before you send it.")
        return text


class ReplyForm(EndorsementForm):
    text = forms.CharField(
        label="Your reply",
        max_length=800,
        help_text="You can reply once.",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Write your reply before you send it.",
            "max_length": "Please keep this to 800 characters or fewer.",
        },
    )


class SaveSearchForm(forms.Form):
    name = forms.CharField(
        label="Name this search",
        max_length=80,
        help_text="For example: Hoist, OX4, mornings.",
        error_messages={
            "required": "Give the search a name, so you know which it is.",
            "max_length": "Please keep the name to 80 characters or fewer.",
        },
    )
    query = forms.CharField(widget=forms.HiddenInput, max_length=2000, required=False)

    def clean_name(self):
        return clean_text(self.cleaned_data["name"])
