"""Finding support: the filtered set, free text and the order, in a fixed number of database
queries however many services match.

1. the filters narrow ``Service.objects.listed()`` in SQL (django-filter);
2. free text, if any, asks the search backend (Whoosh or the database) for matching services,
   best first, and keeps only those;
3. the order: listings not confirmed for a while sink below fresh ones, whatever the sort; then
   by how well the words matched ("best match") or by when the provider last confirmed;
4. the page being shown is read with its organisation and category (one query) and its costs,
   days, areas and languages (one query each).
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict

from django.db import DatabaseError, transaction
from django.db.models import Case, F, IntegerField, Model, Value, When

from pbsite.areas import describe_distance, miles_by_district
from pbsite.fragments import render_once
from pbsite.prefetching import as_lists, attach_lists
from pbsite.statements import Statement
from search.site import finder_matches

from .freshness import POLICY, freshness_note
from .models import (
    DELIVERY_FIELDS,
    PAYMENT_FIELDS,
    CostOption,
    Language,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
)

TEXT_MATCH_LIMIT = 500
logger = logging.getLogger("budgetcircle.directory")


def text_matches(query: str, *, every_word: bool = False) -> list:
    """Listed services whose words match, best first: the site search's own parsing and
    matching rule (``search.site.finder_matches``), ranked before the limit is taken."""
    try:
        with transaction.atomic():  # a savepoint: a backend error must not spoil the request
            operator = "and" if every_word else "or"
            return finder_matches(query, "directory", TEXT_MATCH_LIMIT, operator=operator)
    except DatabaseError:
        logger.exception("The search backend failed on %r", query)
        return []


#: What a service's listing shows of its related rows, loaded as lists
#: (``Service.cost_option_rows()`` and the rest read them).
SERVICE_DETAILS = ("cost_options", "schedules", "service_areas", "languages")
#: The yes-or-no columns whose labels a result card shows (where it happens, how to pay).
CARD_FLAGS = (
    *(field for field, _label in DELIVERY_FIELDS),
    *(field for field, _label in PAYMENT_FIELDS),
)
#: What a result card shows of a service (``card_shows``), read with nothing else.
CARD_FIELDS = (
    "uuid",
    "name",
    "description",
    *CARD_FLAGS,
    "shareable_by_group",
    "organisation__slug",
    "organisation__name",
    "organisation__kind",
    "organisation__last_confirmed",
    "category__name",
)


def with_details(queryset, details=SERVICE_DETAILS):
    """Everything a result or a listing shows, in a fixed number of queries."""
    return queryset.select_related("organisation", "category__taxonomy").prefetch_related(
        *as_lists(*details)
    )


def search(service_filter, on=None, matched=None):
    """Every listed, matching service, in order, as a queryset ready to paginate. ``matched``:
    the services the free text matched, best first (``text_matches``), if it was asked."""
    data = service_filter.form.cleaned_data
    queryset = service_filter.qs.listed(on)
    sinking = Case(
        When(organisation__last_confirmed__lte=POLICY.stale_on_or_before(on), then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )
    order = [sinking]
    place = data.get("where")
    if place is not None:
        queryset = queryset.with_miles(miles_by_district(place, data.get("within") or 0))
        if (data.get("sort") or "best") == "best":
            order.append(F("miles").asc(nulls_last=True))
    if data.get("q"):
        ids = text_matches(data["q"]) if matched is None else matched
        queryset = queryset.filter(pk__in=ids)
        if (data.get("sort") or "best") == "best" and ids:
            order.append(
                Case(
                    *[When(pk=pk, then=Value(rank)) for rank, pk in enumerate(ids)],
                    output_field=IntegerField(),
                )
            )
    order += ["-organisation__last_confirmed", "name", "pk"]
    return queryset.order_by(*order).select_related("organisation", "category").only(*CARD_FIELDS)


class Search:
    """A search's queryset and its first page's SQL (with one row more, see ``FirstPageRead``),
    built once per process for what it asks: building the filtered, ordered query with its
    subqueries was half of Find support's work, the same each time the same search is made
    (the page with no filters is the same for everyone; a search is paged, and made again)."""

    def __init__(self, queryset, per_page: int):
        self.queryset, self.per_page = queryset, per_page
        self.first_page = Statement(lambda: queryset[: per_page + 1])


#: Enough for the searches most made in a day; the least recently made goes first.
SEARCHES_KEPT_AT_MOST = 200
_searches: OrderedDict[tuple, Search] = OrderedDict()
_searches_lock = threading.Lock()


def kept_search(service_filter, per_page: int, on) -> Search:
    """``search(service_filter, on)`` for its first page, kept under everything its SQL reads:
    the day (what is listed, what has sunk), the filters' cleaned values (a category by its
    id) and the services the free text matched (the search index changes as services do).
    Built afresh, and not kept, for a value with no plain, hashable form."""
    data = service_filter.form.cleaned_data
    matched = text_matches(data["q"]) if data.get("q") else None
    values = tuple((name, _plain(value)) for name, value in sorted(data.items()))
    key = (on, per_page, values, None if matched is None else tuple(matched))
    try:
        hash(key)
    except TypeError:
        return Search(search(service_filter, on, matched), per_page)
    with _searches_lock:
        found = _searches.get(key)
        if found is not None:
            _searches.move_to_end(key)
            return found
    made = Search(search(service_filter, on, matched), per_page)
    with _searches_lock:
        _searches[key] = made
        if len(_searches) > SEARCHES_KEPT_AT_MOST:
            _searches.popitem(last=False)
    return made


def _plain(value):
    """A cleaned value as its SQL reads it: a row by its id, a list as a tuple."""
    if isinstance(value, Model):
        return (value._meta.label, value.pk)
    if isinstance(value, list):
        return tuple(value)
    return value


class FirstPageRead:
    """Results whose first page is read at once, with one row more: when that is all of them
    (most searches near a place find fewer than a page), counting them needs no query. A
    sequence, so the paginator can count and slice it."""

    def __init__(self, search: Search):
        # A copy: the kept search's queryset is shared by every request and thread, and a
        # queryset keeps the rows it was once iterated for.
        self.queryset, self.per_page = search.queryset.all(), search.per_page
        self.first = search.first_page.objects()

    def count(self) -> int:
        if len(self.first) <= self.per_page:
            return len(self.first)
        return self.queryset.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, key):
        if isinstance(key, slice) and (key.start or 0) == 0 and key.stop <= self.per_page:
            return self.first[key]
        return self.queryset[key]


def read_card_facts(services) -> None:
    """Attach what each card says of a service's prices, times and areas, read as values in
    three queries: rows made into objects (each with its own identifier, a UUID) for one
    line of text each were a fifth of the page."""
    ids = [service.pk for service in services]
    if not ids:
        return
    costs = _by_service(_CARD_COSTS.rows(services=ids))
    times = _by_service(_CARD_TIMES.rows(services=ids))
    areas = _by_service(_CARD_AREAS.rows(services=ids))
    for service in services:
        service.card_costs = [CostOption.text_of(*row) for row in costs.get(service.pk, ())]
        service.card_times = [Schedule.text_of(*row) for row in times.get(service.pk, ())]
        service.card_districts = [district for (district,) in areas.get(service.pk, ()) if district]


def _rows_of(model, *fields) -> Statement:
    """The rows of ``model`` for a list of services, as tuples of the service's id and
    ``fields``, in the model's order: SQL built once per process for each length of list (a
    page's worth). Filtered through the service's own id (the same SQL as ``service_id__in``):
    a foreign key's ``__in`` prepares each id through the relation, some 13 calls an id."""
    return Statement(
        lambda services: model.objects.filter(service__id__in=services).values_list(
            "service_id", *fields
        ),
        "services",
    )


