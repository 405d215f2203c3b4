"""The search index's health, as /healthz reports it."""

from django.conf import settings


def search_index_status():
    """True when the configured backend answers a search; a string explaining trouble otherwise."""
    from modelsearch.backends import get_search_backend

    backend = get_search_backend()
    status = getattr(backend, "health", None)
    if callable(status):
        return status()
    return settings.SEARCH_BACKEND == "database" or "unknown backend"
