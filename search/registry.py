"""What the site-wide search covers: each part registers its public kinds of content here.

    from search.registry import register

    register(
        "guides", "Guides", GuidePage,
        visible_to=lambda user: GuidePage.objects.live().public(),
        describe=lambda page: SearchHit(title=page.title, url=page.url, summary=page.summary),
    )

``visible_to(user)`` returns the queryset this person may see (anonymous users included); the
search page only ever searches inside it, so private, hidden or unpublished things never show.
``popular()`` (optional) returns a few things worth offering when a search finds nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class SearchHit:
    title: str
    url: str
    summary: str = ""
    meta: str = ""


@dataclass
class SearchableKind:
    key: str
    label: str
    model: type
    visible_to: Callable
    describe: Callable[[object], SearchHit]
    order: int = 50
    popular: Callable | None = None


@dataclass
class SearchRegistry:
    kinds: dict[str, SearchableKind] = field(default_factory=dict)

    def register(
        self, key, label, model, *, visible_to, describe, order: int = 50, popular=None
    ) -> None:
        self.kinds[key] = SearchableKind(key, label, model, visible_to, describe, order, popular)

    def __iter__(self):
        return iter(sorted(self.kinds.values(), key=lambda kind: (kind.order, kind.label)))

    def get(self, key: str) -> SearchableKind | None:
        return self.kinds.get(key)


site_search = SearchRegistry()
register = site_search.register
