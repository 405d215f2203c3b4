"""The shared toolkit every part uses (issue 16, item 1): one text clean-up, one freshness
policy, one is_moderator with one per-request cache, one limit on amounts of money."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from accounts.models import Role
from accounts.permissions import is_moderator
from directory.models import Organisation
from pa_register.models import PAProfile
from pbsite.forms import MoneyField, PostcodeDistrictField
from pbsite.freshness import Freshness, FreshnessPolicy, as_day
from pbsite.request_parsing import MAX_QUERY_LENGTH, TextQueryField, clean_text, printable
from tests.people import make_user


def test_white_space_of_any_kind_becomes_a_space_and_other_control_characters_go():
    assert clean_text("holiday\tpay\n\x00 rates") == "holiday pay rates"
    assert clean_text("O\x00X4") == "OX4"
    assert printable("line one\nline two\x07", keep_lines=True) == "line one\nline two"


def test_search_words_are_cut_to_one_length_everywhere():
    assert len(TextQueryField(required=False).clean("word " * 100)) == MAX_QUERY_LENGTH


def test_a_postcode_district_field_keeps_only_the_first_part():
    assert PostcodeDistrictField().clean(" ox4 1aa ") == "OX4"
    with pytest.raises(ValidationError) as problem:
        PostcodeDistrictField().clean("")
    assert "first part of your postcode" in str(problem.value)


def test_a_money_field_says_the_most_it_takes_in_words():
    field = MoneyField(amount_label="the hourly rate", most=500)
    assert field.clean("500") == 50000
    assert field.clean("12.345") == 1235  # half a penny rounds up, as everywhere
    with pytest.raises(ValidationError) as problem:
        field.clean("500.01")
    assert "The hourly rate must be £500 or less." in str(problem.value)
    with pytest.raises(ValidationError) as problem:
        field.clean("-1")
    assert "cannot be less than £0" in str(problem.value)


POLICY = FreshnessPolicy(sinking_reminder="Sinking soon", hiding_reminder="Hiding soon")
TODAY = datetime.date(2027, 6, 1)


def test_one_freshness_policy_reads_dates_and_moments_as_days():
    moment = datetime.datetime(2027, 3, 3, 23, 30, tzinfo=datetime.UTC)
    assert as_day(moment) == datetime.date(2027, 3, 3)
    assert POLICY.freshness(TODAY - datetime.timedelta(days=89), TODAY) is Freshness.FRESH
    assert POLICY.freshness(TODAY - datetime.timedelta(days=90), TODAY) is Freshness.STALE
    confirmed = datetime.datetime.combine(
        TODAY - datetime.timedelta(days=180), datetime.time(9), tzinfo=datetime.UTC
    )
    assert POLICY.freshness(confirmed, TODAY) is Freshness.HIDDEN
    assert POLICY.note(TODAY - datetime.timedelta(days=100), TODAY).endswith(
        "Some details may have changed."
    )


def test_only_the_latest_reminder_due_is_sent():
    long_ago = TODAY - datetime.timedelta(days=170)
    assert POLICY.due_reminder(long_ago, reminders_sent=0, on=TODAY) == 1
    assert POLICY.due_reminder(long_ago, reminders_sent=2, on=TODAY) is None


@pytest.mark.django_db
def test_every_part_asks_the_database_once_who_is_a_moderator(django_assert_num_queries):
    moderator = make_user("Jo Moderator", role=Role.MODERATOR)
    member = make_user("Sam Member")
    with django_assert_num_queries(1):
        assert is_moderator(moderator)
        # The register, the directory and the forum all ask the same question of one user.
        list(PAProfile.objects.visible_to(moderator).none())
        list(Organisation.objects.visible_to(moderator).none())
        assert is_moderator(moderator)
    assert not is_moderator(member)
    assert not is_moderator(None)


def test_as_day_is_the_local_day_as_django_reads_it():
    from django.utils import timezone

    late = datetime.datetime(2027, 3, 3, 23, 30, tzinfo=datetime.UTC)
    early = datetime.datetime(2027, 3, 3, 0, 30, tzinfo=datetime.UTC)
    for zone in ("Europe/London", "America/New_York", "Asia/Tokyo"):
        with timezone.override(zone):
            for moment in (late, early, late.replace(month=7)):
                assert as_day(moment) == timezone.localdate(moment), (zone, moment)
    assert as_day(datetime.datetime(2027, 3, 3, 23, 30)) == datetime.date(2027, 3, 3)  # naive
    assert as_day(TODAY) is TODAY
