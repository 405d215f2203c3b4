"""The Open Referral UK (v3) API: read-only, anonymous JSON under /directory/api/.

Only what anyone may find on the site is published (``Service.objects.listed()``). Every
response, errors included, is JSON and carries ``Access-Control-Allow-Origin: *``, as the
standard asks, so other directories can read it from a browser (``ApiResponsesMiddleware``).
Its OpenAPI document is at /directory/api/openapi.json (``openapi.py``).
"""

from __future__ import annotations

import datetime
import math
import uuid
from functools import wraps

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Q
from django.http import JsonResponse
from django.urls import reverse
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.timezone import is_naive, make_aware
from django.views.decorators.csrf import csrf_exempt

from pbsite.areas import district_of
from pbsite.request_parsing import number_param

from . import finding, openapi, oruk
from .models import WEEKDAY_NAMES, Service, ServiceAtLocation, Taxonomy, TaxonomyTerm
from .vocabulary import ensure_facts

DEFAULT_PER_PAGE = 20
MAX_PER_PAGE = 100
# Day names people send as well as the standard's codes.
DAY_WORDS = {name.lower(): code for code, name in WEEKDAY_NAMES.items()}


class BadRequest(Exception):
    """A parameter we cannot use; the message says which and why."""


API_PREFIX = "/directory/api/"
READ_METHODS = ("GET", "HEAD")
ALLOW = "GET, HEAD, OPTIONS"


def open_api(view):
    """GET and HEAD only (a JSON 405 otherwise), and a plain JSON 400 for bad parameters.

    No CSRF check: nothing here changes anything, and a POST should hear "405, use GET",
    not an HTML page about cookies.
    """

    @csrf_exempt
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in READ_METHODS:
            return json_error(405)
        try:
            return view(request, *args, **kwargs)
        except BadRequest as error:
            return JsonResponse({"error": str(error)}, status=400)

    return wrapper


# What a client is told when something other than our views answers (Django's 404 for an
# unknown path, a 403, the 500 handler, a rate limit).
ERROR_WORDS = {
    403: "That is not allowed. This API only reads: use GET.",
    404: "There is nothing at this address. The API's paths are listed in its OpenAPI "
    "document, /directory/api/openapi.json.",
    405: "This API only reads: use GET (or HEAD).",
    429: "Too many requests. Please wait a minute, then try again.",
    500: "Something went wrong on our side. Please try again in a few minutes.",
}
#: Headers of an error response that still mean something once its body is JSON.
KEPT_HEADERS = ("Allow", "Retry-After", "Location")


def json_error(status: int, reason: str = "") -> JsonResponse:
    words = ERROR_WORDS.get(status) or reason or "That did not work."
    response = JsonResponse({"error": words}, status=status)
    if status == 405:
        response["Allow"] = ALLOW
    return response


