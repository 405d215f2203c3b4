"""The "Find a PA" and "PA wanted" filters (django-filter).

Kinds of support are "all of these": someone who ticks personal care and driving needs a PA who
does both. Several skills or times show PAs with any of them; the best-match order then puts
those with the most first and says which they have. Each box says which it is, in words. Other
filters narrow. On "PA wanted", a PA's ticked kinds show adverts needing any of them (they can
do each).
"""

from __future__ import annotations

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from django_filters import fields

from pbsite.areas import reach
from pbsite.filters import (
    DistrictFilter,
    FinderFilterSet,
    PoundsFilter,
    TextQueryFilter,
    WithinFilter,
    checkboxes,
)
from pbsite.request_parsing import clean_text

from . import availability
from .forms import MOST_HOURLY_RATE, THE_HOURLY_RATE, slots_from
from .models import Advert, CheckKind, Gender, PAProfile, Skill, SupportKind, WorkArrangement

SORTS = [
    ("best", "Best match"),
    ("near", "Nearest first"),
    ("recent", "Most recently confirmed"),
    ("rate", "Lowest rate first"),
]


class SkillsField(fields.ModelMultipleChoiceField):
    def clean(self, value):
        # No skill ticked: an empty list, not Django's ``queryset.none()``, whose truth test
        # (the filter's, the match's) builds and runs a query that asks nothing.
        if not value and not self.required:
            return []
        return super().clean(value)


class SkillsFilter(django_filters.ModelMultipleChoiceFilter):
    field_class = SkillsField


class PAFilter(FinderFilterSet):
    """Every filter on /register/. The free-text ``q`` and ``sort`` are applied by the view,
    because the search backend and the match score work on the filtered set, not in SQL."""

    q = TextQueryFilter(
        label=_("Search words"),
        method="keep",
        help_text=_("For example: autism, Polish, gardening."),
    )
    where = DistrictFilter(method="keep")
    within = WithinFilter(method="keep")
    skills = SkillsFilter(
        label=_("Skills"),
        help_text=_("We show PAs with any of the skills you tick, those with the most first."),
        queryset=Skill.objects.filter(curated=True),
        to_field_name="slug",
        method="filter_skills",
        widget=forms.CheckboxSelectMultiple,
    )
    kinds = checkboxes(
        "Kind of support",
        SupportKind.choices,
        "filter_kinds",
        help_text=_("We only show PAs who offer every kind you tick."),
    )
    days = checkboxes(
        "Days", availability.DAYS, "keep", help_text=_("We show PAs free on any day you tick.")
    )
    times = checkboxes(
        "Times of day",
        availability.PARTS,
        "keep",
        help_text=_("We show PAs free at any of these times."),
    )
    max_rate = PoundsFilter(
        label=_("Most you can pay an hour, in pounds"),
        amount_label=THE_HOURLY_RATE,
        most=MOST_HOURLY_RATE,
        method="filter_max_rate",
        help_text=_(
            "Many budgets pay a fixed hourly rate. Put yours here to see PAs who can work for it."
        ),
    )
    work = checkboxes("How they work", WorkArrangement.choices, "filter_work")
    language = django_filters.CharFilter(
        label=_("Language"),
        method="filter_language",
        max_length=40,
        help_text=_("For example: Polish, British Sign Language."),
    )
    gender = django_filters.ChoiceFilter(
        label=_("Gender"),
        choices=Gender.choices,
        empty_label=_("Any"),
    )
    short_notice = django_filters.BooleanFilter(
        label=_("Can cover at short notice"),
        method="filter_short_notice",
        widget=forms.CheckboxInput,
    )
    verified = checkboxes(
        "Only show PAs whose checks we have verified",
        [(kind.value, kind.label) for kind in CheckKind if kind != CheckKind.OTHER],
        "filter_verified",
        help_text=_(
            "We look at the certificate and mark it checked. Checks that are out of date "
            "do not count."
        ),
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"), choices=SORTS, method="keep", empty_label=None
    )

    class Meta:
        model = PAProfile
        fields = []

    def filter_skills(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(
            pk__in=PAProfile.skills.through.objects.filter(tag__in=value).values("content_object")
        )

    def filter_kinds(self, queryset, name, value):
        return queryset.offering_all(value) if value else queryset

    def filter_max_rate(self, queryset, name, value):
        return queryset.charging_at_most(value) if value is not None else queryset

    def filter_work(self, queryset, name, value):
        return queryset.working_as_any(value) if value else queryset

    def filter_language(self, queryset, name, value):
        value = clean_text(value)
        return queryset.speaking(value) if value else queryset

    def filter_short_notice(self, queryset, name, value):
        return queryset.filter(short_notice=True) if value else queryset

    def filter_verified(self, queryset, name, value):
        return queryset.with_current_verified(value) if value else queryset

    def filter_queryset(self, queryset):
        given = queryset
        queryset = super().filter_queryset(queryset)
        data = self.form.cleaned_data
        if data.get("where"):
            queryset = queryset.covering_any(reach(data["where"], data.get("within") or 0))
        slots = self.slots()
        if slots:
            queryset = queryset.free_at_any(availability.to_mask(slots))
        # Whether any filter narrowed the profiles: each hands back the very queryset it was
        # given when its box is empty (django-filter's own filters do too). Not narrowed, a
        # page of them may be read by SQL kept for it (``finding.listed_page``).
        self.narrowed = queryset is not given
        return queryset

    def slots(self) -> list[str]:
        return self.slots_from_data(self.form.cleaned_data)

    @staticmethod
    def slots_from_data(data: dict) -> list[str]:
        return slots_from(data.get("days"), data.get("times"))


class AdvertFilter(django_filters.FilterSet):
    where = DistrictFilter(method="filter_where")
    kinds = checkboxes(
        "Kind of support",
        SupportKind.choices,
        "filter_kinds",
        help_text=_("We show adverts that need any kind you tick."),
    )
    emergency = django_filters.BooleanFilter(
        label=_("Only emergencies"), method="filter_emergency", widget=forms.CheckboxInput
    )

    class Meta:
        model = Advert
        fields = []

    def filter_where(self, queryset, name, value):
        return queryset.filter(district__in=value.districts) if value else queryset

    def filter_kinds(self, queryset, name, value):
        from .models import _json_list_has_any

        return queryset.filter(_json_list_has_any("kinds", value)) if value else queryset

    def filter_emergency(self, queryset, name, value):
        return queryset.filter(emergency=True) if value else queryset
