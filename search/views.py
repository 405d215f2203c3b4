from urllib.parse import urlencode

from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from pbsite.pagination import paginate
from pbsite.request_parsing import number_param

from .forms import SearchForm
from .registry import site_search
from .site import QueryTooLong, autocomplete, spell_checked_results

RESULTS_PER_PAGE = 10


@require_GET
def search(request):
    form = SearchForm(request.GET if "q" in request.GET else None)
    context = {"form": form, "search_query": request.GET.get("q", "")[:200]}
    if form.is_valid() and form.cleaned_data["q"]:
        context.update(
            run_search(
                request,
                form.cleaned_data["q"],
                form.cleaned_data["kind"],
                everything=form.cleaned_data["everything"],
            )
        )
    return render(request, "search/search.html", context)


def run_search(request, query: str, kind: str, everything: bool = False) -> dict:
    """The results page's context (with the corrected search when the typed one found nothing)."""
    # The page asked for decides how deep the one search per kind ranks.
    depth = number_param(request.GET, "page", default=1) * RESULTS_PER_PAGE
    results = spell_checked_results(
        query, request.user, kind=kind or None, everything=everything, depth=depth
    )
    keep = {"everything": "1"} if everything else {}
    query = results.query
    page = paginate(request, results, per_page=RESULTS_PER_PAGE)
    context = {
        "query": query,
        "kind": kind,
        "results": results,
        "page": page,
        "suggestion": results.suggestion,
        "corrected_from": results.corrected_from,
        "querystring": urlencode({"q": query, **({"kind": kind} if kind else {}), **keep}),
        "query_only": urlencode({"q": query, **keep}),
        "everything_query": urlencode({"q": query, "everything": "1"}),
        "focus_label": results.focus_label,
    }
    if not results.total:
        context["popular"] = popular_things()
        context["help_links"] = [kind.nothing_found for kind in site_search if kind.nothing_found]
    return context


def popular_things() -> list[tuple[str, list]]:
    """What the empty-results page offers instead: the kinds' own picks (popular guides), each
    kind's under its own heading."""
    groups = []
    for kind in site_search:
        if kind.popular and (things := [kind.describe(obj) for obj in kind.popular()]):
            groups.append((kind.popular_heading or kind.label, things))
    return groups


@require_GET
def suggest(request):
    """Autocomplete for the search box: JSON, and only ever what this person may see."""
    try:
        suggestions = autocomplete(request.GET.get("q", ""), request.user)
    except QueryTooLong:
        suggestions = []
    return JsonResponse({"suggestions": suggestions})
