from django.apps import AppConfig


class PoolingConfig(AppConfig):
    name = "pooling"
    verbose_name = "Pooling board"

    def ready(self):
        from django.urls import reverse_lazy
        from django.utils.translation import gettext_lazy as _

        from pa_register.groups import advert_groups
        from pbsite import live, moderation
        from pbsite.registry import demo_content, navigation, personal_data
        from search.registry import SearchHit, same_for_everyone
        from search.registry import register as register_search

        from . import demo, privacy, services, shared_pa
        from .filters import OPEN_STATES, pools_near
        from .models import Pool

        navigation.register(_("Pooling board"), reverse_lazy("pooling:board"), order=50)

        moderation.register(
            Pool,
            label=_("group"),
            author=lambda pool: pool.coordinator,
            hide=lambda pool: Pool.objects.filter(pk=pool.pk).update(hidden=True),
            summary=lambda pool: f"{pool.title}\n\n{pool.description}",
        )
        # Only members (and the coordinator) hear about joins, votes and changes live.
        live.register_stream("pool", services.is_member_or_coordinator)
        register_search(
            "pools",
            "Groups buying together",
            Pool,
            visible_to=lambda user: Pool.objects.on_board().filter(state__in=OPEN_STATES),
            visibility_depends_on=same_for_everyone,
            describe=lambda pool: SearchHit(
                title=pool.title,
                url=pool.get_absolute_url(),
                summary=pool.description,
                meta=f"{pool.get_category_display()} · {', '.join(pool.districts)}",
            ),
            order=60,
            kind_words=(
                "group",
                "groups",
                "club",
                "class",
                "classes",
                "buy together",
                "buying together",
                "pool",
                "pools",
                "share",
            ),
            kind_boost=1.3,
            near=pools_near,
            plural="Groups buying together",
        )
        advert_groups.register(shared_pa.source())
        personal_data.register("pools", export=privacy.export, erase=privacy.erase)
        personal_data.register(
            "pool_coordinator_handover", export=None, erase=privacy.hand_over, order=10
        )
        demo_content.register("pools", demo.load, order=80)
