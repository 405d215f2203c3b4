import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Count, F, Q

from pbsite.areas import district_of

from .models import Category, MembershipStatus, PaysWith, Pool, Weekday
from .rules import PoolState

OPEN_STATES = [PoolState.FORMING, PoolState.VIABLE, PoolState.AGREED, PoolState.ACTIVE]


class PostcodeFilter(django_filters.CharFilter):
    """A postcode or district; matches pools that list that district."""

    def filter(self, qs, value):
        if not value:
            return qs
        district = district_of(value)
        # JSON list membership works the same on SQLite and PostgreSQL as a quoted substring.
        return qs.filter(districts__icontains=f'"{district}"')


class PoolFilter(django_filters.FilterSet):
    postcode = PostcodeFilter(
        label="Your postcode or area",
        help_text="For example OX4 1AA, or just OX4.",
        max_length=12,
    )
    category = django_filters.ChoiceFilter(
        choices=Category.choices, label="Kind of thing", empty_label="Any kind"
    )
    weekday = django_filters.ChoiceFilter(
        choices=Weekday.choices, label="Day", empty_label="Any day"
    )
    pays_with = django_filters.ChoiceFilter(
        choices=PaysWith.choices,
        label="How you pay",
        empty_label="Any way",
        method="filter_pays_with",
    )
    places_left = django_filters.BooleanFilter(
        label="Only groups with places left",
        method="filter_places_left",
        widget=forms.CheckboxInput,
    )

    class Meta:
        model = Pool
        fields = ["postcode", "category", "weekday", "pays_with", "places_left"]

    def filter_pays_with(self, qs, name, value):
        # JSON list membership, written the same way on SQLite and PostgreSQL (as for districts).
        return qs.filter(payment_routes__icontains=f'"{value}"') if value else qs

    def filter_places_left(self, qs, name, value):
        if not value:
            return qs
        return qs.filter(member_count__lt=F("max_members"))

    def filter_queryset(self, queryset):
        try:
            return super().filter_queryset(queryset)
        except ValidationError as error:
            self.form.add_error("postcode", error)
            return queryset.none()


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
