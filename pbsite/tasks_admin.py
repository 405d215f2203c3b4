"""The task queue in the Wagtail admin, read-only: what ran, what waits and what failed."""

from django_tasks_db.models import DBTaskResult
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy


class ViewOnlyPolicy(ModelPermissionPolicy):
    """Results are written by the worker alone: people may look, never add, change or delete."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)


class TaskResultViewSet(ModelViewSet):
    model = DBTaskResult
    name = "background_tasks"
    url_prefix = "background-tasks"
    icon = "resubmit"
    menu_label = "Background tasks"
    add_to_settings_menu = True
    list_display = ["task_path", "status", "enqueued_at", "finished_at", "exception_class_path"]
    list_filter = ["status", "task_path"]
    ordering = ["-enqueued_at"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "task_path",
        "status",
        "args_kwargs",
        "enqueued_at",
        "run_after",
        "started_at",
        "finished_at",
        "return_value",
        "exception_class_path",
        "traceback",
    ]
    exclude_form_fields = []


register_permission_policy(DBTaskResult, ViewOnlyPolicy(DBTaskResult))
