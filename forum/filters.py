import django_filters
from django.db.models import F

from .models import Topic


class TopicFilter(django_filters.FilterSet):
    show = django_filters.ChoiceFilter(
        label="Show",
        empty_label="All topics, latest first",
        choices=[("unanswered", "Questions with no replies yet"), ("solved", "Solved questions")],
        method="filter_show",
    )

    class Meta:
        model = Topic
        fields = ["show"]

    def filter_show(self, queryset, name, value):
        if value == "unanswered":
            return queryset.filter(reply_count=0)
        if value == "solved":
            return queryset.filter(solved_post__isnull=False)
        return queryset

    @property
    def qs(self):
        return super().qs.order_by(F("pinned").desc(), F("last_activity").desc())
