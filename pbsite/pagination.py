from django.core.paginator import Paginator

from .request_parsing import number_param


def paginate(request, items, *, per_page: int = 20):
    """A page of ``items``. A missing or junk ``?page=`` (see ``request_parsing``) gives the
    first page; one past the end gives the last."""
    number = number_param(request.GET, "page", default=1)
    return Paginator(items, per_page).get_page(number)


def query_without_page(query) -> str:
    """The query string of a list's page (a ``QueryDict``) without ``page=``: what the next and
    previous links, and a saved search, keep. In templates: ``{% query_without_page %}``."""
    kept = query.copy()
    kept.pop("page", None)
    return kept.urlencode()
