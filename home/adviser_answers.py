"""Advisers' answers for editors: read them, and put a good one in a guide.

"Use in a guide" adds a question-and-answer block, filled from an adviser's answer, to the end
of a guide as a new draft and opens the guide for an editor to review and publish like any
change. It lives with the guides, not the forum: guides sit above the forum and may read it,
never the other way round.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.rich_text.converters.editor_html import EditorHTMLConverter
from wagtail.admin.widgets import Button
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.rich_text import RichText
from wagtail.snippets.views.snippets import IndexView as SnippetIndexView
from wagtail.snippets.views.snippets import SnippetViewSet

from accounts.demo import demo_user
from accounts.models import Role
from forum import adviser_demo
from forum.models import AdviserAnswer

from .blocks import ADVISER_ANSWER_FEATURES
from .models import GuidePage


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Answers are written in the forum, never in the admin."""

    def user_has_permission(self, user, action):
        if action in ("add", "change", "delete"):
            return False
        return super().user_has_permission(user, action)


register_permission_policy(AdviserAnswer, ReadOnlyPolicy(AdviserAnswer))


def block_value(answer: AdviserAnswer) -> dict:
    """A question-and-answer block's value, filled from an adviser's answer."""
    converter = EditorHTMLConverter(features=ADVISER_ANSWER_FEATURES)
    return {
        "question": answer.post.topic.title,
        "answer": RichText(converter.to_database_format(answer.post.body_html)),
        "adviser_answer": answer,
    }


def add_to_guide(guide, answer: AdviserAnswer, user):
    """A new draft of ``guide`` with the answer's block at the end; the live guide is unchanged
    until an editor publishes it."""
    draft = guide.get_latest_revision_as_object()
    draft.body.append(("adviser_answer", block_value(answer)))
    return draft.save_revision(user=user, log_action=True)


class UseInGuideForm(forms.Form):
    guide = forms.ModelChoiceField(
        label=gettext_lazy("Which guide?"),
        queryset=None,
        empty_label=gettext_lazy("Choose a guide"),
        help_text=gettext_lazy(
            "The answer goes at the end of the guide as a draft. You can move it, change the "
            "words, and publish when it is right."
        ),
        error_messages={"required": gettext_lazy("Choose the guide to put this answer in.")},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        editable = [
            guide.pk
            for guide in GuidePage.objects.all()
            if guide.permissions_for_user(user).can_edit()
        ]
        self.fields["guide"].queryset = GuidePage.objects.filter(pk__in=editable).order_by("title")


class AdviserAnswerIndexView(SnippetIndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .filter(post__hidden=False, post__approved=True)
            .select_related("post__topic", "post__author")
        )

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        buttons.append(
            Button(
                _("Use in a guide"),
                url=reverse(
                    AdviserAnswer.snippet_viewset.get_url_name("use_in_guide"), args=[instance.pk]
                ),
                icon_name="doc-full",
                priority=5,
            )
        )
        return buttons


class AdviserAnswerViewSet(SnippetViewSet):
    model = AdviserAnswer
    icon = "help"
    menu_label = gettext_lazy("Advisers' answers")
    add_to_admin_menu = False
    index_view_class = AdviserAnswerIndexView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = ["__str__", "expertise", "checked_on", "answered_at"]
    list_filter = ["expertise"]
    search_fields = ["post__body_markdown"]

    def use_in_guide_view(self, request, pk):
        if not self.permission_policy.user_has_permission(request.user, "view"):
            raise PermissionDenied
        answer = get_object_or_404(
            AdviserAnswer.objects.filter(post__hidden=False, post__approved=True), pk=pk
        )
        form = UseInGuideForm(request.POST if request.method == "POST" else None, user=request.user)
        if request.method == "POST" and form.is_valid():
            guide = form.cleaned_data["guide"]
            add_to_guide(guide, answer, request.user)
            messages.success(
                request,
                _(
                    "The answer is at the end of “%(guide)s”, as a draft. Check the words, move "
                    "it where it fits, and publish the guide when it is right."
                )
                % {"guide": guide.title},
            )
            return redirect("wagtailadmin_pages:edit", guide.pk)
        return TemplateResponse(
            request,
            "home/admin_use_in_guide.html",
            {
                "answer": answer,
                "form": form,
                "header_title": _("Use in a guide"),
                "page_title": _("Use in a guide"),
            },
        )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("use-in-guide/<int:pk>/", self.use_in_guide_view, name="use_in_guide"),
        ]


GUIDE_SLUG = "pa-holiday-pay-and-your-pay"


def load_demo_answer_in_guide(stdout) -> None:
    """The holiday-pay answer, put in the guide on PAs' holiday pay as an editor would."""
    guide = GuidePage.objects.filter(slug=GUIDE_SLUG).first()
    found = AdviserAnswer.objects.filter(
        post__topic__title=adviser_demo.questions()[0]["topic"]
    ).first()
    if guide is None or found is None:
        return
    if not any(block.block_type == "adviser_answer" for block in guide.body):
        add_to_guide(guide, found, demo_user(Role.EDITOR)).publish()
    stdout.write("Guides: one adviser's answer in the guide on PAs' holiday pay.")
