"""Pools in the Wagtail admin, for moderators: find a public pool and hide it (or show it again).
Pools shared only by link are never listed; moderators reach one only through a report in
the moderation queue."""

from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.admin.views.generic import EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from accounts.admin_permissions import ModeratorsPolicy

from .models import Pool, Visibility

register_permission_policy(Pool, ModeratorsPolicy(Pool, actions=("view", "change")))


def public_pools(queryset):
    return queryset.filter(visibility=Visibility.PUBLIC)


class PoolIndexView(IndexView):
    def get_base_queryset(self):
        return public_pools(super().get_base_queryset()).select_related("coordinator")


class PoolEditView(EditView):
    def get_queryset(self):
        return public_pools(Pool.objects.all())


class PoolViewSet(ModelViewSet):
    """Tick "hidden" and save to take a pool off the board; untick it to put it back."""

    model = Pool
    name = "pools"
    url_prefix = "pools"
    icon = "group"
    menu_label = gettext_lazy("Pools")
    menu_order = 320
    add_to_admin_menu = True
    index_view_class = PoolIndexView
    edit_view_class = PoolEditView
    copy_view_enabled = False
    list_display = [
        "title",
        "category",
        "state",
        "coordinator",
        BooleanColumn("hidden"),
        "created_at",
    ]
    list_filter = ["state", "category", "hidden"]
    search_fields = ["title"]
    ordering = ["-created_at"]
    form_fields = ["hidden"]


@hooks.register("register_admin_viewset")
def register_pools():
    return PoolViewSet()
