"""What the site search may show from the directory: services anyone can find."""

from search.registry import SearchHit

from . import freshness as freshness_rules
from .models import Service

#: Words that ask for local support (with a place, only services there are shown).
SERVICE_WORDS = (
    "group",
    "groups",
    "club",
    "clubs",
    "class",
    "classes",
    "activity",
    "activities",
    "provider",
    "providers",
    "service",
    "services",
    "support group",
    "support groups",
    "day centre",
)

#: Everyday words for what services offer, as their listings put it.
WORDS = {
    **dict.fromkeys(
        ("computer", "laptop", "ipad", "smartphone", "mobile", "internet"),
        ("tech", "phone", "tablet"),
    ),
    "gym": ("exercise", "fitness"),
}


def services_near(queryset, districts):
    return queryset.covering_any(districts)


def visible_services_depend_on(user):
    """What the listed rule reads: the day, to work out how recently a listing must have been
    confirmed."""
    return freshness_rules.POLICY.hidden_on_or_before()


def visible_services(user):
    """Running, not hidden, from an approved listing confirmed within the last 6 months."""
    return Service.objects.listed().select_related("organisation")


def describe_service(service: Service) -> SearchHit:
    about = " ".join(service.description.split())
    return SearchHit(
        title=service.name,
        url=service.get_absolute_url(),
        summary=about[:200] + ("…" if len(about) > 200 else ""),
        meta=f"{service.organisation.name} · {service.organisation.get_kind_display()}",
    )
