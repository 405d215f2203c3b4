"""Vetting in the Wagtail admin.

Moderators read the references referees gave (``ReferenceViewSet``), may record that they rang
the referee, and mark each one checked. What the referee wrote cannot be changed here.
Editors keep the PAs' code of conduct (``CodeOfConductViewSet``): a new version is a new row,
and from its date every PA must accept it again to stay listed.
"""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views.generic import EditView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import vetting
from .models import CodeOfConduct, Reference

ANSWERS = [
    "referee_name",
    "relationship",
    "referee_email",
    "status",
    "known_for",
    "role",
    "reliability",
    "would_again",
    "employer_notes",
]


class ReferenceCheckForm(WagtailAdminModelForm):
    checked = forms.BooleanField(
        label=gettext_lazy("I have checked this reference"),
        required=False,
        help_text=gettext_lazy(
            "Tick when you are happy it is real (for example after ringing the referee). The "
            "PA's profile says “2 references checked” once two are."
        ),
    )

    class Meta:
        model = Reference
        fields = [*ANSWERS, "phone_verified_on", "phone_note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ANSWERS:
            self.fields[name].disabled = True
            self.fields[name].required = False
        self.fields["checked"].initial = bool(self.instance.checked_at)

    def clean_checked(self):
        checked = self.cleaned_data["checked"]
        if checked and self.instance.status != "given":
            raise forms.ValidationError(
                gettext_lazy("Only a reference the referee has given can be checked.")
            )
        return checked


class ReferenceEditView(EditView):
    def save_instance(self):
        reference = self.form.instance
        if self.form.cleaned_data.get("checked"):
            vetting.mark_checked(reference, self.request.user, timezone.now())
        else:
            reference.checked_at = None
            reference.checked_by = None
        return super().save_instance()


class ReferenceViewSet(ModelViewSet):
    """References given for PAs: read, ring the referee if you can, and mark checked."""

    model = Reference
    icon = "form"
    menu_label = gettext_lazy("PA references")
    menu_order = 320
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    edit_view_class = ReferenceEditView
    list_display = ["referee_name", "pa_name", "status", "answered_at", "checked_at"]
    list_filter = ["status"]
    search_fields = ["referee_name", "profile__user__display_name"]

    def get_form_class(self, for_update=False):
        return ReferenceCheckForm


class CodeOfConductViewSet(SnippetViewSet):
    model = CodeOfConduct
    icon = "doc-full"
    menu_label = gettext_lazy("PA code of conduct")
    menu_order = 305
    add_to_admin_menu = True
    list_display = ["title", "version", "published_on"]
