"""Admin screens that moderators, and only they, work: a Wagtail permission policy that asks
``is_moderator`` rather than Django's model permissions, so the queues need no group set-up."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.permission_policies.base import BasePermissionPolicy

from .models import Role
from .permissions import is_moderator


class ModeratorsPolicy(BasePermissionPolicy):
    """Moderators (and site admins) may do ``actions`` ("view", "change"...); nobody else may
    do anything, and nobody may do what is not listed."""

    def __init__(self, model, actions=("view",)):
        super().__init__(model)
        self.actions = frozenset(actions)

    def user_has_permission(self, user, action):
        return action in self.actions and is_moderator(user)

    def users_with_any_permission(self, actions):
        users = get_user_model().objects
        if not self.actions.intersection(actions):
            return users.none()
        return users.filter(
            Q(is_superuser=True) | Q(groups__name=Role.MODERATOR.value), is_active=True
        ).distinct()
