import django_filters
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from .models import Topic


class TopicFilter(django_filters.FilterSet):
    show = django_filters.ChoiceFilter(
        label=_("Show"),
        empty_label=_("All topics, latest first"),
        choices=[
            ("unanswered", _("Questions with no replies yet")),
            ("solved", _("Solved questions")),
        ],
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
