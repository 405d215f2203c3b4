from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = "Directory"

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from django.urls import reverse_lazy
        from django.utils.translation import gettext_lazy as _

        from pbsite import moderation
        from pbsite.filters import choices_read_from
        from pbsite.registry import daily_jobs, demo_content, navigation, personal_data
        from search.registry import register as register_search

        from . import demo, privacy, searching, tasks
        from .forms import forget_categories
        from .models import Organisation, Service, Taxonomy, TaxonomyTerm

        choices_read_from(Taxonomy, TaxonomyTerm)  # the categories on Find support
        for model in (Taxonomy, TaxonomyTerm):  # and on the service form
            for signal in (post_save, post_delete):
                signal.connect(
                    forget_categories,
                    sender=model,
                    dispatch_uid=f"directory.categories.{model.__name__}.{signal is post_save}",
                )

        navigation.register(_("Directory"), reverse_lazy("directory:find"), order=30)

        moderation.register(
            Organisation,
            label=_("directory listing"),
            author=lambda organisation: organisation.owners.first(),
            hide=lambda organisation: organisation.hide(),
            summary=lambda organisation: f"{organisation.name}: {organisation.description}",
        )
        moderation.register(
            Service,
            label=_("service in the directory"),
            author=lambda service: service.organisation.owners.first(),
            hide=lambda service: service.hide(),
            summary=lambda service: (
                f"{service.name} ({service.organisation.name}): {service.description}"
            ),
        )
        register_search(
            "directory",
            "Providers and community support",
            Service,
            visible_to=searching.visible_services,
            visibility_depends_on=searching.visible_services_depend_on,
            describe=searching.describe_service,
            # A hit shows six values: a service and its organisation as models cost more.
            hit_values=searching.SERVICE_VALUES,
            describe_values=searching.describe_service_values,
            order=30,
            kind_words=searching.SERVICE_WORDS,
            kind_boost=1.3,
            near=searching.services_near,
            plural="Local support",
            synonyms=searching.WORDS,
        )
        personal_data.register("directory", export=privacy.export, erase=privacy.erase)
        daily_jobs.register("directory freshness reminders", tasks.send_freshness_reminders)
        demo_content.register("directory", demo.load, order=50)
