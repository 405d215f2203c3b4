"""Registries the parts plug into, so the shared mechanisms never import the parts.

- ``personal_data``: what each app exports for "download my data" and erases on "delete my account".
- ``demo_content``: the loaders ``manage.py load_demo`` runs, in order.
- ``daily_jobs``: the tasks the worker's schedule enqueues once a day (``pbsite.tasks``).
- ``navigation``: the header's main links, one a part (``pbsite.context_processors``).
- ``header_counts``: the numbers the header shows a signed-in person (unread notifications,
  unread messages), all read in one query.

Health checks have their registry in ``pbsite.health`` and search kinds in ``search.registry``.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class PersonalDataSection:
    name: str
    export: Callable[[Any], Any] | None
    erase: Callable[[Any], None]
    order: int = 50


@dataclass
class PersonalDataRegistry:
    sections: dict[str, PersonalDataSection] = field(default_factory=dict)

    def register(
        self, name: str, *, export: Callable | None, erase: Callable, order: int = 50
    ) -> None:
        """``erase`` runs in ``order`` (lower first), then in the order the parts registered:
        a part that hands something on before the others erase (a group's coordinator role)
        registers with a low order."""
        self.sections[name] = PersonalDataSection(name, export, erase, order)

    def export(self, user) -> dict[str, Any]:
        return {
            name: section.export(user)
            for name, section in self.sections.items()
            if section.export is not None
        }

    def erase(self, user) -> None:
        for section in sorted(self.sections.values(), key=lambda section: section.order):
            section.erase(user)


@dataclass(order=True)
class DemoLoader:
    order: int
    name: str = field(compare=False)
    load: Callable[[Any], None] = field(compare=False)


@dataclass
class DemoContentRegistry:
    loaders: list[DemoLoader] = field(default_factory=list)

    def register(self, name: str, load: Callable, *, order: int = 50) -> None:
        """``load(stdout)`` must be idempotent: ``load_demo`` may run it again."""
        self.loaders = [loader for loader in self.loaders if loader.name != name]
        self.loaders.append(DemoLoader(order, name, load))

    def __iter__(self):
        return iter(sorted(self.loaders))


@dataclass
class DailyJob:
    name: str
    task: Any  # a django-tasks Task taking no arguments
    at: datetime.time


@dataclass
class DailyJobRegistry:
    jobs: dict[str, DailyJob] = field(default_factory=dict)

    def register(self, name: str, task, *, at: datetime.time = datetime.time(6, 0)) -> None:
        """Enqueue ``task`` once a day, at the first schedule tick after ``at`` (local time)."""
        self.jobs[name] = DailyJob(name, task, at)

    def __iter__(self):
        return iter(self.jobs.values())


personal_data = PersonalDataRegistry()
demo_content = DemoContentRegistry()
daily_jobs = DailyJobRegistry()


@dataclass(order=True)
class NavigationLink:
    order: int
    title: str = field(compare=False)
    url: str = field(compare=False)  # a path, or a lazy reverse()


@dataclass
class NavigationRegistry:
    """The header's main navigation: each part registers its own front door in ``ready()``,
    so the shared layer never names a part's address. Iterating gives ``(title, url)`` pairs,
    lowest ``order`` first."""

    links: list[NavigationLink] = field(default_factory=list)

    def register(self, title, url, *, order: int = 50) -> None:
        self.links = [link for link in self.links if str(link.title) != str(title)]
        self.links.append(NavigationLink(order, title, url))

    def __iter__(self):
        return iter([(str(link.title), str(link.url)) for link in sorted(self.links)])

    def __len__(self) -> int:
        return len(self.links)


navigation = NavigationRegistry()


#: Stands for the person's id while the header's SQL is built; replaced by the real id each time.
_PERSON = -7_654_321


@dataclass
class HeaderCountRegistry:
    """The numbers beside the header's links for a signed-in person. Each part registers a name
    (the template variable) and a function from a person's id (an ``OuterRef`` when read
    together) to a queryset of the rows to count. ``for_user`` reads every count in one query,
    however many parts register one: a query each was a fifth of a simple page's time.

    The query is the same on every signed-in page but for the person, so its SQL is built by
    the ORM once per process and database (with a stand-in id) and then only run: building it
    each time was 2 ms, half of what a page's header costs (``make bench-pages``)."""

    rows: dict[str, Callable[[Any], Any]] = field(default_factory=dict)
    _statements: dict[str, tuple[str, list]] = field(default_factory=dict, repr=False)

    def register(self, name: str, rows: Callable[[Any], Any]) -> None:
        self.rows[name] = rows
        self._statements.clear()

    def for_user(self, user) -> dict[str, int]:
        from django.db import connection

        if not self.rows:
            return {}
        sql, params = self._statement(connection)
        with connection.cursor() as cursor:
            cursor.execute(sql, [user.pk if param == _PERSON else param for param in params])
            row = cursor.fetchone()
        # No row: the person was deleted while the page was being made.
        return dict(zip(self.rows, row or [0] * len(self.rows), strict=True))

    def _statement(self, connection) -> tuple[str, list]:
        if connection.alias not in self._statements:
            queryset = self._counts(_PERSON)
            sql, params = queryset.query.get_compiler(connection=connection).as_sql()
            self._statements[connection.alias] = (sql, list(params))
        return self._statements[connection.alias]

    def _counts(self, person_id):
        from django.contrib.auth import get_user_model
        from django.db.models import F, Func, IntegerField, OuterRef, Subquery

        counts = {
            # COUNT as a plain function, not an aggregate: no GROUP BY, one row however many.
            name: Subquery(
                rows(OuterRef("pk"))
                .order_by()
                .values(count=Func(F("pk"), function="COUNT", output_field=IntegerField()))
            )
            for name, rows in self.rows.items()
        }
        return get_user_model().objects.filter(pk=person_id).values(**counts)


header_counts = HeaderCountRegistry()
