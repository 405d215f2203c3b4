import datetime

import django_filters
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pbsite.areas import describe_distance, miles_from
from pbsite.filters import DistrictFilter, WithinFilter, districts_asked_for

from . import rules
from .models import Format, Meeting, Topic

WHEN_CHOICES = [("week", _("This week")), ("month", _("This month"))]


class MeetingFilter(django_filters.FilterSet):
    postcode = DistrictFilter(method="keep")
    within = WithinFilter(method="keep")
    format = django_filters.ChoiceFilter(
        choices=Format.choices, label=_("Online or in person"), empty_label=_("Either")
    )
    topic = django_filters.ChoiceFilter(
        choices=Topic.choices, label=_("Topic"), empty_label=_("Any topic")
    )
    when = django_filters.ChoiceFilter(
        choices=WHEN_CHOICES, label=_("When"), empty_label=_("Any time"), method="filter_when"
    )

    class Meta:
        model = Meeting
        fields = ["postcode", "within", "format", "topic", "when"]

    def keep(self, qs, name, value):
        return qs

    def filter_when(self, qs, name, value):
        if not value:
            return qs
        today = timezone.localdate()
        _first, last = (rules.week_range if value == "week" else rules.month_range)(today)
        end = rules.london_time(last + datetime.timedelta(days=1), datetime.time(0, 0))
        return qs.filter(starts_at__lt=end)

    def filter_queryset(self, queryset):
        try:
            queryset = super().filter_queryset(queryset)
        except ValidationError as error:
            self.form.add_error("postcode", error)
            return queryset.none()
        districts = districts_asked_for(self.form.cleaned_data)
        if districts is not None:
            # Online meetings are for anyone, wherever they live.
            queryset = queryset.filter(Q(venue__district__in=districts) | Q(format=Format.ONLINE))
        return queryset


def listing_queryset():
    return (
        Meeting.objects.listed().upcoming().select_related("venue", "series").order_by("starts_at")
    )


def nearest_first(meetings, place) -> list:
    """In-person meetings nearest first (soonest first among equals), then online ones."""
    meetings = list(meetings)
    for meeting in meetings:
        meeting.miles = miles_from(place, [meeting.district]) if meeting.district else None
        meeting.distance_note = describe_distance(meeting.miles, place)
    meetings.sort(key=lambda m: (m.miles is None, m.miles or 0, m.starts_at))
    return meetings
