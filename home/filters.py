"""Filtering the guide list by topic and by who a guide is for (GET, so it works without JS)."""

from __future__ import annotations

import django_filters
from django.core.cache import caches
from django.utils.translation import gettext_lazy as _

from pbsite.fragments import render_once
from pbsite.view_restrictions import public

from .models import Audience, GuidePage, GuidePageTag, Stage

TOPICS_KEY = "guide-topics"
# The topic list is asked for on every view of the guide list (twice when a filter is wrong),
# and was a fifth of its time: each process keeps it a minute. A topic that a newly published
# guide brings shows in the list up to a minute later.
TOPICS_SECONDS = 60


def _live_topics() -> list[tuple[str, str]]:
    live_guides = public(GuidePage.objects.live()).values("pk")
    return list(
        GuidePageTag.objects.filter(content_object__in=live_guides)
        .values_list("tag__slug", "tag__name")
        .distinct()
        .order_by("tag__name")
    )


def topic_choices():
    """Topics used by at least one published guide, A to Z."""
    return caches["derived"].get_or_set(TOPICS_KEY, _live_topics, TOPICS_SECONDS)


def forget_topics(**kwargs) -> None:
    caches["derived"].delete(TOPICS_KEY)


class GuideFilter(django_filters.FilterSet):
    tag = django_filters.ChoiceFilter(
        label=_("Topic"),
        empty_label=_("All topics"),
        field_name="tags__slug",
        choices=topic_choices,
        error_messages={
            "invalid_choice": _("We have no topic with that name. Choose one from the list.")
        },
    )
    audience = django_filters.ModelChoiceFilter(
        label=_("Who it is for"),
        empty_label=_("Everyone"),
        field_name="audiences",
        to_field_name="slug",
        queryset=Audience.objects.all(),
        error_messages={"invalid_choice": _("Choose who the guide is for from the list.")},
    )

    class Meta:
        model = GuidePage
        fields = ["tag", "audience"]

    @property
    def qs(self):
        return super().qs.distinct().order_by("title")


def filter_fields(form) -> str:
    """The filter form's fields, rendered once (pbsite.fragments) for what they show: the choices
    offered, and each field's value and errors as asked for."""
    shows = (
        tuple(topic_choices()),
        tuple(Audience.objects.values_list("slug", "name")),
        tuple((field.name, field.value(), tuple(map(str, field.errors))) for field in form),
    )
    return render_once("components/form_fields.html", {"form": form}, shows=shows)


def group_by_stage(items) -> list[tuple[Stage, list]]:
    """(stage value, item) pairs as the items under each stage, in the order a holder meets the
    stages; empty stages are left out."""
    by_stage: dict[str, list] = {}
    for stage, item in items:
        by_stage.setdefault(stage, []).append(item)
    return [(stage, by_stage[stage.value]) for stage in Stage if stage.value in by_stage]
