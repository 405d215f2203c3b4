from django.apps import AppConfig


class PoolingConfig(AppConfig):
    name = "pooling"
    verbose_name = "Pooling board"

    def ready(self):
        from pbsite import live, moderation

        from .models import Pool

        moderation.register(
            Pool,
            label="group",
            author=lambda pool: pool.coordinator,
            hide=lambda pool: Pool.objects.filter(pk=pool.pk).update(hidden=True),
            summary=lambda pool: f"{pool.title}\n\n{pool.description}",
        )
        live.register_stream(
            "pool",
            lambda user, pool_id: Pool.objects.visible_to(user).filter(pk=pool_id).exists(),
        )
