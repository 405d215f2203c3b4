import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Count, F, Q
from django.utils.translation import gettext_lazy as _

from pbsite.areas import describe_distance, miles_from
from pbsite.filters import DistrictFilter, WithinFilter, districts_asked_for

from .models import Category, MembershipStatus, PaysWith, Pool, Weekday
from .rules import PoolState

OPEN_STATES = [PoolState.FORMING, PoolState.VIABLE, PoolState.AGREED, PoolState.ACTIVE]


def _listing_any(districts) -> Q:
    # JSON list membership works the same on SQLite and PostgreSQL as a quoted substring.
    query = Q()
    for district in sorted(districts):
        query |= Q(districts__icontains=f'"{district}"')
    return query


class PoolFilter(django_filters.FilterSet):
    postcode = DistrictFilter(method="keep")
    within = WithinFilter(method="keep")
    category = django_filters.ChoiceFilter(
        choices=Category.choices, label=_("Kind of thing"), empty_label=_("Any kind")
    )
    weekday = django_filters.ChoiceFilter(
        choices=Weekday.choices, label=_("Day"), empty_label=_("Any day")
    )
    pays_with = django_filters.ChoiceFilter(
        choices=PaysWith.choices,
        label=_("How you pay"),
        empty_label=_("Any way"),
        method="filter_pays_with",
    )
    places_left = django_filters.BooleanFilter(
        label=_("Only groups with places left"),
        method="filter_places_left",
        widget=forms.CheckboxInput,
    )

    class Meta:
        model = Pool
        fields = ["postcode", "within", "category", "weekday", "pays_with", "places_left"]

    def keep(self, qs, name, value):
        return qs

    def filter_pays_with(self, qs, name, value):
        # JSON list membership, written the same way on SQLite and PostgreSQL (as for districts).
        return qs.filter(payment_routes__icontains=f'"{value}"') if value else qs

    def filter_places_left(self, qs, name, value):
        if not value:
            return qs
        return qs.filter(member_count__lt=F("max_members"))

    def filter_queryset(self, queryset):
        try:
            queryset = super().filter_queryset(queryset)
        except ValidationError as error:
            self.form.add_error("postcode", error)
            return queryset.none()
        districts = districts_asked_for(self.form.cleaned_data)
        if districts is not None:
            queryset = queryset.filter(_listing_any(districts))
        return queryset


def pools_near(queryset, districts):
    """Pools listing any of these districts (for the site search's "group near Witney")."""
    return queryset.filter(_listing_any(districts))


def nearest_first(pools, place) -> list:
    """Pools in order of distance from ``place`` (newest first among equals), each with a
    ``distance_note`` ("about 4 miles away")."""
    pools = list(pools)
    for pool in pools:
        pool.miles = miles_from(place, pool.districts or [])
        pool.distance_note = describe_distance(pool.miles, place)
    pools.sort(key=lambda pool: float("inf") if pool.miles is None else pool.miles)
    return pools


def board_queryset():
    return (
        Pool.objects.on_board()
        .filter(state__in=OPEN_STATES)
        .annotate(
            member_count=Count("memberships", filter=Q(memberships__status=MembershipStatus.MEMBER))
        )
        .select_related("coordinator")
        .order_by("-created_at")
    )
