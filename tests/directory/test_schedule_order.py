"""A service's times read in the order of the week, wherever they are shown: they were in the
order of their random identifiers, so "Saturday" could come before "Monday"."""

import datetime

import pytest

from directory.models import Schedule

from .conftest import make_service

pytestmark = pytest.mark.django_db

#: Written in an order no timetable uses, each a row of its own.
ROWS = [
    ("SA", 10, "Saturday, 10am to 12 noon"),
    ("WE", 14, "Wednesday, 2pm to 4pm"),
    ("MO,TU", 13, "Monday, Tuesday, 1pm to 3pm"),
    ("MO", 9, "Monday, 9am to 11am"),
    ("", 11, "Days vary, 11am to 1pm"),
]
IN_WEEK_ORDER = [ROWS[3][2], ROWS[2][2], ROWS[1][2], ROWS[0][2], ROWS[4][2]]


def service_with_times():
    service = make_service("Craft club", days="")
    for byday, hour, _text in ROWS:
        Schedule.objects.create(
            service=service,
            byday=byday,
            opens_at=datetime.time(hour),
            closes_at=datetime.time(hour + 2),
        )
    return service


def in_page_order(page: str, texts: list[str]) -> list[str]:
    return sorted(texts, key=page.index)


def test_a_services_times_come_in_the_order_of_the_week():
    service = service_with_times()
    assert [schedule.text for schedule in service.schedules.all()] == IN_WEEK_ORDER


def test_the_listing_and_the_finder_show_them_in_that_order(client):
    service = service_with_times()
    listing = client.get(service.organisation.get_absolute_url()).content.decode()
    assert in_page_order(listing, IN_WEEK_ORDER) == IN_WEEK_ORDER
    found = client.get("/directory/", {"postcode": "OX4"}).content.decode()
    assert in_page_order(found, IN_WEEK_ORDER) == IN_WEEK_ORDER
