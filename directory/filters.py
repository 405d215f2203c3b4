"""The "Find support" filters (django-filter).

Ticking several boxes in one group (days, ways to pay, where it happens) shows services with
any of them, and each group's hint says so: these are alternatives for one person (I could pay
this way or that, go on Monday or Tuesday), unlike the PA register's kinds of support, which
are needs a PA must meet together. Each group, and every other filter, narrows. Free text and
the order are applied by ``finding``, because the search backend works on the filtered set,
not in SQL.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

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

from .models import (
    DELIVERY_CHOICES,
    PAYMENT_CHOICES,
    WEEKDAYS,
    Service,
    TaxonomyTerm,
)

SORTS = [("best", "Best match"), ("fresh", "Most recently confirmed")]
# With a place, "best match" puts the nearest first, then the best words.
MOST_POUNDS = 10_000  # a price above this is a typing slip


class ServiceFilter(FinderFilterSet):
    q = TextQueryFilter(
        label=_("Search words"),
        method="keep",
        help_text=_("For example: gardening, art, lunch club."),
    )
    where = DistrictFilter(method="keep")
    within = WithinFilter(method="keep")
    category = django_filters.ModelChoiceFilter(
        label=_("Kind of support"),
        queryset=TaxonomyTerm.objects.categories(),
        to_field_name="code",
        method="filter_category",
        empty_label=_("Any kind"),
    )
    free = django_filters.BooleanFilter(
        label=_("Only free things"), method="filter_free", widget=forms.CheckboxInput
    )
    min_cost = PoundsFilter(
        label=_("Lowest price, in pounds"),
        method="keep",
        amount_label=_("the lowest price"),
        most=MOST_POUNDS,
    )
    max_cost = PoundsFilter(
        label=_("Highest price, in pounds"),
        amount_label=_("the highest price"),
        most=MOST_POUNDS,
        method="keep",
        help_text=_("We show services with at least one price between the two amounts."),
    )
    pay = checkboxes(
        "How you pay",
        PAYMENT_CHOICES,
        "filter_pay",
        help_text=_(
            "Tick every way you could pay: we show services that take any of them. Not sure? "
            "Ask your council or support planner how your budget is paid."
        ),
    )
    delivery = checkboxes(
        "Where it happens",
        DELIVERY_CHOICES,
        "filter_delivery",
        help_text=_("Tick every place that suits you: we show services in any of them."),
    )
    days = checkboxes(
        "Days",
        WEEKDAYS,
        "filter_days",
        help_text=_("Tick every day you could go: we show services on any of them."),
    )
    language = django_filters.CharFilter(
        label=_("Language"),
        method="filter_language",
        max_length=40,
        help_text=_("For example: Polish, British Sign Language."),
    )
    shareable = django_filters.BooleanFilter(
        label=_("A group can share it"),
        method="filter_shareable",
        widget=forms.CheckboxInput,
        help_text=_("Things a few people can buy together and share the cost."),
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"), choices=SORTS, method="keep", empty_label=None
    )

    class Meta:
        model = Service
        fields = []

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.form.clean = self._clean_form(self.form.clean)

    def _clean_form(self, original):
        def clean():
            data = original()
            low, high = data.get("min_cost"), data.get("max_cost")
            if low is not None and high is not None and low > high:
                self.form.add_error(
                    "max_cost", _("The highest price must be more than the lowest price.")
                )
            return data

        return clean

    def filter_category(self, queryset, name, value):
        return queryset.in_category(value) if value else queryset

    def filter_free(self, queryset, name, value):
        return queryset.free() if value else queryset

    def filter_pay(self, queryset, name, value):
        query = Q()
        for code in value:
            query |= Q(**{f"accepts_{code}": True})
        return queryset.filter(query) if value else queryset

    def filter_delivery(self, queryset, name, value):
        query = Q()
        for field in value:
            query |= Q(**{field: True})
        return queryset.filter(query) if value else queryset

    def filter_days(self, queryset, name, value):
        return queryset.running_on(value) if value else queryset

    def filter_language(self, queryset, name, value):
        value = clean_text(value)
        return queryset.speaking(value) if value else queryset

    def filter_shareable(self, queryset, name, value):
        return queryset.filter(shareable_by_group=True) if value else queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        data = self.form.cleaned_data
        if data.get("where"):
            queryset = queryset.covering_any(reach(data["where"], data.get("within") or 0))
        low, high = data.get("min_cost"), data.get("max_cost")
        if low is not None or high is not None:
            queryset = queryset.costing_between(low, high)
        return queryset
