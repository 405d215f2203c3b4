"""What the site search may show from the directory: services anyone can find."""

from pbsite.choices import label_of
from search.registry import SearchHit, hit_summary

from . import freshness as freshness_rules
from .models import Organisation, Service, service_address

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
    organisation = service.organisation
    return _service_hit(
        service.name,
        service.description,
        service.get_absolute_url(),
        organisation.name,
        organisation.get_kind_display(),
    )


#: What a service's hit shows, read as plain values (see ``describe_service_values``).
SERVICE_VALUES = (
    "name",
    "description",
    "uuid",
    "organisation__slug",
    "organisation__name",
    "organisation__kind",
)


def describe_service_values(row: dict) -> SearchHit:
    """``describe_service`` from a row of ``SERVICE_VALUES``: the address built as
    ``Service.get_absolute_url`` builds it, the kind named as ``get_kind_display`` names it."""
    return _service_hit(
        row["name"],
        row["description"],
        service_address(row["organisation__slug"], row["uuid"]),
        row["organisation__name"],
        label_of(Organisation._meta.get_field("kind"), row["organisation__kind"]),
    )


def _service_hit(name, description, url, organisation_name, organisation_kind) -> SearchHit:
    return SearchHit(
        title=name,
        url=url,
        summary=hit_summary(description),
        meta=f"{organisation_name} · {organisation_kind}",
    )
