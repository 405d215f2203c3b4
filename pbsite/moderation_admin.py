"""The moderation queue in the Wagtail admin: open reports, riskiest first, and three actions.

Moderators (the Moderator group, with ``pbsite.change_report``) and superusers see the queue.
A report's page shows what was reported and by whom, links to the content, and offers the three
actions of :mod:`pbsite.moderation`: dismiss, hide the content, suspend the author. Reports are
filed on the site, never created, edited or deleted here, so those views are left out.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.conf import settings
from django.contrib.admin.utils import quote
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.views import View
from wagtail.admin import messages
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button, HeaderButton
from wagtail.permissions import policy_registry

from . import moderation
from .models import Report, ReportReason, ReportStatus

ANY_STATUS = "any"


class ReportFilterSet(WagtailFilterSet):
    """Open reports unless the moderator asks for others."""

    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[*ReportStatus.choices, (ANY_STATUS, _("Any status"))],
        empty_label=None,
        method="filter_status",
        widget=forms.RadioSelect,
    )
    reason = django_filters.ChoiceFilter(
        label=_("Reason"), choices=ReportReason.choices, empty_label=_("Any reason")
    )

    class Meta:
        model = Report
        fields = ["status", "reason"]

    def __init__(self, data=None, *args, **kwargs):
        # The queue is for work still to do: with no status chosen, show the open reports.
        data = data.copy() if data is not None else None
        if data is not None and not data.get("status"):
            data["status"] = ReportStatus.OPEN
        super().__init__(data, *args, **kwargs)
        self.form.fields["status"].initial = ReportStatus.OPEN

    def filter_status(self, queryset, name, value):
        return queryset if value == ANY_STATUS else queryset.filter(status=value)


def content_label(report: Report) -> str:
    """What kind of thing was reported, in the words its part registered ("forum post")."""
    content = report.content_object
    if content is not None and moderation.is_reportable(content):
        return moderation.reportable_for(content).label
    return report.content_type.name if report.content_type_id else "content"


def reporter_name(report: Report) -> str:
    """Display names only: moderators never see a reporter's email here."""
    return report.reporter.public_name if report.reporter_id else "Budget Circle (automatic)"


class ReportIndexView(IndexView):
    filterset_class = ReportFilterSet
    page_title = "Moderation queue"

    def get_base_queryset(self):
        # Crisis first, then safety, abuse, privacy, spam, other; oldest first within each.
        return Report.objects.by_risk().select_related("reporter", "content_type")

    @cached_property
    def columns(self):
        title_column_class = self._get_title_column_class(TitleColumn)
        return [
            title_column_class(
                "summary",
                label=_("What was reported"),
                accessor=lambda report: Truncator(report.content_summary).chars(90) or "(no text)",
                get_url=self.get_inspect_url,
            ),
            Column("reason", label=_("Reason"), accessor="get_reason_display"),
            Column(
                "flag",
                label=_("First because"),
                accessor=lambda report: report.get_flag_display() if report.flag else "",
            ),
            Column("kind", label=_("Kind"), accessor=content_label),
            Column("reporter", label=_("Reported by"), accessor=reporter_name),
            Column("status", label=_("Status"), accessor="get_status_display"),
            DateColumn("created_at", label=_("Reported")),
        ]


class ReportInspectView(InspectView):
    """One report, what it is about, and the buttons to deal with it."""

    template_name = "pbsite/admin/report_inspect.html"
    page_title = "Report"

    def get_object(self, queryset=None):
        return get_object_or_404(
            Report.objects.select_related("reporter", "resolved_by"), pk=self.pk
        )

    @cached_property
    def header_more_buttons(self):
        history = reverse("moderation:history", args=[quote(self.object.pk)])
        return [Button("History", url=history, icon_name="history")]

    def get_reporter_display_value(self):
        return reporter_name(self.object)

    def get_status_display_value(self):
        report = self.object
        if report.status == ReportStatus.OPEN or not report.resolved_by_id:
            return report.get_status_display()
        return f"{report.get_status_display()} by {report.resolved_by.public_name}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        content = self.object.content_object
        context.update(
            report=self.object,
            content=content,
            content_label=content_label(self.object),
            content_url=public_url(content, report=self.object),
            content_admin_url=AdminURLFinder(self.request.user).get_edit_url(content)
            if content is not None
            else None,
            author=author_of(content),
            held=bool(getattr(content, "held_for_review", False)),
            can_act=self.user_has_permission("change"),
            is_open=self.object.status == ReportStatus.OPEN,
            actions_url={
                action: reverse(f"moderation:{action}", args=[quote(self.object.pk)])
                for action in ReportActionView.actions
            },
        )
        return context


