"""Advisers in the Wagtail admin.

Moderators check advisers (``AdviserViewSet``: who, which organisation, which expertise, the day
they checked). Editors' view of advisers' answers, and "Use in a guide", live with the guides
(``home.adviser_answers``): guides may read the forum, not the other way round.
"""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views.generic import CreateView, EditView
from wagtail.admin.viewsets.model import ModelViewSet

from .models import Adviser

# --- Checking advisers (moderators) -------------------------------------------------------------


class AdviserForm(WagtailAdminModelForm):
    email = forms.EmailField(
        label=gettext_lazy("Their email address"),
        help_text=gettext_lazy(
            "The address they joined Budget Circle with. Ask them to join first. It is never "
            "shown on the site."
        ),
    )

    class Meta:
        model = Adviser
        fields = ["organisation", "expertise", "checked_on"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["email"].initial = self.instance.user.email
        self.order_fields(["email", "organisation", "expertise", "checked_on"])

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        person = (
            get_user_model()
            .objects.filter(email__iexact=email, is_active=True, deleted_at__isnull=True)
            .first()
        )
        if person is None:
            raise forms.ValidationError(
                _(
                    "Nobody has joined with this email address. Ask them to join Budget Circle "
                    "first, then check them here."
                )
            )
        if Adviser.objects.filter(user=person).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(
                _("This person is already an adviser. Find them in the list and change that.")
            )
        return person

    def save(self, commit=True):
        self.instance.user = self.cleaned_data["email"]
        return super().save(commit=commit)


class AdviserCreateView(CreateView):
    def save_instance(self):
        self.form.instance.checked_by = self.request.user
        return super().save_instance()


class AdviserEditView(EditView):
    def save_instance(self):
        if "checked_on" in self.form.changed_data:
            self.form.instance.checked_by = self.request.user
        return super().save_instance()


class AdviserViewSet(ModelViewSet):
    """Check an adviser: who they are, who they work for, what they know, and the day checked.
    A check lapses after a year; change the date when you check again."""

    model = Adviser
    icon = "user"
    menu_label = gettext_lazy("Advisers")
    add_view_class = AdviserCreateView
    edit_view_class = AdviserEditView
    copy_view_enabled = False
    list_display = ["__str__", "expertise", "checked_on", "is_current"]
    list_filter = ["expertise"]
    search_fields = ["organisation", "user__display_name", "user__email"]

    def get_form_class(self, for_update=False):
        return AdviserForm
