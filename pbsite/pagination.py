from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

from .request_parsing import number_param


def paginate(request, items, *, per_page: int = 20) -> Page:
    """A page of ``items``. A missing or junk ``?page=`` (see ``request_parsing``) gives the
    first page; one past the end gives the last."""
    number = number_param(request.GET, "page", default=1)
    paginator = Paginator(items, per_page)
    if number == 1 and isinstance(items, QuerySet):
        return _first_page(paginator, items, per_page)
    return paginator.get_page(number)


def _first_page(paginator: Paginator, items: QuerySet, per_page: int) -> Page:
    """The first page of a query, read with one row more than it shows: most lists (a
    person's messages, the advisers' questions) fit on it, and then the rows read are the
    count, with no COUNT query. A longer list is counted, and its first page is not read
    again."""
    rows = list(items[: per_page + 1])
    if len(rows) <= per_page:
        paginator.count = len(rows)  # Paginator.count is a cached property: this is its value
    return Page(rows[:per_page], 1, paginator)


def query_without_page(query) -> str:
    """The query string of a list's page (a ``QueryDict``) without ``page=``: what the next and
    previous links, and a saved search, keep. In templates: ``{% query_without_page %}``."""
    kept = query.copy()
    kept.pop("page", None)
    return kept.urlencode()
