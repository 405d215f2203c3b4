from django.apps import AppConfig
from wagtail.search import apps as wagtail_search_apps


class SiteSearchConfig(AppConfig):
    name = "search"
    label = "site_search"
    verbose_name = "Site search"
    default = True

    def ready(self):
        from pbsite.health import health_checks

        from .health import search_index_status

        health_checks.register("search_index", search_index_status)


class WagtailSearchOnCommitConfig(wagtail_search_apps.WagtailSearchAppConfig):
    """``wagtail.search`` as usual, but the index is written only after a commit
    (``search.indexing``): it stands in for ``wagtail.search`` in ``INSTALLED_APPS``."""

    default = False

    def ready(self):
        super().ready()
        from .indexing import use_after_commit_handlers

        use_after_commit_handlers()
