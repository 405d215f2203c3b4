"""Helpers every part's views share for their forms."""


def posted(request):
    """The form data to bind: the POST on a POST, else None (an unbound form).

    Not ``request.POST or None``: an empty POST is falsy, so the form would stay unbound and
    say nothing, and the person would not learn what to fill in."""
    return request.POST if request.method == "POST" else None