class ApiResponsesMiddleware:
    """Every answer under /directory/api/ is JSON with ``Access-Control-Allow-Origin: *``.

    It answers a browser's preflight (OPTIONS) itself, and turns an HTML error from elsewhere
    in Django (an unknown path, the server-error page, a refusal by another middleware) into
    the same ``{"error": ...}`` our views send, keeping its status. First in ``MIDDLEWARE``,
    so nothing answers around it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(API_PREFIX):
            return self.get_response(request)
        if request.method == "OPTIONS":
            response = JsonResponse({"allow": ALLOW.split(", ")})
            response["Allow"] = ALLOW
            response["Access-Control-Allow-Methods"] = ALLOW
            if asked := request.headers.get("Access-Control-Request-Headers"):
                response["Access-Control-Allow-Headers"] = asked
            response["Access-Control-Max-Age"] = "86400"
        else:
            response = self.get_response(request)
            if response.status_code >= 400 and not is_json(response):
                original = response
                response = json_error(original.status_code, original.reason_phrase)
                for header in KEPT_HEADERS:
                    if header in original:
                        response[header] = original[header]
        response["Access-Control-Allow-Origin"] = "*"
        return response


def is_json(response) -> bool:
    return response.get("Content-Type", "").split(";")[0].strip() == "application/json"


def not_found(what: str) -> JsonResponse:
    return JsonResponse({"error": f"No {what} with that id."}, status=404)


# --- Parameters ---


def whole_number(request, name: str, default: int, *, low: int, high: int) -> int:
    if not request.GET.get(name, ""):
        return default
    if (number := number_param(request.GET, name)) is None:
        raise BadRequest(f"“{name}” must be a whole number, like 2.")
    return max(low, min(number, high))


def uuid_param(request, name: str) -> uuid.UUID | None:
    raw = request.GET.get(name, "")
    if not raw:
        return None
    try:
        return uuid.UUID(raw)
    except ValueError:
        raise BadRequest(f"“{name}” must be a UUID.") from None


def moment_param(request, name: str) -> datetime.datetime | None:
    raw = request.GET.get(name, "")
    if not raw:
        return None
    try:
        moment = parse_datetime(raw)
        if moment is None and (day := parse_date(raw)) is not None:
            moment = datetime.datetime.combine(day, datetime.time())
    except ValueError:
        moment = None
    if moment is None:
        raise BadRequest(f"“{name}” must be a date and time, like 2025-01-31T09:00:00Z.")
    return make_aware(moment) if is_naive(moment) else moment


def day_param(request) -> str | None:
    raw = request.GET.get("day", "").strip()
    if not raw:
        return None
    code = raw.upper() if raw.upper() in WEEKDAY_NAMES else DAY_WORDS.get(raw.lower())
    if code is None:
        raise BadRequest("“day” must be a day like MO, TU, or Monday.")
    return code


def district_param(request) -> str | None:
    raw = request.GET.get("postcode", "")
    if not raw:
        return None
    try:
        return district_of(raw)
    except ValidationError:
        raise BadRequest("“postcode” must be a UK postcode, like OX4 1AA, or OX4.") from None


# --- Paging ---


def paged(request, queryset, to_record) -> JsonResponse:
    """The standard's page envelope around one page of ``queryset``."""
    per_page = whole_number(request, "per_page", DEFAULT_PER_PAGE, low=1, high=MAX_PER_PAGE)
    total = queryset.count()
    total_pages = max(1, math.ceil(total / per_page))
    page = whole_number(request, "page", 1, low=1, high=total_pages)
    items = list(queryset[(page - 1) * per_page : page * per_page])
    return JsonResponse(
        {
            "total_items": total,
            "total_pages": total_pages,
            "page_number": page,
            "size": len(items),
            "first_page": page == 1,
            "last_page": page == total_pages,
            "empty": not items,
            "contents": [to_record(item) for item in items],
        }
    )


# --- Endpoints ---


@open_api
def root(request):
    return JsonResponse(
        {
            "version": oruk.HSDS_VERSION,
            "profile": oruk.PROFILE_URL,
            "openapi_url": request.build_absolute_uri(reverse("directory:api_openapi")),
        }
    )


@open_api
def openapi_document(request):
    """The OpenAPI 3.1 document of this API, with this site's address as its server."""
    api_root = request.build_absolute_uri(reverse("directory:api_root"))
    return JsonResponse(openapi.document(api_root), json_dumps_params={"ensure_ascii": False})


@open_api
def unknown_path(request, rest):
    return json_error(404)


def published_services():
    return finding.with_details(Service.objects.listed()).prefetch_related(
        Prefetch(
            "service_at_locations",
            queryset=ServiceAtLocation.objects.select_related("location"),
        )
    )


def _terms_with_taxonomy() -> dict:
    facts = ensure_facts()
    taxonomy = next(iter(facts.values())).taxonomy
    for term in facts.values():
        term.taxonomy = taxonomy
    return facts


