"""Endorsements and the PA's one reply."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .forms import clean_text, refuse_contact_details


class EndorsementForm(forms.Form):
    text = forms.CharField(
        label=_("Your endorsement"),
        max_length=800,
        help_text=_(
            "A few sentences about what working together was like. It shows with your "
            "display name, after a moderator reads it."
        ),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": _("Write a few words before you send it."),
            "max_length": _("Please keep this to 800 characters or fewer."),
        },
    )

    def clean_text(self):
        text = refuse_contact_details(clean_text(self.cleaned_data["text"]))
        if not text:
            raise ValidationError(_("Write a few words before you send it."))
        return text


class ReplyForm(EndorsementForm):
    text = forms.CharField(
        label=_("Your reply"),
        max_length=800,
        help_text=_("You can reply once."),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Write your reply before you send it."),
            "max_length": _("Please keep this to 800 characters or fewer."),
        },
    )
