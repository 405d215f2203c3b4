"""Admin screens: editors manage the curated skills; moderators get a link to the checks queue."""

from django.urls import reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from accounts.permissions import is_moderator

from .models import Skill
from .vetting_admin import CodeOfConductViewSet, ReferenceViewSet


class SkillViewSet(SnippetViewSet):
    model = Skill
    icon = "tag"
    menu_label = "PA skills"
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "curated", "phrase"]
    list_filter = ["curated"]
    search_fields = ["name"]


register_snippet(SkillViewSet)
register_snippet(CodeOfConductViewSet)


@hooks.register("register_admin_viewset")
def register_reference_viewset():
    return ReferenceViewSet("pa_references")


class ModeratorsMenuItem(MenuItem):
    """The checks queue lets moderators in only: nobody else is shown a link to a 404."""

    def is_shown(self, request):
        return is_moderator(request.user)


@hooks.register("register_admin_menu_item")
def register_check_queue_menu_item():
    return ModeratorsMenuItem(
        "PA checks to verify",
        reverse("pa_register:check_queue"),
        icon_name="tick-inverse",
        order=310,
    )


@hooks.register("register_log_actions")
def register_check_log_actions(actions):
    actions.register_action(
        "pa_register.check.verify", "Verify PA check", "Marked a PA's check as verified"
    )
