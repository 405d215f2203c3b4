"""The moderators' two register queues, inside the Wagtail admin: PA checks to verify and
endorsements to approve.

Each is a ``ModelViewSet`` whose listing is the queue (what nobody has looked at yet, oldest
first) with the one action on every row. Moderators (and site admins) see the queues, as
``accounts.permissions.is_moderator`` says; nobody may add, change or delete a check or an
endorsement here. The action itself is the register's rule (``checks.verify``,
``endorsements.approve``), which refuses anyone else again.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.ui.tables import BaseColumn, Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from accounts.admin_permissions import ModeratorsPolicy
from accounts.permissions import is_moderator

from . import checks, endorsements
from .errors import refused_as_403
from .models import Check, Endorsement

register_permission_policy(Check, ModeratorsPolicy(Check))
register_permission_policy(Endorsement, ModeratorsPolicy(Endorsement))


class TemplateColumn(BaseColumn):
    """A cell drawn by a template that gets the row as ``instance``."""

    def __init__(self, name, template, **kwargs):
        super().__init__(name, **kwargs)
        self.cell_template_name = template


def moderator_action(action):
    """A POST-only admin view for one row's action; anyone but a moderator finds nothing."""

    @require_POST
    def view(request, pk):
        if not is_moderator(request.user):
            raise Http404
        return action(request, pk)

    return view


# --- PA checks ----------------------------------------------------------------------------------


class CheckQueueView(IndexView):
    page_title = gettext_lazy("Checks waiting for a moderator")

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .filter(verified_at__isnull=True)
            .select_related("profile__user")
            .order_by("created")
        )


def verify_check(request, pk):
    check = get_object_or_404(Check.objects.select_related("profile"), pk=pk)
    with refused_as_403():
        checks.verify(check, request.user)
    messages.success(
        request,
        _("Marked “%(check)s” for %(pa)s as checked.") % {"check": check.name, "pa": check.profile},
    )
    return redirect("pa_checks:index")


class CheckQueueViewSet(ModelViewSet):
    """Look at the copy the PA uploaded. Mark a check as checked only if the copy is clear, in
    date and in the PA's name."""

    model = Check
    name = "pa_checks"
    url_prefix = "pa-checks"
    icon = "tick-inverse"
    menu_label = gettext_lazy("PA checks to verify")
    menu_order = 310
    add_to_admin_menu = True
    index_view_class = CheckQueueView
    index_template_name = "pa_register/admin/check_queue.html"
    copy_view_enabled = False
    form_fields = []  # nobody adds or changes one here (ModeratorsPolicy: they may only look)
    list_display = [
        TemplateColumn("pa", "pa_register/admin/check_pa.html", label=gettext_lazy("PA")),
        Column("name", label=gettext_lazy("Check")),
        Column("dated", label=gettext_lazy("Date")),
        TemplateColumn("copy", "pa_register/admin/check_copy.html", label=gettext_lazy("Copy")),
        TemplateColumn(
            "action", "pa_register/admin/check_verify.html", label=gettext_lazy("Action")
        ),
    ]
    ordering = ["created"]
    per_page = 30

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("verify/<int:pk>/", moderator_action(verify_check), name="verify"),
        ]


# --- Endorsements -------------------------------------------------------------------------------


class EndorsementQueueView(IndexView):
    page_title = gettext_lazy("Endorsements waiting for a moderator")

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .filter(approved_at__isnull=True, hidden=False)
            .select_related("work__holder", "work__profile__user")
        )


def approve_endorsement(request, pk):
    endorsement = get_object_or_404(Endorsement, pk=pk)
    with refused_as_403():
        endorsements.approve(endorsement, request.user)
    messages.success(request, _("Endorsement approved. It now shows on the profile."))
    return redirect("pa_endorsements:index")


class EndorsementQueueViewSet(ModelViewSet):
    model = Endorsement
    name = "pa_endorsements"
    url_prefix = "pa-endorsements"
    icon = "openquote"
    menu_label = gettext_lazy("PA endorsements")
    menu_order = 311
    add_to_admin_menu = True
    index_view_class = EndorsementQueueView
    copy_view_enabled = False
    form_fields = []  # nobody adds or changes one here (ModeratorsPolicy: they may only look)
    list_display = [
        TemplateColumn(
            "endorsement", "pa_register/admin/endorsement.html", label=gettext_lazy("Endorsement")
        ),
        TemplateColumn(
            "action", "pa_register/admin/endorsement_approve.html", label=gettext_lazy("Action")
        ),
    ]
    ordering = ["pk"]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("approve/<int:pk>/", moderator_action(approve_endorsement), name="approve"),
        ]
