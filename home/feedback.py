"""“Was this guide helpful?”: a yes/no answer and an optional comment, without JavaScript.

The form posts to the guide's own address. A good answer is saved and the reader is sent back
to the guide with a thank-you; a bad one re-shows the guide with the error and what they typed.
Each address may send GUIDE_FEEDBACK_PER_HOUR answers an hour (5 unless settings say otherwise),
counted by ``pbsite.ratelimit``; we keep no address with the answer itself.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import HttpResponseRedirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

from pbsite import ratelimit
from pbsite.forms import RadioSelect
from pbsite.fragments import render_once
from pbsite.request_parsing import printable

from .models import GuideFeedback

WINDOW_SECONDS = 3600
COMMENT_MAX = 1000


class FeedbackForm(forms.ModelForm):
    helpful = forms.TypedChoiceField(
        label=_("Was this guide helpful?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda answer: answer == "yes",
        widget=RadioSelect,
        error_messages={
            "required": _("Choose yes or no."),
            "invalid_choice": _("Choose yes or no."),
        },
    )
    comment = forms.CharField(
        label=_("Tell us more"),
        help_text=_(
            "Optional. What helped, or what was missing? Please do not include "
            "your name or anything private. We cannot reply here."
        ),
        required=False,
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": COMMENT_MAX}),
        error_messages={
            "max_length": _("Your comment is too long. Please keep it under %(most)s characters.")
            % {"most": COMMENT_MAX}
        },
    )

    class Meta:
        model = GuideFeedback
        fields = ["helpful", "comment"]

    def clean_comment(self):
        # Stored and shown as plain text; stray control characters are dropped.
        comment = self.cleaned_data["comment"]
        return printable(comment, keep_lines=True).strip()


def feedback_fields(form) -> str:
    """The fields of an answer someone sent, shown again with what they typed."""
    return render_to_string("components/form_fields.html", {"form": form})


def blank_feedback_fields() -> str:
    """The fields before anyone sends an answer: only the labels and choices, the same for
    every reader, so rendered once (pbsite.fragments), and the blank form built only then."""
    form = SimpleLazyObject(FeedbackForm)
    return render_once("components/form_fields.html", {"form": form}, shows=FeedbackForm.__name__)


def answers_allowed() -> int:
    return getattr(settings, "GUIDE_FEEDBACK_PER_HOUR", 5)


def receive_feedback(request, guide):
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        return _show_again(request, guide, form, status=400)
    with transaction.atomic():
        if not ratelimit.hit(
            "home.feedback", ratelimit.visitor(request), answers_allowed(), WINDOW_SECONDS
        ):
            form.add_error(
                None,
                _(
                    "You have sent a lot of answers in the last hour, so we have not saved this "
                    "one. Please try again later, or call us: the number is at the bottom of this "
                    "page."
                ),
            )
            return _show_again(request, guide, form, status=429)
        feedback = form.save(commit=False)
        feedback.guide = guide
        feedback.save()
    messages.success(request, _("Thank you. Your answer helps us make this guide better."))
    return HttpResponseRedirect(guide.get_url(request) + "#feedback")


def _show_again(request, guide, form, *, status):
    context = guide.get_context(request)
    context.update(feedback_form=form, feedback_fields=feedback_fields(form))
    return TemplateResponse(request, guide.get_template(request), context, status=status)
