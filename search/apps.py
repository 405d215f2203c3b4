from django.apps import AppConfig
from wagtail.search import apps as wagtail_search_apps


class SiteSearchConfig(AppConfig):
    name = "search"
    label = "site_search"
    verbose_name = "Site search"
    default = True

    def ready(self):
        import datetime

        from pbsite.health import health_checks
        from pbsite.registry import daily_jobs
        from pbsite.startup import before_serving

        from .health import search_index_status
        from .site import warm_search_index
        from .spelling import rebuild_vocabulary

        health_checks.register("search_index", search_index_status)
        # Also rebuilt 15 minutes after content changes (search.spelling.content_changed).
        daily_jobs.register("spelling vocabulary", rebuild_vocabulary, at=datetime.time(4, 0))
        before_serving.append(warm_search_index)


class WagtailSearchOnCommitConfig(wagtail_search_apps.WagtailSearchAppConfig):
    """``wagtail.search`` as usual, but the index is written only after a commit
    (``search.indexing``): it stands in for ``wagtail.search`` in ``INSTALLED_APPS``."""

    default = False

    def ready(self):
        super().ready()
        from .indexing import use_after_commit_handlers

        use_after_commit_handlers()
