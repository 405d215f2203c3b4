"""``pbsite.prefetching``: related rows prefetched as lists read the same as rows asked for."""

import pytest

from directory.finding import with_details
from directory.models import Service

from .conftest import make_service

pytestmark = pytest.mark.django_db


def test_rows_prefetched_as_lists_need_no_query_and_match_the_database(
    django_assert_num_queries,
):
    make_service("Craft mornings", districts=("OX3", "OX4"), costs=((1500, "session"),))
    make_service("Garden club", districts=("OX16",))
    details = ("cost_options", "schedules", "service_areas")  # not the languages
    loaded = list(with_details(Service.objects.order_by("name"), details))
    with django_assert_num_queries(0):
        districts = [service.districts() for service in loaded]
        costs = [[cost.pk for cost in service.cost_option_rows()] for service in loaded]
    fresh = list(Service.objects.order_by("name"))
    assert districts == [service.districts() for service in fresh] == [["OX3", "OX4"], ["OX16"]]
    assert costs == [[cost.pk for cost in service.cost_options.all()] for service in fresh]
    # Not prefetched (a card leaves the languages out): read from the database instead.
    with django_assert_num_queries(1):
        assert [language.name for language in loaded[0].language_rows()] == ["English"]
