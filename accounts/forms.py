from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.images import get_image_dimensions
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

from pbsite.edit_versions import EditVersionFormMixin
from pbsite.forms import RadioSelect
from pbsite.images import reencode_image

from .models import Role, User
from .names import reserved_word_in, runs_the_site

SIGNUP_ROLES = [
    (Role.HOLDER.value, "I have a personal budget, or I'm getting one"),
    (Role.CARER.value, "I help someone with their budget (a family carer)"),
    (Role.PA.value, "I'm a personal assistant (PA), or want to be one"),
    (Role.PROVIDER.value, "I run a small service or community group"),
]


def clean_display_name(value: str, *, staff: bool = False) -> str:
    value = " ".join((value or "").split())
    if not value:
        raise ValidationError(_("Enter the name you want other people to see."))
    if "@" in value:
        raise ValidationError(
            _("Your display name can't have an @ in it. That keeps your email address private.")
        )
    if any(ch in value for ch in "<>\x00"):
        raise ValidationError(_("Use letters, numbers and spaces only in your display name."))
    if len(value) < 2:
        raise ValidationError(_("Your display name needs at least 2 letters."))
    if not staff and (word := reserved_word_in(value)):
        shown = "Budget Circle" if word == "budgetcircle" else word
        raise ValidationError(
            _(
                "Please choose a different name. Names with “%(word)s” in them are kept for "
                "the people who run Budget Circle, so nobody is mistaken for them."
            ),
            code="reserved",
            params={"word": shown},
        )
    return value


class DisplayNameMixin:
    def clean_display_name(self):
        value = self.cleaned_data.get("display_name", "")
        instance = getattr(self, "instance", None)
        # Staff may use a staff word; anyone may keep the name they already have.
        staff = (
            instance is not None
            and instance.pk is not None
            and (
                runs_the_site(instance) or " ".join((value or "").split()) == instance.display_name
            )
        )
        return clean_display_name(value, staff=staff)


class SignupExtraForm(DisplayNameMixin, forms.Form):
    """allauth adds these to its sign-up form (email and password come from allauth)."""

    display_name = forms.CharField(
        label=_("Display name"),
        max_length=40,
        help_text=_("This is the only name other people will see. It can be a nickname."),
        error_messages={
            "required": _("Enter the name you want other people to see."),
            "max_length": _("Your display name must be 40 characters or fewer."),
        },
    )
    role = forms.ChoiceField(
        label=_("What brings you to Budget Circle?"),
        choices=SIGNUP_ROLES,
        widget=RadioSelect,
        help_text=_("This helps us show you the right things. You can change it later."),
        error_messages={"required": _("Choose what brings you here.")},
    )

    field_order = ["display_name", "email", "password1", "password2", "role"]

    def signup(self, request, user):
        """allauth calls this after creating the user (the adapter sets the fields)."""


class SettingsForm(EditVersionFormMixin, DisplayNameMixin, forms.ModelForm):
    class Meta:
        model = User
        fields = ["display_name", "about", "email_preference", "avatar"]
        labels = {"about": "About you", "avatar": "Picture"}
        help_texts = {
            "about": "A few words others see next to your name. Don't include contact details.",
            "avatar": "Optional. A JPEG, PNG or WebP image, smaller than 2 MB.",
            "email_preference": "We always show notifications on the site too.",
        }
        widgets = {
            "email_preference": RadioSelect,
            "about": forms.Textarea(attrs={"rows": 4}),
            "avatar": forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        }
        error_messages = {
            "display_name": {
                "required": "Enter the name you want other people to see.",
                "max_length": "Your display name must be 40 characters or fewer.",
            },
            "about": {"max_length": "Please keep this to 600 characters or fewer."},
            "email_preference": {"required": "Choose how often we should email you."},
            "avatar": {
                "invalid_image": (
                    "We couldn't read that file as a picture. Choose a JPEG, PNG or WebP image."
                ),
                "empty": "That file is empty. Choose a JPEG, PNG or WebP picture.",
                "invalid_extension": "Choose a JPEG, PNG or WebP picture.",
                "invalid": "Choose a picture file from your device.",
            },
        }

    def clean_about(self):
        about = (self.cleaned_data.get("about") or "").replace("\x00", "")
        return about.strip()

    def clean_avatar(self):
        avatar = self.cleaned_data.get("avatar")
        if not avatar or not hasattr(avatar, "content_type"):
            return avatar
        if avatar.size > settings.AVATAR_MAX_BYTES:
            raise ValidationError(_("That picture is too big. Choose one smaller than 2 MB."))
        try:
            image = Image.open(avatar)
            image.verify()
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
            raise ValidationError(
                _("We couldn't read that file as a picture. Choose a JPEG, PNG or WebP image.")
            ) from None
        if image.format not in ("JPEG", "PNG", "WEBP"):
            raise ValidationError(_("Choose a JPEG, PNG or WebP picture."))
        width, height = get_image_dimensions(avatar)
        if not width or width > 4000 or height > 4000:
            raise ValidationError(_("That picture is too large. Use one under 4000 pixels wide."))
        avatar.seek(0)
        return reencode_image(avatar)

    def save(self, commit=True):
        """A new or cleared picture deletes the old file, so it stops being reachable."""
        old_name = User.objects.filter(pk=self.instance.pk).values_list("avatar", flat=True).first()
        user = super().save(commit=commit)
        if commit and old_name and old_name != user.avatar.name:
            user.avatar.storage.delete(old_name)
        return user


class DeleteAccountForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand this cannot be undone"),
        error_messages={
            "required": _("Tick the box to show you understand this cannot be undone.")
        },
    )
    email = forms.CharField(
        label=_("Type your email address to confirm"),
        help_text=_("This is the second check, so nobody deletes an account by accident."),
        max_length=254,
        error_messages={"required": _("Type your email address to confirm.")},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_email(self):
        typed = (self.cleaned_data.get("email") or "").strip().lower()
        if typed != self.user.email.lower():
            raise ValidationError(
                _("That is not the email address of this account. Check it and type it again.")
            )
        return typed
