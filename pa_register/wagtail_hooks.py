"""Admin screens: editors manage the curated skills; moderators work the checks and endorsements
queues (``queue_admin``)."""

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Skill
from .queue_admin import CheckQueueViewSet, EndorsementQueueViewSet
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


@hooks.register("register_admin_viewset")
def register_check_queue():
    return CheckQueueViewSet()


@hooks.register("register_admin_viewset")
def register_endorsement_queue():
    return EndorsementQueueViewSet()


@hooks.register("register_log_actions")
def register_check_log_actions(actions):
    actions.register_action(
        "pa_register.check.verify", "Verify PA check", "Marked a PA's check as verified"
    )
