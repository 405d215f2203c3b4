"""Which guides are due for review: older than GUIDE_REVIEW_MONTHS months."""

import datetime

import pytest

from home import reviews
from home.models import GuidePage

from .conftest import make_guide

TODAY = datetime.date(2027, 3, 31)


def test_months_before_handles_short_months_and_years():
    assert reviews.months_before(TODAY, 12) == datetime.date(2026, 3, 31)
    assert reviews.months_before(TODAY, 1) == datetime.date(2027, 2, 28)
    assert reviews.months_before(datetime.date(2024, 3, 31), 1) == datetime.date(2024, 2, 29)
    assert reviews.months_before(datetime.date(2027, 1, 15), 13) == datetime.date(2025, 12, 15)


def test_is_due():
    assert reviews.is_due(datetime.date(2026, 3, 30), TODAY)
    assert not reviews.is_due(datetime.date(2026, 3, 31), TODAY)
    assert reviews.is_due(None, TODAY)


@pytest.mark.django_db
def test_due_list_is_oldest_first_and_follows_the_setting(settings, guide_index):
    make_guide(guide_index, "Fresh", last_reviewed=datetime.date(2027, 1, 1))
    make_guide(guide_index, "Old", last_reviewed=datetime.date(2025, 6, 1))
    make_guide(guide_index, "Older", last_reviewed=datetime.date(2024, 6, 1))
    make_guide(guide_index, "Borderline", last_reviewed=datetime.date(2026, 4, 1))
    due = reviews.due_for_review(GuidePage.objects.all(), TODAY)
    assert [guide.title for guide in due] == ["Older", "Old"]

    settings.GUIDE_REVIEW_MONTHS = 6
    due = reviews.due_for_review(GuidePage.objects.all(), TODAY)
    assert [guide.title for guide in due] == ["Older", "Old", "Borderline"]
