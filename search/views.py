from django.shortcuts import render


def search(request):
    """Site-wide search: filled in by the search issue; for now it says what it will do."""
    query = request.GET.get("q", "")[:200]
    return render(request, "search/search.html", {"query": query})
