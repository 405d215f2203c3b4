"""Adverts a group posts: one "PA wanted" advert for a PA several people share.

The register knows no group of its own. A part above it (the pooling board) registers a
:class:`GroupSource` here in its ``AppConfig.ready()``, and the register asks it which group an
advert belongs to, whom a reply reaches and what a group's advert starts with. Without one, no
advert is a group's and everything below still works.

The query parameter ``?pool=<id>`` on the new advert page names the group to advertise for.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

#: The query parameter (and hidden form field) naming the group a new advert is for.
GROUP_PARAM = "pool"


@dataclass
class GroupSource:
    #: ``for_advertising(user, group_id)``: the open group with this id that ``user`` may
    #: advertise for, or None.
    for_advertising: Callable[[Any, int], Any]
    #: ``initial(group)``: what the advert form starts with (title, details, district).
    initial: Callable[[Any], dict]
    #: ``link(advert, group)``: record that a newly saved advert is this group's.
    link: Callable[[Any, Any], None]
    #: ``group_of(advert)``: the group behind a saved advert, or None.
    group_of: Callable[[Any], Any]
    #: ``members(group)``: the people (users) a reply to the group's advert reaches.
    members: Callable[[Any], Iterable]
    #: ``prefetch(queryset)``: the adverts queryset with what ``group_of`` reads joined in.
    prefetch: Callable[[Any], Any] = lambda queryset: queryset


class GroupRegistry:
    def __init__(self):
        self.source: GroupSource | None = None

    def register(self, source: GroupSource) -> None:
        self.source = source

    def for_advertising(self, user, group_id: int):
        return self.source.for_advertising(user, group_id) if self.source else None

    def initial(self, group) -> dict:
        return self.source.initial(group) if self.source and group is not None else {}

    def link(self, advert, group) -> None:
        if self.source and group is not None:
            self.source.link(advert, group)

    def group_of(self, advert):
        return self.source.group_of(advert) if self.source and advert.pk else None

    def members(self, group) -> list:
        return list(self.source.members(group)) if self.source and group is not None else []

    def prefetch(self, queryset):
        return self.source.prefetch(queryset) if self.source else queryset


advert_groups = GroupRegistry()
