"""Forms for vetting: naming a referee, and the referee's short reference."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from pbsite.forms import RadioSelect

from . import vetting
from .forms import clean_text
from .models import Reliability, WouldAgain


class RefereeForm(forms.Form):
    name = forms.CharField(
        label=_("Their name"),
        max_length=120,
        error_messages={
            "required": _("Type your referee's name."),
            "max_length": _("Please keep the name to 120 characters or fewer."),
        },
    )
    relationship = forms.CharField(
        label=_("How do they know you?"),
        max_length=200,
        help_text=_("For example: “I was her PA for two years” or “my manager at a care home”."),
        error_messages={
            "required": _("Say how they know you, so the moderator knows who to expect."),
            "max_length": _("Please keep this to 200 characters or fewer."),
        },
    )
    email = forms.EmailField(
        label=_("Their email address"),
        max_length=254,
        help_text=_(
            "We email them a private link to a short form. They do not need to join. "
            "We never show this address to anyone."
        ),
        error_messages={
            "required": _("Type your referee's email address, so we can ask them."),
            "invalid": _(
                "This does not look like an email address. Check it, like name@example.com."
            ),
        },
    )

    def __init__(self, *args, profile=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.profile = profile

    def clean_name(self):
        name = clean_text(self.cleaned_data["name"])
        if not name:
            raise ValidationError(_("Type your referee's name."))
        return name

    def clean_relationship(self):
        text = clean_text(self.cleaned_data["relationship"])
        if not text:
            raise ValidationError(_("Say how they know you, so the moderator knows who to expect."))
        return text

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        if self.profile is not None:
            active = vetting.active_references(self.profile)
            problem = vetting.referee_problem(
                email,
                self.profile.user.email,
                [reference.referee_email for reference in active],
                len(active),
            )
            if problem:
                raise ValidationError(problem)
        return email


class ReferenceForm(forms.Form):
    known_for = forms.CharField(
        label=_("How long have you known them?"),
        max_length=80,
        help_text=_("For example: “about three years”."),
        error_messages={
            "required": _("Say roughly how long you have known them."),
            "max_length": _("Please keep this to 80 characters or fewer."),
        },
    )
    role = forms.CharField(
        label=_("In what role?"),
        max_length=200,
        help_text=_("For example: “she was my PA” or “we worked together at a care agency”."),
        error_messages={
            "required": _("Say how you know them: as their employer, a colleague, or another way."),
            "max_length": _("Please keep this to 200 characters or fewer."),
        },
    )
    reliability = forms.ChoiceField(
        label=_("How reliable are they?"),
        choices=Reliability.choices,
        widget=RadioSelect,
        error_messages={"required": _("Choose how reliable they are.")},
    )
    would_again = forms.ChoiceField(
        label=_("Would you employ them, or work with them, again?"),
        choices=WouldAgain.choices,
        widget=RadioSelect,
        error_messages={"required": _("Choose yes, not sure or no.")},
    )
    employer_notes = forms.CharField(
        label=_("Anything an employer should know?"),
        required=False,
        max_length=1500,
        help_text=_(
            "Good things and worries both help. Only a moderator and employers the PA chooses "
            "can read this; the PA cannot."
        ),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"max_length": _("Please keep this to 1,500 characters or fewer.")},
    )

    def clean_known_for(self):
        return clean_text(self.cleaned_data["known_for"])

    def clean_role(self):
        return clean_text(self.cleaned_data["role"])

    def clean_employer_notes(self):
        return clean_text(self.cleaned_data["employer_notes"])
