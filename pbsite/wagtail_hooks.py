"""The shared mechanisms in the Wagtail admin: the moderation queue and its audit-log actions."""

from wagtail import hooks

from .moderation_admin import ModerationViewSet
from .tasks_admin import TaskResultViewSet


@hooks.register("register_admin_viewset")
def register_moderation_queue():
    return ModerationViewSet()


@hooks.register("register_admin_viewset")
def register_task_results():
    return TaskResultViewSet()


@hooks.register("register_log_actions")
def register_moderation_log_actions(actions):
    actions.register_action(
        "budgetcircle.report.dismiss", "Dismiss report", "Report dismissed by a moderator"
    )
    actions.register_action(
        "budgetcircle.report.hide", "Hide reported content", "Content hidden after a report"
    )
    actions.register_action(
        "budgetcircle.report.suspend",
        "Suspend author",
        "Author suspended after a report",
    )
