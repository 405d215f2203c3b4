from django.core.paginator import Paginator


def paginate(request, items, *, per_page: int = 20):
    """A page of ``items``; a missing, junk or huge ``?page=`` gives the nearest real page."""
    raw = request.GET.get("page", "1")
    number = int(raw) if raw.isdigit() and len(raw) < 7 else 1
    return Paginator(items, per_page).get_page(number)