_CARD_COSTS = _rows_of(CostOption, "amount_pence", "unit", "description")
_CARD_TIMES = _rows_of(Schedule, "byday", "opens_at", "closes_at", "description")
_CARD_AREAS = _rows_of(ServiceArea, "district")


def _by_service(rows) -> dict[int, list[tuple]]:
    """Rows that begin with a service's id, as lists of the rest for each service."""
    found: dict[int, list[tuple]] = {}
    for service_id, *values in rows:
        found.setdefault(service_id, []).append(tuple(values))
    return found


def read_details(services) -> None:
    """What a listing shows of each service's related rows (``SERVICE_DETAILS`` and its
    venues), as the lists ``pbsite.prefetching.rows`` reads: by SQL built once per process
    for each number of services, not five prefetches built on every view (two fifths of a
    listing's work)."""
    ids = [service.pk for service in services]
    if not ids:
        return
    for relation, statement in _DETAILS:
        attach_lists(services, relation, statement.objects(services=ids), "service_id")


def _details_of(queryset) -> Statement:
    """``queryset``'s rows for a list of services, in the model's order (as a prefetch reads
    them)."""
    return Statement(lambda services: queryset.filter(service_id__in=services), "services")


_DETAILS = [
    ("cost_options", _details_of(CostOption.objects.all())),
    ("schedules", _details_of(Schedule.objects.all())),
    ("service_areas", _details_of(ServiceArea.objects.all())),
    ("languages", _details_of(Language.objects.all())),
    ("service_at_locations", _details_of(ServiceAtLocation.objects.select_related("location"))),
]


def describe(service: Service, on=None, place=None) -> Service:
    """Attach what templates show about freshness and distance (no further queries). Pass
    ``on`` (today) when describing many: working out the day each time is most of the work."""
    miles = getattr(service, "miles", None)
    service.distance_note = describe_distance(miles, place) if place is not None else ""
    service.freshness_note = freshness_note(service.organisation.last_confirmed, on)
    service.is_stale = service.organisation.freshness(on).value != "fresh"
    return service


def card(service: Service) -> str:
    """A described service's result card (directory/_result.html), rendered once per process
    for what it shows: the first page of Find support is the same for everyone."""
    return render_once("directory/_result.html", {"service": service}, shows=card_shows(service))


def card_shows(service: Service) -> tuple:
    """Every value the card shows: plain strings, or the codes and flags whose labels the card
    shows (an organisation's kind, how it is delivered and paid for), as the labels come with
    the code and the language, which the fragment's key has already."""
    organisation, category = service.organisation, service.category
    return (
        str(service.uuid),
        organisation.slug,
        service.name,
        organisation.name,
        organisation.kind,
        category.name if category else None,
        service.description,
        tuple(service.card_costs),
        tuple(getattr(service, field) for field in CARD_FLAGS),
        tuple(service.card_districts),
        str(service.distance_note),
        tuple(service.card_times),
        service.shareable_by_group,
        service.is_stale,
        str(service.freshness_note),
    )
