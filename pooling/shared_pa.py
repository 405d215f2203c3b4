"""A group's shared PA, advertised through the PA register.

The register knows no pools: it asks ``pa_register.groups.advert_groups``, and this module is
what pooling registers there (``pooling.apps``). The link between an advert and its group is
pooling's own row, :class:`~pooling.models.GroupAdvert`.
"""

from __future__ import annotations

from .models import GroupAdvert, Pool
from .rules import PoolState
from .services import members

OPEN_STATES = (PoolState.FORMING, PoolState.VIABLE, PoolState.AGREED, PoolState.ACTIVE)


def pool_advertising_for_pa(user, pool_id) -> Pool | None:
    """The open pool ``user`` coordinates with this id, for a group "PA wanted" advert."""
    return Pool.objects.filter(pk=pool_id, coordinator=user, state__in=OPEN_STATES).first()


def group_advert_initial(pool: Pool) -> dict:
    """What the register's advert form starts with when a group advertises for a shared PA."""
    size = members(pool).count()
    return {
        "title": f"Shared PA for our group: {pool.title}"[:120],
        "details": (
            f"We are a group of {size} people who will share one PA, each of us employing them "
            f"for our own hours. What we do together: {pool.description}"
        )[:2000],
        "district": pool.districts[0] if pool.districts else "",
    }


def link_advert(advert, pool: Pool) -> None:
    GroupAdvert.objects.create(advert=advert, pool=pool)


def pool_of(advert) -> Pool | None:
    link = getattr(advert, "group_link", None)  # None when the advert is one person's
    return link.pool if link is not None else None


def member_people(pool: Pool) -> list:
    return [membership.user for membership in members(pool)]


def with_pools(adverts):
    return adverts.select_related("group_link__pool")


def source():
    from pa_register.groups import GroupSource

    return GroupSource(
        for_advertising=pool_advertising_for_pa,
        initial=group_advert_initial,
        link=link_advert,
        group_of=pool_of,
        members=member_people,
        prefetch=with_pools,
    )
