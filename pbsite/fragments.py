"""Parts of a page rendered once per process for the values they show.

The guide list renders a card template for each of thirty guides on every view, the glossary a
dozen tags for each of its words: most of those pages' time, for HTML that changes only when an
editor changes what it shows. Such a part's HTML depends only on those values, the language and
the code, so each process keeps it under a digest of the first two: an edit changes the values
and so the key, and new code comes with new processes. There is nothing to forget and nothing
is ever stale, as long as ``shows`` holds every value the template reads.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

#: Enough for every filter of the guide list in every language; the oldest goes first.
KEPT_AT_MOST = 500

_kept: OrderedDict[str, str] = OrderedDict()
_lock = threading.Lock()


def render_once(template_name: str, context: dict, *, shows) -> SafeString:
    """``render_to_string(template_name, context)``, kept for the values in ``shows`` (any
    value whose ``repr`` says all of it: strings, numbers, tuples of them)."""
    return written_once(
        lambda: render_to_string(template_name, context), shows=(template_name, shows)
    )


def written_once(write: Callable[[], str], *, shows) -> SafeString:
    """The HTML ``write()`` gives, kept for the values in ``shows`` as :func:`render_once` keeps
    a template's: for a part of a page written in Python. ``shows`` begins with a name for what
    is written (not a template's name), and holds every value ``write`` reads."""
    key = hashlib.sha256(repr((get_language(), shows)).encode()).hexdigest()
    with _lock:
        html = _kept.get(key)
        if html is not None:
            _kept.move_to_end(key)
            return mark_safe(html)
    html = write()
    with _lock:
        _kept[key] = html
        if len(_kept) > KEPT_AT_MOST:
            _kept.popitem(last=False)
    return mark_safe(html)
