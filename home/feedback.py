"""“Was this guide helpful?”: a yes/no answer and an optional comment, without JavaScript.

The form posts to the guide's own address. A good answer is saved and the reader is sent back
to the guide with a thank-you; a bad one re-shows the guide with the error and what they typed.
Each address may send GUIDE_FEEDBACK_PER_HOUR answers an hour (5 unless settings say otherwise),
counted in the cache; we keep no address with the answer itself.
"""

from __future__ import annotations

import hashlib

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone

from .models import GuideFeedback

WINDOW_SECONDS = 3600
COMMENT_MAX = 1000


class FeedbackForm(forms.ModelForm):
    helpful = forms.TypedChoiceField(
        label="Was this guide helpful?",
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda answer: answer == "yes",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose yes or no.",
            "invalid_choice": "Choose yes or no.",
        },
    )
    comment = forms.CharField(
        label="Tell us more",
        help_text="Optional. What helped, or what was missing? Please do not include "
        "your name or anything private. We cannot reply here.",
        required=False,
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": COMMENT_MAX}),
        error_messages={
            "max_length": f"Your comment is too long. Please keep it under {COMMENT_MAX} "
            "characters."
        },
    )

    class Meta:
        model = GuideFeedback
        fields = ["helpful", "comment"]

    def clean_comment(self):
        # Stored and shown as plain text; stray control characters are dropped.
        comment = self.cleaned_data["comment"]
        return "".join(ch for ch in comment if ch.isprintable() or ch in "\n\t").strip()


def answers_allowed() -> int:
    return getattr(settings, "GUIDE_FEEDBACK_PER_HOUR", 5)


def _rate_key(request) -> str:
    address = request.META.get("REMOTE_ADDR", "") or "unknown"
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:32]
    window = int(timezone.now().timestamp()) // WINDOW_SECONDS
    return f"home:feedback:{digest}:{window}"


def is_limited(request) -> bool:
    return cache.get(_rate_key(request), 0) >= answers_allowed()


def count_answer(request) -> None:
    key = _rate_key(request)
    if not cache.add(key, 1, WINDOW_SECONDS):
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, WINDOW_SECONDS)


def receive_feedback(request, guide):
    form = FeedbackForm(request.POST)
    if is_limited(request):
        form.is_valid()
        form.add_error(
            None,
            "You have sent a lot of answers in the last hour, so we have not saved this one. "
            "Please try again later, or call us: the number is at the bottom of this page.",
        )
        return _show_again(request, guide, form, status=429)
    if not form.is_valid():
        return _show_again(request, guide, form, status=400)
    with transaction.atomic():
        feedback = form.save(commit=False)
        feedback.guide = guide
        feedback.save()
    count_answer(request)
    messages.success(request, "Thank you. Your answer helps us make this guide better.")
    return HttpResponseRedirect(guide.get_url(request) + "#feedback")


def _show_again(request, guide, form, *, status):
    context = guide.get_context(request)
    context["feedback_form"] = form
    return TemplateResponse(request, guide.get_template(request), context, status=status)
