"""Admin screens: editors curate categories and add listings; moderators approve listings and
claims. Approving is its own small screen (a button that POSTs), so it is logged and notified
through ``listing`` like everything else."""

from __future__ import annotations

from django.contrib.admin.utils import quote
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import ListingButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import listing
from .models import Claim, ClaimStatus, ListingStatus, Organisation, Service, Taxonomy, TaxonomyTerm

# --- Categories (snippets) ---


class TaxonomyTermViewSet(SnippetViewSet):
    model = TaxonomyTerm
    icon = "tag"
    menu_label = "Categories and terms"
    list_display = ["name", "taxonomy", "code", "curated"]
    list_filter = ["taxonomy", "curated"]
    search_fields = ["name", "code"]


class TaxonomyViewSet(SnippetViewSet):
    model = Taxonomy
    icon = "list-ul"
    menu_label = "Vocabularies"
    list_display = ["name", "version"]


class VocabularyGroup(SnippetViewSetGroup):
    items = (TaxonomyTermViewSet, TaxonomyViewSet)
    menu_icon = "tag"
    menu_label = "Directory categories"
    menu_name = "directory-categories"
    menu_order = 330


register_snippet(VocabularyGroup)


# --- Confirm-and-act screens ---


class ConfirmActionView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """GET asks "are you sure?"; POST does it. ``act(obj, user)`` may raise ListingError."""

    template_name = "directory/admin/confirm.html"
    permission_required = "change"
    model = None
    act = None
    question = ""
    done = ""
    return_url_name = ""
    header_icon = "tick"

    def setup(self, request, *args, pk, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = get_object_or_404(self.model, pk=pk)

    def get_page_title(self):
        return self.question.format(obj=self.object)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            object=self.object,
            cancel_url=reverse(self.return_url_name),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        try:
            type(self).act(self.object, request.user)
        except listing.ListingError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, self.done.format(obj=self.object))
        return redirect(self.return_url_name)


class ApproveListingView(ConfirmActionView):
    model = Organisation
    act = listing.approve
    question = "Approve “{obj}” so anyone can find it?"
    done = "“{obj}” is approved. Its owners have been told."
    return_url_name = "directory_organisations:index"


class ApproveClaimView(ConfirmActionView):
    model = Claim
    act = listing.approve_claim
    question = "Agree that {obj.claimant} looks after “{obj.organisation}”?"
    done = "{obj.claimant} now looks after “{obj.organisation}”."
    return_url_name = "directory_claims:index"


class DeclineClaimView(ConfirmActionView):
    model = Claim
    act = listing.decline_claim
    question = "Say no to {obj.claimant} looking after “{obj.organisation}”?"
    done = "Claim declined. {obj.claimant} has been told."
    return_url_name = "directory_claims:index"
    header_icon = "cross"


# --- Listings, services and claims (model viewsets) ---


class OrganisationIndexView(ModelViewSet.index_view_class):
    def get_list_more_buttons(self, instance):
        buttons = list(super().get_list_more_buttons(instance))
        if instance.status != ListingStatus.APPROVED:
            buttons.insert(
                0,
                ListingButton(
                    "Approve",
                    url=reverse("directory_organisations:approve", args=[quote(instance.pk)]),
                    icon_name="tick",
                    priority=5,
                ),
            )
        return buttons


class OrganisationViewSet(ModelViewSet):
    model = Organisation
    name = "directory_organisations"
    icon = "group"
    menu_label = "Listings"
    index_view_class = OrganisationIndexView
    list_display = ["name", "kind", "status", "last_confirmed", "hidden"]
    list_filter = ["status", "kind", "hidden"]
    search_fields = ["name", "description"]
    copy_view_enabled = False

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("approve/<str:pk>/", ApproveListingView.as_view(), name="approve"),
        ]


class ServiceViewSet(ModelViewSet):
    model = Service
    name = "directory_services"
    icon = "list-ul"
    menu_label = "Services"
    list_display = ["name", "organisation", "category", "status", "hidden"]
    list_filter = ["status", "hidden", "shareable_by_group"]
    search_fields = ["name", "description"]
    copy_view_enabled = False


class ClaimIndexView(ModelViewSet.index_view_class):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("organisation", "claimant")

    def get_list_more_buttons(self, instance):
        if instance.status != ClaimStatus.PENDING:
            return []
        return [
            ListingButton(
                "Agree",
                url=reverse("directory_claims:approve", args=[quote(instance.pk)]),
                icon_name="tick",
                priority=5,
            ),
            ListingButton(
                "Say no",
                url=reverse("directory_claims:decline", args=[quote(instance.pk)]),
                icon_name="cross",
                priority=6,
            ),
        ]


class ClaimViewSet(ModelViewSet):
    """Claims are made on the site and decided here; nobody adds or edits them in the admin."""

    model = Claim
    name = "directory_claims"
    icon = "user"
    menu_label = "Claims"
    index_view_class = ClaimIndexView
    list_display = ["organisation", "claimant", "status", "created"]
    list_filter = ["status"]
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["message"]

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("approve/<str:pk>/", ApproveClaimView.as_view(), name="approve"),
            path("decline/<str:pk>/", DeclineClaimView.as_view(), name="decline"),
        ]


class DirectoryGroup(ViewSetGroup):
    items = (OrganisationViewSet, ServiceViewSet, ClaimViewSet)
    menu_icon = "group"
    menu_label = "Directory"
    menu_name = "directory"
    menu_order = 320


@hooks.register("register_admin_viewset")
def register_directory_viewsets():
    return DirectoryGroup()


@hooks.register("register_log_actions")
def register_directory_log_actions(actions):
    actions.register_action(
        "directory.listing.approve", "Approve listing", "Directory listing approved"
    )
    actions.register_action(
        "directory.listing.claim", "Agree claim", "A provider now looks after this listing"
    )
