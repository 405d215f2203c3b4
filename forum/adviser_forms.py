"""Forms for asking an expert: passing a question on, and an adviser's answer."""

from django import forms
from django.utils.translation import gettext_lazy as _

from pbsite.forms import RadioSelect

from .models import Expertise


class PassToAdvisersForm(forms.Form):
    expertise = forms.ChoiceField(
        label=_("Which kind of adviser should answer?"),
        choices=Expertise.choices,
        widget=RadioSelect,
        error_messages={
            "required": _("Choose which kind of adviser should answer, then send it again."),
            "invalid_choice": _("Choose one of the kinds of adviser in the list."),
        },
    )

    def __init__(self, *args, already=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expertise"].choices = [
            choice for choice in Expertise.choices if choice[0] not in set(already)
        ]


class AdviserAnswerForm(forms.Form):
    body = forms.CharField(
        label=_("Your answer"),
        help_text=_(
            "Write in plain words. Say what the law or the rules say, what the person can do "
            "next, and who else can help. Other members can still reply after you."
        ),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 10}),
        error_messages={
            "required": _("Write your answer, then send it."),
            "max_length": _(
                "Your answer is longer than 10,000 characters. Please make it shorter, or split "
                "it into two replies."
            ),
        },
    )


class QueueFilterForm(forms.Form):
    show = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[("", _("Waiting for an adviser")), ("answered", _("Answered"))],
        widget=RadioSelect,
    )