@open_api
def services(request):
    queryset = published_services()
    if words := request.GET.get("search", "").strip()[:200]:
        queryset = queryset.filter(pk__in=finding.text_matches(words, every_word=True))
    if term_id := uuid_param(request, "taxonomy_term_id"):
        queryset = queryset.filter(with_term(term_id))
    if taxonomy_id := uuid_param(request, "taxonomy_id"):
        queryset = queryset.filter(category__taxonomy_id=taxonomy_id)
    if after := moment_param(request, "modified_after"):
        queryset = queryset.filter(last_modified__gte=after)
    if day := day_param(request):
        queryset = queryset.running_on([day])
    if district := district_param(request):
        queryset = queryset.covering(district)
    terms = _terms_with_taxonomy()
    return paged(
        request,
        queryset.order_by("name", "pk"),
        lambda service: oruk.service_record(service, terms),
    )


def with_term(term_id) -> Q:
    """A service's category, or one of the Budget Circle facts it carries."""
    from .vocabulary import FACTS, fixed_id

    query = Q(category_id=term_id) | Q(category__parent_id=term_id)
    for fact in FACTS:
        if fact.link_type == "service" and fixed_id("term", "budgetcircle", fact.code) == term_id:
            if fact.field == "checks":
                query |= Q(checks__icontains=f'"{fact.value}"')
            elif fact.field in ("minimum_purchase", "who_for"):
                query |= ~Q(**{fact.field: ""})
            elif fact.field == "max_group_size":
                query |= Q(max_group_size__isnull=False)
            else:
                query |= Q(**{fact.field: True})
    return query


@open_api
def service_detail(request, service_id):
    service = published_services().filter(uuid=service_id).first()
    if service is None:
        return not_found("service")
    return JsonResponse(oruk.service_record(service, _terms_with_taxonomy()))


@open_api
def taxonomies(request):
    return paged(request, Taxonomy.objects.order_by("name", "pk"), oruk.taxonomy_record)


@open_api
def taxonomy_detail(request, taxonomy_id):
    taxonomy = Taxonomy.objects.filter(pk=taxonomy_id).first()
    if taxonomy is None:
        return not_found("taxonomy")
    record = oruk.taxonomy_record(taxonomy)
    record["taxonomy_terms"] = [
        oruk.term_record(term) for term in taxonomy.terms.select_related("taxonomy")
    ]
    return JsonResponse(record)


def _terms():
    return TaxonomyTerm.objects.select_related("taxonomy").order_by("taxonomy__name", "name", "pk")


@open_api
def taxonomy_terms(request):
    queryset = _terms()
    if taxonomy_id := uuid_param(request, "taxonomy_id"):
        queryset = queryset.filter(taxonomy_id=taxonomy_id)
    return paged(request, queryset, oruk.term_record)


@open_api
def taxonomy_term_detail(request, term_id):
    term = _terms().filter(pk=term_id).first()
    return JsonResponse(oruk.term_record(term)) if term else not_found("taxonomy term")


def published_venue_links():
    """Only venue services have a place to publish; a home-visit service has none."""
    return ServiceAtLocation.objects.filter(
        service__in=Service.objects.listed(), service__at_venue=True
    ).select_related("location", "service__organisation")


def service_at_location_record(link) -> dict:
    service = oruk.service_summary(link.service)
    service["organization"] = oruk.organisation_record(link.service.organisation)
    return {
        "id": str(link.id),
        "service_id": str(link.service.uuid),
        "location_id": str(link.location_id),
        "service": service,
        "location": oruk.location_record(link.location),
    }


@open_api
def service_at_locations(request):
    queryset = published_venue_links()
    if district := district_param(request):
        queryset = queryset.filter(service__in=Service.objects.covering(district))
    if day := day_param(request):
        queryset = queryset.filter(service__in=Service.objects.running_on([day]))
    return paged(request, queryset.order_by("service__name", "pk"), service_at_location_record)


@open_api
def service_at_location_detail(request, link_id):
    link = published_venue_links().filter(pk=link_id).first()
    if link is None:
        return not_found("service at location")
    return JsonResponse(service_at_location_record(link))
