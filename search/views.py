from urllib.parse import urlencode

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
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
    if results.total:
        context["hit_items"] = hit_items(page.object_list)
    else:
        context["popular"] = popular_things()
        context["help_links"] = [kind.nothing_found for kind in site_search if kind.nothing_found]
    return context


#: One hit of the results list. Written in Python rather than as a loop in search.html: ten
#: hits of a few tags each cost the Django template language more than the search itself.
#: Byte for byte what the loop wrote (tests/search/test_site_search.py keeps them the same).
HIT_ITEM = (
    '<li class="search-result">\n'
    '      <p class="search-result__kind">{kind_label}</p>\n'
    '      <h3 class="search-result__title"><a href="{url}">{title}</a></h3>\n'
    "      {snippet}\n"
    "      {meta}\n"
    "    </li>"
)


def hit_items(hits) -> SafeString:
    """The ``<li>`` of each hit, each value escaped as ``{{ value }}`` escapes it."""
    items = []
    for hit in hits:
        snippet = meta = ""
        if hit.snippet:
            snippet = f'<p class="search-result__snippet">{conditional_escape(hit.snippet)}</p>'
        if hit.meta:
            meta = f'<p class="meta">{conditional_escape(hit.meta)}</p>'
        items.append(
            HIT_ITEM.format(
                kind_label=conditional_escape(hit.kind_label),
                url=conditional_escape(hit.url),
                title=conditional_escape(hit.title),
                snippet=snippet,
                meta=meta,
            )
        )
    return mark_safe("".join(f"\n    {item}\n    " for item in items))


def popular_things() -> list[tuple[str, list]]:
    """What the empty-results page offers instead: the kinds' own picks (popular guides), each
    kind's under its own heading."""
    groups = []
    for kind in site_search:
        if kind.popular and (things := [kind.describe_found(obj) for obj in kind.popular()]):
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
