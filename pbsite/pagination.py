from django.core.paginator import Paginator

from .request_parsing import number_param


def paginate(request, items, *, per_page: int = 20):
    """A page of ``items``. A missing or junk ``?page=`` (see ``request_parsing``) gives the
    first page; one past the end gives the last."""
    number = number_param(request.GET, "page", default=1)
    return Paginator(items, per_page).get_page(number)
