"""What a web process does once, when its code has loaded and before its first request.

Python's garbage collector now and then looks at every object the process holds, to find cycles
no longer used. A Budget Circle worker holds about 280,000 objects after start-up (Django,
Wagtail, Whoosh, the URL patterns, the translations), almost all of which live as long as the
process; a page that makes many objects of its own (a finder's results, a topic's posts) set off
those full collections again and again, and each went through all of them (with them out of the
way, the heaviest pages took 3-10% less CPU time, measured alternately in one process).
``gc.freeze()`` moves what exists now out of the collector's sight (Python's documentation
suggests it for servers that fork, whose workers then keep sharing that memory). The cost: a
start-up object that later becomes garbage in a cycle is not collected, and start-up objects
are meant to last as long as the process.

Before that, each part does what it registered to do before serving (:data:`before_serving`):
the search reads its index's words into memory, so no visitor's first search pays for it.
"""

import gc
import logging
from collections.abc import Callable

logger = logging.getLogger(__name__)

#: What parts do once before the process serves, in the order they registered (from their
#: ``AppConfig.ready``). One that fails is logged: the process serves all the same.
before_serving: list[Callable[[], None]] = []


def settle() -> None:
    from django.urls import get_resolver

    from pbsite.caching import begin_memos

    get_resolver().url_patterns  # noqa: B018 (imports every part's views now, not on a request)
    begin_memos()  # a write, here rather than on a request (pbsite.caching.Memo)
    for step in before_serving:
        try:
            step()
        except Exception:
            logger.exception("%s failed before serving; serving without it", step.__qualname__)
    gc.freeze()
