"""Meetings in the Wagtail admin, for moderators: venues and their access facts, every meeting
(hide or cancel one, hand it to another organiser), and the holders approved to organise.
Access needs and RSVPs are never listed here: only a meeting's organiser sees them, on the site."""

from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from .models import Meeting, OrganiserApproval, Venue


class VenueViewSet(ModelViewSet):
    model = Venue
    icon = "site"
    menu_label = "Venues"
    copy_view_enabled = False
    list_display = ["name", "postcode", "step_free", "accessible_toilet", "hearing_loop"]
    list_filter = ["step_free", "changing_places", "hearing_loop", "quiet_room"]
    search_fields = ["name", "address", "postcode"]


class MeetingViewSet(ModelViewSet):
    model = Meeting
    icon = "date"
    menu_label = "Meetings"
    copy_view_enabled = False
    list_display = ["title", "starts_at", "format", "organiser", "cancelled", "hidden"]
    list_filter = ["format", "topic", "cancelled", "hidden"]
    search_fields = ["title"]
    ordering = ["-starts_at"]


class OrganiserApprovalViewSet(ModelViewSet):
    """Holders a moderator said may organise (peer buddies and moderators need no approval)."""

    model = OrganiserApproval
    icon = "user"
    menu_label = "Approved organisers"
    copy_view_enabled = False
    list_display = ["user", "active", "approved_at", "approved_by"]
    list_filter = ["active"]


class MeetingsAdminGroup(ModelViewSetGroup):
    menu_label = "Meetings"
    menu_icon = "date"
    menu_order = 320
    items = (MeetingViewSet, VenueViewSet, OrganiserApprovalViewSet)


@hooks.register("register_admin_viewset")
def register_meetings_admin():
    return MeetingsAdminGroup()