class ReportHistoryView(HistoryView):
    """Who did what to this report. Reports have no edit screen: the way back is the report."""

    def get_edit_url(self, instance):
        return reverse("moderation:inspect", args=[quote(instance.pk)])

    @cached_property
    def header_buttons(self):
        return [
            HeaderButton(
                "See the report", url=self.get_edit_url(self.object), icon_name="info-circle"
            )
        ]


def public_url(content, report: Report | None = None) -> str | None:
    """Where the content lives on the site. A person's ``get_absolute_url`` is their own
    settings page, which would show the moderator's settings, so people have none here.
    Content a moderator may only reach through its report (a private message) says where with
    ``url_through_report(report)``."""
    if content is None or isinstance(content, _user_model()):
        return None
    through_report = getattr(content, "url_through_report", None)
    if report is not None and callable(through_report):
        return through_report(report)
    get_url = getattr(content, "get_absolute_url", None)
    return get_url() if callable(get_url) else None


def author_of(content):
    if content is None or not moderation.is_reportable(content):
        return None
    return moderation.reportable_for(content).author(content)


def _user_model():
    from django.apps import apps

    return apps.get_model(settings.AUTH_USER_MODEL)


class ReportActionView(PermissionCheckedMixin, View):
    """POST only: dismiss, hide or suspend. Only people who may change reports may act."""

    model = Report
    permission_required = "change"
    http_method_names = ["post"]
    action = None
    actions = {
        "dismiss": (moderation.dismiss, "Report dismissed. Nothing was changed."),
        "hide": (moderation.hide_content, "The content is hidden from everyone but moderators."),
        "suspend": (moderation.suspend_author, "The author is suspended and cannot sign in."),
    }

    def post(self, request, pk):
        report = get_object_or_404(Report, pk=pk)
        if report.status != ReportStatus.OPEN:
            messages.warning(request, _("Someone has already dealt with this report."))
            return HttpResponseRedirect(reverse("moderation:inspect", args=[quote(pk)]))
        act, done = self.actions[self.action]
        try:
            act(report, request.user)
        except moderation.ModerationError as error:
            messages.error(request, str(error))
            return HttpResponseRedirect(reverse("moderation:inspect", args=[quote(pk)]))
        messages.success(request, done)
        return HttpResponseRedirect(reverse("moderation:index"))


class ModerationMenuItem(MenuItem):
    """ "Moderation (3)": the count of open reports, for moderators only. (The sidebar cuts
    "Moderation queue (3)" short, hiding the very number that matters.)"""

    def is_shown(self, request):
        return policy_registry.get_by_type(Report).user_has_any_permission(
            request.user, {"view", "change"}
        )

    def render_component(self, request):
        component = super().render_component(request)
        waiting = Report.objects.open().count()
        if waiting:
            component.label = f"Moderation ({waiting})"
        return component


class ModerationViewSet(ModelViewSet):
    model = Report
    name = "moderation"
    icon = "warning"
    menu_label = "Moderation queue"
    menu_order = 250
    add_to_admin_menu = True
    index_view_class = ReportIndexView
    inspect_view_class = ReportInspectView
    history_view_class = ReportHistoryView
    inspect_view_enabled = True
    inspect_view_fields = [
        "reason",
        "flag",
        "details",
        "content_summary",
        "reporter",
        "created_at",
        "status",
    ]
    copy_view_enabled = False
    menu_item_class = ModerationMenuItem

    def get_common_view_kwargs(self, **kwargs):
        # No add, edit or delete screens: reports are filed on the site and kept as a record.
        return super().get_common_view_kwargs(
            **{"add_url_name": None, "edit_url_name": None, "delete_url_name": None, **kwargs}
        )

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
            path("history/<int:pk>/", self.history_view, name="history"),
            path("history-results/<int:pk>/", self.history_results_view, name="history_results"),
        ] + [
            path(
                f"{action}/<int:pk>/",
                self.construct_view(ReportActionView, action=action),
                name=action,
            )
            for action in ReportActionView.actions
        ]
