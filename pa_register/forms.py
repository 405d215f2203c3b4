"""What the register's forms share (plain-words checks, money, skills, pictures, slots), and the
forms for contacting a PA and saving a search. The other forms are by sub-area, as the views:
profile_forms (the PA's profile), check_forms, advert_forms ("PA wanted") and
endorsement_forms.

Every field says in plain words what went wrong and what to do. Money is typed in pounds and
kept in pence. Nobody can set ``verified_at``: it is not editable, so no form includes it.
"""

from __future__ import annotations

import re

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.images import get_image_dimensions
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

from pbsite.forms import MoneyField, PostcodeDistrictField
from pbsite.images import reencode_image
from pbsite.request_parsing import printable

from . import availability
from .models import Skill

EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
PHONE_RE = re.compile(r"(?:\+44\s?|\b0)(?:\d[\s-]?){9,10}\b")
MAX_EVIDENCE_BYTES = 5 * 1024 * 1024
EVIDENCE_TYPES = {".pdf", ".jpg", ".jpeg", ".png", ".webp"}
MAX_FREE_SKILLS = 10
MAX_LANGUAGES = 10


def clean_text(value: str) -> str:
    """What someone typed, lines kept, without control characters or surrounding space (the
    shared rule in ``pbsite.request_parsing``)."""
    return printable(value, keep_lines=True).strip()


def refuse_contact_details(text: str) -> str:
    if EMAIL_RE.search(text) or PHONE_RE.search(text):
        raise ValidationError(
            _(
                "Please take out any email address or phone number. People contact you through "
                "Budget Circle, so your details stay private."
            )
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
            "invalid_choice": _("Choose from the list."),
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
        error_messages={"invalid_choice": _("Choose skills from the list.")},
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
                _(
                    "“%(item)s” does not look like a %(what)s. Use letters and spaces, and put a "
                    "comma between each one."
                )
                % {"item": item[:40], "what": what}
            )
        item = item[0].upper() + item[1:]
        if item.lower() not in {existing.lower() for existing in items}:
            items.append(item)
    if len(items) > most:
        raise ValidationError(_("Please list %(most)s at most.") % {"most": most})
    return items


class ImageCheckMixin:
    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if not photo or not hasattr(photo, "content_type"):
            return photo
        if photo.size > settings.AVATAR_MAX_BYTES:
            raise ValidationError(_("That photo is too big. Choose one smaller than 2 MB."))
        try:
            image = Image.open(photo)
            image.verify()
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
            raise ValidationError(
                _("We couldn't read that file as a photo. Choose a JPEG, PNG or WebP image.")
            ) from None
        if image.format not in ("JPEG", "PNG", "WEBP"):
            raise ValidationError(_("Choose a JPEG, PNG or WebP photo."))
        width, height = get_image_dimensions(photo)
        if not width or width > 4000 or height > 4000:
            raise ValidationError(_("That photo is too large. Use one under 4000 pixels wide."))
        return reencode_image(photo)


class ContactForm(forms.Form):
    """A short, structured first message, so a PA can answer quickly."""

    what_help = forms.CharField(
        label=_("What help do you need?"),
        max_length=600,
        help_text=_("For example: help getting up and dressed, and going to the shops."),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Say what help you need, so the PA knows if they can do it."),
            "max_length": _("Please keep this to 600 characters or fewer."),
        },
    )
    when = forms.CharField(
        label=_("When?"),
        max_length=300,
        help_text=_("Days and times, and when you would like to start."),
        error_messages={
            "required": _("Say when you need help, for example Tuesday and Thursday mornings."),
            "max_length": _("Please keep this to 300 characters or fewer."),
        },
    )
    where = PostcodeDistrictField(
        label=_("Where? (your postcode district)"),
        help_text=_(
            "Only the first part of your postcode, like OX4. Do not give your address yet."
        ),
    )
    anything_else = forms.CharField(
        label=_("Anything else?"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": _("Please keep this to 1,000 characters or fewer.")},
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


def slots_from(days, times) -> list[str]:
    """Days × times; either alone means "any of the other"."""
    if not days and not times:
        return []
    days = days or [day for day, _ in availability.DAYS]
    times = times or [part for part, _ in availability.PARTS]
    return [f"{day}-{part}" for day in days for part in times]


class SaveSearchForm(forms.Form):
    name = forms.CharField(
        label=_("Name this search"),
        max_length=80,
        help_text=_("For example: Hoist, OX4, mornings."),
        error_messages={
            "required": _("Give the search a name, so you know which it is."),
            "max_length": _("Please keep the name to 80 characters or fewer."),
        },
    )
    query = forms.CharField(widget=forms.HiddenInput, max_length=2000, required=False)

    def clean_name(self):
        return clean_text(self.cleaned_data["name"])
