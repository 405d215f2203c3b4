"""A list's pages: the first page of a short list is read without counting it apart."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from pbsite.pagination import paginate

pytestmark = pytest.mark.django_db


def groups(count: int):
    Group.objects.bulk_create(Group(name=f"group {number:03}") for number in range(count))
    return Group.objects.filter(name__startswith="group ").order_by("name")


def page_of(items, query: str = "", per_page: int = 5):
    request = RequestFactory().get(f"/list/{query}")
    with CaptureQueriesContext(connection) as queries:
        page = paginate(request, items, per_page=per_page)
        shown = [group.name for group in page]
        counted = (page.paginator.count, page.paginator.num_pages, page.has_next())
    return shown, counted, len(queries)


def test_a_list_that_fits_on_its_first_page_is_read_in_one_query():
    shown, counted, queries = page_of(groups(4))
    assert shown == [f"group {number:03}" for number in range(4)]
    assert counted == (4, 1, False)
    assert queries == 1


def test_a_list_exactly_one_page_long_has_no_next_page():
    shown, counted, queries = page_of(groups(5))
    assert len(shown) == 5 and counted == (5, 1, False) and queries == 1


def test_a_longer_list_is_counted_and_its_first_page_not_read_twice():
    shown, counted, queries = page_of(groups(12))
    assert shown == [f"group {number:03}" for number in range(5)]
    assert counted == (12, 3, True)
    assert queries == 2  # the first page and the count


def test_an_empty_list_has_one_empty_page():
    shown, counted, queries = page_of(groups(0))
    assert shown == [] and counted == (0, 1, False) and queries == 1


@pytest.mark.parametrize(
    ("query", "first"), [("?page=2", 5), ("?page=9", 10), ("?page=junk", 0), ("?page=1", 0)]
)
def test_other_pages_and_junk_as_before(query, first):
    shown, counted, _queries = page_of(groups(12), query)
    assert shown[0] == f"group {first:03}"
    assert counted == (12, 3, first < 10)
