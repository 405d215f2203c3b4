"""Which Wagtail Site answers a request, without asking the database on every page view.

Wagtail's ``Site.find_for_request`` runs a query with a ranked ``ORDER BY`` on every page
served (it declined to cache it for everyone, wagtail#4142): a fifth of a small page's time.
The answer for a host and port changes only when a Site is saved or deleted, so each process
keeps it (:class:`pbsite.caching.Memo`), and ``SiteForPageViewsMiddleware`` hands it to Wagtail
the way Wagtail keeps its own answer for the rest of a request, ``request._wagtail_site``.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete, post_save
from django.http.request import split_domain_port
from wagtail.models import Site
from wagtail.models.sites import get_site_for_hostname
from wagtail.views import serve as serve_wagtail_page

from .caching import Memo
from .statements import by_id


def _site_row(hostname: str, port: int) -> tuple | None:
    """The answering Site's own columns, as Wagtail chooses it, and the content type of its root
    page, which never changes (None when no Site answers)."""
    try:
        site = get_site_for_hostname(hostname, port)
    except Site.DoesNotExist:
        return None
    columns = tuple(getattr(site, field.attname) for field in Site._meta.concrete_fields)
    return columns, site.root_page.content_type_id


_site_rows = Memo("sites", _site_row)


def site_for_request(request, *, root_page: bool = False) -> Site | None:
    """``Site.find_for_request``'s answer. Each request gets a Site object of its own, its root
    page not loaded (or, with ``root_page``, loaded as its own kind): Wagtail caches things on
    both, so they are never shared."""
    hostname = split_domain_port(request._get_raw_host())[0]
    row = _site_rows.get(hostname, request.get_port())
    if row is None:
        return None
    columns, root_type = row
    site = Site.from_db("default", [f.attname for f in Site._meta.concrete_fields], columns)
    # Wagtail's page view reads the root page, then the page as its kind (``.specific``): one
    # query does both. (A kind no longer in the code is left to Wagtail.)
    model = ContentType.objects.get_for_id(root_type).model_class() if root_page else None
    if model is not None:
        found = by_id(model).objects(pk=site.root_page_id)
        if not found:
            raise model.DoesNotExist(f"No {model.__name__} with id {site.root_page_id}.")
        site.root_page = found[0]
    return site


class SiteForPageViewsMiddleware:
    """Tells Wagtail's page view which Site answers, from the process's memory; and Wagtail's
    redirects, which look for a redirect for every page not found (``RedirectMiddleware``, before
    this one, so it sees the answer after it)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 404 and not hasattr(request, "_wagtail_site"):
            request._wagtail_site = site_for_request(request)
        return response

    def process_view(self, request, view, view_args, view_kwargs):
        if view is serve_wagtail_page and not hasattr(request, "_wagtail_site"):
            request._wagtail_site = site_for_request(request, root_page=True)


def connect() -> None:
    post_save.connect(_site_rows.forget, sender=Site, dispatch_uid="pbsite.sites.saved")
    post_delete.connect(_site_rows.forget, sender=Site, dispatch_uid="pbsite.sites.deleted")
